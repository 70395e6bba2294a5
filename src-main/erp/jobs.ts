import { uuidv7 } from '../kernel/ids';
import type { ErpJobView, ErpLane } from '../../src-shared/contract/erp';
import type { ErpReason } from '../../src-shared/erp';
import type { Sqlite } from '../db';
import type { Logger } from '../log';
import type { ErpHealth } from './health';
import { ErpFailure } from './odbc/session';

/** What a running job is given: its id, a signal to stop after the current batch, a progress report. */
export interface JobHandle {
  id: string;
  signal: AbortSignal;
  progress(done: number, total?: number | null): void;
}

type Counts = object;
/** Pulls and pushes run in separate queues, so a long nightly snapshot never delays an order push. */
const GROUP: Record<ErpLane, 'pull' | 'push'> = { skus: 'pull', warehouses: 'pull', stock: 'pull', orders: 'push', locks: 'push' };

/**
 * Runs ERP jobs off the request path: batched, one at a time per connection and queue, cancellable,
 * with progress in erp_jobs and the outcome in erp_health. The job function is plain async code
 * over an ErpSession and the write path, so it can move into a worker thread unchanged.
 */
export class ErpJobs {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly running = new Map<string, { connectionId: string; abort: AbortController }>();
  private readonly insert;
  private readonly progressStmt;
  private readonly finishStmt;
  private readonly runningRows;

  constructor(
    private readonly sqlite: Sqlite,
    private readonly health: ErpHealth,
    private readonly log: Logger,
    /** A job started, moved on (at most twice a second) or ended: screens refresh from it. */
    private readonly onJob: (job: { id: string; state: 'running' | 'done' | 'failed' | 'cancelled'; progress: number }) => void = () => {},
  ) {
    this.insert = sqlite.prepare(`INSERT INTO erp_jobs (id, connection_id, lane, state, trigger, started_at) VALUES (?, ?, ?, 'running', ?, ?)`);
    this.progressStmt = sqlite.prepare('UPDATE erp_jobs SET done = ?, total = ?, progress = ? WHERE id = ?');
    this.finishStmt = sqlite.prepare('UPDATE erp_jobs SET state = ?, counts_json = ?, error_code = ?, error_params = ?, finished_at = ?, done = max(done, ?) WHERE id = ?');
    this.runningRows = this.sqlite.prepare(
      `SELECT id, lane, state, trigger, done, total, counts_json AS countsJson, error_code AS errorCode, error_params AS errorParams, started_at AS startedAt, finished_at AS finishedAt
       FROM erp_jobs WHERE connection_id = ? AND (state = 'running' OR finished_at > ?) ORDER BY started_at DESC LIMIT 10`,
    );
  }

  /** At start-up, by the one writer (never a reader or a job worker): jobs left running by a crash did not finish. */
  recoverInterrupted(): void {
    this.sqlite.prepare(`UPDATE erp_jobs SET state = 'cancelled', finished_at = ? WHERE state = 'running'`).run(Date.now());
  }

  /**
   * Queues fn behind the running job of the same queue; resolves with its counts. Failures are
   * recorded in health (with backoff) and rethrown; `backlog` is read after the job, success or not.
   */
  run<T extends Counts>(connectionId: string, lane: ErpLane, trigger: 'manual' | 'schedule', fn: (job: JobHandle) => Promise<T>, backlog: () => number = () => 0): Promise<T> {
    const key = `${connectionId}:${GROUP[lane]}`;
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.catch(() => undefined).then(() => this.exec(connectionId, lane, trigger, fn, backlog));
    this.tails.set(key, next.catch(() => undefined));
    return next;
  }

  private async exec<T extends Counts>(connectionId: string, lane: ErpLane, trigger: 'manual' | 'schedule', fn: (job: JobHandle) => Promise<T>, backlog: () => number): Promise<T> {
    const id = uuidv7();
    const abort = new AbortController();
    const started = Date.now();
    this.insert.run(id, connectionId, lane, trigger, started);
    this.running.set(id, { connectionId, abort });
    this.onJob({ id, state: 'running', progress: 0 });
    let last = 0;
    let told = started;
    const handle: JobHandle = {
      id,
      signal: abort.signal,
      progress: (done, total = null) => {
        const now = Date.now();
        if (now - last < 200 && done !== total) return;
        last = now;
        const progress = total ? Math.min(1, done / total) : 0;
        this.progressStmt.run(done, total, progress, id);
        if (now - told >= 500) {
          told = now;
          this.onJob({ id, state: 'running', progress });
        }
      },
    };
    try {
      const counts = await fn(handle);
      const state = abort.signal.aborted ? 'cancelled' : 'done';
      const numbers = counts as Record<string, number>;
      this.finishStmt.run(state, JSON.stringify(counts), state === 'cancelled' ? 'cancelled' : null, null, Date.now(), numbers.read ?? 0, id);
      this.health.succeeded(connectionId, lane, Date.now(), numbers, safe(backlog));
      this.onJob({ id, state, progress: 1 });
      return counts;
    } catch (e) {
      const reason: ErpReason = e instanceof ErpFailure ? e.reason : { code: 'erp_rejected', params: { message: (e as Error).message ?? String(e), state: '' } };
      if (!(e instanceof ErpFailure)) this.log.error(`erp ${lane} job failed`, e);
      this.finishStmt.run('failed', '{}', reason.code, JSON.stringify(reason.params), Date.now(), 0, id);
      this.health.failed(connectionId, lane, Date.now(), reason, safe(backlog));
      this.onJob({ id, state: 'failed', progress: 0 });
      throw e;
    } finally {
      this.running.delete(id);
    }
  }

  cancel(connectionId: string): number {
    let n = 0;
    for (const r of this.running.values()) {
      if (r.connectionId !== connectionId) continue;
      r.abort.abort();
      n++;
    }
    return n;
  }

  cancelAll(): void {
    for (const r of this.running.values()) r.abort.abort();
  }

  /** Running jobs and those finished in the last minute, for the screen's progress. */
  recent(connectionId: string, now = Date.now()): ErpJobView[] {
    return (this.runningRows.all(connectionId, now - 60_000) as {
      id: string; lane: ErpLane; state: ErpJobView['state']; trigger: ErpJobView['trigger']; done: number; total: number | null;
      countsJson: string; errorCode: string | null; errorParams: string | null; startedAt: number; finishedAt: number | null;
    }[]).map((r) => ({
      id: r.id, lane: r.lane, state: r.state, trigger: r.trigger, done: r.done, total: r.total, counts: JSON.parse(r.countsJson) as Record<string, number>,
      error: r.errorCode ? ({ code: r.errorCode, params: JSON.parse(r.errorParams ?? '{}') } as ErpReason) : null, startedAt: r.startedAt, finishedAt: r.finishedAt,
    }));
  }

  /** Resolves when every queued job has ended (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.tails.values()]);
  }
}

function safe(fn: () => number): number {
  try {
    return fn();
  } catch {
    return 0;
  }
}
