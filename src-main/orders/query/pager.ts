import type { OrderRow } from '../../../src-shared/contract';
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../../db';
import { AnchorWalk, ANCHOR_STEP } from './anchors';
import { buildOrderQuery, type BuildOptions, type BuiltQuery, type ParsedOrderQuery } from './build';
import { ROW_JOINS, ROW_SELECT } from './columns';
import { toOrderRow } from './rows';
import { OrderSnapshot } from './snapshot';

/** Below this row a covering-index OFFSET is a few ms; from here on, blocks come from anchors or a snapshot. */
export const DEEP_ROW = 20_000;
const MAX_SNAPSHOTS = 3;
const MAX_WALKS = 8;
/** How many index entries a probe may walk before it gives up and sorts instead. */
const PROBE_ROWS = 40_000;
/** A count slower than this walked the table, not an index range. */
const SLOW_COUNT_MS = 25;
const MAX_COUNTS = 64;
/** Sorting this many matches per block costs less than building a snapshot (quick searches). */
const SMALL_RESULT = 2_000;

interface Cached<T> {
  rev: string;
  value: T;
}

/**
 * orders.page behind AG Grid's infinite row model. Shallow blocks: ids by OFFSET over the
 * sort's index (id-only, so the index covers it), or by walking the sort's index when SQLite
 * would otherwise sort every match; then the rows by id. Deep blocks of the unfiltered grid
 * under a one-column indexed sort: keyset anchors (anchors.ts). Other deep blocks, and filters
 * no index serves: a position snapshot built once per query (snapshot.ts), after which any
 * block is a primary-key range. Counts, anchors and snapshots are cached per query signature
 * and dropped when the orders revision (a trigger-maintained counter) moves.
 */
export class OrdersPager {
  private readonly counts = new Map<string, Cached<{ total: number; slow: boolean }>>();
  private readonly snapshots = new Map<string, Cached<OrderSnapshot>>();
  private readonly plans = new Map<string, boolean>();
  private readonly walks = new Map<string, Cached<AnchorWalk>>();
  private readonly sortedOnce = new Map<string, Cached<boolean>>();
  private readonly statements = new Map<string, Statement>();
  private readonly revStmt;

  private readonly deepRow: number;
  private readonly anchorStep: number;

  constructor(
    private readonly sqlite: Sqlite,
    opts: { deepRow?: number; anchorStep?: number } = {},
  ) {
    this.deepRow = opts.deepRow ?? DEEP_ROW;
    this.anchorStep = opts.anchorStep ?? ANCHOR_STEP;
    this.revStmt = sqlite.prepare(`SELECT value FROM meta WHERE key = 'orders_rev'`).pluck();
  }

  page(query: ParsedOrderQuery, startRow: number, endRow: number, opts: BuildOptions): { rows: OrderRow[]; total: number } {
    const built = buildOrderQuery(query, opts);
    const rev = String(this.revStmt.get() ?? '0');
    const sig = built.signature;

    let snap = this.fresh(this.snapshots, sig, rev);
    if (!snap) {
      const { total, slow } = this.count(built, rev);
      if (startRow >= total) return { rows: [], total };
      const ids = this.anchored(built, rev, total, startRow, endRow) ?? this.shallowIds(built, rev, total, slow, startRow, endRow);
      if (ids) return { rows: this.fetch(ids).map((r) => toOrderRow(r, opts.viewAmounts)), total };
      snap = this.snapshot(built, rev);
    }
    return { rows: snap.rows(startRow, endRow).map((r) => toOrderRow(r, opts.viewAmounts)), total: snap.total };
  }

  /** Deep blocks of the unfiltered grid under a one-column indexed sort: keyset anchors, no snapshot. */
  private anchored(built: BuiltQuery, rev: string, total: number, startRow: number, endRow: number): number[] | null {
    if (built.where || !built.sortKey || total <= this.deepRow || endRow <= this.deepRow) return null;
    let walk = this.fresh(this.walks, built.signature, rev);
    if (!walk) {
      walk = new AnchorWalk(this.sqlite, built.sortKey.expr, built.sortKey.dir, total, this.anchorStep);
      this.walks.set(built.signature, { rev, value: walk });
      if (this.walks.size > MAX_WALKS) this.walks.delete(this.walks.keys().next().value!);
    }
    return walk.ids(startRow, endRow);
  }

  /** A block's ids without a snapshot, or null when a snapshot is the cheaper way. */
  private shallowIds(built: BuiltQuery, rev: string, total: number, slowCount: boolean, start: number, end: number): number[] | null {
    if (total <= this.deepRow) {
      // Few matches: SQLite finds and sorts them quickly, but would do it again for every
      // block; when that means a table scan or a sort of thousands, one snapshot serves them all.
      if (slowCount || (total > SMALL_RESULT && this.sortsInMemory(built))) return null;
      return this.offsetIds(built, start, end);
    }
    if (end > this.deepRow) return null;
    if (!this.sortsInMemory(built)) return this.offsetIds(built, start, end);
    const probed = built.sortIndex ? this.probe(built, built.sortIndex, total, start, end) : null;
    if (probed) return probed;
    // Millions of matches under a sort no index serves: SQLite's top-N answers one block in a
    // fraction of a full sort, so the first block is answered that way; a second block of the
    // same query (the user is scrolling) pays for the snapshot once instead of re-sorting.
    if (this.fresh(this.sortedOnce, built.signature, rev) === null) {
      this.sortedOnce.set(built.signature, { rev, value: true });
      if (this.sortedOnce.size > MAX_COUNTS) this.sortedOnce.delete(this.sortedOnce.keys().next().value!);
      return this.offsetIds(built, start, end);
    }
    return null;
  }

  /** Drops every cached snapshot (their temp tables). */
  clear(): void {
    for (const s of this.snapshots.values()) s.value.drop();
    this.snapshots.clear();
    this.counts.clear();
    this.walks.clear();
    this.sortedOnce.clear();
  }

  private fresh<T>(cache: Map<string, Cached<T>>, sig: string, rev: string): T | null {
    const hit = cache.get(sig);
    if (!hit) return null;
    cache.delete(sig);
    if (hit.rev !== rev) {
      if (hit.value instanceof OrderSnapshot) hit.value.drop();
      return null;
    }
    cache.set(sig, hit); // most recently used last
    return hit.value;
  }

  /** The match count, cached per signature and revision; `slow` when counting took a table scan's time. */
  private count(built: BuiltQuery, rev: string): { total: number; slow: boolean } {
    const cached = this.fresh(this.counts, built.signature, rev);
    if (cached) return cached;
    const t = performance.now();
    const total = this.stmt(`SELECT count(*) FROM orders o ${built.where}`).pluck().get(...built.params) as number;
    const value = { total, slow: performance.now() - t > SLOW_COUNT_MS };
    this.counts.set(built.signature, { rev, value });
    if (this.counts.size > MAX_COUNTS) this.counts.delete(this.counts.keys().next().value!);
    return value;
  }

  private snapshot(built: BuiltQuery, rev: string): OrderSnapshot {
    const snap = new OrderSnapshot(this.sqlite, built);
    this.snapshots.set(built.signature, { rev, value: snap });
    this.counts.set(built.signature, { rev, value: { total: snap.total, slow: false } });
    while (this.snapshots.size > MAX_SNAPSHOTS) {
      const [oldest, entry] = this.snapshots.entries().next().value!;
      entry.value.drop();
      this.snapshots.delete(oldest);
    }
    return snap;
  }

  /** Ids by OFFSET: index-only when an index gives the order (the id-only select is covered). */
  private offsetIds(built: BuiltQuery, start: number, end: number): number[] {
    return this.stmt(`SELECT o.rowid FROM orders o ${built.where} ${built.orderBy} LIMIT ? OFFSET ?`)
      .pluck()
      .all(...built.params, end - start, start) as number[];
  }

  /**
   * A broad filter under a sort SQLite would do in memory (e.g. one platform, newest first):
   * walk the sort's own index and test the filter row by row, stopping once the block is full.
   * Gives up (null) after PROBE_ROWS index entries, when matches are too rare or clustered
   * elsewhere; the caller then sorts (snapshot). The order is the index's, so the block is exact.
   */
  private probe(built: BuiltQuery, index: string, total: number, start: number, end: number): number[] | null {
    // Expected walk if matches were spread evenly (max(rowid) ≈ table size, one seek).
    const rows = (this.stmt('SELECT max(rowid) FROM orders').pluck().get() as number | null) ?? 0;
    if ((end * rows) / total > PROBE_ROWS / 4) return null;
    const walk = this.stmt(`SELECT o.rowid, (${built.condition}) FROM orders o INDEXED BY ${index} ${built.orderBy}`).raw();
    const ids: number[] = [];
    let matched = 0;
    let scanned = 0;
    for (const [rowid, hit] of walk.iterate(...built.params) as IterableIterator<[number, number | null]>) {
      if (++scanned > PROBE_ROWS) return null; // leaving the loop resets the statement
      if (!hit) continue;
      if (matched++ >= start) ids.push(rowid);
      if (ids.length === end - start) break;
    }
    return ids;
  }

  /** The grid rows for these rowids, in the same order. */
  private fetch(ids: number[]): Record<string, unknown>[] {
    if (!ids.length) return [];
    return this.stmt(`SELECT ${ROW_SELECT} FROM json_each(?) p JOIN orders o ON o.rowid = p.value ${ROW_JOINS} ORDER BY p.key`)
      .all(JSON.stringify(ids)) as Record<string, unknown>[];
  }

  /** Prepared statements by SQL text (the text holds only whitelisted expressions and ? marks). */
  private stmt(sql: string): Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.sqlite.prepare(sql);
      this.statements.set(sql, st);
      if (this.statements.size > 200) this.statements.delete(this.statements.keys().next().value!);
    }
    return st;
  }

  /** True when SQLite would sort every matching row for each block (no index gives this order). */
  private sortsInMemory(built: BuiltQuery): boolean {
    let v = this.plans.get(built.signature);
    if (v === undefined) {
      const plan = this.sqlite
        .prepare(`EXPLAIN QUERY PLAN SELECT o.rowid FROM orders o ${built.where} ${built.orderBy} LIMIT 1`)
        .all(...built.params) as { detail: string }[];
      v = plan.some((p) => p.detail === 'USE TEMP B-TREE FOR ORDER BY');
      this.plans.set(built.signature, v);
      if (this.plans.size > MAX_COUNTS) this.plans.delete(this.plans.keys().next().value!);
    }
    return v;
  }
}
