import type { CallInput, CallName, CallOutput } from '../../src-shared/contract';
import type { ApiErrorBody, ApiResult } from '../../src-shared/errors';
import type { OrderHubClient, PreloadBridge } from '../../src-shared/client';

declare global {
  interface Window {
    orderhub?: PreloadBridge;
  }
}

/** An error from the main process, as the UI shows it: code to act on, words, field at fault. */
export class CallError extends Error {
  readonly code: ApiErrorBody['code'];
  readonly field: string | undefined;
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.code = body.code;
    this.field = body.field;
  }
}

/**
 * The core cannot answer yet and says why: it is opening the workspace (an update's migration, with
 * how far it is) or restarting. Asked again shortly, it answers.
 */
export function isStarting(e: unknown): e is CallError {
  return e instanceof CallError && e.code === 'unavailable';
}

/** The core could not open the workspace (a full disk, a file it cannot read): the words say why and what to do. */
export function cannotOpen(e: unknown): e is CallError {
  return e instanceof CallError && e.code === 'cannot_open';
}

const TOKEN_KEY = 'orderhub.token';
const EXPIRES_KEY = 'orderhub.expiresAt';
/** The session token (and when it expires) for this tab only: sessionStorage, never localStorage. */
export const tokenStore = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  expiresAt: () => Number(sessionStorage.getItem(EXPIRES_KEY)) || null,
  set: (t: string | null, expiresAt?: number) => {
    if (t) sessionStorage.setItem(TOKEN_KEY, t);
    else sessionStorage.removeItem(TOKEN_KEY);
    if (t && expiresAt) sessionStorage.setItem(EXPIRES_KEY, String(expiresAt));
    else sessionStorage.removeItem(EXPIRES_KEY);
  },
};

export const currentLocale = () => localStorage.getItem('orderhub.locale') ?? 'zh-CN';

/** The Electron preload's bridge when present, else the headless host's HTTP API. */
async function send(name: CallName, input: unknown): Promise<ApiResult<unknown>> {
  const token = tokenStore.get();
  if (window.orderhub) return window.orderhub.invoke(name, input, token);
  const res = await fetch(`/api/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-OrderHub-Locale': currentLocale(),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(input ?? {}),
  });
  return (await res.json()) as ApiResult<unknown>;
}

/** Listeners told when a call comes back `unauthenticated` (expired session → login screen). */
const expiredListeners = new Set<() => void>();
export const onSessionExpired = (fn: () => void) => {
  expiredListeners.add(fn);
  return () => {
    expiredListeners.delete(fn);
  };
};
export const notifySessionExpired = () => expiredListeners.forEach((fn) => fn());

/**
 * A read that ran past the core's deadline answers `timeout` and goes on in the background (its
 * pages are then warm): it is asked again after these waits before the screen hears of it. Without
 * this a busy moment left a grid's page request failed, and the grid showing no rows.
 */
const TIMEOUT_RETRY_MS = [250, 1_000];

async function sendRetryingTimeouts(name: CallName, input: unknown): Promise<ApiResult<unknown>> {
  for (let attempt = 0; ; attempt++) {
    const result = await send(name, input);
    const wait = TIMEOUT_RETRY_MS[attempt];
    if (!('error' in result) || result.error.code !== 'timeout' || wait === undefined) return result;
    await new Promise((r) => setTimeout(r, wait));
  }
}

export const client: OrderHubClient = {
  async call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
    const result = await sendRetryingTimeouts(name, input);
    if ('error' in result) {
      if (result.error.code === 'unauthenticated' && name !== 'auth.login') notifySessionExpired();
      throw new CallError(result.error);
    }
    return result.data as CallOutput<K>;
  },
};
