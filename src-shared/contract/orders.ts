import type { ShipmentConfirmationView } from './shipping';
import { z } from 'zod';
import { ORDER_STATUSES, URGENCIES, type ChannelKind, type OrderHold, type OrderStatus, type PlatformPhase, type Urgency } from '../orders';
import { call } from './define';

/** The grid's columns that can be filtered or sorted: the server whitelists exactly these. */
export const ORDER_GRID_COLUMNS = [
  'channelKind', 'channelId', 'platformOrderId', 'status', 'buyerNick', 'receiverName', 'province', 'city',
  'paidFen', 'goodsFen', 'createdAt', 'paidAt', 'promisedShipAt', 'warehouseId', 'urgency', 'tags', 'trackingNo',
  'hold', 'buyerRemark', 'platformPhase', 'slaDueAt',
] as const;
export type OrderGridColumn = (typeof ORDER_GRID_COLUMNS)[number];

const textFilter = z.object({
  type: z.literal('text'),
  op: z.enum(['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith', 'blank', 'notBlank']),
  value: z.string().max(200).optional(),
});
const numberFilter = z.object({
  type: z.literal('number'),
  op: z.enum(['equals', 'notEqual', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual', 'inRange', 'blank', 'notBlank']),
  /** Money columns in fen. */
  value: z.number().optional(),
  valueTo: z.number().optional(),
});
const dateFilter = z.object({
  type: z.literal('date'),
  /** UTC ms, inclusive */
  from: z.number().int().optional(),
  /** UTC ms, exclusive */
  to: z.number().int().optional(),
});
/** Multi-value pick list (channel, status, warehouse, urgency, tags): our own Community filter. */
const setFilter = z.object({ type: z.literal('set'), values: z.array(z.string().max(100)).max(500) });
export const columnFilter = z.discriminatedUnion('type', [textFilter, numberFilter, dateFilter, setFilter]);
export type ColumnFilter = z.infer<typeof columnFilter>;

export const orderQuery = z.object({
  filters: z.partialRecord(z.enum(ORDER_GRID_COLUMNS), columnFilter).default({}),
  sort: z.array(z.object({ colId: z.enum(ORDER_GRID_COLUMNS), sort: z.enum(['asc', 'desc']) })).max(4).default([]),
  /**
   * Order no (whole, start or end), phone last 4, receiver, tracking no, SKU code, buyer nick; or up
   * to 1,000 order/tracking numbers pasted one per line (see src-shared/quick-search.ts).
   */
  quick: z.string().trim().max(40_000).optional(),
});
export type OrderQuery = z.input<typeof orderQuery>;

export interface OrderRow {
  id: string;
  channelId: string;
  channelKind: ChannelKind;
  shopName: string;
  platformOrderId: string;
  status: OrderStatus;
  platformStatus: string;
  /** The platform's word in the standard vocabulary; null: a word no dictionary knows yet. */
  platformPhase: PlatformPhase | null;
  /** The SLA clock: the nearer of "leave this state by" and "ship by" (UTC ms), while one runs. */
  slaDueAt: number | null;
  /** The version the person sees: every change to the order sends it back with this. */
  version: number;
  /** The oldest open hold's type (the order's holds: orders.holds). */
  hold: OrderHold | null;
  buyerNick: string | null;
  receiverName: string | null;
  province: string | null;
  city: string | null;
  /** Null for roles without orders.viewAmounts. */
  paidFen: number | null;
  goodsFen: number | null;
  createdAt: number;
  paidAt: number | null;
  promisedShipAt: number | null;
  warehouseId: string | null;
  warehouseName: string | null;
  urgency: Urgency;
  tags: string[];
  carrier: string | null;
  trackingNo: string | null;
  buyerRemark: string | null;
  mergeGroup: string | null;
  /** The goods at a glance: line count, total quantity, the SKU code (or title) of the first line. */
  items: { lines: number; qty: number; first: string | null };
}

export interface OrderDetail {
  order: OrderRow & {
    refundStatus: string | null;
    /** The platform's status and refund words as a merchant reads them (交易成功, not TRADE_FINISHED). */
    platformStatusText: string;
    refundStatusText: string | null;
    discountFen: number | null;
    platformDiscountFen: number | null;
    postageFen: number | null;
    commissionFen: number | null;
    refundFen: number | null;
    sellerNote: string | null;
    receiverPhone: string | null;
    district: string | null;
    addressDetail: string | null;
    shippedAt: number | null;
    completedAt: number | null;
    customerId: string | null;
  };
  lines: {
    id: string; lineNo: number; skuCode: string | null; title: string; spec: string | null; qty: number;
    unitPriceFen: number | null; discountFen: number | null; paidFen: number | null; batchNo: string | null;
    gift: boolean; parentLineId: string | null; refundStatus: string | null;
  }[];
  /** Newest first; the first is the order's current address. */
  /** `source` is in words (淘宝/天猫接口, 文件导入：…), in the caller's language. */
  addresses: { id: string; receiverName: string | null; receiverPhone: string | null; province: string | null; city: string | null; district: string | null; detail: string | null; source: string; createdAt: number }[];
  /** Oldest first. A detail's `source` and `platformStatus` arrive in words. */
  events: { id: string; at: number; type: string; actorName: string | null; fromStatus: string | null; toStatus: string | null; detail: unknown }[];
  notes: { id: string; authorName: string | null; body: string; createdAt: number }[];
  /** The same customer's other orders, newest first (at most 20). */
  customerOrders: Pick<OrderRow, 'id' | 'platformOrderId' | 'shopName' | 'status' | 'paidFen' | 'createdAt'>[];
  /** 发货回传: each parcel's confirmation to the shop, newest first. */
  shipping: ShipmentConfirmationView[];
}

export interface SavedView {
  id: string;
  name: string;
  shared: boolean;
  ownerId: string;
  ownerName: string;
  mine: boolean;
  /** Column state, filters, sort, quick search: as the grid saves them. */
  state: unknown;
  updatedAt: number;
}

/** Most orders one bulk action takes (and "select all matching" selects). */
export const BULK_MAX = 5000;
const ids = z.array(z.string().min(1).max(64)).min(1).max(BULK_MAX);
/** Order id → the version the person saw (OrderRow.version); a changed order refuses the whole call as `conflict`. */
const versions = z.record(z.string().min(1).max(64), z.number().int().min(1));

export const orderCalls = {
  'orders.page': call<{
    rows: OrderRow[];
    total: number;
    /** False when `total` is an estimate (shown as 约 …): it was still being counted at the call's deadline; a later call gets it exact. */
    totalExact: boolean;
    /**
     * Set when the deadline came before the block was full (a first page at millions of orders):
     * `rows` are the block's first ones, in order; the rest is being placed — ask again shortly.
     */
    partial?: true;
  }>()({
    input: orderQuery.extend({
      startRow: z.number().int().min(0).default(0),
      endRow: z.number().int().min(1).default(100),
    }).refine((v) => v.endRow > v.startRow && v.endRow - v.startRow <= 1000, { message: 'endRow - startRow must be 1..1000', path: ['endRow'] }),
    access: 'orders.view',
    runs: 'read',
    summary: 'A block of grid rows for filters, sort and quick search, with the total count (an estimate, marked, when the deadline comes first; a first block found only partly by then is marked too).',
  }),
  'orders.matchingIds': call<{ ids: string[]; total: number }>()({
    input: orderQuery,
    access: 'orders.view',
    summary: 'Every order matching the grid\'s filters and quick search, across pages (at most 5,000, the bulk actions\' limit): "select all N matching".',
  }),
  'orders.facets': call<{
    channels: { id: string; name: string; kind: ChannelKind }[];
    warehouses: { id: string; name: string }[];
    tags: string[];
    /** False when the tag list was still being gathered at the call's deadline (a later call has them all). */
    tagsComplete: boolean;
  }>()({
    input: z.object({}),
    access: 'orders.view',
    runs: 'read',
    summary: 'Values for the pick-list filters.',
  }),
  'orders.get': call<OrderDetail>()({
    input: z.object({ id: z.string().min(1).max(64) }),
    access: 'orders.view',
    runs: 'read',
    summary: "One order's full story: lines, amounts, address history, timeline, notes, the customer's other orders.",
  }),
  'orders.addNote': call<{ added: number }>()({
    input: z.object({ orderIds: ids, body: z.string().trim().min(1, '备注不能为空').max(2000) }),
    access: 'orders.note',
    summary: 'Add a note to one or more orders.',
  }),
  'orders.setUrgency': call<{ changed: number }>()({
    input: z.object({ orderIds: ids, urgency: z.enum(URGENCIES), versions: versions.optional() }),
    access: 'orders.tag',
    summary: 'Set urgency on orders.',
  }),
  'orders.tag': call<{ changed: number }>()({
    input: z.object({
      orderIds: ids,
      add: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
      remove: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
      versions: versions.optional(),
    }),
    access: 'orders.tag',
    summary: 'Add and remove tags on orders.',
  }),
  'orders.export': call<{ fileName: string; contentBase64: string; rows: number }>()({
    input: orderQuery.extend({
      format: z.enum(['csv', 'xlsx']),
      /** Grid column ids in display order; default: every exportable column. */
      columns: z.array(z.string().max(40)).max(40).optional(),
      /** The caller's id for this export: its row count is readable with jobs.progress, and jobs.cancel stops it. */
      jobId: z.string().trim().min(8).max(64).optional(),
    }),
    access: 'orders.export',
    runs: 'job',
    summary: 'Every row matching the view, streamed to CSV (UTF-8 BOM) or XLSX.',
  }),
  'views.list': call<SavedView[]>()({
    input: z.object({ grid: z.string().max(40).default('orders') }),
    access: 'orders.view',
    runs: 'read',
    summary: "Your saved views and the shared ones.",
  }),
  'views.save': call<SavedView>()({
    input: z.object({
      id: z.string().max(64).optional(),
      grid: z.string().max(40).default('orders'),
      name: z.string().trim().min(1, '视图名称不能为空').max(40),
      shared: z.boolean().default(false),
      state: z.unknown(),
    }),
    access: 'orders.view',
    summary: 'Create or update a named view (sharing needs views.share).',
  }),
  'views.delete': call<{ ok: true }>()({
    input: z.object({ id: z.string().min(1).max(64) }),
    access: 'orders.view',
    summary: 'Delete one of your views (a shared one needs views.share).',
  }),
} as const;

export { ORDER_STATUSES };
