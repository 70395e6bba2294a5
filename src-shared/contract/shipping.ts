import { z } from 'zod';
import type { Carrier, ConfirmState, ScanRefusal } from '../shipping';
import { call } from './define';

const orderNo = z.string().trim().min(1, '订单号不能为空').max(64);
const trackingNo = z.string().trim().min(1, '物流单号不能为空').max(64);
const carrier = z.string().trim().max(32).optional();
const row = z.object({
  orderNo,
  trackingNo,
  carrier,
  /** A partial shipment: these lines and quantities only. */
  lines: z.array(z.object({ lineId: z.string().min(1).max(64), qty: z.number().int().min(1).max(100_000) })).max(500).optional(),
});

/** One scan's answer: shipped, or refused with the reason (code + params) and its words in the caller's language. */
export type ScanResult =
  | {
    ok: true; orderId: string; orderNo: string; trackingNo: string; carrier: Carrier;
    /** The carrier came from the number's shape; sure = the carrier's own prefix. */
    guessed: { sure: boolean } | null;
    partial: boolean;
  }
  | { ok: false; orderNo: string; trackingNo: string; refusal: ScanRefusal; message: string };

/** A shipment's confirmation to its shop (发货回传), as the order and the warehouse see it. */
export interface ShipmentConfirmationView {
  id: string;
  trackingNo: string;
  carrier: string;
  state: ConfirmState;
  attempts: number;
  nextAttemptAt: number | null;
  error: { code: string; params: Record<string, unknown> } | null;
  confirmedAt: number | null;
  confirmedBy: string | null;
  createdAt: number;
}

/** A recent shipment on the scan screen: what left, and whether its shop has it yet. */
export interface RecentShipment extends ShipmentConfirmationView {
  orderId: string;
  orderNo: string;
  shopName: string;
}

export interface WarehouseHome {
  toPick: number;
  picking: number;
  toHandOver: number;
  shippedToday: number;
  overdue: number;
  /** 发货回传 not yet confirmed by the shops (waiting or failing), and refused ones. */
  confirmPending: number;
  confirmRefused: number;
}

export const shippingCalls = {
  'shipping.scan': call<ScanResult>()({
    input: row.extend({ warehouseId: z.string().trim().min(1).max(64).optional() }),
    access: 'fulfillment.ship',
    summary: 'Scan to ship: order no. + tracking no. → shipped (order, parcel, stock, 发货回传 queued) or refused with the reason.',
  }),
  'shipping.bulk': call<{ shipped: number; refused: number; results: ScanResult[] }>()({
    input: z.object({ rows: z.array(row).min(1).max(2000), warehouseId: z.string().trim().min(1).max(64).optional() }),
    access: 'fulfillment.ship',
    summary: 'Bulk paste of "order no. ↹ tracking no." rows: each shipped or refused on its own.',
  }),
  'shipping.recent': call<RecentShipment[]>()({
    input: z.object({ limit: z.number().int().min(1).max(500).default(50) }),
    access: 'orders.view',
    summary: 'The latest shipments, newest first, with their 发货回传 state.',
  }),
  'shipping.home': call<WarehouseHome>()({
    input: z.object({ warehouseId: z.string().trim().min(1).max(64).optional() }),
    access: 'orders.view',
    summary: "The warehouse home's counts for today.",
  }),
} as const;
