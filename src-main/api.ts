import { contract, isCallName } from '../src-shared/contract';
import { ApiError, type ApiResult } from '../src-shared/errors';
import type { AuthService } from './auth/auth-service';
import type { WritePath } from './db/write-path/write-path';
import type { CallContext, Handlers } from './kernel/call';
import type { Api } from './kernel/dispatch';
import { say, type Locale } from './kernel/i18n';
import { illFormedString, invalidInput, notUnicode } from './kernel/validation';
import type { Logger } from './log';

export type { Api, DispatchOptions } from './kernel/dispatch';

/** The source of calls from the Electron window (IPC): the app itself on this PC. */
export const LOCAL_WINDOW = 'local-window';

/**
 * The one dispatcher both hosts call: authenticate → check permission → validate → run.
 * Every refusal for lack of permission is written to the audit log.
 */
export function createApi(deps: { auth: AuthService; writes: Pick<WritePath, 'record'>; handlers: Handlers; log: Logger }): Api {
  const { auth, writes, handlers, log } = deps;
  return {
    mayCall(name, token) {
      if (!isCallName(name)) return false;
      const access = contract[name].access;
      if (access === 'public') return true;
      const user = auth.authenticate(token);
      return !!user && (access === 'authenticated' || user.permissions.includes(access));
    },
    async dispatch(name, input, token, locale = 'zh-CN', source = LOCAL_WINDOW, opts = {}) {
      if (!isCallName(name)) {
        return { error: { code: 'not_found', message: say(locale, `没有名为 "${name}" 的接口`, `no call named "${name}"`) } };
      }
      const spec = contract[name];
      const user = spec.access === 'public' ? null : auth.authenticate(token);
      const ctx: CallContext = {
        call: name,
        user,
        token,
        locale,
        source,
        ...(opts.deadlineAt === undefined ? {} : { deadlineAt: opts.deadlineAt }),
        write: (reason) => ({ actor: user ? { id: user.id, name: user.username } : { id: null, name: 'anonymous' }, call: name, reason: reason ?? null }),
        say: (zh, en) => say(locale, zh, en),
      };
      try {
        if (spec.access !== 'public' && !user) {
          throw new ApiError('unauthenticated', ctx.say('登录已失效，请重新登录', 'session missing or expired: sign in again'));
        }
        if (user && spec.access !== 'public' && spec.access !== 'authenticated' && !user.permissions.includes(spec.access)) {
          writes.record(ctx.write(), { entity: 'api', entityId: name, action: 'forbidden', after: { permission: spec.access, role: user.role } });
          throw new ApiError('forbidden', ctx.say(`当前角色无权执行此操作（需要权限 ${spec.access}）`, `your role may not do this (needs ${spec.access})`));
        }
        // Once for every call: text that SQLite would alter never gets in (names the field).
        const bad = illFormedString(input);
        if (bad) throw notUnicode(bad, locale);
        const parsed = spec.input.safeParse(input ?? {});
        if (!parsed.success) throw invalidInput(parsed.error, input, locale);
        const handler = handlers[name] as (i: unknown, c: CallContext) => unknown;
        return { data: await handler(parsed.data, ctx) };
      } catch (e) {
        if (e instanceof ApiError) return { error: e.toBody() };
        log.error(`call ${name} failed`, e);
        return { error: { code: 'internal', message: ctx.say('内部错误，已记录日志', 'internal error (logged)') } };
      }
    },
  };
}
