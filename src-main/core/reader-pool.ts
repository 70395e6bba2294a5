import { contract, isCallName } from '../../src-shared/contract';
import { say } from '../kernel/i18n';
import type { Logger } from '../log';
import { LateReads } from './late-reads';
import type { WorkerHandle } from './worker-handle';
import type { CallRequest, CallResult } from './worlds';

/** A reader whose oldest read has run this long is in a long query: other readers are tried first. */
const LONG_READ_MS = 250;
/**
 * When every reader is busy, a read waits up to this long for one to finish something before it
 * queues behind one: which of two reads started a moment ago is the long one cannot be told yet.
 */
const WAIT_FOR_FREE_MS = LONG_READ_MS;

export interface ReaderPoolOptions {
  log: Logger;
  /** Starts a reader thread; `onExit` runs when it ends. */
  spawn(name: string, onExit: (h: WorkerHandle) => void): WorkerHandle;
  /** True once the core is closing: nothing is restarted. */
  closing(): boolean;
  readers?: number | undefined;
  maxSpareReaders?: number | undefined;
  warmSpareReaders?: number | undefined;
  spareIdleMs?: number | undefined;
  readDeadlineMs?: number | undefined;
  deadlineGraceMs?: number | undefined;
}

/**
 * The read-only workers and the read deadline: a read goes to the least busy reader (a
 * session's reads stay together), a spare reader takes over while every reader is stuck in a
 * long query, and a read past its deadline answers `timeout` while it finishes in the background
 * — the same request asked again takes that answer (late-reads.ts).
 */
export class ReaderPool {
  readonly readers: (WorkerHandle | null)[] = [];
  readonly spares: WorkerHandle[] = [];
  private ready: Promise<void> = Promise.resolve();
  /** Reads whose caller got `timeout`: the same request asked again takes their answer. */
  private readonly late = new LateReads();
  private names = 0;
  /** Reads waiting for a reader to finish something, first come first served (see `freed`). */
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly o: ReaderPoolOptions) {}

  get deadlineMs(): number {
    return this.o.readDeadlineMs ?? 1500;
  }

  /**
   * Starts the readers (after the writer has migrated the database). No spare yet: a reader thread
   * costs ~30–60 MB, and a spare is only needed once reads run long (see `keepSpareWarm`).
   */
  async start(): Promise<void> {
    this.ready = Promise.all(Array.from({ length: this.o.readers ?? 2 }, (_, i) => this.startReader(i))).then(() => undefined);
    await this.ready;
  }

  all(): WorkerHandle[] {
    return [...this.readers.filter((r): r is WorkerHandle => !!r), ...this.spares];
  }

  /** A call of this session that may change data has finished: its next reads see the change (late-reads.ts). */
  wrote(token: string): void {
    this.late.wrote(token);
  }

  async read(req: CallRequest): Promise<CallResult> {
    // A report-like read (the risk board, metrics) says how long it may take: it has no early answer.
    const own = isCallName(req.name) ? contract[req.name].deadlineMs : undefined;
    const deadlineAt = Date.now() + (own ?? this.deadlineMs);
    // The same read asked again after a timeout: join the work still running, or take its answer.
    const key = this.late.key(req);
    const kept = key === null ? null : this.late.take(key);
    const writesBefore = this.late.asked;
    const askedAt = Date.now();
    const worker = kept ? null : await this.pick(req.token);
    const placedAt = Date.now();
    if (worker && placedAt - askedAt >= WAIT_FOR_FREE_MS) {
      this.o.log.info(`${req.name} waited ${placedAt - askedAt} ms for a free reader and queues on ${worker.name} (${worker.inflight} in flight there)`);
    }
    const behind = worker ? { reads: worker.othersInFlight(req.token), oldestMs: worker.busyFor(placedAt) } : null;
    const answer = kept ?? worker!.call({ ...req, deadlineAt });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<CallResult>((resolve) => {
      timer = setTimeout(() => {
        if (worker) this.o.log.warn(`${req.name} ran past its deadline on ${worker.name} (${worker.inflight} in flight there); it finishes in the background`);
        this.keepSpareWarm(); // a reader is stuck: the next long read may take the others too
        if (key !== null && !kept) this.late.keep(key, req.token!, answer, writesBefore);
        resolve({
          error: {
            code: 'timeout',
            message: say(req.locale, '查询时间过长，正在后台继续，请稍后再试或缩小筛选范围', 'this query is taking long and continues in the background: try again shortly or narrow the filter'),
          },
        });
      }, deadlineAt + (this.o.deadlineGraceMs ?? 200) - Date.now());
    });
    try {
      const result = await Promise.race([answer.then((r) => ({ r })), late.then((r) => ({ r, late: true }))]);
      if (kept && key !== null && !('late' in result)) this.late.served(key, kept);
      const tookMs = Date.now() - placedAt;
      if (worker && behind?.reads && tookMs > LONG_READ_MS && !('late' in result)) {
        // What "another user's work never holds a read" looks like when it fails: logged, to be found beside a slow call.
        this.o.log.warn(`${req.name} queued on ${worker.name} behind ${behind.reads} read(s) of other sessions (the oldest ${behind.oldestMs} ms old) and answered in ${tookMs} ms`);
      }
      return result.r;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The reader for a call: where this session already has a read running, else an idle one (the
   * session's usual reader when both are idle: its caches are warm). When every reader is busy, the
   * call waits up to WAIT_FOR_FREE_MS for one to finish something, then takes the least busy one not
   * in a long query, the one whose oldest read is youngest on a tie. When every reader is stuck past
   * the deadline, a spare reader starts and takes the call.
   */
  async pick(token: string | null): Promise<WorkerHandle> {
    await this.ready;
    const arrived = Date.now();
    for (;;) {
      const chosen = this.choose(token, arrived);
      if (chosen) return chosen;
      await this.freed(arrived + WAIT_FOR_FREE_MS - Date.now());
    }
  }

  /**
   * One look at the readers (see `pick`). Null while every reader is busy with reads that began a
   * moment ago and the caller has waited less than WAIT_FOR_FREE_MS: at the 5 M bench, a first page
   * placed on such a tie landed behind the heavy user's query that had started 1 ms earlier and
   * waited 335 ms, while the other reader's read (a status poll) ended a few ms later.
   */
  private choose(token: string | null, arrived: number): WorkerHandle | Promise<WorkerHandle> | null {
    const now = Date.now();
    const stuck = (w: WorkerHandle) => w.busyFor(now) > this.deadlineMs;
    const ready = (w: WorkerHandle | null): w is WorkerHandle => !!w && w.state === 'ready';
    const live = this.readers.filter(ready);
    if (live.some(stuck)) this.keepSpareWarm();
    if (token) {
      // A session's reads queue behind each other, even behind one past its deadline that goes on in
      // the background: one person's slow queries (a new one after each timeout) then hold one
      // reader, never all of them, and everyone else's first page does not wait behind them.
      const own = [...live, ...this.spares.filter(ready)].find((w) => w.hasSession(token));
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
    // A reader in a long query is the last choice, whatever its count: a read queued there waits the
    // query out. (At 5 M, both readers had one read in flight: the heavy user's, seconds old, and a
    // status poll; a first page that took the first on a tie timed out.)
    const quick = live.filter((w) => w.busyFor(now) <= LONG_READ_MS);
    const pool = quick.length ? quick : live;
    const least = Math.min(...pool.map((w) => w.inflight));
    const idle = pool.filter((w) => w.inflight === least);
    if (least > 0) {
      if (now - arrived < WAIT_FOR_FREE_MS) return null;
      return idle.reduce((a, b) => (b.busyFor(now) < a.busyFor(now) ? b : a));
    }
    const usual = token ? this.readers[hash(token) % this.readers.length] : undefined;
    return idle.find((w) => w === usual) ?? idle[0]!;
  }

  /** Resolves when a reader finishes a request (waiters are woken one at a time, in order) or after `ms`. */
  private freed(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(wake);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve();
      }, Math.max(0, ms));
      this.waiters.push(wake);
    });
  }

  /** A reader finished a request: the first waiting read looks again. */
  private wakeOne(): void {
    this.waiters.shift()?.();
  }

  /** Wraps a reader's requests so that each one ending wakes a waiting read. */
  private watch(w: WorkerHandle): void {
    const call = w.call.bind(w);
    w.call = (req) => call(req).finally(() => this.wakeOne());
    const request = w.request.bind(w);
    w.request = <T>(method: string, arg: unknown) => request<T>(method, arg).finally(() => this.wakeOne());
  }

  /**
   * While a reader is stuck in a long query, one spare reader waits, started, for the moment every
   * reader is (a cold start takes a second). It ends once it has been idle for a while and no reader
   * is stuck any more.
   */
  keepSpareWarm(): void {
    const warm = this.o.warmSpareReaders ?? 1;
    const idle = this.spares.filter((w) => w.inflight === 0).length;
    if (this.o.closing() || idle >= warm || this.spares.length >= (this.o.maxSpareReaders ?? 2)) return;
    void this.startSpare().catch(() => undefined);
  }

  private anyStuck(): boolean {
    const now = Date.now();
    return this.readers.some((w) => !!w && w.state === 'ready' && w.busyFor(now) > this.deadlineMs);
  }

  private startReader(slot: number): Promise<void> {
    const w = this.o.spawn(`reader-${slot + 1}`, (h) => {
      if (this.readers[slot] === h) this.readers[slot] = null;
      if (!this.o.closing() && !h.retiring) {
        this.o.log.warn(`${h.name} stopped; starting it again`);
        setTimeout(() => void this.startReader(slot).catch(() => undefined), 200).unref?.();
      }
    });
    this.readers[slot] = w;
    this.watch(w);
    return w.ready;
  }

  private async startSpare(): Promise<WorkerHandle> {
    const w = this.o.spawn(`spare-reader-${++this.names}`, (h) => {
      const i = this.spares.indexOf(h);
      if (i >= 0) this.spares.splice(i, 1);
    });
    this.spares.push(w);
    await w.ready;
    // A spare ends when it has been idle for a while: at once when another idle one stays warm,
    // else once no reader is stuck in a long query any more.
    const retire = () =>
      w.whenIdle(this.o.spareIdleMs ?? 15_000, () => {
        const othersWarm = this.spares.filter((x) => x !== w && x.inflight === 0).length >= (this.o.warmSpareReaders ?? 1);
        if (othersWarm || !this.anyStuck()) void w.stop();
        else retire();
      });
    retire();
    this.watch(w);
    const call = w.call.bind(w);
    w.call = (req) => {
      this.o.log.info(`every reader is busy with a long query: ${w.name} takes ${req.name}`);
      return call(req).finally(retire);
    };
    // Any request (a session check, diagnostics) restarts the idle clock, so it re-arms it too.
    const request = w.request.bind(w);
    w.request = <T>(method: string, arg: unknown) => request<T>(method, arg).finally(retire);
    return w;
  }
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return Math.abs(h);
}
