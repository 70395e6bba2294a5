import type { Sqlite } from '../db';
import { nextDay, zoneClock } from '../rules/zone-clock';

/** A warehouse as routing sees it: its default order, daily capacity and cut-off. */
export interface WarehouseSlot {
  id: string;
  name: string;
  priority: number;
  /** Null: no limit. */
  dailyOrders: number | null;
  cutoffMinute: number;
}

export interface StockLevel {
  /** False when the SKU has no snapshot in any warehouse: it is not stock-tracked and never reserved. */
  tracked: boolean;
  onHand: number;
  reserved: number;
  safety: number;
  /** on hand − reserved − safety, never below 0 */
  available: number;
}

/**
 * What routing asks of the world: stock and capacity. The real run reads the ledger in SQLite
 * (DbWorld); the dry run reads the same numbers once and keeps its own would-be reservations
 * in memory (SimWorld). The decision function is the same for both.
 */
export interface RoutingWorld {
  warehouses(): WarehouseSlot[];
  /** Has the SKU a snapshot in any warehouse (is it stock-tracked)? */
  tracked(skuCode: string): boolean;
  stock(skuCode: string, warehouseId: string): StockLevel;
  /** Orders already routed to the warehouse for that ship day. */
  used(warehouseId: string, shipDay: string): number;
  /** The ship day of an order decided at `at` (after the cut-off: the next day). */
  shipDay(w: WarehouseSlot, at: number): string;
  /** When the decision is taken: the real run's now (never before the order's time); the dry run replays at the order's time. */
  decisionTime(orderAt: number): number;
}

export function level(onHand: number | null, reserved: number, safety: number, tracked: boolean): StockLevel {
  const on = onHand ?? 0;
  return { tracked, onHand: on, reserved, safety, available: Math.max(0, on - reserved - safety) };
}

export function shipDayIn(zone: string): (w: WarehouseSlot, at: number) => string {
  const clock = zoneClock(zone);
  return (w, at) => {
    const t = clock(at);
    return t.minuteOfDay >= w.cutoffMinute ? nextDay(t.day) : t.day;
  };
}

export const WAREHOUSE_SLOTS_SQL = `SELECT w.id, w.name, coalesce(c.priority, 100) AS priority, c.daily_orders AS dailyOrders,
  coalesce(c.cutoff_minute, 960) AS cutoffMinute
  FROM warehouses w LEFT JOIN warehouse_capacity c ON c.warehouse_id = w.id ORDER BY priority, w.code, w.id`;

/** The live ledger: every read goes to SQLite (inside the caller's write transaction, so it is current). */
export class DbWorld implements RoutingWorld {
  private readonly slots;
  private readonly stockStmt;
  private readonly usedStmt;
  private readonly trackedStmt;
  readonly shipDay;

  constructor(sqlite: Sqlite, zone: string, private readonly now: () => number) {
    this.slots = sqlite.prepare(WAREHOUSE_SLOTS_SQL);
    this.stockStmt = sqlite.prepare(`SELECT
      (SELECT on_hand FROM stock_counts WHERE sku_code = @sku AND warehouse_id = @wh ORDER BY at DESC LIMIT 1) AS onHand,
      (SELECT coalesce(sum(qty), 0) FROM stock_reservations WHERE sku_code = @sku AND warehouse_id = @wh AND released_at IS NULL) AS reserved,
      (SELECT qty FROM safety_stock WHERE sku_code = @sku) AS safety,
      EXISTS (SELECT 1 FROM stock_counts WHERE sku_code = @sku) AS tracked`);
    this.usedStmt = sqlite.prepare('SELECT count(DISTINCT order_id) FROM order_routes WHERE warehouse_id = ? AND ship_day = ? AND released_at IS NULL').pluck();
    this.trackedStmt = sqlite.prepare('SELECT EXISTS (SELECT 1 FROM stock_counts WHERE sku_code = ?)').pluck();
    this.shipDay = shipDayIn(zone);
  }

  warehouses(): WarehouseSlot[] {
    return this.slots.all() as WarehouseSlot[];
  }

  tracked(skuCode: string): boolean {
    return this.trackedStmt.get(skuCode) === 1;
  }

  stock(skuCode: string, warehouseId: string): StockLevel {
    const r = this.stockStmt.get({ sku: skuCode, wh: warehouseId }) as { onHand: number | null; reserved: number; safety: number | null; tracked: number };
    return level(r.onHand, r.reserved, r.safety ?? 0, r.tracked === 1);
  }

  used(warehouseId: string, shipDay: string): number {
    return this.usedStmt.get(warehouseId, shipDay) as number;
  }

  decisionTime(orderAt: number): number {
    return Math.max(orderAt, this.now());
  }
}
