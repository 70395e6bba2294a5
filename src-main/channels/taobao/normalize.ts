import type { NormalizedLine, NormalizedOrder } from '../../ingest/normalized-order';
import { statusDictionary } from '../status-dictionary';
import { FieldReader } from '../wire/fields';
import type { JsonObject } from '../wire/json';

/** The Trade fields the connector asks taobao.trades.sold.increment.get for. */
export const TAOBAO_TRADE_FIELDS = [
  'tid', 'status', 'type', 'created', 'modified', 'pay_time', 'consign_time', 'end_time',
  'payment', 'total_fee', 'post_fee', 'discount_fee', 'adjust_fee', 'commission_fee', 'received_payment',
  'buyer_nick', 'buyer_open_uid', 'buyer_message', 'seller_memo', 'seller_flag', 'shipping_type',
  'receiver_name', 'receiver_state', 'receiver_city', 'receiver_district', 'receiver_town',
  'receiver_address', 'receiver_zip', 'receiver_mobile', 'receiver_phone', 'oaid',
  'orders.oid', 'orders.num_iid', 'orders.sku_id', 'orders.outer_iid', 'orders.outer_sku_id',
  'orders.title', 'orders.sku_properties_name', 'orders.num', 'orders.price', 'orders.total_fee',
  'orders.payment', 'orders.discount_fee', 'orders.adjust_fee', 'orders.divide_order_fee',
  'orders.status', 'orders.refund_status', 'orders.refund_id', 'orders.consign_time',
  'orders.logistics_company', 'orders.invoice_no',
].join(',');

const GMT8 = 480;
/** When several lines are in after-sale, the trade shows the one needing attention first. */
const REFUND_PRIORITY = [
  'WAIT_SELLER_AGREE', 'WAIT_SELLER_CONFIRM_GOODS', 'WAIT_BUYER_RETURN_GOODS', 'SELLER_REFUSE_BUYER', 'SUCCESS', 'CLOSED',
];

/** A phone is "in the clear" only when it is a full mainland mobile number with no mask. */
export function clearPhone(v: string | null): string | null {
  return v && /^1\d{10}$/.test(v.trim()) ? v.trim() : null;
}

/** One Taobao Trade (lossless-parsed) → NormalizedOrder; throws FieldError naming the bad field. */
export function normalizeTaobaoTrade(trade: JsonObject): NormalizedOrder {
  const t = new FieldReader(trade);
  const dict = statusDictionary('taobao');
  const tid = t.id('tid');
  const platformStatus = t.str('status');
  const wrapper = t.child('orders');
  const lines = wrapper.list('order', { nonEmpty: true }).map(normalizeLine);

  const refunds = lines.map((l) => l.refundStatus).filter((s): s is string => !!s && s !== 'NO_REFUND');
  // an undocumented refund word is passed on as it is (kept and flagged downstream, never a reject)
  const refundStatus = REFUND_PRIORITY.find((s) => refunds.includes(s)) ?? refunds[0] ?? null;
  const phase = dict.map(platformStatus, refundStatus);
  const mobile = t.optStr('receiver_mobile');

  return {
    platformOrderId: tid,
    platformStatus,
    refundStatus,
    phase,
    platformPaused: dict.paused(platformStatus),
    createdAt: t.wallClock('created', GMT8),
    paidAt: t.optWallClock('pay_time', GMT8),
    platformUpdatedAt: t.wallClock('modified', GMT8),
    shippedAt: t.optWallClock('consign_time', GMT8),
    completedAt: phase === 'completed' ? t.optWallClock('end_time', GMT8) : null,
    goodsFen: t.yuan('total_fee'),
    discountFen: t.optYuan('discount_fee') ?? 0,
    postageFen: t.optYuan('post_fee') ?? 0,
    paidFen: t.yuan('payment'),
    commissionFen: t.optYuan('commission_fee') ?? null,
    refundFen: lines.reduce((sum, l) => sum + (l.refundFen ?? 0), 0),
    buyer: {
      platformBuyerId: t.optStr('buyer_open_uid'),
      nick: t.optStr('buyer_nick'),
      phone: clearPhone(mobile),
    },
    address: {
      receiverName: t.optStr('receiver_name'),
      receiverPhone: mobile ?? t.optStr('receiver_phone'),
      province: t.optStr('receiver_state'),
      city: t.optStr('receiver_city'),
      district: t.optStr('receiver_district'),
      detail: [t.optStr('receiver_town'), t.optStr('receiver_address')].filter(Boolean).join('') || null,
    },
    buyerRemark: t.optStr('buyer_message'),
    sellerNote: t.optStr('seller_memo'),
    carrier: lines.map((l) => l.carrier).find(Boolean) ?? null,
    trackingNo: lines.map((l) => l.trackingNo).find(Boolean) ?? null,
    lines: lines.map(({ carrier: _c, trackingNo: _t, ...line }) => line),
  };
}

type LineWithLogistics = NormalizedLine & { carrier: string | null; trackingNo: string | null };

function normalizeLine(o: FieldReader): LineWithLogistics {
  const qty = o.int('num');
  if (qty <= 0) o.fail('num', 'quantity must be at least 1');
  const unitPriceFen = o.yuan('price');
  // divide_order_fee is the line's share after trade-level discounts; payment is the fallback.
  const paidFen = o.has('divide_order_fee') ? o.yuan('divide_order_fee') : o.yuan('payment');
  const refundStatus = o.optStr('refund_status');
  return {
    platformLineId: o.optId('oid'),
    skuCode: o.optStr('outer_sku_id') ?? o.optStr('outer_iid') ?? o.optStr('sku_id'),
    title: o.str('title'),
    spec: o.optStr('sku_properties_name'),
    qty,
    unitPriceFen,
    discountFen: Math.max(0, unitPriceFen * qty - paidFen),
    paidFen,
    refundStatus,
    refundFen: refundStatus === 'SUCCESS' ? paidFen : 0,
    carrier: o.optStr('logistics_company'),
    trackingNo: o.optStr('invoice_no'),
  };
}
