import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../../db';
import type { BuiltQuery } from './build';
import { keyComparator, type SortKey } from './keys';

let counter = 0;

/** A changed order as one cached view sees it: where it sorted before and after, if it matched. */
export interface RowMove {
  rowid: number;
  /** null: unknown (the view must be rebuilt). */
  before: { member: boolean; key: SortKey } | null;
  after: { member: boolean; key: SortKey };
}

/** Past this many edits a fresh snapshot is cheaper than merging. */
const MAX_EDITS = 2000;

interface Inserted {
  key: SortKey;
  rowid: number;
  /** How many base rows sort before it. */
  rank: number;
}

/**
 * The matching orders' positions, frozen once: a connection-private temp table (position →
 * rowid) filled by one INSERT…SELECT in sort order. Any block is then a primary-key range, at
 * row 40 or row 4,000,000 alike, for any sort (nulls, ties and non-indexed columns included).
 * Orders that change afterwards are merged in as edits (a row left here, a row entered there,
 * found by binary search on the sort key), so a poller's writes do not throw the positions
 * away. SQLite keeps temp tables in a temp file, so 5 M positions cost disk, not memory.
 */
export class OrderSnapshot {
  readonly table: string;
  /** Rows in the base table. */
  private readonly n: number;
  private readonly cmp: (a: SortKey, b: SortKey) => number;
  /** Base positions (0-based) of rows that left or moved. */
  private deleted: number[] = [];
  private inserted: Inserted[] = [];
  /** Rows changed since the build: their key in the base (null: they were not in it). */
  private readonly touched = new Map<number, SortKey | null>();
  private readonly range: Statement;
  private readonly probe: Statement;
  private dropped = false;

  /**
   * @param only when set, the snapshot holds just these orders, a JSON array of rowids already in
   * the query's order (e.g. the matches within one key range, sorted as a pass over the table
   * collected them), so the orders are not read again; otherwise every match, sorted here.
   */
  constructor(
    private readonly sqlite: Sqlite,
    built: BuiltQuery,
    only?: string,
  ) {
    // The name is ours (a counter), never user input.
    this.table = `orders_pos_${++counter}`;
    sqlite.exec(`CREATE TEMP TABLE "${this.table}" (pos INTEGER PRIMARY KEY, r INTEGER NOT NULL)`);
    try {
      // Positions are 1-based in the table (rowid), 0-based everywhere else.
      const info = only === undefined
        ? sqlite.prepare(`INSERT INTO temp."${this.table}" (r) SELECT o.rowid FROM orders o ${built.where} ${built.searches ? built.orderByUnindexed : built.orderBy}`).run(...built.params)
        : sqlite.prepare(`INSERT INTO temp."${this.table}" (r) SELECT p.value FROM json_each(?) p ORDER BY p.key`).run(only);
      this.n = info.changes;
    } catch (e) {
      this.drop();
      throw e;
    }
    this.cmp = keyComparator(built.sortTerms);
    this.range = sqlite.prepare(`SELECT pos - 1, r FROM temp."${this.table}" WHERE pos > ? ORDER BY pos LIMIT ?`).raw();
    const keys = built.sortTerms.map((t) => t.expr).join(', ');
    this.probe = sqlite.prepare(`SELECT p.r, ${keys} FROM temp."${this.table}" p LEFT JOIN orders o ON o.rowid = p.r WHERE p.pos = ?`).raw();
  }

  get total(): number {
    return this.n - this.deleted.length + this.inserted.length;
  }

  /** Rowids at grid positions [start, end). */
  rowids(start: number, end: number): number[] {
    if (this.dropped) throw new Error('snapshot already dropped');
    end = Math.min(end, this.total);
    if (end <= start) return [];
    // The last base index b whose run (its inserted rows, then itself) starts at or before `start`.
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.runStart(mid) <= start) lo = mid;
      else hi = mid - 1;
    }
    let at = this.runStart(lo);
    let ins = lowerRank(this.inserted, lo);
    let del = lowerBound(this.deleted, lo);
    const out: number[] = [];
    let b = lo;
    const want = end - start;
    while (out.length < want) {
      // Rows inserted before base b, then base b unless it left.
      while (ins < this.inserted.length && this.inserted[ins]!.rank === b && out.length < want) {
        if (at++ >= start) out.push(this.inserted[ins]!.rowid);
        ins++;
      }
      if (out.length >= want || b >= this.n) break;
      const chunk = this.range.all(b, Math.min(this.n - b, want - out.length + 64 + (this.deleted.length - del))) as [number, number][];
      for (const [pos, r] of chunk) {
        b = pos;
        if (ins < this.inserted.length && this.inserted[ins]!.rank === b) break;
        if (del < this.deleted.length && this.deleted[del] === b) del++;
        else if (at++ >= start) {
          out.push(r);
          if (out.length >= want) break;
        }
        b = pos + 1;
      }
      if (!chunk.length) break;
    }
    return out;
  }

  /** Merges changed orders in; false when they are too many (drop and rebuild instead). */
  apply(moves: readonly RowMove[]): boolean {
    if (this.dropped) return false;
    // Each row's base key first, so the binary searches below see the base as it was built.
    for (const m of moves) {
      if (m.before === null) return false;
      if (!this.touched.has(m.rowid) && !this.isInserted(m.rowid)) this.touched.set(m.rowid, m.before.member ? m.before.key : null);
    }
    for (const m of moves) {
      const i = this.inserted.findIndex((x) => x.rowid === m.rowid);
      if (i >= 0) this.inserted.splice(i, 1);
      else {
        const baseKey = this.touched.get(m.rowid);
        if (baseKey) {
          const pos = this.rank(baseKey);
          if (pos < this.n && !this.deleted.includes(pos)) this.deleted.splice(lowerBound(this.deleted, pos), 0, pos);
        }
      }
      if (m.after.member) {
        const entry = { key: m.after.key, rowid: m.rowid, rank: this.rank(m.after.key) };
        let k = 0;
        while (k < this.inserted.length && this.cmp(this.inserted[k]!.key, entry.key) < 0) k++;
        this.inserted.splice(k, 0, entry);
      }
    }
    return this.deleted.length + this.inserted.length <= MAX_EDITS;
  }

  drop(): void {
    if (this.dropped) return;
    this.dropped = true;
    this.sqlite.exec(`DROP TABLE IF EXISTS temp."${this.table}"`);
  }

  /** Grid position where base index b's run (rows inserted before it, then it) begins. */
  private runStart(b: number): number {
    return b - lowerBound(this.deleted, b) + lowerRank(this.inserted, b);
  }

  /** How many base rows sort before `key` (the base in its built order). */
  private rank(key: SortKey): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cmp(this.baseKey(mid), key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private baseKey(pos: number): SortKey {
    const [r, ...key] = this.probe.get(pos + 1) as [number, ...SortKey];
    const base = this.touched.get(r);
    return base ?? key;
  }

  private isInserted(rowid: number): boolean {
    return this.inserted.some((x) => x.rowid === rowid);
  }
}

/** Index of the first element >= x in a sorted number array. */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many inserted rows have rank < b (they are sorted by key, so by rank too). */
function lowerRank(xs: readonly Inserted[], b: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]!.rank < b) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
