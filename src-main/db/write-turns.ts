/**
 * Turns at the write lock between the core's threads. SQLite's busy handler only re-tries the
 * lock now and then (sleeping up to 100 ms between tries), so a job that commits batch after
 * batch with no gap takes the lock back first every time: after busy_timeout (5 s) the other
 * thread's transaction fails with "database is locked". At 5 M orders a shop's poll did, while a
 * 100 k-row import ran on a job worker. So every thread says when it is waiting for the lock (a
 * counter the core's threads share), and a job between batches lets waiting writers go first.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type Database from 'better-sqlite3';

/** Threads waiting for the write lock right now (shared by the core's threads; private otherwise). */
let waiting = new Int32Array(new SharedArrayBuffer(4));

export function newWriteTurns(): SharedArrayBuffer {
  return new SharedArrayBuffer(4);
}

/** A core thread joins the counter the front made (WorkerSetup.writeTurns). */
export function shareWriteTurns(buffer: SharedArrayBuffer): void {
  waiting = new Int32Array(buffer);
}

/**
 * Runs `begin` (which takes the write lock, then calls `acquired` first thing inside the
 * transaction) counted as waiting until the lock is held.
 */
export function whileWaitingForLock<T>(begin: (acquired: () => void) => T): T {
  let counted = true;
  Atomics.add(waiting, 0, 1);
  const acquired = () => {
    if (counted) {
      counted = false;
      Atomics.sub(waiting, 0, 1);
    }
  };
  try {
    return begin(acquired);
  } finally {
    acquired(); // BEGIN failed (busy, closed): no longer waiting either
  }
}

type Run = (this: Database.Statement, ...params: unknown[]) => unknown;
const counting = new WeakSet<object>();
/** How deep a connection is in `immediate()` transactions (their BEGIN IMMEDIATE waited, counted). */
const IN_IMMEDIATE = Symbol('orderhub.inImmediate');
type Marked = { [IN_IMMEDIATE]?: number };

/** Runs fn inside a transaction that `immediate()` opened: its statements need no counting. */
export function insideImmediate<T>(sqlite: object, fn: () => T): T {
  const m = sqlite as Marked;
  m[IN_IMMEDIATE] = (m[IN_IMMEDIATE] ?? 0) + 1;
  try {
    return fn();
  } finally {
    m[IN_IMMEDIATE]!--;
  }
}

/**
 * A write statement run on its own (autocommit: a job's progress row, a login attempt) takes the
 * write lock just like a transaction does, so it is counted as waiting too, for as long as it
 * runs. Installed once per thread, on better-sqlite3's Statement prototype (the one place every
 * statement passes). Statements that only read, and those inside `immediate()`, go straight
 * through: two property reads, not the native `inTransaction` getter, on the bulk write paths
 * (200 k inserts in `immediate()`: no difference measured). A write inside some other transaction
 * (a migration, a test's fixture) is counted too: it only makes a job pause while it runs.
 */
export function countAutocommitWrites(sample: Database.Statement): void {
  const proto = Object.getPrototypeOf(sample) as Record<'run' | 'get' | 'all', Run>;
  if (counting.has(proto)) return;
  counting.add(proto);
  for (const method of ['run', 'get', 'all'] as const) {
    const original = proto[method];
    proto[method] = function (this: Database.Statement) {
      const params = arguments; // not a rest parameter: no array built per call on the bulk paths
      if (this.readonly || ((this.database as Marked)[IN_IMMEDIATE] ?? 0) > 0) return original.apply(this, params as unknown as unknown[]);
      return whileWaitingForLock(() => original.apply(this, params as unknown as unknown[]));
    };
  }
}

/**
 * How long a job's batch keeps the write lock once another thread waits for it. Not 0: two jobs
 * that both gave way at once (an import beside a backfill) would hand the lock back and forth
 * one order per transaction; 50 ms of work a commit keeps both fast, and no person notices it.
 */
export const YIELD_AFTER_MS = 50;

/**
 * A job's batch that took the lock at `heldSince` (performance.now()) should commit now: another
 * thread waits for the lock, and the batch has held it at least YIELD_AFTER_MS.
 */
export function shouldYieldLock(heldSince: number): boolean {
  return Atomics.load(waiting, 0) > 0 && performance.now() - heldSince >= YIELD_AFTER_MS;
}

/**
 * Between a job's batches: while another thread waits for the write lock, stay off it (a few ms
 * at a time, at most `maxMs`) so that thread's busy handler finds it free. Always yields once.
 */
export async function letWaitingWritersGo(maxMs = 2_000): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  const end = performance.now() + maxMs;
  while (Atomics.load(waiting, 0) > 0 && performance.now() < end) await sleep(2);
}
