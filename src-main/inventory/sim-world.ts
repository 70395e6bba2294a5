import type { StageDecision } from '../../src-shared/rules';
import type { Sqlite } from '../db';
import { level, shipDayIn, WAREHOUSE_SLOTS_SQL, type RoutingWorld, type StockLevel, type WarehouseSlot } from './world';

/**
 * The dry run's world: today's stock and capacity, read once, with the replayed orders' own
 * reservations and routes set aside (they are what is being re-decided). Each replayed
 * decision is then committed here in memory, in paid-time order, as the real run would.
 */
export class SimWorld implements RoutingWorld {
  private readonly slots: WarehouseSlot[];
  /** Per SKU, per warehouse: on hand and reserved (a dry run asks a few times per order: no key strings built). */
  private readonly cells = new Map<string, Map<string, { onHand: number | null; reserved: number }>>();
  private readonly safety = new Map<string, number>();
  private readonly tracked_ = new Set<string>();
  /** Per warehouse, per ship day: orders routed there. */
  private readonly usedBy = new Map<string, Map<string, number>>();
  readonly shipDay;

  constructor(sqlite: Sqlite, zone: string, replay: { from: number; to: number }) {
    this.shipDay = shipDayIn(zone);
    this.slots = sqlite.prepare(WAREHOUSE_SLOTS_SQL).all() as WarehouseSlot[];
    const latest = sqlite.prepare('SELECT sku_code AS sku, warehouse_id AS wh, on_hand AS n FROM stock_latest');
    for (const r of latest.iterate() as Iterable<{ sku: string; wh: string; n: number }>) {
      this.cell(r.sku, r.wh).onHand = r.n;
      this.tracked_.add(r.sku);
    }
    const outside = 'NOT (coalesce(o.paid_at, -1) >= @from AND coalesce(o.paid_at, -1) < @to)';
    const reserved = sqlite.prepare(`SELECT r.sku_code AS sku, r.warehouse_id AS wh, sum(r.qty) AS n FROM stock_reservations r
      JOIN orders o ON o.id = r.order_id WHERE r.released_at IS NULL AND ${outside} GROUP BY r.sku_code, r.warehouse_id`);
    for (const r of reserved.iterate(replay) as Iterable<{ sku: string; wh: string; n: number }>) this.cell(r.sku, r.wh).reserved = r.n;
    for (const r of sqlite.prepare('SELECT sku_code AS sku, qty FROM safety_stock').iterate() as Iterable<{ sku: string; qty: number }>) this.safety.set(r.sku, r.qty);
    const used = sqlite.prepare(`SELECT r.warehouse_id AS wh, r.ship_day AS day, count(DISTINCT r.order_id) AS n FROM order_routes r
      JOIN orders o ON o.id = r.order_id WHERE r.released_at IS NULL AND ${outside} GROUP BY r.warehouse_id, r.ship_day`);
    for (const r of used.iterate(replay) as Iterable<{ wh: string; day: string; n: number }>) this.days(r.wh).set(r.day, r.n);
  }

  warehouses(): WarehouseSlot[] {
    return this.slots;
  }

  tracked(skuCode: string): boolean {
    return this.tracked_.has(skuCode);
  }

  stock(skuCode: string, warehouseId: string): StockLevel {
    const c = this.cells.get(skuCode)?.get(warehouseId);
    return level(c?.onHand ?? null, c?.reserved ?? 0, this.safety.get(skuCode) ?? 0, this.tracked_.has(skuCode));
  }

  used(warehouseId: string, shipDay: string): number {
    return this.usedBy.get(warehouseId)?.get(shipDay) ?? 0;
  }

  decisionTime(orderAt: number): number {
    return orderAt;
  }

  /** What the real run writes to the ledger, kept in memory instead. */
  commit(d: StageDecision): void {
    for (const a of d.assignments) {
      if (!a.skuCode || !(a.reserve ?? this.tracked_.has(a.skuCode))) continue;
      this.cell(a.skuCode, a.warehouseId).reserved += a.qty;
    }
    for (const r of d.routes) {
      const days = this.days(r.warehouseId);
      days.set(r.shipDay, (days.get(r.shipDay) ?? 0) + 1);
    }
  }

  private cell(sku: string, wh: string): { onHand: number | null; reserved: number } {
    let bySku = this.cells.get(sku);
    if (!bySku) this.cells.set(sku, (bySku = new Map()));
    let c = bySku.get(wh);
    if (!c) bySku.set(wh, (c = { onHand: null, reserved: 0 }));
    return c;
  }

  private days(wh: string): Map<string, number> {
    let d = this.usedBy.get(wh);
    if (!d) this.usedBy.set(wh, (d = new Map()));
    return d;
  }
}
