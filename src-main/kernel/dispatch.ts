import type { ApiResult } from '../../src-shared/errors';
import type { Locale } from './i18n';

/** What the core and the hosts need of the one dispatcher (`../api.ts` builds it). */
export interface DispatchOptions {
  /** Epoch ms when the caller stops waiting (the front sets it for reads); undefined = none. */
  deadlineAt?: number | undefined;
}

export interface Api {
  /** `source`: who is asking (the HTTP peer address); the app's own window when left out. */
  dispatch(name: string, input: unknown, token: string | null, locale?: Locale, source?: string, opts?: DispatchOptions): Promise<ApiResult<unknown>>;
  /** Would this token be allowed to make this call? (The host asks before reading an upload.) */
  mayCall(name: string, token: string | null): boolean | Promise<boolean>;
}
