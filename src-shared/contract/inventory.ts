import { z } from 'zod';
import type { ReleaseReason } from '../rules';
import { call, REPORT_DEADLINE_MS } from './define';
import { bilingual } from './bilingual';

const id = z.string().trim().min(1).max(64);
const sku = z.string().trim().min(1, 'SKU 编码不能为空').max(64);

export interface StockRow {
  skuCode: string;
  title: string | null;
  warehouseId: string;
  warehouseName: string;
  onHand: number;
  reserved: number;
  safety: number;
  /** on hand − reserved − safety, never below 0 */
  available: number;
  snapshotAt: number | null;
}

export interface ReservationView {
  id: string;
  orderId: string;
  platformOrderId: string;
  orderLineId: string;
  skuCode: string;
  warehouseId: string;
  warehouseName: string;
  qty: number;
  madeByKind: 'rule' | 'person' | 'system';
  madeByName: string | null;
  ruleVersion: number | null;
  createdAt: number;
  expiresAt: number | null;
  releasedAt: number | null;
  releaseReason: ReleaseReason | null;
  releasedByName: string | null;
}

export interface PurchaseReminder {
  skuCode: string;
  title: string | null;
  onHand: number;
  reserved: number;
  safety: number;
  available: number;
  /** Units sold per day over the last 7 and 30 days (paid orders, cancelled ones left out). */
  velocity7: number;
  velocity30: number;
  /** available ÷ the 7-day velocity (the 30-day one when 7 days sold nothing); null when nothing sold. */
  daysOfCover: number | null;
}

export interface ReconcileRow {
  skuCode: string;
  warehouseId: string;
  warehouseName: string;
  onHand: number | null;
  snapshotAt: number | null;
  reserved: number;
  /** What is wrong, as codes: over_reserved (reserved > on hand), no_snapshot (reserved but never counted), stale_reservation (held for orders already shipped/cancelled/closed). */
  problems: ('over_reserved' | 'no_snapshot' | 'stale_reservation')[];
  /** Reserved quantity whose orders have already left 待发货 (shipped, cancelled, closed). */
  staleQty: number;
  difference: number;
}

export interface CapacityRow {
  warehouseId: string;
  warehouseName: string;
  priority: number;
  dailyOrders: number | null;
  cutoffMinute: number;
  /** Orders routed to it for the day asked about. */
  used: number;
  /** Orders held waiting for stock whose shortfall is in this warehouse. */
  waiting: number;
  /** Open reservations (units) in this warehouse. */
  reservedUnits: number;
}

export interface StockWaitView {
  orderId: string;
  platformOrderId: string;
  paidAt: number;
  since: number;
  missing: { skuCode: string; warehouseId?: string; need: number; available: number }[];
}

export const inventoryCalls = {
  'stock.available': call<StockRow[]>()({
    input: z.object({ skuCodes: z.array(sku).min(1).max(500), warehouseId: id.optional() }),
    access: 'stock.view',
    runs: 'read',
    deadlineMs: REPORT_DEADLINE_MS,
    summary: 'On hand, reserved, safety stock and available per SKU and warehouse.',
  }),
  'stock.page': call<{ rows: StockRow[]; total: number }>()({
    input: z.object({
      quick: z.string().trim().max(64).optional(),
      warehouseId: id.optional(),
      shortOnly: z.boolean().default(false),
      startRow: z.number().int().min(0).default(0),
      endRow: z.number().int().min(1).default(100),
    }).refine((v) => v.endRow > v.startRow && v.endRow - v.startRow <= 1000, { message: bilingual('一次最多读取 1,000 行', 'a block is 1 to 1,000 rows'), path: ['endRow'] }),
    access: 'stock.view',
    runs: 'read',
    deadlineMs: REPORT_DEADLINE_MS,
    summary: 'A block of the stock grid: SKU × warehouse with the latest count, reservations and what is available.',
  }),
  'stock.reminders': call<PurchaseReminder[]>()({
    input: z.object({}),
    access: 'stock.view',
    runs: 'read',
    deadlineMs: REPORT_DEADLINE_MS,
    summary: 'SKUs below their safety stock, with 7/30-day sales velocity and days of cover (purchase reminders).',
  }),
  'stock.reconcile': call<ReconcileRow[]>()({
    input: z.object({ warehouseId: id.optional() }),
    access: 'stock.view',
    summary: 'Reservations against the latest snapshot: every difference listed.',
  }),
  'stock.setSafety': call<{ skuCode: string; qty: number }>()({
    input: z.object({ skuCode: sku, qty: z.number().int().min(0, '安全库存不能为负').max(10_000_000) }),
    access: 'stock.manage',
    summary: 'Set the safety stock of a SKU (kept back from what orders may reserve).',
  }),
  'stock.count': call<{ onHand: number; released: number }>()({
    input: z.object({ skuCode: sku, warehouseId: id, onHand: z.number().int().min(0, '库存数量不能为负').max(100_000_000), note: z.string().trim().max(200).optional() }),
    access: 'stock.manage',
    summary: 'Record a stock count (盘点) as a new snapshot; held orders waiting for the SKU are released in paid-time order.',
  }),
  'stock.waits': call<StockWaitView[]>()({
    input: z.object({ limit: z.number().int().min(1).max(1000).default(200) }),
    access: 'stock.view',
    runs: 'read',
    deadlineMs: REPORT_DEADLINE_MS,
    summary: 'Orders waiting for stock, oldest payment first, with the missing quantities.',
  }),
  'reservations.list': call<ReservationView[]>()({
    input: z.object({ orderId: id.optional(), skuCode: sku.optional(), openOnly: z.boolean().default(false), limit: z.number().int().min(1).max(1000).default(200) })
      .refine((v) => Boolean(v.orderId) !== Boolean(v.skuCode), { message: '请提供订单或 SKU 其中之一', path: ['orderId'] }),
    access: 'stock.view',
    runs: 'read',
    deadlineMs: REPORT_DEADLINE_MS,
    summary: "An order's reservations, or a SKU's (newest first).",
  }),
  'reservations.release': call<{ released: number }>()({
    input: z.object({ orderId: id, reason: z.string().trim().min(1, '请填写释放原因').max(200) }),
    access: 'stock.manage',
    summary: "Release an order's open reservations by hand, with the reason.",
  }),
  'routing.capacity': call<{ day: string; rows: CapacityRow[] }>()({
    input: z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').optional() }),
    access: 'stock.view',
    summary: 'Routing result per warehouse for a ship day: orders routed against daily capacity, cut-off, waiting orders.',
  }),
  'routing.setCapacity': call<CapacityRow>()({
    input: z.object({
      warehouseId: id,
      dailyOrders: z.number().int().min(0).max(10_000_000).nullable(),
      cutoffMinute: z.number().int().min(0).max(1440),
      priority: z.number().int().min(0).max(10_000),
    }),
    access: 'stock.manage',
    summary: "Set a warehouse's daily capacity (orders), cut-off time and default routing priority.",
  }),
  'routing.override': call<{ placed: boolean; warehouseId: string; reason: string }>()({
    input: z.object({ orderId: id, warehouseId: id, reason: z.string().trim().min(1, '请填写改仓原因').max(200) }),
    access: 'orders.edit',
    summary: 'Send an order to a warehouse by hand, with the reason: its reservations move (re-routed), or it waits for stock there.',
  }),
} as const;
