import type { OrderGridColumn, OrderRow } from '../../src-shared/contract';
import { CHANNEL_KIND_LABELS, ORDER_HOLD_LABELS, ORDER_STATUS_LABELS, PLATFORM_PHASE_LABELS, URGENCY_LABELS } from '../../src-shared/orders';
import type { Cell, TabularColumn } from '../exports/writers';

type Lang = 'zh' | 'en';

interface ExportColumn {
  zh: string;
  en: string;
  kind?: TabularColumn['kind'];
  width?: number;
  money?: boolean;
  value(r: OrderRow, lang: Lang): Cell;
}


/** Every grid column a merchant can export, keyed by the grid's column id. */
export const EXPORT_COLUMNS: Record<OrderGridColumn, ExportColumn> = {
  channelKind: { zh: '渠道', en: 'Channel', width: 12, value: (r, l) => CHANNEL_KIND_LABELS[r.channelKind]?.[l] ?? r.channelKind },
  channelId: { zh: '店铺', en: 'Shop', width: 22, value: (r) => r.shopName },
  platformOrderId: { zh: '订单号', en: 'Order no.', kind: 'id', width: 26, value: (r) => r.platformOrderId },
  status: { zh: '状态', en: 'Status', width: 10, value: (r, l) => ORDER_STATUS_LABELS[r.status]?.[l] ?? r.status },
  buyerNick: { zh: '买家', en: 'Buyer', width: 16, value: (r) => r.buyerNick },
  receiverName: { zh: '收货人', en: 'Receiver', width: 10, value: (r) => r.receiverName },
  province: { zh: '省市', en: 'Province/city', width: 16, value: (r) => provinceCity(r) },
  city: { zh: '城市', en: 'City', width: 10, value: (r) => r.city },
  paidFen: { zh: '金额(元)', en: 'Paid (CNY)', kind: 'money', money: true, value: (r) => r.paidFen },
  goodsFen: { zh: '商品金额(元)', en: 'Goods (CNY)', kind: 'money', money: true, value: (r) => r.goodsFen },
  createdAt: { zh: '下单时间', en: 'Created', kind: 'datetime', value: (r) => r.createdAt },
  paidAt: { zh: '付款时间', en: 'Paid at', kind: 'datetime', value: (r) => r.paidAt },
  promisedShipAt: { zh: '承诺发货', en: 'Ship by', kind: 'datetime', value: (r) => r.promisedShipAt },
  warehouseId: { zh: '仓库', en: 'Warehouse', width: 12, value: (r) => r.warehouseName },
  urgency: { zh: '紧急度', en: 'Urgency', width: 8, value: (r, l) => URGENCY_LABELS[r.urgency]?.[l] ?? r.urgency },
  tags: { zh: '标签', en: 'Tags', width: 16, value: (r) => r.tags.join('、') },
  trackingNo: { zh: '物流单号', en: 'Tracking no.', kind: 'id', width: 20, value: (r) => r.trackingNo },
  hold: { zh: '挂起原因', en: 'Hold', width: 12, value: (r, l) => (r.hold ? ORDER_HOLD_LABELS[r.hold]?.[l] ?? r.hold : null) },
  buyerRemark: { zh: '买家留言', en: 'Buyer remark', width: 30, value: (r) => r.buyerRemark },
  platformPhase: { zh: '平台阶段', en: 'Platform phase', width: 12, value: (r, l) => (r.platformPhase ? PLATFORM_PHASE_LABELS[r.platformPhase][l] : null) },
  slaDueAt: { zh: 'SLA 截止', en: 'SLA due', kind: 'datetime', value: (r) => r.slaDueAt },
};

/** What a merchant expects when the view does not say: the brief's column set, in this order. */
export const DEFAULT_EXPORT_COLUMNS: OrderGridColumn[] = [
  'channelKind', 'channelId', 'platformOrderId', 'status', 'buyerNick', 'receiverName', 'province', 'paidFen', 'paidAt',
  'promisedShipAt', 'warehouseId', 'urgency', 'tags', 'trackingNo', 'buyerRemark',
];

export function isExportColumn(id: string): id is OrderGridColumn {
  return Object.prototype.hasOwnProperty.call(EXPORT_COLUMNS, id);
}

/** The chosen columns as writer columns and a row → cells function; money columns dropped without viewAmounts. */
export function exportLayout(ids: OrderGridColumn[], lang: Lang, viewAmounts: boolean) {
  const cols = [...new Set(ids)].map((id) => EXPORT_COLUMNS[id]).filter((c) => viewAmounts || !c.money);
  return {
    columns: cols.map((c): TabularColumn => ({ header: c[lang], ...(c.kind ? { kind: c.kind } : {}), ...(c.width ? { width: c.width } : {}) })),
    cells: (r: OrderRow): Cell[] => cols.map((c) => c.value(r, lang)),
  };
}

/** 上海市 rather than 上海市 上海市 for the municipalities. */
function provinceCity(r: OrderRow): string | null {
  if (!r.province) return r.city;
  if (!r.city || r.city === r.province) return r.province;
  return `${r.province} ${r.city}`;
}
