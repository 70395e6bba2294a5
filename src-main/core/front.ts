import { contract, isCallName, runsOf } from '../../src-shared/contract';
import { BilingualError, type ApiResult } from '../../src-shared/errors';
import type { DispatchOptions } from '../kernel/dispatch';
import type { Core } from './core';
import { say, type Locale } from '../kernel/i18n';
import type { Logger } from '../log';
import type { Methods } from './peer';
import { JobPool } from './job-pool';
import { ReaderPool } from './reader-pool';
import { Subscribers, type EventStream } from './subscribers';
import { threadMemory, type ThreadMemory } from './thread-memory';
import { JOB_NICE } from './thread-priority';
import { sourceWorkerEntry, WorkerHandle, type WorkerEntry } from './worker-handle';
import type { CallRequest, CallResult, JobRequest, RecordEntry, SessionFacts, WorkerRole, WorkerSetup } from './worlds';
import type { MigrationProgress, WriteContext } from '../db';
import { newWriteTurns } from '../db/write-turns';
import { MigrationWatch, type Migrating } from './migrating';

export interface FrontOptions {
  dataDir: string;
  log: Logger;
  /** Which file the worker threads run (default: the TypeScript sources through tsx). */
  entry?: WorkerEntry;
  /** Read-only workers serving reads side by side (default 2). */
  readers?: number;
  /** Extra readers used only while every reader is stuck in a long query (default at most 2, 1 kept warm). */
  maxSpareReaders?: number;
  warmSpareReaders?: number;
  /** Job workers running at once; more jobs wait their turn (default 2). */
  maxJobWorkers?: number;
  /**
   * Job workers' CPU priority below the front and readers (Linux nice; default JOB_NICE). Tests
   * pass 0: there other test files are the CPU's other users, and a lowered job only runs late.
   */
  jobNice?: number;
  /** How long a read may take before its caller gets `timeout` (default 1.5 s). */
  readDeadlineMs?: number;
  /** After the deadline, how long the front still waits for the worker's own early answer (default 200 ms). */
  deadlineGraceMs?: number;
  /** An idle job worker or spare reader ends after this long (default 30 s / 15 s). */
  jobIdleMs?: number;
  spareIdleMs?: number;
  /** Electron: the workspace's data key (unsealed by the OS keychain in the main process). */
  secretKey?: Uint8Array;
  /** The writer's start-up choices (new workspace, poller knobs). */
  writer?: WorkerSetup['writer'];
  /** Asked by the writer when the demo owner leaves for a new real workspace (the host switches). */
  onStartReal?: () => void;
  /** Where an update's migration stands while the writer runs it (Electron's main process words its waits with it). */
  onMigrating?: (p: MigrationProgress) => void;
}

export interface CoreStatus {
  writer: 'starting' | 'ready' | 'restarting' | 'cannot_open';
  /** Why the workspace could not be opened (writer 'cannot_open'). */
  failure?: string;
  /** An update's migration the writer is running (calls wait for it, then are told where it stands). */
  migrating: Migrating | null;
  readers: number;
  spareReaders: number;
  jobWorkers: number;
  streams: number;
}

/** The front's own answers: refusals it gives without a worker (unknown call, nobody to serve it). */
const unavailable = (locale: Locale): { error: Extract<CallResult, { error: unknown }>['error'] } => ({
  error: { code: 'unavailable', message: say(locale, '后台服务正在重启，请稍后重试', 'the core is restarting: try again shortly') },
});

/** The workspace could not be opened: every call gets why (the page shows it) until OrderHub starts again. */
const cannotOpen = (why: Error, dataDir: string, locale: Locale): { error: Extract<CallResult, { error: unknown }>['error'] } => {
  const words = why instanceof BilingualError ? say(locale, why.zh, why.en) : why.message;
  return { error: { code: 'cannot_open', message: say(locale, `OrderHub 无法打开工作区 ${dataDir}：${words}`, `OrderHub cannot open the workspace ${dataDir}: ${words}`) } };
};

/**
 * The front of the core: it runs no SQL and authenticates nothing. It routes each call by where
 * the contract says it runs — reads to the least busy reader (a session's reads stay together),
 * everything else to the one writer, long work to job workers — applies the read deadline,
 * relays events to the sessions allowed to see them, and restarts workers that die.
 */
export class Front implements Core {
  private writer: WorkerHandle | null = null;
  private writerReady: Promise<void> = Promise.resolve();
  private writerRestarts = 0;
  private readonly migration = new MigrationWatch();
  /** Settles when `start` has opened the workspace and the readers (calls before that wait for it). */
  private started: Promise<void> | null = null;
  private isStarted = false;
  /** Why the start failed (a full disk, an unreadable file): the words every call then gets. */
  private startFailure: Error | null = null;
  private writerEverReady = false;
  private readonly reads: ReaderPool;
  private readonly jobs: JobPool;
  private readonly streams: Subscribers;
  private closing = false;
  /** Who waits for the write lock, shared with every worker (db/write-turns.ts). */
  private readonly writeTurns = newWriteTurns();
  private readonly entry: WorkerEntry;

  constructor(private readonly o: FrontOptions) {
    this.entry = o.entry ?? sourceWorkerEntry();
    this.reads = new ReaderPool({
      log: o.log, spawn: (name, onExit) => this.spawn('reader', name, onExit), closing: () => this.closing,
      readers: o.readers, maxSpareReaders: o.maxSpareReaders, warmSpareReaders: o.warmSpareReaders, spareIdleMs: o.spareIdleMs,
      readDeadlineMs: o.readDeadlineMs, deadlineGraceMs: o.deadlineGraceMs,
    });
    this.jobs = new JobPool({ spawn: (name, onExit) => this.spawn('job', name, onExit), max: o.maxJobWorkers, idleMs: o.jobIdleMs });
    this.streams = new Subscribers(async (tokens) => (await this.reads.pick(null)).request<(SessionFacts | null)[]>('sessions', { tokens }));
  }

  /** Opens the workspace in the writer (migrations, first-run seeding), then the readers. */
  start(): Promise<void> {
    this.started ??= (async () => {
      this.startWriter();
      await this.writerReady;
      await this.reads.start();
      this.isStarted = true;
    })().catch((e: unknown) => {
      this.startFailure = e instanceof Error ? e : new Error(String(e));
      throw e;
    });
    return this.started;
  }

  /**
   * Waits for the start, however long; but while an update migrates the workspace, a call waits
   * at most MIGRATING_WAIT_MS and is then answered with where the migration stands (the screen
   * says it and asks again), instead of a window that spins for a minute with no word.
   */
  private async untilStarted(locale: Locale): Promise<ApiResult<unknown> | null> {
    if (this.isStarted) return null;
    const w = await this.migration.wait(() => this.started?.then(() => true, () => false) ?? null, locale);
    if ('words' in w) return { error: { code: 'unavailable', message: w.words } };
    if ('opened' in w && w.opened) return null;
    return this.startFailure === null ? unavailable(locale) : cannotOpen(this.startFailure, this.o.dataDir, locale);
  }

  dispatch(name: string, input: unknown, token: string | null, locale: Locale = 'zh-CN', source?: string, _opts?: DispatchOptions): Promise<ApiResult<unknown>> {
    return this.route({ name, input, token, locale, ...(source === undefined ? {} : { source }) });
  }

  /** An upload: its JSON bytes go to the worker that runs the call, which parses them. */
  dispatchJson(name: string, json: Uint8Array, token: string | null, locale: Locale = 'zh-CN', source?: string): Promise<ApiResult<unknown>> {
    return this.route({ name, input: undefined, json, token, locale, ...(source === undefined ? {} : { source }) });
  }

  private async route(req: CallRequest): Promise<ApiResult<unknown>> {
    const { name, locale } = req;
    if (this.closing) return unavailable(locale);
    const runs = isCallName(name) ? runsOf(contract[name]) : 'read'; // an unknown name: a reader says "no such call"
    const notYet = await this.untilStarted(locale);
    if (notYet) return notYet;
    try {
      if (runs === 'read') return await this.reads.read(req);
      if (runs === 'job') return await this.jobs.on((w) => w.call(req));
      await this.writerReady;
      return await this.writer!.call(req);
    } catch (e) {
      this.o.log.warn(`call ${name} got no answer: ${e instanceof Error ? e.message : String(e)}`);
      return unavailable(locale);
    } finally {
      // Read your own writes: a read this session asked before is not served after this call.
      if (runs !== 'read' && req.token) this.reads.wrote(req.token);
    }
  }

  /** May this token make this call? A reader looks the session up (the host asks before reading an upload). */
  async mayCall(name: string, token: string | null): Promise<boolean> {
    if (!isCallName(name) || this.closing) return false;
    const access = contract[name].access;
    if (access === 'public') return true;
    if (!token || (await this.untilStarted('zh-CN'))) return false;
    try {
      const [facts] = await (await this.reads.pick(token)).request<(SessionFacts | null)[]>('sessions', { tokens: [token] });
      return !!facts && (access === 'authenticated' || facts.permissions.includes(access));
    } catch {
      return false;
    }
  }

  /**
   * Opens an event stream for a session: the token is checked by a reader; events then arrive as
   * they are committed, filtered by the session's permissions, until the session ends.
   */
  async subscribe(token: string | null, stream: EventStream, locale: Locale = 'zh-CN'): Promise<ApiResult<{ close(): void }>> {
    const unauthenticated = { error: { code: 'unauthenticated' as const, message: say(locale, '登录已失效，请重新登录', 'session missing or expired: sign in again') } };
    if (!token) return unauthenticated;
    const notYet = await this.untilStarted(locale);
    if (notYet && 'error' in notYet) return { error: notYet.error };
    let facts: SessionFacts | null | undefined;
    try {
      [facts] = await (await this.reads.pick(null)).request<(SessionFacts | null)[]>('sessions', { tokens: [token] });
    } catch {
      return { error: unavailable(locale).error };
    }
    if (!facts) return unauthenticated;
    return { data: { close: this.streams.add(token, facts, stream) } };
  }

  status(): CoreStatus {
    return {
      writer: this.startFailure !== null ? 'cannot_open' : this.writer?.state === 'ready' ? 'ready' : this.writerRestarts ? 'restarting' : 'starting',
      ...(this.startFailure === null ? {} : { failure: this.startFailure.message }),
      migrating: this.migration.current,
      readers: this.reads.readers.filter((r) => r?.state === 'ready').length,
      spareReaders: this.reads.spares.filter((w) => w.state === 'ready').length,
      jobWorkers: this.jobs.workers.length,
      streams: this.streams.size,
    };
  }

  /** Each thread's heap (the front's own first): where the core's memory goes. */
  async memory(): Promise<({ name: string } & ThreadMemory)[]> {
    const all = [this.writer, ...this.reads.all(), ...this.jobs.workers].filter((w): w is WorkerHandle => !!w && w.state === 'ready');
    const each = await Promise.all(all.map(async (w) => ({ name: w.name, ...(await w.request<ThreadMemory>('memory', null).catch(() => null)) })));
    return [{ name: 'front', ...threadMemory() }, ...each.filter((x): x is { name: string } & ThreadMemory => 'heapUsedMB' in x)];
  }

  /** The worker threads now running (fault tests pick one to crash). */
  workers(): { role: WorkerRole; name: string; threadId: number; inflight: number }[] {
    const all = [this.writer, ...this.reads.all(), ...this.jobs.workers].filter((w): w is WorkerHandle => !!w && w.state !== 'gone');
    return all.map((w) => ({ role: w.setup.role, name: w.name, threadId: w.threadId, inflight: w.inflight }));
  }

  /** Fault tests (ORDERHUB_FAULTS=1): blocks a worker's thread for `ms`, as a long query would. */
  hold(name: string, ms: number): Promise<void> {
    return this.worker(name).request('hold', { ms });
  }

  /**
   * Fault tests (ORDERHUB_FAULTS=1): the worker dies as an unexpected error would kill it — at once,
   * or inside its next write transaction, after the batch is written and before it commits.
   * Resolves when the thread has stopped.
   */
  async crash(name: string, when: 'now' | 'in-transaction'): Promise<void> {
    const w = this.worker(name);
    const gone = new Promise<void>((resolve) => {
      const check = setInterval(() => w.state === 'gone' && (clearInterval(check), resolve()), 10);
    });
    w.peer.notify('crash', { when });
    await gone;
  }

  private worker(name: string): WorkerHandle {
    const w = [this.writer, ...this.reads.all(), ...this.jobs.workers].find((x) => x?.name === name);
    if (!w) throw new Error(`no worker ${name}`);
    return w;
  }

  async close(): Promise<void> {
    this.closing = true;
    this.streams.endAll();
    const all = [...this.jobs.workers, ...this.reads.all()];
    await Promise.all(all.map((w) => w.stop()));
    await this.writer?.stop(15_000);
  }

  // --- the writer --------------------------------------------------------------------------

  private startWriter(): void {
    const w = this.spawn('writer', 'writer', (h, code) => {
      if (this.closing || h.retiring) return;
      // The first writer could not open the workspace: the start failed, and says why to every call.
      if (!this.writerEverReady && this.writerRestarts === 0) return;
      this.writerRestarts++;
      const wait = Math.min(30_000, 250 * 2 ** Math.min(this.writerRestarts - 1, 7));
      this.o.log.error(`the writer stopped (exit ${code}); starting it again in ${wait} ms`);
      this.writerReady = new Promise((resolve) => setTimeout(() => {
        this.startWriter();
        resolve(this.writerReady);
      }, wait));
    });
    this.writer = w;
    this.writerReady = w.ready.then(() => {
      this.writerEverReady = true;
      this.migration.done();
      if (this.writerRestarts) this.o.log.info('the writer is back');
    });
  }

  /** Relayed to the writer in arrival order (both kinds wait for the same readiness). */
  private async toWriter(method: string, arg: unknown): Promise<unknown> {
    await this.writerReady;
    return this.writer!.peer.request(method, arg);
  }

  private async record(arg: { ctx: WriteContext; entry: RecordEntry }): Promise<void> {
    await this.writerReady;
    await this.writer!.request('record', arg);
  }

  // --- workers -----------------------------------------------------------------------------

  private spawn(role: WorkerRole, name: string, onExit: (h: WorkerHandle, code: number) => void): WorkerHandle {
    const setup: WorkerSetup = {
      role,
      name,
      dataDir: this.o.dataDir,
      writeTurns: this.writeTurns,
      ...(this.o.secretKey ? { secretKey: this.o.secretKey } : {}),
      ...(role === 'writer' && this.o.writer ? { writer: this.o.writer } : {}),
      ...(role === 'job' ? { nice: this.o.jobNice ?? JOB_NICE } : {}),
      ...(this.o.onStartReal ? { canStartReal: true } : {}),
    };
    const asked = Date.now();
    const h = new WorkerHandle(setup, this.entry, this.methodsFor(role), (h, code) => {
      if (!h.retiring && !this.closing) this.o.log.warn(`${h.name} exited (${code})`);
      onExit(h, code);
    });
    // A thread loads the whole app: its start is CPU the other threads wait for (logged beside slow calls).
    h.ready.then(() => this.o.log.info(`${name} started in ${Date.now() - asked} ms`), () => undefined);
    return h;
  }

  /** What a worker may ask of the front. */
  private methodsFor(role: WorkerRole): Methods {
    const common: Methods = {
      event: ({ name, payload }: { name: string; payload: unknown }) => {
        if (!this.streams.publish(name, payload)) this.o.log.warn(`dropped a malformed event ${name}`);
      },
      sessionsEnded: () => this.streams.sessionsEnded(),
    };
    if (role === 'reader') return { ...common, record: (arg: { ctx: WriteContext; entry: RecordEntry }) => this.record(arg) };
    if (role === 'writer') {
      return {
        ...common,
        runJob: (job: JobRequest) => this.jobs.run(job),
        startReal: () => this.o.onStartReal?.(),
        migrating: (p: MigrationProgress) => {
          this.migration.report(p);
          this.o.onMigrating?.(p);
        },
        cancelJob: ({ key }: { key: string }) => this.jobs.cancel(key),
      };
    }
    return {
      ...common,
      // A job worker's commits to the sync log: the writer's sync client pushes them.
      logged: () => this.writer?.peer.notify('logged', null),
      // A long call's counts: the writer answers jobs.progress / jobs.cancel, so it keeps them.
      progress: (p: unknown) => this.toWriter('progress', p),
      progressEnded: (a: unknown) => void this.toWriter('progressEnded', a).catch(() => undefined),
    };
  }
}
