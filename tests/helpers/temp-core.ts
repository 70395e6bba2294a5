import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Front, type FrontOptions } from '../../src-main/core/front';
import { startHttpHost } from '../../src-main/host/http-server';
import { createLogger } from '../../src-main/log';
import type { CallInput, CallName, CallOutput } from '../../src-shared/contract';
import type { ApiResult } from '../../src-shared/errors';

export interface TempCore {
  front: Front;
  /** Settles when the core has opened the workspace (already, unless `listenWhileStarting`). */
  started: Promise<void>;
  url: string;
  dataDir: string;
  /** POST /api/<name> as the browser would; the parsed body and the HTTP status. */
  post(name: string, input: unknown, token?: string | null): Promise<{ status: number; body: ApiResult<unknown>; ms: number }>;
  call<K extends CallName>(name: K, input: CallInput<K>, token: string | null): Promise<CallOutput<K>>;
  login(username: string, password?: string): Promise<string>;
  /** Stops the host and the core; removes the folder unless `keep`. */
  dispose(keep?: boolean): Promise<void>;
}

/**
 * The real core (front + worker threads from the sources, through tsx) behind the real HTTP host,
 * on a fresh demo workspace in a temp folder. Fault injection is on (ORDERHUB_FAULTS=1).
 */
export async function tempCore(opts: Partial<Omit<FrontOptions, 'log'>> = {}, how: { listenWhileStarting?: boolean } = {}): Promise<TempCore> {
  process.env.ORDERHUB_FAULTS = '1';
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'orderhub-core-'));
  const front = new Front({
    dataDir,
    log: createLogger(dataDir, { console: false }),
    jobNice: 0, // the other test files are this CPU's other users: a lowered job would only run late
    ...opts,
    writer: { demo: true, demoOrders: 0, channels: { autostart: false }, ...opts.writer },
  });
  // As the CLI host does: the host may listen while the core opens the workspace (`started` says when it has).
  const started = front.start();
  if (!how.listenWhileStarting) await started;
  const host = await startHttpHost({ api: front, version: 'test', rendererDir: dataDir });
  const post = async (name: string, input: unknown, token?: string | null) => {
    const t = performance.now();
    const res = await fetch(`${host.url}/api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(input ?? {}),
    });
    const body = (await res.json()) as ApiResult<unknown>;
    return { status: res.status, body, ms: performance.now() - t };
  };
  const call = async <K extends CallName>(name: K, input: CallInput<K>, token: string | null) => {
    const { body } = await post(name, input, token);
    if ('error' in body) throw new Error(`${name} failed: ${body.error.code} ${body.error.message}`);
    return body.data as CallOutput<K>;
  };
  return {
    front,
    started,
    url: host.url,
    dataDir,
    post,
    call,
    login: async (username, password = 'orderhub-demo') => (await call('auth.login', { username, password }, null)).token,
    dispose: async (keep = false) => {
      await host.close();
      await front.close();
      if (!keep) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Reads Server-Sent Events from /api/events as the renderer does (fetch with a Bearer token). */
export async function openEvents(url: string, token: string | null): Promise<{ status: number; events: { name: string; data: unknown; at: number }[]; closed: Promise<void>; close(): void }> {
  const ctl = new AbortController();
  const res = await fetch(`${url}/api/events`, { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal: ctl.signal });
  const events: { name: string; data: unknown; at: number }[] = [];
  let closed: Promise<void> = Promise.resolve();
  if (res.ok && res.body) {
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    closed = (async () => {
      let buf = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          buf += decoder.decode(value, { stream: true });
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const name = /^event: (.+)$/m.exec(block)?.[1];
            const data = /^data: (.+)$/m.exec(block)?.[1];
            if (name && data) events.push({ name, data: JSON.parse(data) as unknown, at: performance.now() });
          }
        }
      } catch {
        // aborted by close()
      }
    })();
  }
  return { status: res.status, events, closed, close: () => ctl.abort() };
}

export async function until<T>(what: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000, everyMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await what();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting; last value: ${JSON.stringify(v)?.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
