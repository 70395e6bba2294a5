import { uuidv7 } from 'uuidv7';
import type { Sqlite, WriteTx } from '../db';

export interface Latest {
  onHand: number;
  source: string;
}

/**
 * Where ERP stock snapshots land: today the `stock_snapshots` table (the same one spreadsheet stock
 * imports write), through the write path. When the reservation ledger's `applySnapshot` lands in
 * src-main/inventory/, the three methods below are the one place to re-point.
 *
 * A count is written only when it differs from the latest one for that SKU × warehouse, so the
 * 5-minute deltas write what changed and nothing else.
 */
export class StockSink {
  private readonly latestAll;

  constructor(sqlite: Sqlite) {
    // One ordered pass over the (warehouse, sku, at) index instead of a look-up per row: SQLite returns
    // the other columns of the row that holds max(at) in each group.
    this.latestAll = sqlite.prepare(
      'SELECT warehouse_id AS w, sku_code AS s, on_hand AS q, source, max(at) AS at FROM stock_snapshots GROUP BY warehouse_id, sku_code',
    );
  }

  /** The latest count of every SKU × warehouse, keyed by stockKey. */
  latest(): Map<string, Latest> {
    const out = new Map<string, Latest>();
    for (const r of this.latestAll.iterate() as Iterable<{ w: string; s: string; q: number; source: string }>) out.set(stockKey(r.s, r.w), { onHand: r.q, source: r.source });
    return out;
  }

  /** A new count taken at `at`; returns the row id (so a later correction in the same run can fix it). */
  insert(tx: WriteTx, rows: { skuCode: string; warehouseId: string; onHand: number }[], at: number, source: string): string[] {
    const now = Date.now();
    const full = rows.map((c) => ({ id: uuidv7(), skuCode: c.skuCode, warehouseId: c.warehouseId, onHand: c.onHand, at, source, createdAt: now, updatedAt: now }));
    tx.insertMany('stock_snapshots', full, `${source}: ${full.length} stock counts`);
    return full.map((r) => r.id);
  }

  /** Corrects a count written earlier in the same run (the ERP listed the same SKU × warehouse again). */
  correct(tx: WriteTx, id: string, onHand: number): void {
    tx.update('stock_snapshots', id, { onHand, updatedAt: Date.now() });
  }

  /** Withdraws a count written earlier in the same run (a later row of its group was unreadable). */
  withdraw(tx: WriteTx, id: string): void {
    tx.delete('stock_snapshots', id);
  }
}

export const stockKey = (sku: string, warehouseId: string) => `${sku}\u0000${warehouseId}`;
