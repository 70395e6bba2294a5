import { contract, isCallName, runsOf } from '../../src-shared/contract';
import type { ApiResult } from '../../src-shared/errors';
import type { Api, DispatchOptions } from '../kernel/dispatch';
import { say, type Locale } from '../kernel/i18n';
import type { Logger } from '../log';
import type { Methods } from './peer';
import { Subscribers, type EventStream } from './subscribers';
import { sourceWorkerEntry, WorkerHandle, type WorkerEntry } from './worker-handle';
import type { CallRequest, CallResult, JobRequest, RecordEntry, SessionFacts, WorkerRole, WorkerSetup } from './worlds';
import type { WriteContext } from '../db';

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
}

export interface CoreStatus {
  writer: 'starting' | 'ready' | 'restarting';
  readers: number;
  spareReaders: number;
  jobWorkers: number;
  streams: number;
}

/** The front's own answers: refusals it gives without a worker (unknown call, nobody to serve it). */
const unavailable = (locale: Locale): { error: Extract<CallResult, { error: unknown }>['error'] } => ({
  error: { code: 'unavailable', message: say(locale, '后台服务正在重启，请稍后重试', 'the core is restarting: try again shortly') },
});

/**
 * The front of the core: it runs no SQL and authenticates nothing. It routes each call by where
 * the contract says it runs — reads to the least busy reader (a session's reads stay together),
 * everything else to the one writer, long work to job workers — applies the read deadline,
 * relays events to the sessions allowed to see them, and restarts workers that die.
 */
export class Front implements Api {
  private writer: WorkerHandle | null = null;
  private writerReady: Promise<void> = Promise.resolve();
  private writerRestarts = 0;
  private readonly readers: (WorkerHandle | null)[] = [];
  private readonly spares: WorkerHandle[] = [];
  private readonly jobWorkers: WorkerHandle[] = [];
  private readonly jobQueue: ((w: WorkerHandle) => void)[] = [];
  private readonly jobsByKey = new Map<string, WorkerHandle>();
  /** Jobs running by key: asking for a key that runs joins it (a restarted writer finds its backfill going on). */
  private readonly runningJobs = new Map<string, Promise<unknown>>();
  /** Job workers handed out and not yet given back (one piece of work each). */
  private readonly reserved = new Set<WorkerHandle>();
  private readonly streams: Subscribers;
  private readersReady: Promise<void> = Promise.resolve();
  private closing = false;
  private names = 0;
  private readonly entry: WorkerEntry;

  constructor(private readonly o: FrontOptions) {
    this.entry = o.entry ?? sourceWorkerEntry();
    this.streams = new Subscribers(async (tokens) => (await this.pickReader(null)).request<(SessionFacts | null)[]>('sessions', { tokens }));
  }

  private get readDeadlineMs() {
    return this.o.readDeadlineMs ?? 1500;
  }

  /** Opens the workspace in the writer (migrations, first-run seeding), then the readers. */
  async start(): Promise<void> {
    this.startWriter();
    await this.writerReady;
    this.readersReady = Promise.all(Array.from({ length: this.o.readers ?? 2 }, (_, i) => this.startReader(i))).then(() => undefined);
    await this.readersReady;
    this.keepSpareWarm();
  }

  async dispatch(name: string, input: unknown, token: string | null, locale: Locale = 'zh-CN', source?: string, _opts?: DispatchOptions): Promise<ApiResult<unknown>> {
    if (this.closing) return unavailable(locale);
    const runs = isCallName(name) ? runsOf(contract[name]) : 'read'; // an unknown name: a reader says "no such call"
    const req: CallRequest = { name, input, token, locale, ...(source === undefined ? {} : { source }) };
    try {
      if (runs === 'read') return await this.read(req);
      if (runs === 'job') return await this.onJobWorker((w) => w.call(req));
      await this.writerReady;
      return await this.writer!.call(req);
    } catch (e) {
      this.o.log.warn(`call ${name} got no answer: ${e instanceof Error ? e.message : String(e)}`);
      return unavailable(locale);
    }
  }

  /** May this token make this call? A reader looks the session up (the host asks before reading an upload). */
  async mayCall(name: string, token: string | null): Promise<boolean> {
    if (!isCallName(name) || this.closing) return false;
    const access = contract[name].access;
    if (access === 'public') return true;
    if (!token) return false;
    try {
      const [facts] = await (await this.pickReader(token)).request<(SessionFacts | null)[]>('sessions', { tokens: [token] });
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
    let facts: SessionFacts | null | undefined;
    try {
      [facts] = await (await this.pickReader(null)).request<(SessionFacts | null)[]>('sessions', { tokens: [token] });
    } catch {
      return { error: unavailable(locale).error };
    }
    if (!facts) return unauthenticated;
    return { data: { close: this.streams.add(token, facts, stream) } };
  }

  status(): CoreStatus {
    return {
      writer: this.writer?.state === 'ready' ? 'ready' : this.writerRestarts ? 'restarting' : 'starting',
      readers: this.readers.filter((r) => r?.state === 'ready').length,
      spareReaders: this.spares.filter((w) => w.state === 'ready').length,
      jobWorkers: this.jobWorkers.length,
      streams: this.streams.size,
    };
  }

  /** The worker threads now running (fault tests pick one to crash). */
  workers(): { role: WorkerRole; name: string; threadId: number; inflight: number }[] {
    const all = [this.writer, ...this.readers, ...this.spares, ...this.jobWorkers].filter((w): w is WorkerHandle => !!w && w.state !== 'gone');
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
    const w = [this.writer, ...this.readers, ...this.spares, ...this.jobWorkers].find((x) => x?.name === name);
    if (!w) throw new Error(`no worker ${name}`);
    return w;
  }

  async close(): Promise<void> {
    this.closing = true;
    this.streams.endAll();
    const all = [...this.jobWorkers, ...this.spares, ...this.readers.filter((r): r is WorkerHandle => !!r)];
    await Promise.all(all.map((w) => w.stop()));
    await this.writer?.stop(15_000);
  }

  // --- reads -------------------------------------------------------------------------------

  private async read(req: CallRequest): Promise<CallResult> {
    // A report-like read (the risk board, metrics) says how long it may take: it has no early answer.
    const own = isCallName(req.name) ? contract[req.name].deadlineMs : undefined;
    const deadlineAt = Date.now() + (own ?? this.readDeadlineMs);
    const worker = await this.pickReader(req.token);
    const answer = worker.call({ ...req, deadlineAt });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<CallResult>((resolve) => {
      timer = setTimeout(() => {
        this.o.log.warn(`${req.name} ran past its deadline on ${worker.name}; it finishes in the background`);
        resolve({
          error: {
            code: 'timeout',
            message: say(req.locale, '查询时间过长，正在后台继续，请稍后再试或缩小筛选范围', 'this query is taking long and continues in the background: try again shortly or narrow the filter'),
          },
        });
      }, deadlineAt + (this.o.deadlineGraceMs ?? 200) - Date.now());
    });
    try {
      return await Promise.race([answer, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The reader for a call: where this session already has a read running (unless that reader is
   * stuck), else the least busy one — the session's usual reader on a tie, its caches are warm.
   * When every reader is stuck past the deadline, a spare reader starts and takes the call.
   */
  private async pickReader(token: string | null): Promise<WorkerHandle> {
    await this.readersReady;
    const now = Date.now();
    const stuck = (w: WorkerHandle) => w.busyFor(now) > this.readDeadlineMs;
    const ready = (w: WorkerHandle | null): w is WorkerHandle => !!w && w.state === 'ready';
    const live = this.readers.filter(ready);
    if (token) {
      const own = [...live, ...this.spares.filter(ready)].find((w) => w.hasSession(token) && !stuck(w));
      if (own) return own;
    }
    if (!live.length || (live.every((w) => w.inflight > 0) && live.every(stuck))) {
      // Every reader is stuck in a long query (or restarting): a spare takes the call.
      const spare = this.spares.filter(ready).sort((a, b) => a.inflight - b.inflight)[0];
      const starting = this.spares.find((w) => w.state === 'starting');
      if (spare && (spare.inflight === 0 || (!starting && this.spares.length >= (this.o.maxSpareReaders ?? 2)))) {
        this.keepSpareWarm();
        return spare;
      }
      if (starting) return starting.ready.then(() => starting);
      if (this.spares.length < (this.o.maxSpareReaders ?? 2)) return this.startSpare();
      if (spare) return spare;
    }
    const least = Math.min(...live.map((w) => w.inflight));
    const idle = live.filter((w) => w.inflight === least);
    const usual = token ? this.readers[hash(token) % this.readers.length] : undefined;
    return idle.find((w) => w === usual) ?? idle[0]!;
  }

  /** One spare reader waits, started, for the moment every reader is stuck (a cold start takes a second). */
  private keepSpareWarm(): void {
    const warm = this.o.warmSpareReaders ?? 1;
    const idle = this.spares.filter((w) => w.inflight === 0).length;
    if (this.closing || idle >= warm || this.spares.length >= (this.o.maxSpareReaders ?? 2)) return;
    void this.startSpare().catch(() => undefined);
  }

  private startReader(slot: number): Promise<void> {
    const w = this.spawn('reader', `reader-${slot + 1}`, (h) => {
      if (this.readers[slot] === h) this.readers[slot] = null;
      if (!this.closing && !h.retiring) {
        this.o.log.warn(`${h.name} stopped; starting it again`);
        setTimeout(() => void this.startReader(slot).catch(() => undefined), 200).unref?.();
      }
    });
    this.readers[slot] = w;
    return w.ready;
  }

  private async startSpare(): Promise<WorkerHandle> {
    const w = this.spawn('reader', `spare-reader-${++this.names}`, (h) => {
      const i = this.spares.indexOf(h);
      if (i >= 0) this.spares.splice(i, 1);
    });
    this.spares.push(w);
    await w.ready;
    // A spare beyond the warm one ends when it has been idle for a while.
    const retire = () =>
      w.whenIdle(this.o.spareIdleMs ?? 15_000, () => {
        if (this.spares.filter((x) => x !== w && x.inflight === 0).length >= (this.o.warmSpareReaders ?? 1)) void w.stop();
        else retire();
      });
    const call = w.call.bind(w);
    w.call = (req) => {
      this.o.log.info(`every reader is busy with a long query: ${w.name} takes ${req.name}`);
      return call(req).finally(retire);
    };
    return w;
  }

  // --- the writer --------------------------------------------------------------------------

  private startWriter(): void {
    const w = this.spawn('writer', 'writer', (h, code) => {
      if (this.closing || h.retiring) return;
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
      if (this.writerRestarts) this.o.log.info('the writer is back');
    });
  }

  private async record(arg: { ctx: WriteContext; entry: RecordEntry }): Promise<void> {
    await this.writerReady;
    await this.writer!.request('record', arg);
  }

  // --- jobs --------------------------------------------------------------------------------

  private async onJobWorker<T>(work: (w: WorkerHandle) => Promise<T>): Promise<T> {
    const w = await this.acquireJobWorker();
    try {
      return await work(w);
    } finally {
      this.releaseJobWorker(w);
    }
  }

  /** A writer's job (an import, the demo orders): run on a job worker; cancel reaches it by key. */
  private runJob(job: JobRequest): Promise<unknown> {
    const running = this.runningJobs.get(job.key);
    if (running) return running;
    const p = this.onJobWorker(async (w) => {
      this.jobsByKey.set(job.key, w);
      try {
        return await w.request('job', job);
      } finally {
        this.jobsByKey.delete(job.key);
      }
    }).finally(() => this.runningJobs.delete(job.key));
    this.runningJobs.set(job.key, p);
    return p;
  }

  private acquireJobWorker(): Promise<WorkerHandle> {
    const idle = this.jobWorkers.find((w) => w.state === 'ready' && w.inflight === 0 && !this.reserved.has(w));
    if (idle) {
      this.reserved.add(idle);
      return Promise.resolve(idle);
    }
    if (this.jobWorkers.length < (this.o.maxJobWorkers ?? 2)) {
      const w = this.spawn('job', `job-${++this.names}`, (h) => {
        const i = this.jobWorkers.indexOf(h);
        if (i >= 0) this.jobWorkers.splice(i, 1);
        this.reserved.delete(h);
        this.drainJobQueue();
      });
      this.jobWorkers.push(w);
      this.reserved.add(w);
      return w.ready.then(() => w);
    }
    return new Promise((resolve) => this.jobQueue.push(resolve));
  }

  private releaseJobWorker(w: WorkerHandle): void {
    this.reserved.delete(w);
    if (w.state !== 'ready') return this.drainJobQueue();
    const next = this.jobQueue.shift();
    if (next) {
      this.reserved.add(w);
      return next(w);
    }
    w.whenIdle(this.o.jobIdleMs ?? 30_000, () => void w.stop());
  }

  private drainJobQueue(): void {
    while (this.jobQueue.length && this.jobWorkers.length < (this.o.maxJobWorkers ?? 2)) {
      const next = this.jobQueue.shift()!;
      void this.acquireJobWorker().then(next);
    }
  }

  // --- workers -----------------------------------------------------------------------------

  private spawn(role: WorkerRole, name: string, onExit: (h: WorkerHandle, code: number) => void): WorkerHandle {
    const setup: WorkerSetup = {
      role,
      name,
      dataDir: this.o.dataDir,
      ...(this.o.secretKey ? { secretKey: this.o.secretKey } : {}),
      ...(role === 'writer' && this.o.writer ? { writer: this.o.writer } : {}),
      ...(this.o.onStartReal ? { canStartReal: true } : {}),
    };
    return new WorkerHandle(setup, this.entry, this.methodsFor(role), (h, code) => {
      if (!h.retiring && !this.closing) this.o.log.warn(`${h.name} exited (${code})`);
      onExit(h, code);
    });
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
        runJob: (job: JobRequest) => this.runJob(job),
        startReal: () => this.o.onStartReal?.(),
        cancelJob: ({ key }: { key: string }) => this.jobsByKey.get(key)?.peer.notify('cancel', { key }),
      };
    }
    // A job worker's commits to the sync log: the writer's sync client pushes them.
    return { ...common, logged: () => this.writer?.peer.notify('logged', null) };
  }
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return Math.abs(h);
}
