import type { ApiResult } from '../../src-shared/errors';
import type { Api } from '../kernel/dispatch';
import type { App } from '../app';
import type { AuthService } from '../auth/auth-service';
import type { SessionFacts } from './worlds';
import type { Locale } from '../kernel/i18n';
import { LocalEvents } from '../kernel/events';
import { dispatchParsed } from '../kernel/json-body';
import { Subscribers, type EventStream } from './subscribers';

export type { EventStream } from './subscribers';

/** What a host (HTTP, Electron's port) needs from the core: calls, event streams, a health line. */
export interface Core extends Api {
  subscribe(token: string | null, stream: EventStream, locale?: Locale): Promise<ApiResult<{ close(): void }>>;
  status(): object;
  /** A call whose JSON body is still bytes (an upload): parsed by whoever runs the call, not the host's loop. */
  dispatchJson(name: string, json: Uint8Array, token: string | null, locale?: Locale, source?: string): Promise<ApiResult<unknown>>;
}

/**
 * The single-process app as a Core: every call on this one loop, events from its local hub. It is
 * today's design before the front existed — the baseline the responsiveness bench measures
 * against — and what tests use when they need a host without worker threads.
 */
export function inProcessCore(app: App): Core {
  const streams = new Subscribers(async (tokens) => tokens.map((t) => sessionFacts(app.services.auth, t)));
  if (app.events instanceof LocalEvents) {
    app.events.on((name, payload) => streams.publish(name, payload));
    app.events.onSessionsEnded(() => streams.sessionsEnded());
  }
  return {
    dispatch: (...args) => app.api.dispatch(...args),
    dispatchJson: (name, json, ...rest) => dispatchParsed(app.api, name, json, ...rest),
    mayCall: (name, token) => app.api.mayCall(name, token),
    async subscribe(token, stream, locale = 'zh-CN') {
      const facts = token ? sessionFacts(app.services.auth, token) : null;
      if (!token || !facts) {
        return { error: { code: 'unauthenticated', message: locale === 'en' ? 'session missing or expired: sign in again' : '登录已失效，请重新登录' } };
      }
      return { data: { close: streams.add(token, facts, stream) } };
    },
    status: () => ({ mode: 'single-loop', streams: streams.size }),
  };
}

/** Who a token belongs to, for event streams: permissions and session end; null for a dead token. */
export function sessionFacts(auth: AuthService, token: string): SessionFacts | null {
  const user = auth.authenticate(token);
  const expiresAt = user ? auth.sessionExpiry(token) : null;
  return user && expiresAt ? { userId: user.id, permissions: [...user.permissions], expiresAt } : null;
}
