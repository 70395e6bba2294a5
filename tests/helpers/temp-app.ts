import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, type App, type AppOptions } from '../../src-main/app';
import type { CallInput, CallName, CallOutput } from '../../src-shared/contract';
import type { ApiResult } from '../../src-shared/errors';
import { createLogger } from '../../src-main/log';
import type { Locale } from '../../src-main/kernel/i18n';

export interface TempApp extends App {
  dataDir: string;
  /** Calls the dispatcher as a host would; returns the raw result. */
  raw(name: string, input: unknown, token: string | null, locale?: Locale): Promise<ApiResult<unknown>>;
  /** Calls and unwraps `data`, failing the test on `{error}`. */
  call<K extends CallName>(name: K, input: CallInput<K>, token: string | null): Promise<CallOutput<K>>;
  login(username: string, password?: string): Promise<string>;
  dispose(): void;
}

/**
 * A fresh workspace in a temp dir (real SQLite file, WAL), demo users by default. `inTeam`: the sync
 * log records every change, as on a PC enrolled in a team (alone it records nothing).
 */
export async function tempApp({ inTeam, ...opts }: Partial<AppOptions> & { inTeam?: boolean } = {}): Promise<TempApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'orderhub-test-'));
  // The exception detectors, tracking and alerts do not run by themselves in tests (a test runs a pass when it means to).
  const app = await openApp({ dataDir, demo: true, demoOrders: 0, log: createLogger(dataDir, { console: false }), risk: { autostart: false }, ...opts });
  if (inTeam) app.services.db.writes.syncLog.setEnabled(true);
  const raw = (name: string, input: unknown, token: string | null, locale?: Locale) => app.api.dispatch(name, input, token, locale);
  const call = async <K extends CallName>(name: K, input: CallInput<K>, token: string | null) => {
    const r = await raw(name, input, token);
    if ('error' in r) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
    return r.data as CallOutput<K>;
  };
  return {
    ...app,
    dataDir,
    raw,
    call,
    login: async (username, password = 'orderhub-demo') => (await call('auth.login', { username, password }, null)).token,
    dispose: () => {
      app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
