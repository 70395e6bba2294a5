import { fenToYuan } from '../../src-shared/money';
import { formatInZone } from '../../src-shared/time';
import { item, maskedMobile, maskedName, place, remark } from './fake-cn';
import type { Rand } from './random';
import type { SimOrderBase } from './store';

/** A JD POP order as the simulator holds it: exact string ids, fen, UTC ms. */
export interface JdSimLine {
  skuId: string;
  outerSkuId: string;
  skuName: string;
  jdPriceFen: number;
  qty: number;
}

export interface JdSimOrder extends SimOrderBase {
  /** orderId: 12 digits */
  id: string;
  state: string;
  createdAt: number;
  paidAt: number | null;
  endAt: number | null;
  goodsFen: number;
  sellerDiscountFen: number;
  freightFen: number;
  paymentFen: number;
  pin: string;
  openIdBuyer: string;
  consignee: { fullname: string; mobile: string; province: string; city: string; county: string; fullAddress: string };
  orderRemark: string;
  venderRemark: string;
  waybill: string;
  lines: JdSimLine[];
}

const STATE_MIX = [
  'WAIT_SELLER_STOCK_OUT', 'WAIT_SELLER_STOCK_OUT', 'WAIT_SELLER_STOCK_OUT', 'WAIT_GOODS_RECEIVE_CONFIRM',
  'WAIT_GOODS_RECEIVE_CONFIRM', 'FINISHED_L', 'TRADE_CANCELED', 'LOCKED',
] as const;

export function makeJdOrder(r: Rand, modifiedAt: number, taken: (id: string) => boolean): JdSimOrder {
  let id: string;
  do id = `3${r.int(0, 2)}${r.digits(10)}`; while (taken(id));
  const state = r.pick(STATE_MIX);
  const createdAt = modifiedAt - r.int(0, 48 * 3600) * 1000;
  const lines: JdSimLine[] = [];
  for (let i = 0, n = r.pick([1, 1, 2, 3]); i < n; i += 1) {
    const it = item(r);
    lines.push({ skuId: `100${r.digits(9)}`, outerSkuId: it.skuCode, skuName: `${it.title} ${it.spec}`, jdPriceFen: it.unitFen, qty: r.pick([1, 1, 2]) });
  }
  // Now and then a gift (赠品) line priced 0.00.
  if (r.chance(0.1)) lines.push({ skuId: `100${r.digits(9)}`, outerSkuId: 'GIFT-BAG', skuName: '赠品：环保购物袋', jdPriceFen: 0, qty: 1 });
  const goodsFen = lines.reduce((s, l) => s + l.jdPriceFen * l.qty, 0);
  const sellerDiscountFen = r.chance(0.3) ? Math.min(goodsFen - 1, r.pick([300, 500, 1000])) : 0;
  const freightFen = r.chance(0.2) ? r.pick([600, 800]) : 0;
  const where = place(r);
  return {
    id, modifiedAt, state, createdAt,
    paidAt: createdAt + r.int(3, 300) * 1000,
    endAt: state === 'FINISHED_L' ? modifiedAt : null,
    goodsFen, sellerDiscountFen, freightFen, paymentFen: goodsFen - sellerDiscountFen + freightFen,
    pin: `jd_${r.digits(3)}****`, openIdBuyer: `o${r.digits(6)}AbC${r.digits(8)}`,
    consignee: {
      fullname: maskedName(r), mobile: maskedMobile(r), province: where.province, city: where.city, county: where.district,
      fullAddress: `${where.province}${where.city}${where.district}${where.detail}`,
    },
    orderRemark: remark(r), venderRemark: '',
    waybill: state === 'WAIT_GOODS_RECEIVE_CONFIRM' || state === 'FINISHED_L' ? `JDVA${r.digits(11)}` : '',
    lines,
  };
}

/** One step along the life cycle: 等待出库 → 等待确认收货 → 完成. */
export function advanceJdOrder(o: JdSimOrder, at: number): void {
  if (o.state === 'WAIT_SELLER_STOCK_OUT' || o.state === 'WAIT_SELLER_DELIVERY') {
    o.state = 'WAIT_GOODS_RECEIVE_CONFIRM';
    o.waybill = `JDVA${o.id.slice(-11)}`;
  } else if (o.state === 'WAIT_GOODS_RECEIVE_CONFIRM') {
    o.state = 'FINISHED_L';
    o.endAt = at;
  } else {
    o.venderRemark = `${o.venderRemark}已回访`;
  }
}

const gmt8 = (ms: number | null) => (ms === null ? '' : formatInZone(ms, 'Asia/Shanghai'));

/** The order in jingdong.pop.order.search's `orderInfoList[]` shape (camelCase, yuan strings, GMT+8). */
export function renderJdOrder(o: JdSimOrder, fields: Set<string> | null): Record<string, unknown> {
  const full: Record<string, unknown> = {
    orderId: o.id, venderId: '10086', orderType: '22', payType: '4-在线支付',
    orderTotalPrice: fenToYuan(o.goodsFen), orderSellerPrice: fenToYuan(o.goodsFen - o.sellerDiscountFen),
    orderPayment: fenToYuan(o.paymentFen), freightPrice: fenToYuan(o.freightFen),
    sellerDiscount: fenToYuan(o.sellerDiscountFen), balanceUsed: '0.00',
    orderState: o.state, orderStateRemark: STATE_REMARK[o.state] ?? o.state,
    orderRemark: o.orderRemark, venderRemark: o.venderRemark,
    orderStartTime: gmt8(o.createdAt), orderEndTime: gmt8(o.endAt), modified: gmt8(o.modifiedAt),
    paymentConfirmTime: gmt8(o.paidAt),
    consigneeInfo: { ...o.consignee, telephone: o.consignee.mobile, town: '' },
    itemInfoList: o.lines.map((l) => ({
      skuId: l.skuId, outerSkuId: l.outerSkuId, skuName: l.skuName, jdPrice: fenToYuan(l.jdPriceFen),
      itemTotal: String(l.qty), wareId: l.skuId.slice(0, 9), productNo: '', giftPoint: '0',
    })),
    couponDetailList: [], waybill: o.waybill, logisticsId: o.waybill ? '2087' : '', pin: o.pin,
    open_id_buyer: o.openIdBuyer, orderSource: '移动端订单',
  };
  if (!fields) return full;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(full)) if (fields.has(k)) out[k] = v;
  return out;
}

const STATE_REMARK: Record<string, string> = {
  WAIT_SELLER_STOCK_OUT: '等待出库', WAIT_GOODS_RECEIVE_CONFIRM: '等待确认收货', WAIT_SELLER_DELIVERY: '等待发货',
  FINISHED_L: '完成', TRADE_CANCELED: '取消', LOCKED: '已锁定', PAUSE: '暂停', POP_ORDER_PAUSE: 'POP暂停',
};
