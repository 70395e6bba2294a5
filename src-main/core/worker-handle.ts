import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BilingualError } from '../../src-shared/errors';
import { appRoot } from '../paths';
import { Peer, type Methods } from './peer';
import type { CallRequest, CallResult, WorkerSetup } from './worlds';

/** Which file a worker thread runs, and with which Node options. */
export interface WorkerEntry {
  url: URL;
  execArgv: string[];
}

/** From the sources (tests, benches): the TypeScript entry, loaded through tsx. */
export function sourceWorkerEntry(): WorkerEntry {
  const root = appRoot();
  return {
    url: pathToFileURL(join(root, 'src-main', 'core', 'worker.ts')),
    execArgv: ['--import', pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href],
  };
}

/** From the built bundle: `worker.js` beside the entry that starts the core (out/main). */
export function builtWorkerEntry(entryUrl: string): WorkerEntry {
  return { url: new URL('./worker.js', entryUrl), execArgv: [] };
}

let nextThread = 1;

/**
 * One worker thread as the front sees it: its link, how many requests it is working on (and since
 * when: a request older than the read deadline means it is stuck in a long query), and which
 * sessions have reads on it (a session's next read joins them instead of taking another reader).
 */
export class WorkerHandle {
  readonly peer: Peer;
  readonly ready: Promise<void>;
  readonly id = nextThread++;
  state: 'starting' | 'ready' | 'gone' = 'starting';
  private readonly worker: Worker;
  private readonly started = new Map<number, number>();
  private readonly sessions = new Map<string, number>();
  private seq = 0;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  /** Set when the front itself stops or replaces this worker (its exit is no crash). */
  retiring = false;

  constructor(
    readonly setup: WorkerSetup,
    entry: WorkerEntry,
    methods: Methods,
    onExit: (h: WorkerHandle, code: number) => void,
  ) {
    // A reader's work is small blocks of rows: a small young generation saves ~20 MB per reader.
    // The writer's (polls, single writes) saves ~20 MB at 16; job workers (imports) keep V8's default.
    const young = { reader: 8, writer: 16, job: undefined }[setup.role];
    const limits = young ? { resourceLimits: { maxYoungGenerationSizeMb: young } } : {};
    this.worker = new Worker(entry.url, { workerData: setup, execArgv: entry.execArgv, name: setup.name, ...limits });
    this.worker.unref?.();
    let settle!: { ok(): void; fail(e: Error): void };
    this.ready = new Promise<void>((ok, fail) => (settle = { ok, fail }));
    this.ready.catch(() => undefined);
    this.peer = new Peer(
      { post: (m, transfer) => this.worker.postMessage(m, transfer), listen: (fn) => this.worker.on('message', fn) },
      {
        ...methods,
        ready: () => {
          this.state = 'ready';
          settle.ok();
        },
        // Words for a person (a full disk) keep both languages: each caller is told in theirs.
        failed: ({ message, zh, en }: { message: string; zh?: string; en?: string }) => settle.fail(zh !== undefined && en !== undefined ? new BilingualError(zh, en) : new Error(message)),
      },
    );
    this.worker.on('error', () => undefined); // the exit that follows is what counts
    this.worker.on('exit', (code) => {
      this.state = 'gone';
      this.peer.close(`${setup.name} stopped (exit ${code})`);
      settle.fail(new Error(`${setup.name} stopped before it was ready (exit ${code})`));
      if (this.idleTimer) clearTimeout(this.idleTimer);
      onExit(this, code);
    });
  }

  get name(): string {
    return this.setup.name;
  }

  get threadId(): number {
    return this.worker.threadId;
  }

  /** Requests in flight, including ones whose caller gave up (the worker is still busy with them). */
  get inflight(): number {
    return this.started.size;
  }

  /** How long the oldest request in flight has been running (0 when idle). */
  busyFor(now: number): number {
    let oldest = now;
    for (const t of this.started.values()) oldest = Math.min(oldest, t);
    return now - oldest;
  }

  hasSession(token: string): boolean {
    return (this.sessions.get(token) ?? 0) > 0;
  }

  /** Requests in flight that are not this session's (a read placed here queues behind them). */
  othersInFlight(token: string | null): number {
    return this.started.size - (token ? this.sessions.get(token) ?? 0 : 0);
  }

  call(req: CallRequest): Promise<CallResult> {
    // An upload's bytes are handed over, not copied (the front's loop would copy megabytes); only a
    // buffer they fill alone (a view into a shared pool would take its neighbours with it).
    const j = req.json;
    const own = j && j.byteOffset === 0 && j.byteLength === j.buffer.byteLength && j.buffer instanceof ArrayBuffer;
    const transfer = own ? [j.buffer as ArrayBuffer] : undefined;
    return this.track(() => this.peer.request<CallResult>('call', req, transfer), req.token);
  }

  request<T>(method: string, arg: unknown): Promise<T> {
    return this.track(() => this.peer.request<T>(method, arg), null);
  }

  /** Runs `onIdle` once the worker has had nothing to do for `ms` (spare readers, job workers). */
  whenIdle(ms: number, onIdle: () => void): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.inflight === 0 && this.state === 'ready') onIdle();
    }, ms);
    this.idleTimer.unref?.();
  }

  /** Asks the world to close (its connection, its timers), then ends the thread. */
  async stop(timeoutMs = 5000): Promise<void> {
    if (this.state === 'gone') return;
    this.retiring = true;
    // A thread still opening (a spare reader started a moment ago) is let finish first: ended
    // while it loads the SQLite addon, Node aborts the whole process (napi fatal error).
    if (this.state === 'starting') await Promise.race([this.ready.catch(() => undefined), new Promise((r) => setTimeout(r, timeoutMs).unref?.())]);
    if (this.state === 'ready') {
      await Promise.race([this.peer.request('stop', null).catch(() => undefined), new Promise((r) => setTimeout(r, timeoutMs).unref?.())]);
    }
    await this.worker.terminate();
  }

  private async track<T>(send: () => Promise<T>, token: string | null): Promise<T> {
    const n = ++this.seq;
    this.started.set(n, Date.now());
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (token) this.sessions.set(token, (this.sessions.get(token) ?? 0) + 1);
    try {
      return await send();
    } finally {
      this.started.delete(n);
      if (token) {
        const left = (this.sessions.get(token) ?? 1) - 1;
        if (left > 0) this.sessions.set(token, left);
        else this.sessions.delete(token);
      }
    }
  }
}
