import { LosslessNumber } from 'lossless-json';
import { fenToYuan } from '../../src-shared/money';
import { formatInZone } from '../../src-shared/time';
import { item, maskedMobile, maskedName, place, remark } from './fake-cn';
import type { Rand } from './random';
import type { SimOrderBase } from './store';

/** A Youzan trade as the simulator holds it: exact string ids, fen, UTC ms. */
export interface YouzanSimLine {
  oid: string;
  itemId: string;
  skuId: string;
  outerSkuId: string;
  title: string;
  skuProperties: string;
  num: number;
  priceFen: number;
  paymentFen: number;
  isPresent: boolean;
}

export interface YouzanSimOrder extends SimOrderBase {
  /** tid: "E" + yyyyMMddHHmmss + 9 digits */
  id: string;
  status: string;
  /** 0 none, 1 partial refunding, 2 partial refunded, 11 full refunding, 12 fully refunded */
  refundState: number;
  createdAt: number;
  payTime: number | null;
  consignTime: number | null;
  successTime: number | null;
  totalFeeFen: number;
  postFeeFen: number;
  paymentFen: number;
  buyerId: string;
  yzOpenId: string;
  fansNickname: string;
  receiver: { name: string; tel: string; province: string; city: string; district: string; address: string };
  buyerMessage: string;
  tradeMemo: string;
  lines: YouzanSimLine[];
}

const STATUS_MIX = [
  'WAIT_SELLER_SEND_GOODS', 'WAIT_SELLER_SEND_GOODS', 'WAIT_SELLER_SEND_GOODS', 'WAIT_BUYER_CONFIRM_GOODS',
  'WAIT_BUYER_CONFIRM_GOODS', 'TRADE_SUCCESS', 'WAIT_BUYER_PAY', 'TRADE_CLOSED', 'WAIT_CONFIRM',
] as const;

const compact = (ms: number) => formatInZone(ms, 'Asia/Shanghai').replace(/\D/g, '');

export function makeYouzanOrder(r: Rand, modifiedAt: number, taken: (id: string) => boolean): YouzanSimOrder {
  const createdAt = modifiedAt - r.int(0, 48 * 3600) * 1000;
  let id: string;
  do id = `E${compact(createdAt)}${r.digits(9)}`; while (taken(id));
  const status = r.pick(STATUS_MIX);
  const paid = status !== 'WAIT_BUYER_PAY' && !(status === 'TRADE_CLOSED' && r.chance(0.5));
  const shipped = ['WAIT_BUYER_CONFIRM_GOODS', 'TRADE_SUCCESS'].includes(status);
  const lines: YouzanSimLine[] = [];
  for (let i = 0, n = r.pick([1, 1, 2]); i < n; i += 1) {
    const it = item(r);
    const num = r.pick([1, 1, 2]);
    lines.push({
      oid: `${r.int(1, 9)}${r.digits(17)}`, itemId: `${r.int(1, 9)}${r.digits(9)}`, skuId: `${r.int(1, 9)}${r.digits(7)}`,
      outerSkuId: it.skuCode, title: it.title, skuProperties: it.spec, num, priceFen: it.unitFen,
      paymentFen: it.unitFen * num, isPresent: false,
    });
  }
  const totalFeeFen = lines.reduce((s, l) => s + l.priceFen * l.num, 0);
  const discount = r.chance(0.3) ? Math.min(totalFeeFen - 1, r.pick([200, 500, 1000])) : 0;
  lines[lines.length - 1]!.paymentFen -= Math.min(discount, lines[lines.length - 1]!.paymentFen);
  const linesPaid = lines.reduce((s, l) => s + l.paymentFen, 0);
  const postFeeFen = r.chance(0.3) ? r.pick([500, 800]) : 0;
  const where = place(r);
  return {
    id, modifiedAt, status,
    refundState: status === 'TRADE_CLOSED' && paid ? 12 : r.chance(0.05) ? 1 : 0,
    createdAt,
    payTime: paid ? createdAt + r.int(5, 600) * 1000 : null,
    consignTime: shipped ? Math.min(modifiedAt, createdAt + r.int(3600, 30 * 3600) * 1000) : null,
    successTime: status === 'TRADE_SUCCESS' ? modifiedAt : null,
    totalFeeFen, postFeeFen, paymentFen: linesPaid + postFeeFen,
    buyerId: `${r.int(1, 9)}${r.digits(9)}`, yzOpenId: `yz${r.digits(6)}Xo${r.digits(10)}`, fansNickname: `微信用户${r.digits(4)}`,
    receiver: { name: maskedName(r), tel: maskedMobile(r), province: where.province, city: where.city, district: where.district, address: where.detail },
    buyerMessage: remark(r), tradeMemo: '',
    lines,
  };
}

/** One step: 待付款 → 待发货 → 已发货 → 交易完成. */
export function advanceYouzanOrder(o: YouzanSimOrder, at: number): void {
  const next: Record<string, string> = {
    WAIT_BUYER_PAY: 'WAIT_SELLER_SEND_GOODS', WAIT_CONFIRM: 'WAIT_SELLER_SEND_GOODS',
    WAIT_SELLER_SEND_GOODS: 'WAIT_BUYER_CONFIRM_GOODS', WAIT_BUYER_CONFIRM_GOODS: 'TRADE_SUCCESS',
  };
  const to = next[o.status];
  if (!to) {
    o.tradeMemo = `${o.tradeMemo}已回访`;
    return;
  }
  if (o.status === 'WAIT_BUYER_PAY') o.payTime = at;
  if (to === 'WAIT_BUYER_CONFIRM_GOODS') o.consignTime = at;
  if (to === 'TRADE_SUCCESS') o.successTime = at;
  o.status = to;
}

const gmt8 = (ms: number | null) => (ms === null ? '' : formatInZone(ms, 'Asia/Shanghai'));
/** pay_info amounts go out as JSON numbers (19.9), line amounts as strings ("19.90"): Youzan sends both. */
const yuanNumber = (fen: number) => new LosslessNumber(fenToYuan(fen).replace(/\.?0+$/, '') || '0');

export function renderYouzanOrder(o: YouzanSimOrder): Record<string, unknown> {
  return {
    full_order_info: {
      order_info: {
        tid: o.id, status: o.status, status_str: STATUS_STR[o.status] ?? o.status, type: 0,
        created: gmt8(o.createdAt), update_time: gmt8(o.modifiedAt), pay_time: gmt8(o.payTime),
        consign_time: gmt8(o.consignTime), success_time: gmt8(o.successTime), expired_time: '',
        refund_state: o.refundState, pay_type_str: 'WEIXIN_DAIXIAO', express_type: 0, close_type: o.status === 'TRADE_CLOSED' ? 2 : 0,
        order_tags: { is_payed: o.payTime !== null, is_refund: o.refundState !== 0 },
      },
      pay_info: { total_fee: yuanNumber(o.totalFeeFen), post_fee: yuanNumber(o.postFeeFen), payment: yuanNumber(o.paymentFen), transaction: [] },
      buyer_info: { buyer_id: new LosslessNumber(o.buyerId), yz_open_id: o.yzOpenId, buyer_phone: o.receiver.tel, fans_type: 1, fans_nickname: o.fansNickname },
      remark_info: { buyer_message: o.buyerMessage, star: 0, trade_memo: o.tradeMemo },
      address_info: {
        receiver_name: o.receiver.name, receiver_tel: o.receiver.tel, delivery_province: o.receiver.province,
        delivery_city: o.receiver.city, delivery_district: o.receiver.district, delivery_address: o.receiver.address,
        delivery_postal_code: '', address_extra: '{}',
      },
      orders: o.lines.map((l) => ({
        oid: l.oid, item_type: 0, title: l.title, num: l.num, outer_sku_id: l.outerSkuId, outer_item_id: '',
        price: fenToYuan(l.priceFen), total_fee: fenToYuan(l.priceFen * l.num), payment: fenToYuan(l.paymentFen),
        discount_price: fenToYuan(l.num ? Math.round(l.paymentFen / l.num) : 0), item_id: new LosslessNumber(l.itemId),
        sku_id: new LosslessNumber(l.skuId), sku_properties_name: l.skuProperties, is_present: l.isPresent, pic_path: '',
      })),
    },
  };
}

const STATUS_STR: Record<string, string> = {
  WAIT_BUYER_PAY: '待付款', WAIT_CONFIRM: '待确认', WAIT_SELLER_SEND_GOODS: '待发货',
  WAIT_BUYER_CONFIRM_GOODS: '已发货', TRADE_SUCCESS: '已完成', TRADE_CLOSED: '已关闭', TRADE_PAID: '已支付',
};
