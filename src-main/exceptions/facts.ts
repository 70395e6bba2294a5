import { FINAL_SHIPMENT_STATES, type ShipmentState } from '../../src-shared/exceptions';
import { FINAL_STATUSES, isPreShipment, type OrderStatus } from '../../src-shared/orders';
import type { Sqlite } from '../db';

const MIN = 60_000;
const SHIPPED: readonly OrderStatus[] = ['handed_over', 'shipped', 'delivered', 'completed'];

/**
 * What an order-scope detector reads (README: "The facts"). Times are relative to the pass's
 * `now` in minutes, so conditions stay plain comparisons.
 */
export interface OrderDetectorFacts {
  order: {
    id: string;
    status: OrderStatus;
    platformPhase: string;
    paid: boolean;
    preShipment: boolean;
    shipped: boolean;
    final: boolean;
    /** Minutes past the SLA clock's due time (negative: still in time); null: no clock runs. */
    overdueMinutes: number | null;
    hasTrackingNo: boolean;
    carrier: string | null;
    holds: string[];
    addressChangedAfterPick: boolean;
    shopId: string;
    channelKind: string;
    warehouseId: string | null;
  };
  shipment: {
    exists: boolean;
    /** The carrier maps to a tracking code, so tracking can see it. */
    tracked: boolean;
    state: ShipmentState | null;
    pickedUp: boolean;
    final: boolean;
    minutesSinceCreated: number | null;
    minutesSinceLastEvent: number | null;
  };
  /** 发货回传: the newest refused confirmation of the order, if any (src-main/shipping/). */
  confirm: {
    refused: boolean;
    trackingNo: string | null;
    /** The shop's words; when we refused before sending, our code (reasonCode says it in words). */
    reason: string | null;
    /** Set when the refusal is ours, not the shop's (its carrier list has no such carrier…): the cause is then said in the reader's language. */
    reasonCode: string | null;
    reasonParams: Record<string, unknown> | null;
  };
  history: {
    stockShort: boolean;
    missingSkus: string[];
    purchaseUnderWay: boolean;
    duplicateSuspect: boolean;
    qualityHold: boolean;
    unmappedStatus: boolean;
  };
}

/** Refusals that carry the shop's own words; any other refusal code is ours, and shipping-words.ts words it. */
const SHOP_WORDED = new Set(['shop_refused', 'shipped_other_number']);

interface RefusedRow {
  orderId: string;
  trackingNo: string;
  code: string;
  params: string | null;
}

interface OrderRow {
  id: string;
  status: OrderStatus;
  platformPhase: string | null;
  paidAt: number | null;
  slaDueAt: number | null;
  trackingNo: string | null;
  carrier: string | null;
  addressChangedAt: number | null;
  channelId: string;
  kind: string;
  warehouseId: string | null;
}

interface ShipmentRow {
  orderId: string;
  carrierCode: string | null;
  state: ShipmentState;
  createdAt: number;
  pickedUpAt: number | null;
  lastEventAt: number | null;
}

/** Builds the facts of a batch of orders with a handful of set queries (one JSON array parameter each). */
export class OrderFactsReader {
  private readonly orders;
  private readonly holds;
  private readonly shipments;
  private readonly pickStarts;
  private readonly waits;
  private readonly purchases;
  private readonly refusals;

  constructor(sqlite: Sqlite) {
    this.orders = sqlite.prepare(
      `SELECT o.id, o.status, o.platform_phase AS platformPhase, o.paid_at AS paidAt, o.sla_due_at AS slaDueAt, o.tracking_no AS trackingNo,
         o.carrier, o.address_changed_at AS addressChangedAt, o.channel_id AS channelId, c.kind, o.warehouse_id AS warehouseId
       FROM orders o JOIN channels c ON c.id = o.channel_id WHERE o.id IN (SELECT value FROM json_each(?))`,
    );
    this.holds = sqlite.prepare(
      `SELECT order_id AS orderId, type, code FROM order_holds WHERE released_at IS NULL AND order_id IN (SELECT value FROM json_each(?))`,
    );
    // The newest parcel of each order is the one that counts.
    this.shipments = sqlite.prepare(
      `SELECT order_id AS orderId, carrier_code AS carrierCode, state, created_at AS createdAt, picked_up_at AS pickedUpAt, last_event_at AS lastEventAt
       FROM shipments WHERE order_id IN (SELECT value FROM json_each(?)) ORDER BY created_at`,
    );
    // The pick list is printed when picking starts: the first move into 拣货中.
    this.pickStarts = sqlite.prepare(
      `SELECT order_id AS orderId, min(at) AS at FROM order_events
       WHERE type = 'status_changed' AND to_status = 'picking' AND order_id IN (SELECT value FROM json_each(?)) GROUP BY order_id`,
    );
    this.waits = sqlite.prepare(`SELECT order_id AS orderId, missing_json AS missing FROM stock_waits WHERE order_id IN (SELECT value FROM json_each(?))`);
    this.refusals = sqlite.prepare(
      `SELECT order_id AS orderId, tracking_no AS trackingNo, error_code AS code, error_params_json AS params FROM shipment_confirmations
       WHERE state = 'refused' AND order_id IN (SELECT value FROM json_each(?)) ORDER BY updated_at`,
    );
    this.purchases = sqlite.prepare(`SELECT sku_code AS sku, max(expected_at) AS expectedAt FROM purchase_marks WHERE cleared_at IS NULL GROUP BY sku_code`);
  }

  /** SKU → latest expected arrival of a purchase under way; read once per pass. */
  purchasesUnderWay(): Map<string, number> {
    return new Map((this.purchases.all() as { sku: string; expectedAt: number }[]).map((r) => [r.sku, r.expectedAt]));
  }

  read(ids: string[], now: number, purchases: Map<string, number>, tracking: boolean): OrderDetectorFacts[] {
    const json = JSON.stringify(ids);
    const rows = this.orders.all(json) as OrderRow[];
    const holds = group(this.holds.all(json) as { orderId: string; type: string; code: string }[]);
    const ships = new Map<string, ShipmentRow>();
    for (const s of this.shipments.all(json) as ShipmentRow[]) ships.set(s.orderId, s);
    const needPick = rows.filter((r) => r.addressChangedAt !== null).map((r) => r.id);
    const picks = new Map(needPick.length ? (this.pickStarts.all(JSON.stringify(needPick)) as { orderId: string; at: number }[]).map((r) => [r.orderId, r.at]) : []);
    const waits = new Map((this.waits.all(json) as { orderId: string; missing: string }[]).map((r) => [r.orderId, r.missing]));
    const refused = new Map((this.refusals.all(json) as RefusedRow[]).map((r) => [r.orderId, r]));
    return rows.map((o) => orderFacts(o, holds.get(o.id) ?? [], ships.get(o.id) ?? null, picks.get(o.id) ?? null, waits.get(o.id) ?? null, purchases, now, tracking, refused.get(o.id) ?? null));
  }
}

function group<T extends { orderId: string }>(rows: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.orderId);
    if (list) list.push(r);
    else m.set(r.orderId, [r]);
  }
  return m;
}

const minutes = (ms: number) => Math.floor(ms / MIN);

/** Pure: one order's facts from its rows (unit-tested; the SQL above only gathers them). */
export function orderFacts(
  o: OrderRow, holds: { type: string; code: string }[], ship: ShipmentRow | null, pickStartedAt: number | null,
  missingJson: string | null, purchases: Map<string, number>, now: number, tracking: boolean, refused: RefusedRow | null = null,
): OrderDetectorFacts {
  const refusal = refused?.params ? (JSON.parse(refused.params) as { message?: string } & Record<string, unknown>) : null;
  const ours = refused !== null && !SHOP_WORDED.has(refused.code);
  const missingSkus = missingJson ? [...new Set((JSON.parse(missingJson) as { skuCode: string }[]).map((m) => m.skuCode))] : [];
  const stockShort = holds.some((h) => h.type === 'stock' && h.code === 'stock_short') || missingSkus.length > 0;
  const lastEvent = ship ? ship.lastEventAt ?? ship.pickedUpAt ?? ship.createdAt : null;
  return {
    order: {
      id: o.id,
      status: o.status,
      platformPhase: o.platformPhase ?? 'unknown',
      paid: o.paidAt !== null && o.status !== 'pending_payment',
      preShipment: isPreShipment(o.status),
      shipped: SHIPPED.includes(o.status),
      final: (FINAL_STATUSES as readonly OrderStatus[]).includes(o.status),
      overdueMinutes: o.slaDueAt === null ? null : minutes(now - o.slaDueAt),
      hasTrackingNo: !!o.trackingNo?.trim(),
      carrier: o.carrier,
      holds: [...new Set(holds.map((h) => h.type))],
      addressChangedAfterPick: o.addressChangedAt !== null && pickStartedAt !== null && o.addressChangedAt > pickStartedAt,
      shopId: o.channelId,
      channelKind: o.kind,
      warehouseId: o.warehouseId,
    },
    shipment: {
      exists: ship !== null,
      tracked: tracking && ship?.carrierCode != null,
      state: ship?.state ?? null,
      pickedUp: ship !== null && ship.state !== 'created',
      final: ship !== null && FINAL_SHIPMENT_STATES.includes(ship.state),
      minutesSinceCreated: ship ? minutes(now - ship.createdAt) : null,
      minutesSinceLastEvent: lastEvent !== null ? minutes(now - lastEvent) : null,
    },
    confirm: {
      refused: refused !== null,
      trackingNo: refused?.trackingNo ?? null,
      reason: refused ? refusal?.message ?? refused.code : null,
      reasonCode: ours ? refused.code : null,
      reasonParams: ours ? refusal ?? {} : null,
    },
    history: {
      stockShort,
      missingSkus,
      // Every missing SKU has a purchase under way that is not yet late.
      purchaseUnderWay: stockShort && missingSkus.length > 0 && missingSkus.every((s) => (purchases.get(s) ?? -Infinity) >= now),
      duplicateSuspect: holds.some((h) => h.type === 'suspect_duplicate'),
      qualityHold: holds.some((h) => h.type === 'quality'),
      unmappedStatus: o.platformPhase === null || holds.some((h) => h.type === 'unmapped_status'),
    },
  };
}
