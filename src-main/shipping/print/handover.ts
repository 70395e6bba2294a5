/**
 * Handover to the carrier (已交接, #11 §3): a batch of scanned parcels given to one carrier's
 * pickup, recorded once per parcel and audited. The order itself stays 已发货 (the scan already
 * shipped it and told the shop; the state machine has no way back from 已发货 to 已交接): the
 * handover is a fact about the parcel. Refusals: not scanned out, another carrier, already handed.
 */
import { uuidv7 } from '../../kernel/ids';
import type { HandoverRefusalCode, ParcelToHandOver } from '../../../src-shared/contract/shipping-print';
import type { Carrier } from '../../../src-shared/shipping';
import type { Sqlite, WriteTx } from '../../db';

/** 待交接 looks back this far: older parcels left long ago, with or without a recorded handover. */
export const HANDOVER_WINDOW_MS = 3 * 24 * 3_600_000;

interface Parcel { shipmentId: string; trackingNo: string; carrier: string; handoverId: string | null; handedAt: number | null; handedCarrier: string | null }

export interface HandoverDone {
  handoverId: string | null;
  handedOver: { orderId: string; orderNo: string; trackingNo: string }[];
  refused: { orderId: string; orderNo: string | null; code: HandoverRefusalCode; params: Record<string, string | number | null> }[];
}

export class Handovers {
  private readonly order;
  private readonly parcels;
  private readonly waiting;

  constructor(sqlite: Sqlite, private readonly deps: { now: () => number; formatTime: (ms: number) => string }) {
    this.order = sqlite.prepare('SELECT id, platform_order_id AS orderNo, status FROM orders WHERE id = ?');
    this.parcels = sqlite.prepare(
      `SELECT c.shipment_id AS shipmentId, c.tracking_no AS trackingNo, c.carrier, h.handover_id AS handoverId, hv.created_at AS handedAt, hv.carrier AS handedCarrier
       FROM shipment_confirmations c LEFT JOIN handover_parcels h ON h.shipment_id = c.shipment_id LEFT JOIN handovers hv ON hv.id = h.handover_id
       WHERE c.order_id = ? ORDER BY c.created_at`,
    );
    this.waiting = sqlite.prepare(
      `SELECT c.order_id AS orderId, c.platform_order_id AS orderNo, ch.name AS shopName, c.carrier, c.tracking_no AS trackingNo, c.created_at AS shippedAt
       FROM shipment_confirmations c JOIN orders o ON o.id = c.order_id JOIN channels ch ON ch.id = c.channel_id
       WHERE c.created_at >= @since AND (@carrier IS NULL OR c.carrier = @carrier) AND (@wh IS NULL OR o.warehouse_id = @wh)
         AND NOT EXISTS (SELECT 1 FROM handover_parcels h WHERE h.shipment_id = c.shipment_id)
       ORDER BY c.created_at LIMIT 5000`,
    );
  }

  /** Scanned parcels still in the warehouse (last 3 days), oldest first. */
  toHandOver(carrier: Carrier | null, warehouseId: string | null): ParcelToHandOver[] {
    return this.waiting.all({ since: this.deps.now() - HANDOVER_WINDOW_MS, carrier, wh: warehouseId }) as ParcelToHandOver[];
  }

  /** Inside the caller's write: one batch for the accepted parcels; refused orders change nothing. */
  handOver(tx: WriteTx, carrier: Carrier, orderIds: string[], warehouseId: string | null, by: string): HandoverDone {
    const handoverId = uuidv7();
    const now = this.deps.now();
    const done: HandoverDone = { handoverId: null, handedOver: [], refused: [] };
    const rows: Record<string, unknown>[] = [];
    for (const orderId of [...new Set(orderIds)]) {
      const o = this.order.get(orderId) as { id: string; orderNo: string; status: string } | undefined;
      if (!o) { done.refused.push({ orderId, orderNo: null, code: 'order_not_found', params: { orderId } }); continue; }
      const parcels = this.parcels.all(orderId) as Parcel[];
      const refuse = (code: HandoverRefusalCode, params: Record<string, string | number | null>) =>
        done.refused.push({ orderId, orderNo: o.orderNo, code, params: { orderNo: o.orderNo, ...params } });
      if (!parcels.length) { refuse('not_shipped', { status: o.status }); continue; }
      const open = parcels.filter((p) => !p.handoverId);
      if (!open.length) {
        const last = parcels[parcels.length - 1]!;
        refuse('already_handed_over', { at: this.deps.formatTime(last.handedAt ?? now), carrier: last.handedCarrier, trackingNo: last.trackingNo });
        continue;
      }
      const mine = open.filter((p) => p.carrier === carrier);
      if (!mine.length) { refuse('other_carrier', { carrier: open[0]!.carrier, trackingNo: open[0]!.trackingNo, expected: carrier }); continue; }
      for (const p of mine) {
        rows.push({ id: uuidv7(), handoverId, shipmentId: p.shipmentId, orderId, createdAt: now });
        done.handedOver.push({ orderId, orderNo: o.orderNo, trackingNo: p.trackingNo });
      }
    }
    if (rows.length) {
      tx.insert('handovers', { id: handoverId, carrier, warehouseId, parcels: rows.length, createdByName: by, createdAt: now });
      tx.insertMany('handover_parcels', rows, `交接 ${rows.length} 个包裹给 ${carrier}`);
      done.handoverId = handoverId;
    }
    tx.note({ entity: 'handovers', entityId: done.handoverId, action: 'handover', after: { carrier, parcels: rows.length, refused: done.refused.map((r) => ({ orderNo: r.orderNo, code: r.code })), by } });
    return done;
  }
}
