import type { Sqlite } from '../db';
import type { LedgerChange, ReservationLedger } from './ledger';
import { level, shipDayIn, WAREHOUSE_SLOTS_SQL, type RoutingWorld, type StockLevel, type WarehouseSlot } from './world';

interface Cell {
  onHand: number | null;
  reserved: number;
  safety: number;
  tracked: boolean;
}

/**
 * Routing a page of orders in one write transaction (a poll page, an import batch): the same
 * answers as DbWorld, read once for the page instead of once per question. Warehouses and the
 * stock of every SKU the page names (× every warehouse) are read in one statement each; from
 * then on the ledger tells the page of every reservation made or released in the transaction
 * (ReservationLedger.watch), and the reserved counts follow by exactly those quantities, so an
 * order later in the page sees the units earlier ones took, as it would reading SQLite. Route
 * counts (capacity) are read when asked and forgotten on every route change.
 *
 * Valid only inside the transaction that opened it, and only while nothing but the ledger
 * changes stock there: open it for the page, close it after.
 */
export class PageWorld implements RoutingWorld {
  private readonly cells = new Map<string, Cell>();
  private readonly usedBy = new Map<string, number>();
  private readonly slots: WarehouseSlot[];
  private readonly stopWatching: () => void;
  readonly shipDay;

  constructor(
    private readonly reader: PageWorldReader,
    skus: readonly string[],
    ledger: ReservationLedger,
    zone: string,
    private readonly now: () => number,
  ) {
    this.shipDay = shipDayIn(zone);
    this.slots = reader.slots.all() as WarehouseSlot[];
    if (skus.length) {
      for (const r of reader.stockPage.iterate(JSON.stringify(skus)) as Iterable<{ sku: string; wh: string; onHand: number | null; reserved: number; safety: number | null; tracked: number }>) {
        this.cells.set(key(r.sku, r.wh), { onHand: r.onHand, reserved: r.reserved, safety: r.safety ?? 0, tracked: r.tracked === 1 });
      }
    }
    this.stopWatching = ledger.watch((c) => this.follow(c));
  }

  close(): void {
    this.stopWatching();
  }

  warehouses(): WarehouseSlot[] {
    return this.slots;
  }

  tracked(skuCode: string): boolean {
    const any = this.slots[0] ? this.cells.get(key(skuCode, this.slots[0].id)) : undefined;
    return any ? any.tracked : this.reader.tracked.get(skuCode) === 1;
  }

  stock(skuCode: string, warehouseId: string): StockLevel {
    const c = this.cell(skuCode, warehouseId);
    return level(c.onHand, c.reserved, c.safety, c.tracked);
  }

  used(warehouseId: string, shipDay: string): number {
    const k = key(warehouseId, shipDay);
    let n = this.usedBy.get(k);
    if (n === undefined) this.usedBy.set(k, (n = this.reader.used.get(warehouseId, shipDay) as number));
    return n;
  }

  decisionTime(orderAt: number): number {
    return Math.max(orderAt, this.now());
  }

  /** A SKU × warehouse the page did not name up front (a warehouse added meanwhile): read as DbWorld reads it. */
  private cell(skuCode: string, warehouseId: string): Cell {
    const k = key(skuCode, warehouseId);
    let c = this.cells.get(k);
    if (!c) {
      const r = this.reader.stockOne.get({ sku: skuCode, wh: warehouseId }) as { onHand: number | null; reserved: number; safety: number | null; tracked: number };
      this.cells.set(k, (c = { onHand: r.onHand, reserved: r.reserved, safety: r.safety ?? 0, tracked: r.tracked === 1 }));
    }
    return c;
  }

  private follow(c: LedgerChange): void {
    for (const r of c.reserved) {
      const cell = this.cells.get(key(r.skuCode, r.warehouseId));
      // Not read yet: it will be read from SQLite, which already holds this change.
      if (cell) cell.reserved += r.delta;
    }
    if (c.routes.length) {
      for (const r of c.routes) {
        if (r) this.usedBy.delete(key(r.warehouseId, r.shipDay));
        else this.usedBy.clear();
      }
    }
  }
}

/** The statements a PageWorld reads with, prepared once per connection. */
export class PageWorldReader {
  readonly slots;
  readonly stockPage;
  readonly stockOne;
  readonly tracked;
  readonly used;

  constructor(sqlite: Sqlite) {
    this.slots = sqlite.prepare(WAREHOUSE_SLOTS_SQL);
    const cell = (sku: string, wh: string) => `
      (SELECT on_hand FROM stock_snapshots WHERE sku_code = ${sku} AND warehouse_id = ${wh} ORDER BY at DESC LIMIT 1) AS onHand,
      (SELECT coalesce(sum(qty), 0) FROM stock_reservations WHERE sku_code = ${sku} AND warehouse_id = ${wh} AND released_at IS NULL) AS reserved,
      (SELECT qty FROM safety_stock WHERE sku_code = ${sku}) AS safety,
      EXISTS (SELECT 1 FROM stock_snapshots WHERE sku_code = ${sku}) AS tracked`;
    // The same sub-selects as DbWorld's, for every SKU of the page × every warehouse.
    this.stockPage = sqlite.prepare(`SELECT s.sku, w.id AS wh, ${cell('s.sku', 'w.id')}
      FROM (SELECT DISTINCT value AS sku FROM json_each(?)) s CROSS JOIN warehouses w`);
    this.stockOne = sqlite.prepare(`SELECT ${cell('@sku', '@wh')}`);
    this.tracked = sqlite.prepare('SELECT EXISTS (SELECT 1 FROM stock_snapshots WHERE sku_code = ?)').pluck();
    this.used = sqlite.prepare('SELECT count(DISTINCT order_id) FROM order_routes WHERE warehouse_id = ? AND ship_day = ? AND released_at IS NULL').pluck();
  }
}

const key = (a: string, b: string) => `${a}\u0000${b}`;
