/** Order vocabulary every process shares: standard statuses, urgency, platform kinds. */
export const ORDER_STATUSES = [
  'pending_payment', 'pending_review', 'to_ship', 'allocated', 'picking', 'packed',
  'handed_over', 'shipped', 'delivered', 'completed', 'cancelled', 'closed',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_STATUS_LABELS: Record<OrderStatus, { zh: string; en: string }> = {
  pending_payment: { zh: '待付款', en: 'Pending payment' },
  pending_review: { zh: '待审核', en: 'Pending review' },
  to_ship: { zh: '待发货', en: 'To ship' },
  allocated: { zh: '已分仓', en: 'Allocated' },
  picking: { zh: '拣货中', en: 'Picking' },
  packed: { zh: '已打包', en: 'Packed' },
  handed_over: { zh: '已交接', en: 'Handed over' },
  shipped: { zh: '已发货', en: 'Shipped' },
  delivered: { zh: '已签收', en: 'Delivered' },
  completed: { zh: '已完成', en: 'Completed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  closed: { zh: '已关闭', en: 'Closed' },
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

/** Holds that stop an order from moving on until a person decides. */
export const ORDER_HOLDS = ['suspect_duplicate', 'unmapped_status', 'manual'] as const;
export type OrderHold = (typeof ORDER_HOLDS)[number];
