import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../src-shared/errors';

/** The renderer's client over a bridge that answers from a script (the Electron preload's shape). */
async function clientAnswering(answers: ApiResult<unknown>[]) {
  const calls: string[] = [];
  vi.stubGlobal('sessionStorage', { getItem: () => 'token', setItem: () => undefined, removeItem: () => undefined });
  vi.stubGlobal('window', { orderhub: { invoke: async (name: string) => (calls.push(name), answers.shift()!) } });
  const { client, CallError } = await import('./client');
  return { client, CallError, calls };
}

const timeout: ApiResult<unknown> = { error: { code: 'timeout', message: '查询时间过长，正在后台继续' } };

describe('the renderer client', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('asks a read that ran past the deadline again, and the screen gets the answer', async () => {
    const { client, calls } = await clientAnswering([timeout, { data: { total: 2 } }]);
    await expect(client.call('exceptions.list', { limit: 50, offset: 0 } as never)).resolves.toEqual({ total: 2 });
    expect(calls).toEqual(['exceptions.list', 'exceptions.list']);
  });

  it('gives up after three timeouts and says so', async () => {
    const { client, CallError, calls } = await clientAnswering([timeout, timeout, timeout, { data: {} }]);
    const err = await client.call('exceptions.list', { limit: 50, offset: 0 } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CallError);
    expect(err).toMatchObject({ code: 'timeout' });
    expect(calls).toHaveLength(3);
  });

  it('never repeats a call that was refused for another reason', async () => {
    const { client, calls } = await clientAnswering([{ error: { code: 'forbidden', message: '无权限' } }, { data: {} }]);
    await expect(client.call('orders.transition', {} as never)).rejects.toMatchObject({ code: 'forbidden' });
    expect(calls).toHaveLength(1);
  });
});
