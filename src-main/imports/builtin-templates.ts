import {
  ORDER_STATUSES, ORDER_STATUS_LABELS, PHASE_OF_STATUS_WORD, PLATFORM_PHASES, PLATFORM_PHASE_LABELS, type ChannelKind, type PlatformPhase,
} from '../../src-shared/orders';
import type { ImportKind } from '../../src-shared/contract/imports';

/**
 * A template in the form the importer uses: for each field, the header names that carry it
 * (first present wins), and the headers that must all be there to recognise the file.
 */
export interface TemplateDef {
  id: string;
  name: string;
  /** The built-ins' names in English (English screens and exports); saved templates keep their own name. */
  nameEn?: string;
  kind: ImportKind;
  builtin: boolean;
  channelKind: ChannelKind | null;
  /** 'items': the Taobao 宝贝报表, lines only, paired with the 订单报表 by 订单编号. */
  role?: 'items';
  /** Each row is a whole order (platform exports) rather than one line of it (POS sheets). */
  rowIsOrder: boolean;
  columns: Record<string, string[]>;
  /** Normalised headers that must all be present (built-ins) or be exactly the header set (saved templates). */
  signature: string[];
  defaults: Record<string, string>;
  /** A file's status words → the platform phase. */
  statusWords: Record<string, PlatformPhase>;
  createdAt: number;
}

/** Trailing/inner spaces, full-width brackets and case never decide whether a header matches. */
export function normalizeHeader(h: string): string {
  return h.replace(/[\s\u3000]+/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/：/g, ':').toLowerCase();
}

/** Export words seen in seller-backend files (PLATFORMS.md §8), mapped to the platform phase. */
const TAOBAO_WORDS: Record<string, PlatformPhase> = {
  等待买家付款: 'unpaid',
  '买家已付款，等待卖家发货': 'paid',
  等待卖家发货: 'paid',
  卖家部分发货: 'paid',
  '卖家已发货，等待买家确认': 'shipped',
  等待买家确认收货: 'shipped',
  买家已签收: 'delivered',
  交易成功: 'completed',
  交易关闭: 'refunded',
  交易自动关闭: 'refunded',
};
const PDD_WORDS: Record<string, PlatformPhase> = {
  待付款: 'unpaid',
  待发货: 'paid',
  '已发货，待收货': 'shipped',
  已发货待签收: 'shipped',
  已收货: 'delivered',
  已签收: 'delivered',
  已取消: 'cancelled',
  '未发货，退款成功': 'refunded',
  '已发货，退款成功': 'refunded',
};
/** Saved templates (POS sheets, distributor forms) accept the standard words in both languages and the platforms' words. */
const GENERIC_WORDS: Record<string, PlatformPhase> = {
  ...TAOBAO_WORDS,
  ...PDD_WORDS,
  ...Object.fromEntries(ORDER_STATUSES.flatMap((s) => {
    const p = PHASE_OF_STATUS_WORD[s];
    return [[s, p], [ORDER_STATUS_LABELS[s].zh, p], [ORDER_STATUS_LABELS[s].en.toLowerCase(), p]];
  })),
  ...Object.fromEntries(PLATFORM_PHASES.flatMap((p) => [[p, p], [PLATFORM_PHASE_LABELS[p].zh, p]])),
  已付款: 'paid',
  完成: 'completed',
  已完成: 'completed',
  已结账: 'completed',
  已退款: 'refunded',
};

/** A status word → platform phase, ignoring spaces and full/half-width commas; null when unknown. */
export function mapStatus(t: TemplateDef, word: string): PlatformPhase | null {
  const words = t.builtin ? t.statusWords : GENERIC_WORDS;
  const key = word.replace(/\s+/g, '').replace(/,/g, '，');
  return words[key] ?? words[key.replace(/，/g, ',')] ?? words[word.trim().toLowerCase()] ?? null;
}

const cols = (m: Record<string, string | string[]>) =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map(normalizeHeader)]));
const sig = (hs: string[]) => hs.map(normalizeHeader);

/** 订单报表 (ExportOrderList…csv, GBK): one row per order. */
const taobaoLegacy: TemplateDef = {
  id: 'builtin:taobao-orders', name: '淘宝/天猫 订单报表', nameEn: 'Taobao/Tmall order report', kind: 'orders', builtin: true, channelKind: 'taobao', rowIsOrder: true,
  columns: cols({
    platformOrderId: '订单编号', buyerNick: '买家会员名', goodsYuan: '买家应付货款', postageYuan: '买家应付邮费',
    paidYuan: ['买家实际支付金额', '买家实付金额'], platformStatus: '订单状态', buyerRemark: '买家留言',
    receiverName: '收货人姓名', address: ['收货地址', '修改后的收货地址'], receiverPhone: ['联系手机', '联系电话', '买家手机号'],
    createdAt: '订单创建时间', paidAt: '订单付款时间', completedAt: '确认收货时间', lineTitle: '宝贝标题', lineQty: '宝贝总数量',
    trackingNo: '物流单号', carrier: '物流公司', sellerNote: '订单备注', refundYuan: '退款金额',
  }),
  signature: sig(['订单编号', '买家会员名', '订单状态', '订单创建时间', '宝贝标题']),
  defaults: {}, statusWords: TAOBAO_WORDS, createdAt: 0,
};

/** 宝贝报表 (ExportOrderDetailList…csv): one row per line, paired with the 订单报表 by 订单编号. */
const taobaoItems: TemplateDef = {
  id: 'builtin:taobao-items', name: '淘宝/天猫 宝贝报表', nameEn: 'Taobao/Tmall item report', kind: 'orders', builtin: true, channelKind: 'taobao', role: 'items', rowIsOrder: false,
  columns: cols({
    platformOrderId: '订单编号', lineTitle: '标题', lineUnitPriceYuan: '价格', lineQty: '购买数量',
    lineSkuCode: ['商家编码', '外部系统编号'], lineSpec: ['商品属性', '套餐信息'],
  }),
  signature: sig(['订单编号', '标题', '价格', '购买数量']),
  defaults: {}, statusWords: TAOBAO_WORDS, createdAt: 0,
};

/** The newer 千牛 xlsx: order-level, 买家实付金额, 商品标题. */
const qianniu: TemplateDef = {
  id: 'builtin:qianniu-orders', name: '千牛 订单导出（xlsx）', nameEn: 'Qianniu order export (xlsx)', kind: 'orders', builtin: true, channelKind: 'taobao', rowIsOrder: true,
  columns: cols({
    platformOrderId: '订单编号', goodsYuan: '买家应付货款', postageYuan: '买家应付邮费', paidYuan: ['买家实付金额', '买家实际支付金额'],
    platformStatus: '订单状态', address: '收货地址', createdAt: '订单创建时间', paidAt: '订单付款时间', shippedAt: '发货时间',
    completedAt: '确认收货时间', lineTitle: '商品标题', lineQty: '宝贝总数量', lineSpec: '商品属性SKU', trackingNo: '物流单号',
    carrier: '物流公司', sellerNote: '商家备注', refundYuan: '退款金额',
  }),
  signature: sig(['订单编号', '买家实付金额', '订单状态', '订单创建时间', '商品标题']),
  defaults: {}, statusWords: TAOBAO_WORDS, createdAt: 0,
};

/** 拼多多 商家后台 订单查询 → 导出: one row per order (one goods item each). */
const pdd: TemplateDef = {
  id: 'builtin:pdd-orders', name: '拼多多 商家后台订单导出', nameEn: 'Pinduoduo merchant order export', kind: 'orders', builtin: true, channelKind: 'pdd', rowIsOrder: true,
  columns: cols({
    platformOrderId: '订单号', platformStatus: '订单状态', goodsYuan: '商品总价(元)', postageYuan: '邮费(元)',
    discountYuan: '店铺优惠折扣(元)', platformDiscountYuan: '平台优惠折扣(元)', pddPayDiscountYuan: '多多支付立减金额(元)',
    paidYuan: '用户实付金额(元)', lineQty: '商品数量(件)', lineTitle: '商品', lineSpec: '商品规格',
    lineSkuCode: ['商家编码-规格维度', '商家编码-SKU维度', '商家编码-商品维度'],
    createdAt: ['订单创建时间', '订单成交时间', '支付时间', '拼单成功时间', '成团时间'], paidAt: ['支付时间', '订单成交时间'],
    shippedAt: '发货时间', completedAt: '确认收货时间', sellerNote: '商家备注', refundStatus: '售后状态',
    trackingNo: '快递单号', carrier: '快递公司', receiverName: '收货人', receiverPhone: '手机', province: '省', city: '市',
    district: '区', street: '街道', addressDetail: '详细地址',
  }),
  signature: sig(['订单号', '订单状态', '商品总价(元)', '用户实付金额(元)']),
  defaults: {}, statusWords: PDD_WORDS, createdAt: 0,
};

export const BUILTIN_TEMPLATES: readonly TemplateDef[] = [taobaoLegacy, qianniu, taobaoItems, pdd];

/**
 * The template a header row belongs to: a saved template whose header set is exactly this one
 * (a reject report's extra 原因 column is ignored), else the built-in that matches most.
 */
export function recognise(headers: string[], saved: TemplateDef[]): TemplateDef | null {
  const set = new Set(headers.map(normalizeHeader).filter((h) => h && h !== REASON_HEADER_NORM));
  for (const t of saved) {
    if (t.signature.length === set.size && t.signature.every((h) => set.has(h))) return t;
  }
  let best: TemplateDef | null = null;
  for (const t of BUILTIN_TEMPLATES) {
    if (t.signature.every((h) => set.has(h)) && (!best || t.signature.length > best.signature.length)) best = t;
  }
  return best;
}

export const REASON_HEADER = '原因';
const REASON_HEADER_NORM = normalizeHeader(REASON_HEADER);
