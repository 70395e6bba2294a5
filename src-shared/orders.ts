/** Order vocabulary every process shares: standard statuses, urgency, platform kinds. */
/**
 * OrderHub's own status: written only by the state machine (`src-main/orders/lifecycle/`,
 * through `transition()`). The platform's word is kept apart as the platform phase.
 */
export const ORDER_STATUSES = [
  'pending_payment', 'pending_review', 'to_route', 'to_ship', 'picking', 'packed',
  'handed_over', 'shipped', 'delivered', 'completed', 'cancelled', 'closed', 'merged',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_STATUS_LABELS: Record<OrderStatus, { zh: string; en: string }> = {
  pending_payment: { zh: '待付款', en: 'Pending payment' },
  pending_review: { zh: '待审核', en: 'Pending review' },
  to_route: { zh: '待分仓', en: 'To route' },
  to_ship: { zh: '待发货', en: 'To ship' },
  picking: { zh: '拣货中', en: 'Picking' },
  packed: { zh: '已打包', en: 'Packed' },
  handed_over: { zh: '已交接', en: 'Handed over' },
  shipped: { zh: '已发货', en: 'Shipped' },
  delivered: { zh: '已签收', en: 'Delivered' },
  completed: { zh: '已完成', en: 'Completed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  closed: { zh: '已关闭', en: 'Closed' },
  merged: { zh: '已合并', en: 'Merged' },
};

/** Statuses before the parcel leaves: an order here can still be held, split, merged, cancelled. */
export const PRE_SHIPMENT_STATUSES = ['pending_payment', 'pending_review', 'to_route', 'to_ship', 'picking', 'packed'] as const satisfies readonly OrderStatus[];
/** Statuses an order never leaves by itself (merged leaves only by unmerge). */
export const FINAL_STATUSES = ['completed', 'cancelled', 'closed', 'merged'] as const satisfies readonly OrderStatus[];

export function isPreShipment(s: OrderStatus): boolean {
  return (PRE_SHIPMENT_STATUSES as readonly OrderStatus[]).includes(s);
}

/**
 * The platform's word in a standard vocabulary: where the shop says the order is. Kept beside
 * the raw status word; a change of phase is a trigger of the state machine, never a write of status.
 */
export const PLATFORM_PHASES = ['unpaid', 'paid', 'shipped', 'delivered', 'completed', 'cancelled', 'refunded'] as const;
export type PlatformPhase = (typeof PLATFORM_PHASES)[number];

export const PLATFORM_PHASE_LABELS: Record<PlatformPhase, { zh: string; en: string }> = {
  unpaid: { zh: '平台待付款', en: 'Unpaid on platform' },
  paid: { zh: '平台已付款', en: 'Paid on platform' },
  shipped: { zh: '平台已发货', en: 'Shipped on platform' },
  delivered: { zh: '平台已签收', en: 'Delivered on platform' },
  completed: { zh: '平台已完成', en: 'Completed on platform' },
  cancelled: { zh: '平台已取消', en: 'Cancelled on platform' },
  refunded: { zh: '平台已退款', en: 'Refunded on platform' },
};

export const URGENCIES = ['red', 'yellow', 'green'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, { zh: string; en: string }> = {
  red: { zh: '紧急', en: 'Urgent' },
  yellow: { zh: '关注', en: 'Watch' },
  green: { zh: '正常', en: 'Normal' },
};

/** Where orders come from: one connector (or file format) per kind. */
export const CHANNEL_KINDS = ['taobao', 'jd', 'pdd', 'douyin', 'youzan', 'shopify', 'wechat', 'generic', 'pos'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export const CHANNEL_KIND_LABELS: Record<ChannelKind, { zh: string; en: string }> = {
  taobao: { zh: '淘宝/天猫', en: 'Taobao/Tmall' },
  jd: { zh: '京东', en: 'JD' },
  pdd: { zh: '拼多多', en: 'Pinduoduo' },
  douyin: { zh: '抖店', en: 'Douyin Shop' },
  youzan: { zh: '有赞', en: 'Youzan' },
  shopify: { zh: 'Shopify', en: 'Shopify' },
  wechat: { zh: '微信小程序', en: 'WeChat mini-program' },
  generic: { zh: '自建商城', en: 'Generic intake' },
  pos: { zh: '线下门店', en: 'Offline POS' },
};

/**
 * Kinds of hold: many can be open on one order (table order_holds), each with a reason code
 * and parameters; an order moves on towards shipment only with none open.
 */
export const ORDER_HOLDS = ['review', 'suspect_duplicate', 'unmapped_status', 'stock', 'quality', 'platform', 'manual'] as const;
export type OrderHold = (typeof ORDER_HOLDS)[number];
export type HoldType = OrderHold;

export const ORDER_HOLD_LABELS: Record<OrderHold, { zh: string; en: string }> = {
  review: { zh: '待审单', en: 'Needs review' },
  suspect_duplicate: { zh: '疑似重复', en: 'Suspected duplicate' },
  unmapped_status: { zh: '平台状态未识别', en: 'Unknown platform status' },
  stock: { zh: '缺货', en: 'Out of stock' },
  quality: { zh: '质检拦截', en: 'Quality hold' },
  platform: { zh: '平台变更待确认', en: 'Platform change to confirm' },
  manual: { zh: '人工挂起', en: 'Held by hand' },
};

/**
 * What OrderHub's status words say about the platform's side, for sources that speak them
 * (the generic intake, spreadsheets, the demo): 待发货 on a sheet means "paid on the platform".
 */
export const PHASE_OF_STATUS_WORD: Record<OrderStatus, PlatformPhase> = {
  pending_payment: 'unpaid', pending_review: 'paid', to_route: 'paid', to_ship: 'paid', picking: 'paid', packed: 'paid',
  handed_over: 'paid', shipped: 'shipped', delivered: 'delivered', completed: 'completed', cancelled: 'cancelled',
  closed: 'refunded', merged: 'paid',
};

/** Customer grades (customers.grade): SLAs and rules can differ by grade. */
export const CUSTOMER_GRADES = ['A', 'B', 'C'] as const;
export type CustomerGrade = (typeof CUSTOMER_GRADES)[number];
