import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../db';
import { SimWorld } from '../inventory/sim-world';
import type { StageDecision } from '../../src-shared/rules';
import { afterReview, decideReview, decideRoute, type CompiledRuleSet } from './decide';
import { FactsReader, ORDER_FACT_COLUMNS, ORDER_FACT_FROM, type OrderFactRow, type RawLine } from './facts';

/** One replayed order: what fired and what would change. */
export interface DryRunRow {
  orderId: string;
  platformOrderId: string;
  paidAt: number;
  review: StageDecision;
  /** Null when the review stage held the order (it would wait for a person, not be routed). */
  route: StageDecision | null;
}

export interface DryRunBatch {
  rows: DryRunRow[];
  processed: number;
  total: number;
}

export interface DryRunLoopOptions {
  /** Orders per batch; each batch is one short read, so writers and the window are never held up. */
  batchSize?: number;
  isCancelled?: () => boolean;
  /** Called after each batch; the caller streams it (counts, sample, CSV). */
  onBatch: (b: DryRunBatch) => void | Promise<void>;
}

/**
 * Replays a rule set over the paid orders in [from, to), in paid-time order, on a READ
 * connection: the same facts and decision functions as the real run, against a SimWorld of
 * today's stock and capacity with the replayed orders' own reservations set aside.
 * A batched, cancellable, progress-reporting loop: it yields to the event loop between
 * batches, and moves unchanged into a worker thread (it needs only a path and plain data).
 */
export async function dryRunLoop(sqlite: Sqlite, zone: string, set: CompiledRuleSet, range: { from: number; to: number }, opts: DryRunLoopOptions): Promise<'done' | 'cancelled'> {
  const batchSize = opts.batchSize ?? 1000;
  const total = sqlite.prepare('SELECT count(*) FROM orders WHERE paid_at >= ? AND paid_at < ?').pluck().get(range.from, range.to) as number;
  const world = new SimWorld(sqlite, zone, range);
  const facts = new FactsReader(sqlite, zone);
  facts.refreshBlacklist();
  const page = sqlite.prepare(`SELECT ${ORDER_FACT_COLUMNS} FROM ${ORDER_FACT_FROM}
    WHERE o.paid_at >= @from AND o.paid_at < @to AND (o.paid_at > @afterAt OR (o.paid_at = @afterAt AND o.id > @afterId))
    ORDER BY o.paid_at, o.id LIMIT @limit`);
  const linesStmt = new Map<number, Statement<unknown[]>>();
  const linesFor = (ids: string[]): Map<string, RawLine[]> => {
    let stmt = linesStmt.get(ids.length);
    if (!stmt) {
      stmt = sqlite.prepare(`SELECT order_id AS orderId, id, sku_code AS skuCode, qty, gift, title FROM order_lines
        WHERE order_id IN (${ids.map(() => '?').join(',')}) ORDER BY order_id, line_no, id`);
      linesStmt.set(ids.length, stmt);
    }
    const out = new Map<string, RawLine[]>();
    for (const l of stmt.all(...ids) as RawLine[]) {
      const list = out.get(l.orderId!);
      if (list) list.push(l);
      else out.set(l.orderId!, [l]);
    }
    return out;
  };

  let afterAt = range.from - 1;
  let afterId = '';
  let processed = 0;
  for (;;) {
    if (opts.isCancelled?.()) return 'cancelled';
    const rows = page.all({ from: range.from, to: range.to, afterAt, afterId, limit: batchSize }) as OrderFactRow[];
    if (!rows.length) break;
    const lines = linesFor(rows.map((r) => r.id));
    const built = facts.buildPage(rows, lines);
    const out: DryRunRow[] = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const f = built[i]!;
      const review = decideReview(set, f);
      let route: StageDecision | null = null;
      if (!review.holds.length) {
        route = decideRoute(set, afterReview(f, review), world);
        if (!route.holds.length) world.commit(route);
      }
      out.push({ orderId: row.id, platformOrderId: row.platformOrderId, paidAt: row.paidAt!, review, route });
    }
    processed += rows.length;
    const last = rows[rows.length - 1]!;
    afterAt = last.paidAt!;
    afterId = last.id;
    await opts.onBatch({ rows: out, processed, total });
    await new Promise<void>((r) => setImmediate(r));
  }
  return 'done';
}
