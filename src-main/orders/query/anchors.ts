import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../../db';
import { keyComparator, type SortKey } from './keys';

/** Index entries between two anchors: a block is a seek plus at most about this many skipped entries. */
export const ANCHOR_STEP = 10_000;

interface Anchor {
  /** null: the start of the region. */
  key: SortKey | null;
  /** How many rows of the region sort before `key`. */
  pos: number;
}

/**
 * One stretch of the grid in one index's order, paged by keyset anchors: the key of every
 * STEP-th row, found by hopping along the index with OFFSET STEP from the anchor before. A block
 * is a seek to the nearest anchor plus fewer than about STEP skipped index entries. When an
 * order enters or leaves the stretch, the anchors after its key move by one place, so a change
 * never costs the anchors already found (the keys stay valid boundaries even if their row left).
 */
export class KeysetRegion {
  private readonly anchors: Anchor[] = [{ key: null, pos: 0 }];
  private readonly cmp: (a: SortKey, b: SortKey) => number;
  private readonly hopFromStart: Statement;
  private readonly hopFrom: Statement;
  private readonly blockFromStart: Statement;
  private readonly blockFrom: Statement;

  /**
   * @param where the region's condition over `orders o` (whitelisted SQL)
   * @param keys the region's order: expressions ending in o.id, all in direction `dir` (so row values compare them)
   */
  constructor(
    sqlite: Sqlite,
    where: string,
    keys: string[],
    dir: 'ASC' | 'DESC',
    public size: number,
    private readonly step = ANCHOR_STEP,
  ) {
    const cmp = dir === 'ASC' ? '>=' : '<=';
    const order = `ORDER BY ${keys.map((k) => `${k} ${dir}`).join(', ')}`;
    const after = `(${keys.join(', ')}) ${cmp} (${keys.map(() => '?').join(', ')})`;
    this.cmp = keyComparator(keys.map((expr) => ({ expr, dir })));
    this.hopFromStart = sqlite.prepare(`SELECT ${keys.join(', ')} FROM orders o WHERE ${where} ${order} LIMIT 1 OFFSET ?`).raw();
    this.hopFrom = sqlite.prepare(`SELECT ${keys.join(', ')} FROM orders o WHERE ${where} AND ${after} ${order} LIMIT 1 OFFSET ?`).raw();
    this.blockFromStart = sqlite.prepare(`SELECT o.rowid FROM orders o WHERE ${where} ${order} LIMIT ? OFFSET ?`).pluck();
    this.blockFrom = sqlite.prepare(`SELECT o.rowid FROM orders o WHERE ${where} AND ${after} ${order} LIMIT ? OFFSET ?`).pluck();
  }

  /** Rowids at region positions [s, e). */
  rowids(s: number, e: number): number[] {
    e = Math.min(e, this.size);
    if (e <= s) return [];
    const a = this.anchorAt(s);
    const skip = s - a.pos;
    return (a.key ? this.blockFrom.all(...a.key, e - s, skip) : this.blockFromStart.all(e - s, skip)) as number[];
  }

  /** A row with this key entered (+1) or left (-1) the region. */
  shift(key: SortKey, delta: 1 | -1): void {
    this.size += delta;
    // Anchors are in key order: every one past the first whose key sorts after `key` moves.
    let lo = 1;
    let hi = this.anchors.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cmp(this.anchors[mid]!.key!, key) > 0) hi = mid;
      else lo = mid + 1;
    }
    for (let j = lo; j < this.anchors.length; j++) this.anchors[j]!.pos += delta;
  }

  /** How many anchors are known (for tests). */
  get anchorCount(): number {
    return this.anchors.length;
  }

  /** The last anchor at or before s, hopping forward from the last known one when s is past it. */
  private anchorAt(s: number): Anchor {
    for (;;) {
      const last = this.anchors[this.anchors.length - 1]!;
      if (s < last.pos + this.step || last.pos + this.step >= this.size) break;
      const row = (last.key ? this.hopFrom.get(...last.key, this.step) : this.hopFromStart.get(this.step)) as SortKey | undefined;
      if (!row) break;
      this.anchors.push({ key: row, pos: last.pos + this.step });
    }
    let lo = 0;
    let hi = this.anchors.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.anchors[mid]!.pos <= s) lo = mid;
      else hi = mid - 1;
    }
    return this.anchors[lo]!;
  }
}

/**
 * The whole grid under one indexed sort column with no filter: the rows whose value is set, in
 * (value, id) order, and the rows whose value is NULL, by id, before them (ASC) or after (DESC).
 */
export class AnchorWalk {
  private readonly values: KeysetRegion;
  private readonly nulls: KeysetRegion;

  constructor(sqlite: Sqlite, private readonly expr: string, private readonly dir: 'ASC' | 'DESC', counts: { nonNull: number; nulls: number }, step = ANCHOR_STEP) {
    this.values = new KeysetRegion(sqlite, `${expr} IS NOT NULL`, [expr, 'o.id'], dir, counts.nonNull, step);
    this.nulls = new KeysetRegion(sqlite, `${expr} IS NULL`, ['o.id'], dir, counts.nulls, step);
  }

  static count(sqlite: Sqlite, expr: string): { nonNull: number; nulls: number } {
    const nulls = sqlite.prepare(`SELECT count(*) FROM orders o WHERE ${expr} IS NULL`).pluck().get() as number;
    const all = sqlite.prepare('SELECT count(*) FROM orders').pluck().get() as number;
    return { nonNull: all - nulls, nulls };
  }

  get total(): number {
    return this.values.size + this.nulls.size;
  }

  /** Rowids at grid positions [start, end). */
  ids(start: number, end: number): number[] {
    const [first, second] = this.dir === 'ASC' ? [this.nulls, this.values] : [this.values, this.nulls];
    const out = first.rowids(start, end);
    const s2 = Math.max(0, start - first.size);
    const e2 = end - first.size;
    if (e2 > 0) out.push(...second.rowids(s2, e2));
    return out;
  }

  /** Anchors found so far, both regions (for tests and diagnostics). */
  get anchorCount(): number {
    return this.values.anchorCount + this.nulls.anchorCount;
  }

  /** An order with sort key [value, id] entered (+1) or left (-1) the grid. */
  shift(key: SortKey, delta: 1 | -1): void {
    if (key[0] === null) this.nulls.shift([key[1]!], delta);
    else this.values.shift(key, delta);
  }
}
