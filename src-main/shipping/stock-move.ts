import { uuidv7 } from '../kernel/ids';
import type { Sqlite, WriteTx } from '../db';
import type { ReservationLedger } from '../inventory/ledger';
import type { StockService } from '../inventory/stock-service';
import type { Fulfilment } from '../rules/fulfilment';

export interface ShippedLine {
  lineId: string;
  skuCode: string | null;
  qty: number;
  /** The line has now shipped all of its quantity (its reservation is released; otherwise only `qty` units of it). */
  lineDone: boolean;
}

/**
 * What a shipment does to stock (#11 §5), once: a `shipment_lines` row per line is the record
 * that the units left, the lines' reservations are released as shipped, and on-hand in the local
 * snapshot drops by the shipped units (until the next ERP pull brings the warehouse's own count).
 * Callers never ship more than a line has left (scan.ts checks it in the same transaction), so a
 * unit leaves on-hand at most once.
 */
export class StockMove {
  private readonly reservedAt;
  private readonly tracked;

  constructor(
    sqlite: Sqlite,
    private readonly deps: { ledger: ReservationLedger; stock: StockService; fulfilment: Fulfilment },
  ) {
    this.reservedAt = sqlite.prepare('SELECT warehouse_id FROM stock_reservations WHERE order_line_id = ? ORDER BY created_at DESC LIMIT 1').pluck();
    this.tracked = sqlite.prepare('SELECT 1 FROM stock_counts WHERE sku_code = ? AND warehouse_id = ? LIMIT 1').pluck();
  }

  ship(tx: WriteTx, s: { orderId: string; shipmentId: string; warehouseId: string | null; full: boolean; lines: ShippedLine[] }, now: number): void {
    const by = tx.ctx.actor.name;
    // Where each line's units come from: the warehouse that reserved them, else the order's.
    const from = new Map(s.lines.map((l) => [l.lineId, ((this.reservedAt.get(l.lineId) as string | undefined) ?? s.warehouseId) as string | null]));
    for (const l of s.lines) {
      tx.insert('shipment_lines', {
        id: uuidv7(), shipmentId: s.shipmentId, orderId: s.orderId, orderLineId: l.lineId, skuCode: l.skuCode, warehouseId: from.get(l.lineId) ?? null,
        qty: l.qty, createdAt: now,
      });
    }
    // Released before on-hand drops, so the lower count does not push other orders' reservations out.
    if (s.full) this.deps.fulfilment.release(tx, s.orderId, 'shipped', by);
    else {
      const done = s.lines.filter((l) => l.lineDone).map((l) => l.lineId);
      if (done.length) this.deps.ledger.release(tx, { lineIds: done }, 'shipped', by, now);
      // A line shipping part of its quantity (2 of 5) gives back only the shipped units; the rest stay reserved.
      for (const l of s.lines) if (!l.lineDone) this.deps.ledger.releaseUnits(tx, l.lineId, l.qty, 'shipped', by, now);
    }
    for (const l of s.lines) {
      const wh = from.get(l.lineId);
      if (!l.skuCode || !wh || !this.tracked.get(l.skuCode, wh)) continue; // a SKU nobody counts has no on-hand to lower
      this.deps.stock.adjustOnHand(tx, l.skuCode, wh, -l.qty, 'ship', now);
    }
  }
}
