import { LosslessNumber } from 'lossless-json';
import { fenToYuan } from '../../src-shared/money';
import { formatInZone } from '../../src-shared/time';
import { item, maskedMobile, maskedName, place, remark } from './fake-cn';
import type { Rand } from './random';
import type { SimOrderBase } from './store';

/** A Taobao trade as the simulator holds it: exact string ids, fen, UTC ms. */
export interface TaobaoSimLine {
  oid: string;
  numIid: string;
  skuId: string;
  outerIid: string;
  outerSkuId: string;
  title: string;
  skuProperties: string;
  num: number;
  priceFen: number;
  /** the line's share of what the buyer paid (divide_order_fee / payment) */
  paymentFen: number;
  status: string;
  refundStatus: string;
  logisticsCompany: string | null;
  invoiceNo: string | null;
}

export interface TaobaoSimTrade extends SimOrderBase {
  /** tid: 19 digits, beyond 2^53 */
  id: string;
  status: string;
  type: string;
  createdAt: number;
  payTime: number | null;
  consignTime: number | null;
  endTime: number | null;
  totalFeeFen: number;
  postFeeFen: number;
  discountFeeFen: number;
  paymentFen: number;
  buyerNick: string;
  buyerOpenUid: string;
  buyerMessage: string;
  sellerMemo: string;
  receiver: { name: string; mobile: string; state: string; city: string; district: string; address: string };
  lines: TaobaoSimLine[];
}

const STATUS_MIX = [
  'WAIT_SELLER_SEND_GOODS', 'WAIT_SELLER_SEND_GOODS', 'WAIT_SELLER_SEND_GOODS', 'WAIT_BUYER_CONFIRM_GOODS',
  'WAIT_BUYER_CONFIRM_GOODS', 'TRADE_FINISHED', 'WAIT_BUYER_PAY', 'TRADE_CLOSED', 'TRADE_CLOSED_BY_TAOBAO',
  'SELLER_CONSIGNED_PART',
] as const;

function newId(r: Rand, taken: (id: string) => boolean): string {
  for (;;) {
    const id = `2${r.int(4, 9)}${r.digits(17)}`;
    if (!taken(id)) return id;
  }
}

export function makeTaobaoTrade(r: Rand, modifiedAt: number, taken: (id: string) => boolean): TaobaoSimTrade {
  const id = newId(r, taken);
  const status = r.pick(STATUS_MIX);
  const createdAt = modifiedAt - r.int(0, 48 * 3600) * 1000;
  const paid = !['WAIT_BUYER_PAY', 'TRADE_CLOSED_BY_TAOBAO'].includes(status);
  const shipped = ['WAIT_BUYER_CONFIRM_GOODS', 'TRADE_FINISHED', 'SELLER_CONSIGNED_PART'].includes(status);
  const nLines = r.pick([1, 1, 1, 2, 3]);
  const lines: TaobaoSimLine[] = [];
  for (let i = 0; i < nLines; i += 1) {
    const it = item(r);
    const num = r.pick([1, 1, 2, 3]);
    lines.push({
      oid: i === 0 ? id : `${id.slice(0, 15)}${String(1000 + i).slice(-4)}`,
      numIid: `6${r.digits(11)}`, skuId: r.digits(13), outerIid: it.spuCode, outerSkuId: it.skuCode,
      title: it.title, skuProperties: it.spec, num, priceFen: it.unitFen, paymentFen: it.unitFen * num,
      status, refundStatus: status === 'TRADE_CLOSED' ? 'SUCCESS' : r.chance(0.05) ? 'WAIT_SELLER_AGREE' : 'NO_REFUND',
      logisticsCompany: shipped ? r.pick(['中通快递', '圆通速递', '顺丰速运', '韵达快递']) : null,
      invoiceNo: shipped ? `7${r.digits(13)}` : null,
    });
  }
  const totalFeeFen = lines.reduce((s, l) => s + l.paymentFen, 0);
  const discountFeeFen = r.chance(0.3) ? Math.min(totalFeeFen - 1, r.pick([500, 1000, 2000])) : 0;
  // spread the discount over the lines so the lines add up to the payment
  let left = discountFeeFen;
  lines.forEach((l, i) => {
    const share = i === lines.length - 1 ? left : Math.floor((discountFeeFen * l.paymentFen) / totalFeeFen);
    l.paymentFen -= share;
    left -= share;
  });
  const postFeeFen = r.chance(0.25) ? r.pick([600, 800, 1000]) : 0;
  const where = place(r);
  return {
    id, modifiedAt, status, type: 'fixed', createdAt,
    payTime: paid ? createdAt + r.int(5, 600) * 1000 : null,
    consignTime: shipped ? Math.min(modifiedAt, createdAt + r.int(3600, 36 * 3600) * 1000) : null,
    endTime: ['TRADE_FINISHED', 'TRADE_CLOSED', 'TRADE_CLOSED_BY_TAOBAO'].includes(status) ? modifiedAt : null,
    totalFeeFen, postFeeFen, discountFeeFen, paymentFen: totalFeeFen - discountFeeFen + postFeeFen,
    buyerNick: `t**${r.digits(1)}`, buyerOpenUid: `AAH${r.digits(6)}Yq${r.digits(8)}`,
    buyerMessage: remark(r), sellerMemo: r.chance(0.1) ? '已联系买家' : '',
    receiver: {
      name: maskedName(r), mobile: maskedMobile(r), state: where.province, city: where.city,
      district: where.district, address: where.detail,
    },
    lines,
  };
}

/** One step along the life cycle: paid → shipped → finished. */
export function advanceTaobaoTrade(t: TaobaoSimTrade, at: number): void {
  const next: Record<string, string> = {
    WAIT_BUYER_PAY: 'WAIT_SELLER_SEND_GOODS', WAIT_SELLER_SEND_GOODS: 'WAIT_BUYER_CONFIRM_GOODS',
    SELLER_CONSIGNED_PART: 'WAIT_BUYER_CONFIRM_GOODS', WAIT_BUYER_CONFIRM_GOODS: 'TRADE_FINISHED',
  };
  const to = next[t.status];
  if (!to) {
    t.sellerMemo = `${t.sellerMemo}已回访`;
    return;
  }
  if (t.status === 'WAIT_BUYER_PAY') t.payTime = at;
  if (to === 'WAIT_BUYER_CONFIRM_GOODS') {
    t.consignTime = at;
    for (const l of t.lines) {
      l.logisticsCompany = '中通快递';
      l.invoiceNo = `73${t.id.slice(-12)}`;
    }
  }
  if (to === 'TRADE_FINISHED') t.endTime = at;
  t.status = to;
  for (const l of t.lines) l.status = to;
}

const gmt8 = (ms: number | null) => (ms === null ? undefined : formatInZone(ms, 'Asia/Shanghai'));
const big = (digits: string) => new LosslessNumber(digits);

/** The trade in TOP's wire shape, keeping only the requested `fields` (as TOP does). */
export function renderTaobaoTrade(t: TaobaoSimTrade, fields: Set<string>): Record<string, unknown> {
  const trade: Record<string, unknown> = {
    tid: big(t.id), status: t.status, type: t.type, created: gmt8(t.createdAt), modified: gmt8(t.modifiedAt),
    pay_time: gmt8(t.payTime), consign_time: gmt8(t.consignTime), end_time: gmt8(t.endTime),
    payment: fenToYuan(t.paymentFen), total_fee: fenToYuan(t.totalFeeFen), post_fee: fenToYuan(t.postFeeFen),
    discount_fee: fenToYuan(t.discountFeeFen), adjust_fee: '0.00', received_payment: '0.00',
    buyer_nick: t.buyerNick, buyer_open_uid: t.buyerOpenUid, buyer_message: t.buyerMessage || undefined,
    seller_memo: t.sellerMemo || undefined, shipping_type: 'express',
    receiver_name: t.receiver.name, receiver_mobile: t.receiver.mobile, receiver_state: t.receiver.state,
    receiver_city: t.receiver.city, receiver_district: t.receiver.district, receiver_address: t.receiver.address,
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(trade)) if (v !== undefined && fields.has(k)) out[k] = v;
  const orderFields = new Set([...fields].filter((f) => f.startsWith('orders.')).map((f) => f.slice(7)));
  if (fields.has('orders') || orderFields.size > 0) {
    out.orders = {
      order: t.lines.map((l) => {
        const o: Record<string, unknown> = {
          oid: big(l.oid), num_iid: big(l.numIid), sku_id: l.skuId, outer_iid: l.outerIid, outer_sku_id: l.outerSkuId,
          title: l.title, sku_properties_name: l.skuProperties, num: big(String(l.num)), price: fenToYuan(l.priceFen),
          total_fee: fenToYuan(l.priceFen * l.num), payment: fenToYuan(l.paymentFen),
          divide_order_fee: fenToYuan(l.paymentFen), discount_fee: fenToYuan(l.priceFen * l.num - l.paymentFen),
          status: l.status, refund_status: l.refundStatus,
          logistics_company: l.logisticsCompany ?? undefined, invoice_no: l.invoiceNo ?? undefined,
        };
        const kept: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(o)) if (v !== undefined && (fields.has('orders') || orderFields.has(k))) kept[k] = v;
        return kept;
      }),
    };
  }
  return out;
}
