import { formatInZone } from '../../src-shared/time';
import { item, maskedMobile, maskedName, place, remark } from './fake-cn';
import type { Rand } from './random';
import type { SimOrderBase } from './store';

/** A Pinduoduo order as the simulator holds it: exact order_sn, fen, UTC ms. */
export interface PddSimItem {
  goodsId: string;
  skuId: string;
  outerId: string;
  outerGoodsId: string;
  goodsName: string;
  goodsSpec: string;
  goodsCount: number;
  goodsPriceFen: number;
}

export interface PddSimOrder extends SimOrderBase {
  /** order_sn, "YYMMDD-" + 15 digits */
  id: string;
  orderStatus: 1 | 2 | 3;
  refundStatus: 1 | 2 | 3 | 4;
  confirmStatus: 0 | 1 | 2;
  groupStatus: 0 | 1 | 2;
  createdAt: number;
  payTime: number | null;
  shippingTime: number | null;
  receiveTime: number | null;
  lastShipTime: number;
  goodsFen: number;
  discountFen: number;
  platformDiscountFen: number;
  sellerDiscountFen: number;
  postageFen: number;
  payFen: number;
  receiverNameMask: string;
  receiverPhoneMask: string;
  province: string;
  city: string;
  town: string;
  addressMask: string;
  trackingNumber: string;
  buyerMemo: string;
  remark: string;
  items: PddSimItem[];
}

export function makePddOrder(r: Rand, modifiedAt: number, taken: (id: string) => boolean): PddSimOrder {
  const createdAt = modifiedAt - r.int(0, 48 * 3600) * 1000;
  let id: string;
  do id = `${formatInZone(createdAt).slice(2, 10).replace(/-/g, '')}-${r.int(1, 9)}${r.digits(14)}`;
  while (taken(id));
  const orderStatus = r.pick([1, 1, 1, 2, 2, 3] as const);
  const refundStatus = r.pick([1, 1, 1, 1, 1, 1, 2, 4] as const);
  const items: PddSimItem[] = [];
  for (let i = 0, n = r.pick([1, 1, 1, 2]); i < n; i += 1) {
    const it = item(r);
    items.push({
      goodsId: r.digits(9).replace(/^0/, '1'), skuId: r.digits(10).replace(/^0/, '1'), outerId: it.skuCode,
      outerGoodsId: it.spuCode, goodsName: it.title, goodsSpec: it.spec.replace(/[^:;]+:/g, '').replace(/;/g, ','),
      goodsCount: r.pick([1, 1, 2]), goodsPriceFen: it.unitFen,
    });
  }
  const goodsFen = items.reduce((s, x) => s + x.goodsPriceFen * x.goodsCount, 0);
  const platformDiscountFen = r.chance(0.3) ? Math.min(goodsFen - 1, r.pick([100, 300, 500])) : 0;
  const sellerDiscountFen = r.chance(0.3) ? Math.min(goodsFen - platformDiscountFen - 1, r.pick([200, 300])) : 0;
  const discountFen = platformDiscountFen + sellerDiscountFen;
  const postageFen = r.chance(0.1) ? 500 : 0;
  const where = place(r);
  const payTime = createdAt + r.int(3, 300) * 1000;
  return {
    id, modifiedAt, orderStatus, refundStatus, confirmStatus: 1, groupStatus: 1, createdAt, payTime,
    shippingTime: orderStatus >= 2 ? Math.min(modifiedAt, payTime + r.int(3600, 30 * 3600) * 1000) : null,
    receiveTime: orderStatus === 3 ? modifiedAt : null,
    lastShipTime: payTime + 48 * 3600_000,
    goodsFen, discountFen, platformDiscountFen, sellerDiscountFen, postageFen, payFen: goodsFen - discountFen + postageFen,
    receiverNameMask: maskedName(r), receiverPhoneMask: maskedMobile(r), province: where.province, city: where.city,
    town: where.district, addressMask: where.detail, trackingNumber: orderStatus >= 2 ? `YT${r.digits(13)}` : '',
    buyerMemo: remark(r), remark: '', items,
  };
}

/** One step along the life cycle: 待发货 → 已发货 → 已签收. */
export function advancePddOrder(o: PddSimOrder, at: number): void {
  if (o.orderStatus === 1) {
    o.orderStatus = 2;
    o.shippingTime = at;
    o.trackingNumber = `YT${o.id.slice(-13)}`;
  } else if (o.orderStatus === 2) {
    o.orderStatus = 3;
    o.receiveTime = at;
  } else {
    o.remark = `${o.remark}已回访`;
  }
}

const gmt8 = (ms: number | null) => (ms === null ? '' : formatInZone(ms, 'Asia/Shanghai'));
/** PDD money is a JSON double in yuan (19.9, 25.0 printed as 25). */
const yuan = (fen: number) => fen / 100;

/** The order in PDD's wire shape (order_sn_list entry). */
export function renderPddOrder(o: PddSimOrder): Record<string, unknown> {
  const cipher = (s: string) => `~AgAAAA${Buffer.from(s + o.id).toString('base64').slice(0, 24)}~`;
  const awaiting = o.orderStatus === 1;
  return {
    order_sn: o.id, order_status: o.orderStatus, refund_status: o.refundStatus, confirm_status: o.confirmStatus,
    group_status: o.groupStatus, risk_control_status: 0, trade_type: 0, is_lucky_flag: 1,
    created_time: gmt8(o.createdAt), confirm_time: gmt8(o.payTime), pay_time: gmt8(o.payTime),
    shipping_time: gmt8(o.shippingTime), receive_time: gmt8(o.receiveTime), updated_at: gmt8(o.modifiedAt),
    last_ship_time: gmt8(o.lastShipTime),
    pay_amount: yuan(o.payFen), goods_amount: yuan(o.goodsFen), discount_amount: yuan(o.discountFen),
    postage: yuan(o.postageFen), platform_discount: yuan(o.platformDiscountFen), seller_discount: yuan(o.sellerDiscountFen),
    order_change_amount: 0, duo_duo_pay_reduction: 0,
    // ciphertext only while awaiting shipment, otherwise empty (newer POP behaviour)
    receiver_name: awaiting ? cipher(o.receiverNameMask) : '', receiver_phone: awaiting ? `$${cipher(o.receiverPhoneMask).slice(1, -1)}$` : '',
    receiver_address: awaiting ? cipher(o.addressMask) : '', address: awaiting ? cipher(o.addressMask) : '',
    receiver_name_mask: o.receiverNameMask, receiver_phone_mask: o.receiverPhoneMask,
    receiver_address_mask: o.addressMask, address_mask: `${o.province}${o.city}${o.town}${o.addressMask}`,
    province: o.province, city: o.city, town: o.town, country: '中国',
    tracking_number: o.trackingNumber, logistics_id: o.trackingNumber ? 85 : 0,
    pay_no: `${o.id.replace('-', '')}01`, pay_type: 'WEIXIN', remark: o.remark, remark_tag: 0, buyer_memo: o.buyerMemo,
    item_list: o.items.map((x) => ({
      goods_id: Number(x.goodsId), sku_id: Number(x.skuId), outer_id: x.outerId, outer_goods_id: x.outerGoodsId,
      goods_name: x.goodsName, goods_spec: x.goodsSpec, goods_count: x.goodsCount, goods_price: yuan(x.goodsPriceFen),
      goods_img: `https://img.pddpic.com/goods/${x.goodsId}.jpeg`,
    })),
  };
}
