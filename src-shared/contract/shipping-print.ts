import { z } from 'zod';
import { URGENCIES, type Urgency } from '../orders';
import { call } from './define';

const id = z.string().trim().min(1).max(64);

/** A wave (波次): which 待发货 orders of one warehouse go on one pick list. Empty lists = no filter. */
export const waveFilters = z.object({
  /** Paid at or before this time (UTC ms): the wave's cut-off. */
  cutoffAt: z.number().int().min(0).optional(),
  channelIds: z.array(id).max(100).optional(),
  urgencies: z.array(z.enum(URGENCIES)).max(3).optional(),
  /** Our carrier codes (SF, ZTO …) as already set on the orders. */
  carriers: z.array(z.string().trim().min(1).max(32)).max(20).optional(),
});
export type WaveFilters = z.infer<typeof waveFilters>;

export interface WavePreview {
  orders: number;
  units: number;
  skus: number;
  /** Held orders the wave matches but leaves out (not counted in `orders`). */
  held: number;
  /** More orders than one pick list takes (the oldest paid go first). */
  capped: boolean;
}

/** One printed pick list, as the warehouse home lists the day's waves. */
export interface PickListSummary {
  id: string;
  warehouseId: string;
  warehouseName: string;
  orders: number;
  units: number;
  prints: number;
  createdByName: string | null;
  createdAt: number;
  lastPrintedAt: number;
  filters: WaveFilters;
}

export interface PrintedPdf {
  fileName: string;
  contentBase64: string;
}

export interface PickListResult extends PrintedPdf {
  pickListId: string;
  orders: number;
  /** 0 for the first print; n for the n-th reprint. */
  reprint: number;
  /** Orders of the wave the state machine would not move to 拣货中 (held …): not on the list. */
  skipped: { orderNo: string; code: string }[];
}

export const HANDOVER_REFUSALS = ['order_not_found', 'not_shipped', 'other_carrier', 'already_handed_over'] as const;
export type HandoverRefusalCode = (typeof HANDOVER_REFUSALS)[number];

export interface HandoverResult {
  /** Null when no parcel was accepted (nothing recorded). */
  handoverId: string | null;
  handedOver: { orderId: string; orderNo: string; trackingNo: string }[];
  refused: { orderId: string; orderNo: string | null; code: HandoverRefusalCode; params: Record<string, string | number | null>; message: string }[];
}

/** A scanned parcel not yet handed to its carrier. */
export interface ParcelToHandOver {
  orderId: string;
  orderNo: string;
  shopName: string;
  carrier: string;
  trackingNo: string;
  shippedAt: number;
}

/** An order waiting to be packed (待发货 or 拣货中), for choosing packing slips. */
export interface PackableOrder {
  id: string;
  orderNo: string;
  shopName: string;
  receiverName: string | null;
  status: 'to_ship' | 'picking' | 'packed';
  units: number;
  paidAt: number | null;
}

export interface FloorChoices {
  warehouses: { id: string; name: string }[];
  shops: { id: string; name: string }[];
  urgencies: Urgency[];
}

export const shippingPrintCalls = {
  'shipping.floor': call<FloorChoices>()({
    input: z.object({}),
    access: 'orders.view',
    runs: 'read',
    summary: "The warehouse screen's choices: warehouses and shops (names only) for the wave filters.",
  }),
  'shipping.wavePreview': call<WavePreview>()({
    input: z.object({ warehouseId: id, filters: waveFilters.default({}) }),
    access: 'fulfillment.ship',
    runs: 'read',
    summary: 'How many 待发货 orders, units and SKUs a wave would put on its pick list.',
  }),
  'shipping.pickList': call<PickListResult>()({
    input: z.object({ warehouseId: id, filters: waveFilters.default({}), reprintOf: id.optional() }),
    access: 'fulfillment.ship',
    summary: 'Prints a wave\'s pick list (PDF) and moves its orders to 拣货中 (audited); reprintOf prints a list again, marked 重印, moving nothing.',
  }),
  'shipping.pickLists': call<PickListSummary[]>()({
    input: z.object({ warehouseId: id.optional(), since: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(200).default(50) }),
    access: 'orders.view',
    runs: 'read',
    summary: 'The printed pick lists (waves), newest first.',
  }),
  'shipping.packingSlip': call<PrintedPdf>()({
    input: z.object({ orderIds: z.array(id).min(1, '请先选择订单').max(500) }),
    access: 'fulfillment.ship',
    // Seconds of drawing for 500 slips: a job worker, so neither the writer nor the readers wait behind it.
    runs: 'job',
    summary: 'Packing slips (发货单), one page per order: lines, quantities, buyer remark, gifts; amounts only where the shop asks for them.',
  }),
  'shipping.packable': call<PackableOrder[]>()({
    input: z.object({ warehouseId: id.optional(), limit: z.number().int().min(1).max(2000).default(500) }),
    access: 'orders.view',
    runs: 'read',
    summary: 'Orders waiting to be packed (拣货中 first, then 待发货), oldest paid first: the packing-slip list.',
  }),
  'shipping.toHandOver': call<ParcelToHandOver[]>()({
    input: z.object({ carrier: z.string().trim().max(32).optional(), warehouseId: id.optional() }),
    access: 'orders.view',
    runs: 'read',
    summary: 'Scanned parcels not yet handed to their carrier (last 3 days), oldest first.',
  }),
  'shipping.handover': call<HandoverResult>()({
    input: z.object({ carrier: z.string().trim().min(1, '请选择快递公司').max(32), orderIds: z.array(id).min(1, '请先选择订单').max(2000), warehouseId: id.optional() }),
    access: 'fulfillment.ship',
    summary: 'Hands scanned parcels to a carrier batch (已交接); orders not shipped, of another carrier or already handed over are refused with the reason.',
  }),
} as const;
