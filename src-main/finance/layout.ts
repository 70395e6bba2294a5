import { CHANNEL_KIND_LABELS, ORDER_STATUS_LABELS, type ChannelKind, type OrderStatus } from '../../src-shared/orders';
import type { FinanceBasis } from '../../src-shared/contract/finance';
import type { Cell, TabularColumn, TabularWriter } from '../exports/writers';
import type { Locale } from '../kernel/i18n';
import { grandTotal, type CommissionSource, type ShopTotals } from './figures';
import type { LineDetail, OrderDetail, Period, Reconciliation } from './reconciliation';

type Words = { zh: string; en: string };
const w = (zh: string, en: string): Words => ({ zh, en });
const pick = (locale: Locale, words: Words) => (locale === 'en' ? words.en : words.zh);

const SHEETS = { summary: w('汇总', 'Summary'), orders: w('订单明细', 'Orders'), lines: w('商品明细', 'Lines') };
const BASIS: Record<FinanceBasis, Words> = { paid: w('按付款时间', 'by paid time'), completed: w('按完成时间', 'by completion time') };
const COMMISSION: Record<CommissionSource, Words> = {
  platform: w('平台数据', 'platform'),
  rate: w('店铺费率', 'shop rate'),
  none: w('未设置', 'not set'),
};

/** The money columns every part shares, in one order, so a reader can line them up. */
const MONEY: [keyof ShopTotals & keyof OrderDetail, Words][] = [
  ['goodsFen', w('商品金额', 'Goods')],
  ['shopDiscountFen', w('店铺优惠', 'Shop discount')],
  ['platformDiscountFen', w('平台优惠', 'Platform discount')],
  ['postageFen', w('邮费', 'Postage')],
  ['paidFen', w('买家实付', 'Buyer paid')],
  ['commissionFen', w('平台佣金', 'Commission')],
  ['refundFen', w('退款', 'Refunds')],
  ['netFen', w('应收净额', 'Net receivable')],
];

const col = (locale: Locale, words: Words, kind: TabularColumn['kind'] = 'text', width?: number): TabularColumn => ({
  header: pick(locale, words), kind, ...(width ? { width } : {}),
});

/** Title of a part: what it is, which month, which basis (the CSV prints it above the part). */
function title(locale: Locale, part: Words, month: string, basis: FinanceBasis): string {
  return `${pick(locale, part)} ${month}（${pick(locale, BASIS[basis])}）`;
}

export interface ExportCounts {
  shops: number;
  orders: number;
  lines: number;
  total: ShopTotals;
}

/**
 * Writes the three parts of a month's reconciliation: the per-shop summary with a total row,
 * every order behind it, every line of those orders. The summary is computed from the same
 * per-order figures the order part prints, so the parts always add up.
 */
export async function writeReconciliation(
  out: TabularWriter,
  rec: Reconciliation,
  period: Period,
  month: string,
  locale: Locale,
  /** CSV prints a title line per part; XLSX names the sheet. */
  titled: boolean,
): Promise<ExportCounts> {
  const name = (part: Words) => (titled ? title(locale, part, month, period.basis) : pick(locale, part));
  const kindLabel = (k: string) => (CHANNEL_KIND_LABELS[k as ChannelKind] ? pick(locale, CHANNEL_KIND_LABELS[k as ChannelKind]) : k);

  const shops = rec.summary(period);
  const total = grandTotal(shops, pick(locale, w('合计', 'Total')));
  out.sheet(name(SHEETS.summary), [
    col(locale, w('店铺', 'Shop'), 'text', 22),
    col(locale, w('平台', 'Platform'), 'text', 12),
    col(locale, w('订单数', 'Orders'), 'number'),
    ...MONEY.map(([, words]) => col(locale, words, 'money', 14)),
    col(locale, w('佣金费率', 'Commission rate'), 'text', 12),
  ]);
  const summaryRow = (s: ShopTotals, rate: string): Cell[] => [s.shopName, kindLabel(s.channelKind), s.orderCount, ...MONEY.map(([k]) => s[k] as number), rate];
  for (const s of shops) await out.row(summaryRow(s, s.commissionBps === null ? '' : `${(s.commissionBps / 100).toFixed(2)}%`));
  await out.row(summaryRow(total, ''));

  out.sheet(name(SHEETS.orders), [
    col(locale, w('店铺', 'Shop'), 'text', 22),
    col(locale, w('平台', 'Platform'), 'text', 12),
    col(locale, w('订单编号', 'Order no.'), 'id', 24),
    col(locale, w('订单状态', 'Status'), 'text', 10),
    col(locale, w('平台状态', 'Platform status'), 'text', 18),
    col(locale, w('售后状态', 'After-sales'), 'text', 14),
    col(locale, w('下单时间', 'Created'), 'datetime'),
    col(locale, w('付款时间', 'Paid'), 'datetime'),
    col(locale, w('完成时间', 'Completed'), 'datetime'),
    col(locale, w('买家', 'Buyer'), 'text', 14),
    col(locale, w('收货人', 'Receiver'), 'text', 12),
    col(locale, w('买家留言', 'Buyer remark'), 'text', 24),
    col(locale, w('商家备注', 'Seller note'), 'text', 24),
    ...MONEY.map(([, words]) => col(locale, words, 'money', 12)),
    col(locale, w('佣金来源', 'Commission from'), 'text', 10),
  ]);
  let orders = 0;
  for (const o of rec.orders(period, locale)) {
    orders++;
    await out.row(orderRow(o, locale, kindLabel));
  }

  out.sheet(name(SHEETS.lines), [
    col(locale, w('店铺', 'Shop'), 'text', 22),
    col(locale, w('订单编号', 'Order no.'), 'id', 24),
    col(locale, w('行号', 'Line'), 'number', 6),
    col(locale, w('商家编码', 'SKU code'), 'id', 16),
    col(locale, w('商品名称', 'Title'), 'text', 30),
    col(locale, w('规格', 'Spec'), 'text', 16),
    col(locale, w('数量', 'Qty'), 'number', 8),
    col(locale, w('单价', 'Unit price'), 'money'),
    col(locale, w('优惠', 'Discount'), 'money'),
    col(locale, w('实付', 'Paid'), 'money'),
    col(locale, w('售后状态', 'After-sales'), 'text', 14),
    col(locale, w('退款', 'Refund'), 'money'),
    col(locale, w('赠品', 'Gift'), 'text', 6),
  ]);
  let lines = 0;
  for (const l of rec.lines(period, locale)) {
    lines++;
    await out.row(lineRow(l, locale));
  }
  return { shops: shops.length, orders, lines, total };
}

function orderRow(o: OrderDetail, locale: Locale, kindLabel: (k: string) => string): Cell[] {
  const status = ORDER_STATUS_LABELS[o.status as OrderStatus];
  return [
    o.shopName, kindLabel(o.channelKind), o.platformOrderId, status ? pick(locale, status) : o.status, o.platformStatus, o.refundStatus,
    o.createdAt, o.paidAt, o.completedAt, o.buyerNick, o.receiverName, o.buyerRemark, o.sellerNote,
    ...MONEY.map(([k]) => o[k] as number), pick(locale, COMMISSION[o.commissionSource]),
  ];
}

function lineRow(l: LineDetail, locale: Locale): Cell[] {
  return [
    l.shopName, l.platformOrderId, l.lineNo, l.skuCode, l.title, l.spec, l.qty, l.unitPriceFen, l.discountFen, l.paidFen,
    l.refundStatus, l.refundFen, l.gift ? pick(locale, w('是', 'yes')) : '',
  ];
}

export const FILE_STEM: Words = w('财务对账', 'finance-reconciliation');
export function fileName(locale: Locale, month: string, basis: FinanceBasis, format: 'csv' | 'xlsx'): string {
  return `${pick(locale, FILE_STEM)}_${month}_${basis === 'paid' ? pick(locale, w('付款', 'paid')) : pick(locale, w('完成', 'completed'))}.${format}`;
}
