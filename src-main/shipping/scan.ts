import { uuidv7 } from '../kernel/ids';
import type { Permission } from '../../src-shared/roles';
import type { Carrier, ScanRefusal, ScanRefusalCode } from '../../src-shared/shipping';
import type { OrderStatus } from '../../src-shared/orders';
import type { Sqlite, WriteTx } from '../db';
import type { LifecycleApi } from '../orders/lifecycle/types';
import type { ShipmentStore } from '../tracking/shipments';
import { guessCarrier, parseCarrier } from './carrier-guess';
import type { StockMove } from './stock-move';

/** A refusal as data; thrown inside the write so nothing of the scan is kept. */
export class ScanRefused extends Error {
  constructor(readonly refusal: ScanRefusal) {
    super(refusal.code);
    this.name = 'ScanRefused';
  }
}

const refuse = (code: ScanRefusalCode, params: ScanRefusal['params'] = {}): never => {
  throw new ScanRefused({ code, params });
};

export interface ScanRequest {
  orderNo: string;
  trackingNo: string;
  carrier?: string | undefined;
  /** The scanning station's warehouse: an order of another warehouse is refused. */
  warehouseId?: string | undefined;
  /** A partial shipment: these lines (quantities) only; default every line still to ship. */
  lines?: { lineId: string; qty: number }[] | undefined;
}

export interface Shipped {
  orderId: string;
  orderNo: string;
  trackingNo: string;
  carrier: Carrier;
  /** The carrier came from the number's shape (sure: a carrier's own prefix). */
  guessed: { sure: boolean } | null;
  /** Some lines remain to ship: the order did not move. */
  partial: boolean;
  status: OrderStatus;
  shipmentId: string;
}

interface OrderRow {
  id: string;
  channelId: string;
  kind: string;
  platformOrderId: string;
  status: OrderStatus;
  warehouseId: string | null;
  trackingNo: string | null;
}

interface LineLeft {
  id: string;
  platformLineId: string | null;
  skuCode: string | null;
  qty: number;
  shipped: number;
}

const SHIPPED_LIKE: OrderStatus[] = ['handed_over', 'shipped', 'delivered', 'completed'];
const CLOSED: OrderStatus[] = ['cancelled', 'closed', 'merged'];
const NOT_READY: OrderStatus[] = ['pending_payment', 'pending_review', 'to_route'];
/** What a scanner can send: letters, digits, dashes (a tracking number never has spaces). */
const TRACKING_SHAPE = /^[A-Za-z0-9-]{6,32}$/;

/**
 * Scan to ship (#11 §3, §5): one order number + one tracking number, checked, then in one write:
 * the order moves to 已发货 through the state machine (a partial shipment leaves it where it is),
 * the parcel and its lines are recorded, the lines' reservations are released as shipped and their
 * units leave on-hand, and the confirmation to the shop is queued (发货回传).
 */
export class ScanToShip {
  private readonly byNo;
  private readonly lines;
  private readonly holds;
  private readonly otherShipment;
  private readonly otherOrder;
  private readonly orderNoOf;
  private readonly warehouseName;
  private readonly parcel;

  constructor(
    private readonly sqlite: Sqlite,
    private readonly deps: { lifecycle: LifecycleApi; shipments: ShipmentStore; stock: StockMove; now: () => number },
  ) {
    // One seek per shop on (channel_id, platform_order_id): there is no index on the number alone.
    // CROSS JOIN keeps the shops outermost (SQLite's planner otherwise scans orders).
    this.byNo = sqlite.prepare(
      `SELECT o.id, o.channel_id AS channelId, c.kind, o.platform_order_id AS platformOrderId, o.status, o.warehouse_id AS warehouseId, o.tracking_no AS trackingNo
       FROM channels c CROSS JOIN orders o ON o.channel_id = c.id AND o.platform_order_id = ? LIMIT 3`,
    );
    this.lines = sqlite.prepare(
      `SELECT l.id, l.platform_line_id AS platformLineId, l.sku_code AS skuCode, l.qty,
         coalesce((SELECT sum(s.qty) FROM shipment_lines s WHERE s.order_line_id = l.id), 0) AS shipped
       FROM order_lines l WHERE l.order_id = ? ORDER BY l.line_no`,
    );
    this.holds = sqlite.prepare('SELECT type, code FROM order_holds WHERE order_id = ? AND released_at IS NULL ORDER BY opened_at');
    this.otherShipment = sqlite.prepare('SELECT order_id FROM shipments WHERE tracking_no = ? AND order_id <> ? LIMIT 1').pluck();
    this.otherOrder = sqlite.prepare('SELECT id FROM orders WHERE tracking_no = ? AND id <> ? LIMIT 1').pluck();
    this.orderNoOf = sqlite.prepare('SELECT platform_order_id FROM orders WHERE id = ?').pluck();
    this.warehouseName = sqlite.prepare('SELECT name FROM warehouses WHERE id = ?').pluck();
    this.parcel = sqlite.prepare('SELECT id FROM shipments WHERE order_id = ? AND tracking_no = ?').pluck();
  }

  /** The checks and the write, inside the caller's transaction; throws ScanRefused. */
  ship(tx: WriteTx, req: ScanRequest, permissions: readonly Permission[]): Shipped {
    const orderNo = req.orderNo.trim();
    const trackingNo = req.trackingNo.trim().toUpperCase();
    const found = this.byNo.all(orderNo) as OrderRow[];
    if (!found.length) refuse('order_not_found', { orderNo });
    if (found.length > 1) refuse('order_ambiguous', { orderNo, shops: found.length });
    const o = found[0]!;
    if (!TRACKING_SHAPE.test(trackingNo)) refuse('tracking_invalid', { trackingNo: req.trackingNo.trim() });
    if (trackingNo === orderNo.toUpperCase()) refuse('tracking_is_order_no', { trackingNo });

    if (SHIPPED_LIKE.includes(o.status)) refuse('already_shipped', { orderNo, trackingNo: o.trackingNo, status: o.status });
    if (CLOSED.includes(o.status)) refuse('order_closed', { orderNo, status: o.status });
    if (NOT_READY.includes(o.status)) refuse('not_ready', { orderNo, status: o.status });
    const holds = this.holds.all(o.id) as { type: string; code: string }[];
    if (holds.length) refuse('held', { orderNo, hold: holds[0]!.type, code: holds[0]!.code });
    if (req.warehouseId && o.warehouseId !== req.warehouseId) {
      refuse('wrong_warehouse', { orderNo, warehouse: this.name(o.warehouseId), expected: this.name(req.warehouseId) });
    }
    const other = (this.otherShipment.get(trackingNo, o.id) ?? this.otherOrder.get(trackingNo, o.id)) as string | undefined;
    if (other) refuse('tracking_duplicate', { trackingNo, orderNo: this.orderNoOf.get(other) as string });

    const given = req.carrier?.trim() ? parseCarrier(req.carrier) : null;
    if (req.carrier?.trim() && !given) refuse('carrier_unknown', { carrier: req.carrier.trim() });
    const guess = given ? null : guessCarrier(trackingNo);
    const carrier = given ?? guess?.carrier ?? refuse('carrier_needed', { trackingNo });

    const lines = this.lines.all(o.id) as LineLeft[];
    const take = this.linesToShip(lines, req.lines, orderNo);
    if (!take.length) refuse('already_shipped', { orderNo, trackingNo: o.trackingNo, status: o.status });
    const full = lines.every((l) => l.qty - l.shipped === (take.find((t) => t.line.id === l.id)?.qty ?? 0));

    const now = this.deps.now();
    let status = o.status;
    if (full) {
      // A person scanning is the act of shipping: the state machine checks the move (holds, the permission).
      const moved = this.deps.lifecycle.transition(tx, {
        orderId: o.id, to: 'shipped', source: 'person', permissions, fields: { trackingNo, carrier },
        reason: { code: 'scanned', params: { trackingNo, carrier } },
      });
      if (!moved.ok) refuse(moved.refusal.code === 'holds_open' ? 'held' : 'refused', { orderNo, code: moved.refusal.code });
      status = 'shipped';
    }
    // The lifecycle's hook made the parcel row on 已发货; a partial shipment makes its own.
    const parcelId = this.parcel.get(o.id, trackingNo) as string | undefined;
    const shipment = parcelId
      ? { id: parcelId }
      : this.deps.shipments.create(tx, { orderId: o.id, carrier, trackingNo, channelKind: o.kind, at: now }, now);
    this.deps.stock.ship(tx, {
      orderId: o.id, shipmentId: shipment.id, warehouseId: o.warehouseId, full,
      lines: take.map((t) => ({ lineId: t.line.id, skuCode: t.line.skuCode, qty: t.qty, lineDone: t.line.shipped + t.qty === t.line.qty })),
    }, now);
    tx.insert('shipment_confirmations', {
      id: uuidv7(), orderId: o.id, shipmentId: shipment.id, channelId: o.channelId, platformOrderId: o.platformOrderId, trackingNo, carrier,
      platformLineIdsJson: full && lines.every((l) => l.shipped === 0) ? null : JSON.stringify(take.map((t) => t.line.platformLineId ?? t.line.id)),
      state: 'pending', attempts: 0, nextAttemptAt: now, errorCode: null, errorParamsJson: null, confirmedAt: null, confirmedBy: null,
      createdAt: now, updatedAt: now,
    });
    return { orderId: o.id, orderNo, trackingNo, carrier, guessed: guess ? { sure: guess.sure } : null, partial: !full, status, shipmentId: shipment.id };
  }

  private linesToShip(lines: LineLeft[], wanted: ScanRequest['lines'], orderNo: string): { line: LineLeft; qty: number }[] {
    if (!wanted?.length) return lines.filter((l) => l.qty > l.shipped).map((line) => ({ line, qty: line.qty - line.shipped }));
    const twice = wanted.find((w, i) => wanted.findIndex((x) => x.lineId === w.lineId) !== i);
    if (twice) refuse('line_invalid', { orderNo, line: twice.lineId, qty: twice.qty, left: null });
    return wanted.map((w) => {
      const line = lines.find((l) => l.id === w.lineId);
      if (!line) return refuse('line_invalid', { orderNo, line: w.lineId, qty: w.qty, left: 0 });
      if (!Number.isInteger(w.qty) || w.qty < 1 || w.qty > line.qty - line.shipped) {
        refuse('line_invalid', { orderNo, line: w.lineId, qty: w.qty, left: line.qty - line.shipped });
      }
      return { line, qty: w.qty };
    });
  }

  private name(warehouseId: string | null): string | null {
    return warehouseId ? ((this.warehouseName.get(warehouseId) as string | undefined) ?? warehouseId) : null;
  }
}
