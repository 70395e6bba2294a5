import { uuidv7 } from '../kernel/ids';
import type { Sqlite, WriteTx } from '../db';
import type { ReservationLedger } from './ledger';

/** One count of one SKU in one warehouse, from a spreadsheet, the ERP bridge, a stocktake or a shipment. */
export interface SnapshotRow {
  skuCode: string;
  warehouseId: string;
  onHand: number;
  /** When the count was true (UTC ms); default: now. */
  at?: number | undefined;
}

export interface StockChange {
  /** SKUs whose on-hand changed. */
  skuCodes: string[];
  /** Orders whose reservations were released because a lower count left fewer units than reserved. */
  oversoldOrders: string[];
}

/** What a writer that stores counts itself (ERP bulk pull, spreadsheet stock rows) tells the ledger after. */
export type StockSettle = Pick<StockService, 'countsChanged'>;

/** Told after stock changed, inside the same transaction: routing releases waiting orders and re-routes oversold ones. */
export type StockListener = (tx: WriteTx, change: StockChange) => void;

/**
 * Writes stock: snapshots (the one entry point for imports today and the ERP bridge later),
 * on-hand adjustments, and safety stock. After a write it keeps the ledger honest — never more
 * reserved than on hand: the newest reservations (latest paid) give way — and tells the listener.
 */
export class StockService {
  private readonly latest;
  private readonly snapshotAt;
  private readonly reservedOpen;
  private readonly newestOpen;
  private readonly safetyOf;
  private readonly warehousesOf;
  private readonly withOpen;
  private readonly listeners: StockListener[] = [];

  constructor(sqlite: Sqlite, private readonly ledger: ReservationLedger) {
    this.latest = sqlite.prepare('SELECT on_hand FROM stock_counts WHERE sku_code = ? AND warehouse_id = ? ORDER BY at DESC LIMIT 1').pluck();
    this.snapshotAt = sqlite.prepare('SELECT id, on_hand AS onHand FROM stock_snapshots WHERE sku_code = ? AND warehouse_id = ? AND at = ?');
    this.reservedOpen = sqlite.prepare('SELECT coalesce(sum(qty), 0) FROM stock_reservations WHERE sku_code = ? AND warehouse_id = ? AND released_at IS NULL').pluck();
    this.newestOpen = sqlite.prepare(`SELECT r.order_id AS orderId, sum(r.qty) AS qty FROM stock_reservations r JOIN orders o ON o.id = r.order_id
      WHERE r.sku_code = ? AND r.warehouse_id = ? AND r.released_at IS NULL
      GROUP BY r.order_id ORDER BY max(coalesce(o.paid_at, o.created_at)) DESC, r.order_id DESC`);
    this.safetyOf = sqlite.prepare('SELECT qty FROM safety_stock WHERE sku_code = ?').pluck();
    this.warehousesOf = sqlite.prepare('SELECT DISTINCT warehouse_id FROM stock_reservations WHERE sku_code = ? AND released_at IS NULL').pluck();
    // The keys holding open reservations, read from the open-reservations index alone (it holds only
    // open ones): for many changed counts a set look-up each beats a probe each in SQL.
    this.withOpen = sqlite.prepare(`SELECT DISTINCT sku_code || char(0) || warehouse_id FROM stock_reservations WHERE released_at IS NULL`).pluck();
  }

  listen(fn: StockListener): void {
    this.listeners.push(fn);
  }

  /**
   * THE entry point for stock counts (imports, ERP bridge, stocktakes). A row with a time is
   * keyed by (SKU, warehouse, time); without one, a new snapshot is taken now only if the count
   * differs from the latest. Returns what changed; listeners have already run in `tx`.
   */
  applySnapshot(tx: WriteTx, rows: SnapshotRow[], source: string, now: number): StockChange {
    const changed = new Map<string, SnapshotRow>();
    for (const r of rows) {
      if (!Number.isInteger(r.onHand) || r.onHand < 0) throw new RangeError(`on-hand must be a whole number ≥ 0: ${r.skuCode} ${r.onHand}`);
      if (this.write(tx, r, source, now)) changed.set(`${r.skuCode}\u0000${r.warehouseId}`, r);
    }
    return this.settle(tx, [...changed.values()], now);
  }

  /**
   * Counts another writer already stored (the ERP bridge's bulk pull, a spreadsheet's stock rows):
   * the ledger is kept honest and the listeners (routing) run, as after applySnapshot.
   */
  countsChanged(tx: WriteTx, keys: readonly { skuCode: string; warehouseId: string }[], now: number): StockChange {
    return this.settle(tx, keys.map((k) => ({ skuCode: k.skuCode, warehouseId: k.warehouseId, onHand: 0 })), now);
  }

  /** On-hand moved by `delta` (shipping takes units out, a return puts them back): a new snapshot at `now`. */
  adjustOnHand(tx: WriteTx, skuCode: string, warehouseId: string, delta: number, source: string, now: number): StockChange {
    const current = (this.latest.get(skuCode, warehouseId) as number | undefined) ?? 0;
    return this.applySnapshot(tx, [{ skuCode, warehouseId, onHand: Math.max(0, current + delta), at: now }], source, now);
  }

  /** A higher safety stock can leave reservations uncovered: those give way like after a lower count. */
  setSafety(tx: WriteTx, skuCode: string, qty: number, now: number): StockChange {
    const has = this.safetyOf.get(skuCode) !== undefined;
    if (has) tx.update('safety_stock', skuCode, { qty, updatedAt: now });
    else tx.insert('safety_stock', { skuCode, qty, updatedAt: now });
    const keys = (this.warehousesOf.all(skuCode) as string[]).map((warehouseId) => ({ skuCode, warehouseId, onHand: 0 }));
    return this.settle(tx, keys, now, [skuCode]);
  }

  private write(tx: WriteTx, r: SnapshotRow, source: string, now: number): boolean {
    if (r.at === undefined && this.latest.get(r.skuCode, r.warehouseId) === r.onHand) return false;
    const at = r.at ?? now;
    const existing = this.snapshotAt.get(r.skuCode, r.warehouseId, at) as { id: string; onHand: number } | undefined;
    if (!existing) {
      tx.insert('stock_snapshots', { id: uuidv7(), skuCode: r.skuCode, warehouseId: r.warehouseId, onHand: r.onHand, at, source, createdAt: now, updatedAt: now });
      return true;
    }
    if (existing.onHand === r.onHand) return false;
    tx.update('stock_snapshots', existing.id, { onHand: r.onHand, source, updatedAt: now });
    return true;
  }

  /**
   * Available never negative: while on hand − reserved − safety < 0, the latest-paid orders give
   * their reservations back (released as re-routed; routing then finds them stock or a wait).
   */
  private settle(tx: WriteTx, changed: SnapshotRow[], now: number, skuCodes = changed.map((r) => r.skuCode)): StockChange {
    const oversold = new Set<string>();
    for (const r of this.reserved(changed)) {
      const onHand = (this.latest.get(r.skuCode, r.warehouseId) as number | undefined) ?? 0;
      const safety = (this.safetyOf.get(r.skuCode) as number | undefined) ?? 0;
      let over = (this.reservedOpen.get(r.skuCode, r.warehouseId) as number) - (onHand - safety);
      if (over <= 0) continue;
      for (const o of this.newestOpen.all(r.skuCode, r.warehouseId) as { orderId: string; qty: number }[]) {
        if (over <= 0) break;
        this.ledger.release(tx, { orderId: o.orderId }, 'rerouted', 'stock_count', now);
        oversold.add(o.orderId);
        over -= o.qty;
      }
    }
    const change: StockChange = { skuCodes: [...new Set(skuCodes)], oversoldOrders: [...oversold] };
    if (change.skuCodes.length) for (const fn of this.listeners) fn(tx, change);
    return change;
  }

  /**
   * The counts that have open reservations: only those can leave a reservation uncovered. A bulk
   * snapshot settles thousands of counts, nearly all unreserved, so they are picked in one query.
   */
  private reserved(changed: SnapshotRow[]): SnapshotRow[] {
    if (changed.length < 16) return changed;
    const open = new Set(this.withOpen.all() as string[]);
    if (!open.size) return [];
    return changed.filter((r) => open.has(`${r.skuCode}\u0000${r.warehouseId}`));
  }
}
