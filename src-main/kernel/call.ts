import type { CallName, CallOutput, ParsedInput } from '../../src-shared/contract';
import { ApiError } from '../../src-shared/errors';
import type { Permission, Role } from '../../src-shared/roles';
import type { WriteContext } from '../db/write-path/write-path';
import type { Locale } from './i18n';

export type { CallName, CallOutput, ParsedInput } from '../../src-shared/contract';
export type { ApiResult } from '../../src-shared/errors';
export type { Locale } from './i18n';

/** The signed-in user a call runs for, as the dispatcher authenticated them. */
export interface AuthedUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  permissions: readonly Permission[];
}

/** What a handler knows about the call it serves. */
export interface CallContext {
  call: CallName;
  /** Null only for 'public' calls. */
  user: AuthedUser | null;
  token: string | null;
  locale: Locale;
  /** Where the call came from (the HTTP peer address, or the app's own window): sign-in throttling keys on it. */
  source: string;
  /** The write context for this call: actor, call name, optional reason. */
  write(reason?: string | null): WriteContext;
  say(zh: string, en: string): string;
}

export type Handler<K extends CallName> = (input: ParsedInput<K>, ctx: CallContext) => CallOutput<K> | Promise<CallOutput<K>>;
export type Handlers = { [K in CallName]: Handler<K> };

/** Handlers for calls that need a signed-in user can rely on ctx.user. */
export function requireUser(ctx: CallContext): AuthedUser {
  if (!ctx.user) throw new ApiError('unauthenticated', ctx.say('请先登录', 'please sign in'));
  return ctx.user;
}
