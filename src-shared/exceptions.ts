/**
 * Exceptions vocabulary every process shares (#12): types (the 异常 workspace's tabs), severities,
 * the built-in detectors' codes, states, how an exception closed, and shipment tracking states.
 * Reasons are data (code + params); the words live in the renderer's i18n and in `EXCEPTION_WORDS`.
 */
import type { Role } from './roles';

/** The 异常 workspace's tabs. */
export const EXCEPTION_TYPES = ['fulfilment', 'logistics', 'stock', 'order_data', 'quality', 'system'] as const;
export type ExceptionType = (typeof EXCEPTION_TYPES)[number];

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/** open → (snoozed ⇄ open) → closed. A snoozed exception's clock keeps running. */
export const EXCEPTION_STATES = ['open', 'snoozed', 'closed'] as const;
export type ExceptionState = (typeof EXCEPTION_STATES)[number];

/** What an exception is about: one order, or a shop / the ERP bridge / sync failing. */
export const SUBJECT_KINDS = ['order', 'channel', 'erp', 'sync'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** The built-in detectors (src-main/exceptions/detectors.ts has their conditions). */
export const DETECTOR_CODES = [
  'ship_overdue', 'shipped_no_tracking', 'no_pickup', 'no_movement', 'delivery_failed', 'stock_short_no_purchase',
  'suspected_duplicate', 'unmapped_status', 'quality_hold', 'address_changed_after_pick',
  'channel_failing', 'erp_failing', 'sync_failing', 'ship_confirm_refused',
] as const;
export type DetectorCode = (typeof DETECTOR_CODES)[number];

/**
 * How an exception closed: its condition cleared (by itself), the confirmations its type needs
 * were all given, or a person closed it with a reason.
 */
export const CLOSE_KINDS = ['cleared', 'confirmed', 'person'] as const;
export type CloseKind = (typeof CLOSE_KINDS)[number];

/** Reasons a person gives when closing, snoozing or reassigning (plus a note in their words). */
export const EXCEPTION_REASONS = [
  'resolved', 'carrier_contacted', 'customer_contacted', 'refunded', 'reshipped', 'not_an_issue', 'duplicate', 'waiting_platform',
  'waiting_customer', 'waiting_carrier', 'waiting_stock', 'handover', 'other',
] as const;
export type ExceptionReason = (typeof EXCEPTION_REASONS)[number];

/** Roles an exception's type may need to confirm before its clock stops. */
export type ConfirmRole = Exclude<Role, 'owner'>;

/** What happened to an exception, in its own history. */
export const EXCEPTION_EVENT_KINDS = ['opened', 'escalated', 'note', 'assigned', 'snoozed', 'woke', 'confirmed', 'closed'] as const;
export type ExceptionEventKind = (typeof EXCEPTION_EVENT_KINDS)[number];

/** A shipment's state as the carrier's tracking says (Kuaidi100 state codes mapped in src-main/tracking/). */
export const SHIPMENT_STATES = [
  'created', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'problem', 'returning', 'returned', 'refused', 'redirected', 'customs',
] as const;
export type ShipmentState = (typeof SHIPMENT_STATES)[number];
/** The parcel's story is over: tracking stops polling. */
export const FINAL_SHIPMENT_STATES: readonly ShipmentState[] = ['delivered', 'returned'];

export const SHIPMENT_STATE_LABELS: Record<ShipmentState, { zh: string; en: string }> = {
  created: { zh: '待揽收', en: 'Awaiting pickup' },
  picked_up: { zh: '已揽收', en: 'Picked up' },
  in_transit: { zh: '运输中', en: 'In transit' },
  out_for_delivery: { zh: '派件中', en: 'Out for delivery' },
  delivered: { zh: '已签收', en: 'Delivered' },
  problem: { zh: '疑难件', en: 'Problem' },
  returning: { zh: '退回中', en: 'Returning' },
  returned: { zh: '已退签', en: 'Returned' },
  refused: { zh: '拒签', en: 'Refused' },
  redirected: { zh: '转投', en: 'Redirected' },
  customs: { zh: '清关中', en: 'In customs' },
};

export const EXCEPTION_TYPE_LABELS: Record<ExceptionType, { zh: string; en: string }> = {
  fulfilment: { zh: '履约', en: 'Fulfilment' },
  logistics: { zh: '物流', en: 'Logistics' },
  stock: { zh: '库存', en: 'Stock' },
  order_data: { zh: '订单数据', en: 'Order data' },
  quality: { zh: '质检', en: 'Quality' },
  system: { zh: '系统连接', en: 'Connections' },
};

export const SEVERITY_LABELS: Record<Severity, { zh: string; en: string }> = {
  info: { zh: '提示', en: 'Info' },
  warning: { zh: '警告', en: 'Warning' },
  critical: { zh: '严重', en: 'Critical' },
};

export const DETECTOR_LABELS: Record<DetectorCode, { zh: string; en: string }> = {
  ship_overdue: { zh: '已付款超时未发货', en: 'Paid, not shipped past its SLA' },
  shipped_no_tracking: { zh: '已发货无运单号', en: 'Shipped without a tracking number' },
  no_pickup: { zh: '有运单号未揽收', en: 'Tracking number, no pickup scan' },
  no_movement: { zh: '物流停滞', en: 'No tracking movement' },
  delivery_failed: { zh: '派送失败或退回', en: 'Delivery failed or returned' },
  stock_short_no_purchase: { zh: '缺货且无采购在途（采购协同失效）', en: 'Stock short, no purchase under way' },
  suspected_duplicate: { zh: '疑似重复订单', en: 'Suspected duplicate' },
  unmapped_status: { zh: '平台状态未识别', en: 'Unknown platform status' },
  quality_hold: { zh: '质检拦截', en: 'Quality hold' },
  address_changed_after_pick: { zh: '拣货单打印后改地址', en: 'Address changed after the pick list was printed' },
  channel_failing: { zh: '店铺连接失败', en: 'Shop connection failing' },
  erp_failing: { zh: 'ERP 连接失败', en: 'ERP bridge failing' },
  sync_failing: { zh: '云同步失败', en: 'Cloud sync failing' },
  ship_confirm_refused: { zh: '发货回传被平台拒绝', en: 'Shop refused the shipment confirmation' },
};

export const CLOSE_KIND_LABELS: Record<CloseKind, { zh: string; en: string }> = {
  cleared: { zh: '条件已解除', en: 'Condition cleared' },
  confirmed: { zh: '已全部确认', en: 'All confirmations given' },
  person: { zh: '人工关闭', en: 'Closed by a person' },
};

export const EXCEPTION_REASON_LABELS: Record<ExceptionReason, { zh: string; en: string }> = {
  resolved: { zh: '已处理', en: 'Resolved' },
  carrier_contacted: { zh: '已联系快递', en: 'Carrier contacted' },
  customer_contacted: { zh: '已联系买家', en: 'Customer contacted' },
  refunded: { zh: '已退款', en: 'Refunded' },
  reshipped: { zh: '已补发', en: 'Reshipped' },
  not_an_issue: { zh: '不是问题', en: 'Not an issue' },
  duplicate: { zh: '重复异常', en: 'Duplicate' },
  waiting_platform: { zh: '等待平台处理', en: 'Waiting for the platform' },
  waiting_customer: { zh: '等待买家回复', en: 'Waiting for the customer' },
  waiting_carrier: { zh: '等待快递回复', en: 'Waiting for the carrier' },
  waiting_stock: { zh: '等待到货', en: 'Waiting for stock' },
  handover: { zh: '转交他人处理', en: 'Handed over' },
  other: { zh: '其他', en: 'Other' },
};

/** Age buckets of open exceptions on the board (upper bounds in hours; the last is open-ended). */
export const AGE_BUCKETS = [
  { key: 'lt2h', maxHours: 2, zh: '2 小时内', en: '< 2 h' },
  { key: 'lt24h', maxHours: 24, zh: '2–24 小时', en: '2–24 h' },
  { key: 'lt3d', maxHours: 72, zh: '1–3 天', en: '1–3 d' },
  { key: 'lt7d', maxHours: 168, zh: '3–7 天', en: '3–7 d' },
  { key: 'older', maxHours: Infinity, zh: '7 天以上', en: '> 7 d' },
] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number]['key'];
