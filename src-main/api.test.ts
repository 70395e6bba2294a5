import { describe, expect, it } from 'vitest';
import { createApi } from './api';
import type { AuthService } from './auth/auth-service';
import type { Handlers } from './kernel/call';
import { createLogger } from './log';

/** The read deadline the front sets reaches the handler; a call without one has none. */
describe('the dispatcher', () => {
  const seen: (number | undefined)[] = [];
  const api = createApi({
    auth: { authenticate: () => null } as unknown as AuthService,
    writes: { record: () => undefined },
    handlers: { 'setup.status': (_input: unknown, ctx: { deadlineAt?: number }) => seen.push(ctx.deadlineAt) } as unknown as Handlers,
    log: createLogger('/tmp', { console: false }),
  });

  it('hands the caller\'s deadline to the handler', async () => {
    const at = Date.now() + 1500;
    await api.dispatch('setup.status', {}, null, 'zh-CN', undefined, { deadlineAt: at });
    await api.dispatch('setup.status', {}, null);
    expect(seen).toEqual([at, undefined]);
  });
});
