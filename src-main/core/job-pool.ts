import type { WorkerHandle } from './worker-handle';
import type { JobRequest } from './worlds';

export interface JobPoolOptions {
  /** Starts a job worker thread; `onExit` runs when it ends. */
  spawn(name: string, onExit: (h: WorkerHandle) => void): WorkerHandle;
  /** Job workers running at once; more jobs wait their turn (default 2). */
  max?: number;
  /** An idle job worker ends after this long (default 30 s). */
  idleMs?: number;
}

/**
 * The job workers: long work that answers at the end (`runs: 'job'` calls) and the writer's
 * background jobs (imports, backfills, the demo fill), one piece of work per worker, at most
 * `max` at once, the rest queued. A job asked for by a key that runs joins it.
 */
export class JobPool {
  readonly workers: WorkerHandle[] = [];
  private readonly queue: ((w: WorkerHandle) => void)[] = [];
  private readonly byKey = new Map<string, WorkerHandle>();
  /** Jobs running by key: asking for a key that runs joins it (a restarted writer finds its backfill going on). */
  private readonly running = new Map<string, Promise<unknown>>();
  /** Jobs stopped before a worker took them (one was starting, or all were busy): told to stop as soon as one does. */
  private readonly cancelledEarly = new Set<string>();
  /** Job workers handed out and not yet given back (one piece of work each). */
  private readonly reserved = new Set<WorkerHandle>();
  private names = 0;

  constructor(private readonly o: JobPoolOptions) {}

  private get max(): number {
    return this.o.max ?? 2;
  }

  /** Runs `work` on a job worker of its own (waiting for one when all are busy). */
  async on<T>(work: (w: WorkerHandle) => Promise<T>): Promise<T> {
    const w = await this.acquire();
    try {
      return await work(w);
    } finally {
      this.release(w);
    }
  }

  /** A writer's job (an import, the demo orders): run on a job worker; cancel reaches it by key. */
  run(job: JobRequest): Promise<unknown> {
    const running = this.running.get(job.key);
    if (running) return running;
    const p = this.on(async (w) => {
      this.byKey.set(job.key, w);
      try {
        const answer = w.request('job', job);
        // Sent after the job (the worker reads its messages in order): it stops after its first batch.
        if (this.cancelledEarly.delete(job.key)) w.peer.notify('cancel', { key: job.key });
        return await answer;
      } finally {
        this.byKey.delete(job.key);
      }
    }).finally(() => {
      this.running.delete(job.key);
      this.cancelledEarly.delete(job.key);
    });
    this.running.set(job.key, p);
    return p;
  }

  /** Asks the worker running this job to stop between batches. */
  cancel(key: string): void {
    const w = this.byKey.get(key);
    if (w) w.peer.notify('cancel', { key });
    else if (this.running.has(key)) this.cancelledEarly.add(key);
  }

  private acquire(): Promise<WorkerHandle> {
    const idle = this.workers.find((w) => w.state === 'ready' && w.inflight === 0 && !this.reserved.has(w));
    if (idle) {
      this.reserved.add(idle);
      return Promise.resolve(idle);
    }
    if (this.workers.length < this.max) {
      const w = this.o.spawn(`job-${++this.names}`, (h) => {
        const i = this.workers.indexOf(h);
        if (i >= 0) this.workers.splice(i, 1);
        this.reserved.delete(h);
        this.drain();
      });
      this.workers.push(w);
      this.reserved.add(w);
      return w.ready.then(() => w);
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  private release(w: WorkerHandle): void {
    this.reserved.delete(w);
    if (w.state !== 'ready') return this.drain();
    const next = this.queue.shift();
    if (next) {
      this.reserved.add(w);
      return next(w);
    }
    w.whenIdle(this.o.idleMs ?? 30_000, () => void w.stop());
  }

  private drain(): void {
    while (this.queue.length && this.workers.length < this.max) {
      const next = this.queue.shift()!;
      void this.acquire().then(next);
    }
  }
}
