import type { OrderRow } from '../../../src-shared/contract';
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../../db';
import { buildOrderQuery, type BuildOptions, type BuiltQuery, type ParsedOrderQuery } from './build';
import { ROW_JOINS, ROW_SELECT } from './columns';
import { toOrderRow } from './rows';
import { OrderSnapshot } from './snapshot';

/** Below this row a covering-index OFFSET is a few ms; from here on, blocks come from a position snapshot. */
export const DEEP_ROW = 20_000;
const MAX_SNAPSHOTS = 3;
const MAX_COUNTS = 64;

interface Cached<T> {
  rev: string;
  value: T;
}

/**
 * orders.page behind AG Grid's infinite row model. Shallow blocks: ids by OFFSET over the
 * sort's index (id-only, so the index covers it), then the rows by id. Deep blocks, and every
 * block of a sort no index serves: a position snapshot built once per query signature, after
 * which any block is a primary-key range. Counts and snapshots are cached per signature and
 * dropped when the orders revision (a trigger-maintained counter) moves.
 */
export class OrdersPager {
  private readonly counts = new Map<string, Cached<number>>();
  private readonly snapshots = new Map<string, Cached<OrderSnapshot>>();
  private readonly plans = new Map<string, boolean>();
  private readonly statements = new Map<string, Statement>();
  private readonly revStmt;

  private readonly deepRow: number;

  constructor(
    private readonly sqlite: Sqlite,
    opts: { deepRow?: number } = {},
  ) {
    this.deepRow = opts.deepRow ?? DEEP_ROW;
    this.revStmt = sqlite.prepare(`SELECT value FROM meta WHERE key = 'orders_rev'`).pluck();
  }

  page(query: ParsedOrderQuery, startRow: number, endRow: number, opts: BuildOptions): { rows: OrderRow[]; total: number } {
    const built = buildOrderQuery(query, opts);
    const rev = String(this.revStmt.get() ?? '0');
    const sig = built.signature;

    let snap = this.fresh(this.snapshots, sig, rev);
    if (!snap) {
      const total = this.count(built, rev);
      if (total > this.deepRow && (endRow > this.deepRow || this.sortsInMemory(built))) snap = this.snapshot(built, rev);
      else {
        const raw = startRow >= total ? [] : this.direct(built, startRow, endRow);
        return { rows: raw.map((r) => toOrderRow(r, opts.viewAmounts)), total };
      }
    }
    return { rows: snap.rows(startRow, endRow).map((r) => toOrderRow(r, opts.viewAmounts)), total: snap.total };
  }

  /** Drops every cached snapshot (their temp tables). */
  clear(): void {
    for (const s of this.snapshots.values()) s.value.drop();
    this.snapshots.clear();
    this.counts.clear();
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

  private count(built: BuiltQuery, rev: string): number {
    const cached = this.fresh(this.counts, built.signature, rev);
    if (cached !== null) return cached;
    const total = this.stmt(`SELECT count(*) FROM orders o ${built.where}`).pluck().get(...built.params) as number;
    this.counts.set(built.signature, { rev, value: total });
    if (this.counts.size > MAX_COUNTS) this.counts.delete(this.counts.keys().next().value!);
    return total;
  }

  private snapshot(built: BuiltQuery, rev: string): OrderSnapshot {
    const snap = new OrderSnapshot(this.sqlite, built);
    this.snapshots.set(built.signature, { rev, value: snap });
    this.counts.set(built.signature, { rev, value: snap.total });
    while (this.snapshots.size > MAX_SNAPSHOTS) {
      const [oldest, entry] = this.snapshots.entries().next().value!;
      entry.value.drop();
      this.snapshots.delete(oldest);
    }
    return snap;
  }

  /** Ids by OFFSET (index-only when the sort has an index), then the full rows for just those ids. */
  private direct(built: BuiltQuery, start: number, end: number): Record<string, unknown>[] {
    const ids = this.stmt(`SELECT o.rowid FROM orders o ${built.where} ${built.orderBy} LIMIT ? OFFSET ?`)
      .pluck()
      .all(...built.params, end - start, start) as number[];
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
