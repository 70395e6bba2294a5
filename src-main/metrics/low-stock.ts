import type { LowStockRow } from '../../src-shared/contract/board';
import type { Sqlite } from '../db';

/**
 * SKUs whose free stock across warehouses (latest count − open reservations) is below their safety
 * stock. Only SKUs with a safety stock are read (safety_stock is small), each through its own indexes.
 */
export class LowStock {
  private readonly rows;

  constructor(sqlite: Sqlite) {
    this.rows = sqlite.prepare(
      `SELECT ss.sku_code AS skuCode, (SELECT title FROM skus WHERE code = ss.sku_code) AS title, ss.qty AS safety,
         coalesce((SELECT sum(l.on_hand) FROM stock_latest l WHERE l.sku_code = ss.sku_code), 0) AS onHand,
         coalesce((SELECT sum(r.qty) FROM stock_reservations r WHERE r.sku_code = ss.sku_code AND r.released_at IS NULL), 0) AS reserved
       FROM safety_stock ss WHERE ss.qty > 0`,
    );
  }

  list(): LowStockRow[] {
    return (this.rows.all() as Omit<LowStockRow, 'free'>[])
      .map((r) => ({ ...r, free: r.onHand - r.reserved }))
      .filter((r) => r.free < r.safety)
      .sort((a, b) => a.free - a.safety - (b.free - b.safety) || a.skuCode.localeCompare(b.skuCode));
  }
}
