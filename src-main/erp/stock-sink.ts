import { uuidv7 } from 'uuidv7';
import type { Sqlite, WriteTx } from '../db';
import type { StockSettle } from '../inventory/stock-service';

export interface Count {
  skuCode: string;
  warehouseId: string;
  onHand: number;
}

/**
 * Where ERP stock snapshots land: the `stock_snapshots` table (the same one spreadsheet stock
 * imports write), in bulk through the write path; then the reservation ledger settles the changed
 * counts in the same transaction (a lower count takes reservations back, a higher one frees
 * orders waiting for stock).
 *
 * Beside each count written, the ERP's last word per warehouse × SKU is kept in erp_stock_latest
 * (derived), so a pull reads it once and writes only what the ERP changed.
 */
export class StockSink {
  private readonly readLatest;
  private readonly latestWarehouses;
  private readonly setLatest;
  private readonly setLatestMany;
  private readonly dropLatest;

  constructor(sqlite: Sqlite, private readonly connectionId: string, private readonly stock: StockSettle | null = null) {
    // Per warehouse, codes and counts as two JSON arrays: one value each to cross into JS instead of a row per count.
    this.latestWarehouses = sqlite.prepare('SELECT DISTINCT warehouse_id FROM erp_stock_latest WHERE connection_id = ?').pluck();
    this.readLatest = sqlite.prepare(
      'SELECT json_group_array(sku_code) AS s, json_group_array(on_hand) AS q FROM erp_stock_latest WHERE connection_id = ? AND warehouse_id = ?',
    );
    this.setLatest = sqlite.prepare(
      `INSERT INTO erp_stock_latest (connection_id, warehouse_id, sku_code, on_hand, at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(connection_id, warehouse_id, sku_code) DO UPDATE SET on_hand = excluded.on_hand, at = excluded.at`,
    );
    // A batch of counts in one statement: thousands of single upserts cost more in crossings than in SQLite.
    this.setLatestMany = sqlite.prepare(
      `INSERT INTO erp_stock_latest (connection_id, warehouse_id, sku_code, on_hand, at)
       SELECT ?, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]'), ? FROM json_each(?) j WHERE true
       ON CONFLICT(connection_id, warehouse_id, sku_code) DO UPDATE SET on_hand = excluded.on_hand, at = excluded.at`,
    );
    this.dropLatest = sqlite.prepare('DELETE FROM erp_stock_latest WHERE connection_id = ? AND warehouse_id = ? AND sku_code = ?');
  }

  /** What this ERP last reported: warehouse id → SKU code → on hand (no joined keys to build per count). */
  latest(): Map<string, Map<string, number>> {
    const out = new Map<string, Map<string, number>>();
    for (const w of this.latestWarehouses.all(this.connectionId) as string[]) {
      const r = this.readLatest.get(this.connectionId, w) as { s: string; q: string };
      const skus = JSON.parse(r.s) as string[];
      const qty = JSON.parse(r.q) as number[];
      const m = new Map<string, number>();
      for (let i = 0; i < skus.length; i++) m.set(skus[i]!, qty[i]!);
      out.set(w, m);
    }
    return out;
  }

  /** New counts taken at `at`; returns their row ids (so a later correction in the same run can fix them). */
  insert(tx: WriteTx, rows: Count[], at: number, source: string): string[] {
    const now = Date.now();
    const full = rows.map((c) => ({ id: uuidv7(), skuCode: c.skuCode, warehouseId: c.warehouseId, onHand: c.onHand, at, source, createdAt: now, updatedAt: now }));
    tx.insertMany('stock_snapshots', full, `${source}: ${full.length} stock counts`);
    if (rows.length) this.setLatestMany.run(this.connectionId, at, JSON.stringify(rows.map((c) => [c.warehouseId, c.skuCode, c.onHand])));
    this.stock?.countsChanged(tx, rows, now);
    return full.map((r) => r.id);
  }

  /** Corrects a count written earlier in the same run (the ERP listed the same SKU × warehouse again). */
  correct(tx: WriteTx, id: string, c: Count, at: number): void {
    tx.update('stock_snapshots', id, { onHand: c.onHand, updatedAt: Date.now() });
    this.setLatest.run(this.connectionId, c.warehouseId, c.skuCode, c.onHand, at);
    this.stock?.countsChanged(tx, [c], Date.now());
  }

  /** Withdraws a count written earlier in the same run; the ERP's previous word (if any) stands again. */
  withdraw(tx: WriteTx, id: string, c: { skuCode: string; warehouseId: string }, previous: number | undefined, at: number): void {
    tx.delete('stock_snapshots', id);
    if (previous === undefined) this.dropLatest.run(this.connectionId, c.warehouseId, c.skuCode);
    else this.setLatest.run(this.connectionId, c.warehouseId, c.skuCode, previous, at);
    this.stock?.countsChanged(tx, [c], Date.now());
  }
}
