import { uuidv7 } from '../kernel/ids';
import type { ReleaseReason, StageDecision } from '../../src-shared/rules';
import type { Sqlite, WriteTx } from '../db';

/**
 * What changed in the ledger: reserved units per SKU × warehouse (+ made, − released), and the
 * routes written (warehouse and ship day) or released (null: which day is not known here).
 */
export interface LedgerChange {
  reserved: { skuCode: string; warehouseId: string; delta: number }[];
  routes: ({ warehouseId: string; shipDay: string } | null)[];
}

/** Who made a reservation: a rule (id + version), a person, or the system. */
export interface MadeBy {
  kind: 'rule' | 'person' | 'system';
  id: string | null;
  name: string | null;
  ruleVersion: number | null;
}

export interface ReservationRow {
  id: string;
  orderId: string;
  orderLineId: string;
  skuCode: string;
  warehouseId: string;
  qty: number;
  madeByKind: MadeBy['kind'];
  madeById: string | null;
  madeByName: string | null;
  ruleVersion: number | null;
  createdAt: number;
  expiresAt: number | null;
  releasedAt: number | null;
  releaseReason: ReleaseReason | null;
  releasedByName: string | null;
}

const COLS = `id, order_id AS orderId, order_line_id AS orderLineId, sku_code AS skuCode, warehouse_id AS warehouseId, qty,
  made_by_kind AS madeByKind, made_by_id AS madeById, made_by_name AS madeByName, rule_version AS ruleVersion,
  created_at AS createdAt, expires_at AS expiresAt, released_at AS releasedAt, release_reason AS releaseReason,
  released_by_name AS releasedByName`;

/**
 * The reservation ledger: what each order line holds back from a warehouse's stock. Rows are
 * written through the write path; a reservation is released once (the database refuses a
 * second release), with the reason: shipped, cancelled, re-routed, expired or by hand.
 */
export class ReservationLedger {
  private readonly openByOrder;
  private readonly openByLine;
  private readonly openRoutes;
  private readonly due;
  private readonly trackedSku;
  /** Who keeps a copy of reserved quantities or route counts (a page's world): told of every change here. */
  private readonly watchers = new Set<(c: LedgerChange) => void>();

  constructor(sqlite: Sqlite) {
    this.openByOrder = sqlite.prepare(`SELECT ${COLS} FROM stock_reservations WHERE order_id = ? AND released_at IS NULL`);
    this.openByLine = sqlite.prepare(`SELECT ${COLS} FROM stock_reservations WHERE order_line_id = ? AND released_at IS NULL`);
    this.openRoutes = sqlite.prepare('SELECT id FROM order_routes WHERE order_id = ? AND released_at IS NULL').pluck();
    this.due = sqlite.prepare(`SELECT DISTINCT order_id FROM stock_reservations WHERE released_at IS NULL AND expires_at IS NOT NULL AND expires_at <= ?`).pluck();
    this.trackedSku = sqlite.prepare('SELECT EXISTS (SELECT 1 FROM stock_counts WHERE sku_code = ?)').pluck();
  }

  /** Hears every reservation and route written or released from now on; returns the unsubscribe. */
  watch(fn: (c: LedgerChange) => void): () => void {
    this.watchers.add(fn);
    return () => void this.watchers.delete(fn);
  }

  private tell(reserved: LedgerChange['reserved'], routes: LedgerChange['routes']): void {
    if (!this.watchers.size || (!reserved.length && !routes.length)) return;
    for (const w of this.watchers) w({ reserved, routes });
  }

  /**
   * Writes a route decision: one route row per warehouse and one reservation per tracked line,
   * under one audit record for the order. The caller has checked availability in this transaction.
   * With `order`, that one record is the order's own update (its warehouse, tags), the rows under it.
   */
  commit(
    tx: WriteTx, orderId: string, d: Pick<StageDecision, 'assignments' | 'routes'>, by: MadeBy, now: number, expiresAt: number | null = null,
    /** Rows that belong to the same business change (the timeline event), under the same audit record. */
    with_: { entity: string; rows: Record<string, unknown>[] }[] = [],
    order?: { patch: Record<string, unknown> | ((current: Record<string, unknown>) => Record<string, unknown>) },
  ): string[] {
    if (!d.routes.length) return [];
    const routes = d.routes.map((r) => ({
      id: uuidv7(), orderId, warehouseId: r.warehouseId, shipDay: r.shipDay, madeByKind: by.kind, madeByName: by.name,
      ruleVersion: by.ruleVersion, reasonJson: JSON.stringify(r.reason), createdAt: now, releasedAt: null, releaseReason: null,
    }));
    const reservations = d.assignments
      .filter((a) => a.skuCode && a.qty > 0 && (a.reserve ?? this.trackedSku.get(a.skuCode) === 1))
      .map((a) => ({
        id: uuidv7(), orderId, orderLineId: a.lineId, skuCode: a.skuCode!, warehouseId: a.warehouseId, qty: a.qty,
        madeByKind: by.kind, madeById: by.id, madeByName: by.name, ruleVersion: by.ruleVersion, createdAt: now, expiresAt,
        releasedAt: null, releaseReason: null, releasedByName: null,
      }));
    if (order) {
      tx.updateAggregate('orders', orderId, order.patch, [{ entity: 'order_routes', rows: routes }, { entity: 'stock_reservations', rows: reservations }, ...with_]);
    } else {
      tx.insertAggregate('order_routes', routes[0]!, [
        { entity: 'order_routes', rows: routes.slice(1) },
        { entity: 'stock_reservations', rows: reservations },
        ...with_,
      ]);
    }
    this.tell(
      reservations.map((r) => ({ skuCode: r.skuCode, warehouseId: r.warehouseId, delta: r.qty })),
      routes.map((r) => ({ warehouseId: r.warehouseId, shipDay: r.shipDay })),
    );
    return reservations.map((r) => r.id);
  }

  openFor(orderId: string): ReservationRow[] {
    return this.openByOrder.all(orderId) as ReservationRow[];
  }

  /**
   * Releases the open reservations of an order (or of some of its lines) with the reason.
   * Routes are released too, except on shipment (a shipped order used that day's capacity).
   * Returns how many reservations were released; already released ones are left alone.
   */
  release(tx: WriteTx, target: { orderId: string } | { lineIds: string[] }, reason: ReleaseReason, byName: string | null, now: number): number {
    const rows = 'orderId' in target
      ? this.openFor(target.orderId)
      : target.lineIds.flatMap((id) => this.openByLine.all(id) as ReservationRow[]);
    for (const r of rows) tx.update('stock_reservations', r.id, { releasedAt: now, releaseReason: reason, releasedByName: byName });
    const routesReleased: LedgerChange['routes'] = [];
    const orderIds = 'orderId' in target ? [target.orderId] : [...new Set(rows.map((r) => r.orderId))];
    if (reason !== 'shipped') {
      for (const orderId of orderIds) {
        // A partial release keeps the route while the order still holds stock there.
        const stillOpen = 'orderId' in target ? [] : this.openFor(orderId);
        for (const id of this.openRoutes.all(orderId) as string[]) {
          if (stillOpen.length) continue;
          tx.update('order_routes', id, { releasedAt: now, releaseReason: reason });
          routesReleased.push(null);
        }
      }
    }
    this.tell(rows.map((r) => ({ skuCode: r.skuCode, warehouseId: r.warehouseId, delta: -r.qty })), routesReleased);
    return rows.length;
  }

  /**
   * Releases `units` of a line's open reservations as `reason` (a partial shipment: 2 of 5). A
   * reservation is released whole and only once and its quantity never changes (0016's triggers), so
   * one that covers more is released (its reason says why it ended, not how many units left: the
   * shipped units are in shipment_lines) and its remainder reserved again in a new row (same
   * warehouse, maker and expiry, its original time). Returns the units given back.
   */
  releaseUnits(tx: WriteTx, lineId: string, units: number, reason: ReleaseReason, byName: string | null, now: number): number {
    let left = units;
    for (const r of this.openByLine.all(lineId) as ReservationRow[]) {
      if (left <= 0) break;
      const take = Math.min(left, r.qty);
      if (take < r.qty) {
        tx.insert('stock_reservations', {
          id: uuidv7(), orderId: r.orderId, orderLineId: r.orderLineId, skuCode: r.skuCode, warehouseId: r.warehouseId, qty: r.qty - take,
          madeByKind: r.madeByKind, madeById: r.madeById, madeByName: r.madeByName, ruleVersion: r.ruleVersion, createdAt: r.createdAt,
          expiresAt: r.expiresAt, releasedAt: null, releaseReason: null, releasedByName: null,
        });
      }
      tx.update('stock_reservations', r.id, { releasedAt: now, releaseReason: reason, releasedByName: byName });
      this.tell([{ skuCode: r.skuCode, warehouseId: r.warehouseId, delta: -take }], []);
      left -= take;
    }
    return units - left;
  }

  /** Orders with a reservation whose expiry has passed. */
  expiredOrders(now: number): string[] {
    return this.due.all(now) as string[];
  }
}
