import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../../db';
import type { BuiltQuery } from './build';

/** A count as the grid gets it: exact, or an estimate marked as such. */
export interface CountAnswer {
  total: number;
  exact: boolean;
}

/** At most this many chunks (a power of two; visited in bit-reversed order), of about CHUNK_ROWS rows each. */
const MAX_CHUNKS = 128;
const CHUNK_ROWS = 40_000;

/**
 * An exact count of a filter no index serves, done as table-scan chunks of the rowid range
 * (each a short statement, so the work can stop at a deadline and go on later). Chunks are
 * visited in bit-reversed order, so after any number of them the ones done are spread evenly
 * over the table and their match rate is a fair estimate for the rest. Rows that change while
 * it runs are counted where they are now: a change in a chunk already counted is added as a
 * delta; an order added after the start (a higher rowid) is counted by the delta alone.
 */
export class RangeCount {
  private readonly stmt: Statement;
  private readonly params: unknown[];
  private readonly size: number;
  private readonly maxRowid: number;
  private readonly chunks: number;
  private readonly done: Uint8Array;
  private next = 0;
  private matched = 0;
  private scanned = 0;
  /** Changes to rows outside the counted range (added after the start). */
  private extra = 0;

  constructor(sqlite: Sqlite, built: BuiltQuery, chunkRows = CHUNK_ROWS) {
    this.maxRowid = (sqlite.prepare('SELECT max(rowid) FROM orders').pluck().get() as number | null) ?? 0;
    let chunks = 1;
    while (chunks < MAX_CHUNKS && chunks * chunkRows < this.maxRowid) chunks *= 2;
    this.chunks = chunks;
    this.done = new Uint8Array(chunks);
    this.size = Math.max(1, Math.ceil(this.maxRowid / chunks));
    // NOT INDEXED: the rowid range is the plan; the filter is tested on each row of it.
    // The condition's ? marks come first, then the range's.
    this.stmt = sqlite.prepare(`SELECT count(*) FROM orders o NOT INDEXED WHERE (${built.condition}) AND o.rowid > ? AND o.rowid <= ?`).pluck();
    this.params = built.params;
  }

  get finished(): boolean {
    return this.next >= this.chunks;
  }

  /** Counts the next chunk. */
  step(): void {
    if (this.finished) return;
    const k = bitReverse(this.next++, this.chunks);
    const lo = k * this.size;
    this.matched += this.stmt.get(...this.params, lo, lo + this.size) as number;
    this.scanned += Math.max(0, Math.min(this.size, this.maxRowid - lo));
    this.done[k] = 1;
  }

  /** Runs chunks until `until` (performance.now() ms) or the end; true when finished. */
  runUntil(until: number): boolean {
    do this.step();
    while (!this.finished && performance.now() < until);
    return this.finished;
  }

  answer(): CountAnswer {
    if (this.finished) return { total: this.matched + this.extra, exact: true };
    const rate = this.scanned ? this.matched / this.scanned : 0;
    return { total: Math.max(0, Math.round(this.matched + rate * (this.maxRowid - this.scanned) + this.extra)), exact: false };
  }

  /** An order entered (+1) or left (-1) the filter after the count started. */
  delta(rowid: number, d: number): void {
    if (rowid > this.maxRowid) this.extra += d;
    else if (this.done[Math.floor((rowid - 1) / this.size)]) this.matched += d;
  }
}

function bitReverse(i: number, n: number): number {
  let r = 0;
  for (let b = 1; b < n; b <<= 1) r = (r << 1) | ((i & b) ? 1 : 0);
  return r;
}

/** True when counting this filter reads the whole table (no index narrows it): then it is counted in chunks. */
export function countScansTable(sqlite: Sqlite, built: BuiltQuery): boolean {
  if (!built.where) return false;
  const plan = sqlite.prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM orders o ${built.where}`).all(...built.params) as { detail: string }[];
  return plan.some((p) => /^SCAN o\b/.test(p.detail));
}
