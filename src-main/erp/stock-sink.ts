import { uuidv7 } from 'uuidv7';
import type { Sqlite, WriteTx } from '../db';

export interface StockCount {
  skuCode: string;
  warehouseId: string;
  onHand: number;
}

/**
 * Where ERP stock snapshots land: today the `stock_snapshots` table (the same one spreadsheet stock
 * imports write), through the write path. When the reservation ledger's `applySnapshot` lands in
 * src-main/inventory/, `apply` below is the one place to re-point.
 *
 * A count is written only when it differs from the latest one for that SKU × warehouse, so the
 * 5-minute deltas write what changed and nothing else. A full snapshot also sets to 0 what this
 * source counted before and no longer lists.
 */
export class StockSink {
  private readonly latest;
  private readonly latestOfSource;

  constructor(sqlite: Sqlite) {
    this.latest = sqlite.prepare('SELECT on_hand FROM stock_snapshots WHERE warehouse_id = ? AND sku_code = ? ORDER BY at DESC LIMIT 1').pluck();
    this.latestOfSource = sqlite.prepare(
      `SELECT s.sku_code AS skuCode, s.warehouse_id AS warehouseId, s.on_hand AS onHand FROM stock_snapshots s
       WHERE s.source = ? AND s.on_hand <> 0
         AND s.at = (SELECT max(x.at) FROM stock_snapshots x WHERE x.warehouse_id = s.warehouse_id AND x.sku_code = s.sku_code)`,
    );
  }

  /** One batch of counts taken at `at`. */
  apply(tx: WriteTx, counts: StockCount[], at: number, source: string): { created: number; unchanged: number } {
    const now = Date.now();
    const rows: Record<string, unknown>[] = [];
    for (const c of counts) {
      if (this.latest.get(c.warehouseId, c.skuCode) === c.onHand) continue;
      rows.push({ id: uuidv7(), skuCode: c.skuCode, warehouseId: c.warehouseId, onHand: c.onHand, at, source, createdAt: now, updatedAt: now });
    }
    tx.insertMany('stock_snapshots', rows, `${source}: ${rows.length} stock counts`);
    return { created: rows.length, unchanged: counts.length - rows.length };
  }

  /** What this source last counted as non-zero and the full snapshot no longer has. */
  missingFrom(seen: Set<string>, source: string): StockCount[] {
    return (this.latestOfSource.all(source) as StockCount[]).filter((c) => !seen.has(stockKey(c.skuCode, c.warehouseId)));
  }
}

export const stockKey = (sku: string, warehouseId: string) => `${sku}\u0000${warehouseId}`;
