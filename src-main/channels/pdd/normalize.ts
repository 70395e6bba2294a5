import type { NormalizedLine, NormalizedOrder } from '../../ingest/normalized-order';
import { clearPhone } from '../taobao/normalize';
import { statusDictionary } from '../status-dictionary';
import type { FieldReader } from '../wire/fields';

const GMT8 = 480;

/**
 * One entry of order_sn_list → NormalizedOrder. PDD sends money as JSON numbers in yuan (read
 * from their exact text), times as GMT+8 strings, and receiver fields either as ciphertext or
 * masked: the masked form is kept when given (readable, never decrypted), else the ciphertext.
 */
export function normalizePddOrder(o: FieldReader): NormalizedOrder {
  const dict = statusDictionary('pdd');
  const orderSn = o.id('order_sn');
  const platformStatus = String(o.int('order_status'));
  const refundStatus = o.has('refund_status') ? String(o.int('refund_status')) : null;
  let phase = dict.map(platformStatus, refundStatus);
  // 拼团中: paid, but the group is not complete, so it must not ship yet.
  const grouping = phase === 'paid' && o.has('group_status') && o.int('group_status') === 0;
  // confirm_status 2 = 交易取消 (the deal was cancelled)
  if (o.has('confirm_status') && o.int('confirm_status') === 2 && phase !== null) phase = 'cancelled';
  // group_status 2 = 团失败: the group never formed, PDD refunds the buyer; paid, then refunded — never shipped
  else if (o.has('group_status') && o.int('group_status') === 2 && phase !== null) phase = 'refunded';

  const goodsFen = o.yuan('goods_amount');
  const postageFen = o.optYuan('postage') ?? 0;
  const paidFen = o.yuan('pay_amount');
  const lines = allocate(o.list('item_list', { nonEmpty: true }).map(readLine), paidFen - postageFen);
  const refundFen = refundStatus === '4' ? paidFen : 0;

  return {
    platformOrderId: orderSn,
    platformStatus,
    refundStatus,
    phase,
    platformPaused: grouping && phase === 'paid',
    createdAt: o.wallClock('created_time', GMT8),
    paidAt: o.optWallClock('pay_time', GMT8) ?? o.optWallClock('confirm_time', GMT8),
    platformUpdatedAt: o.wallClock('updated_at', GMT8),
    promisedShipAt: o.optWallClock('last_ship_time', GMT8),
    shippedAt: o.optWallClock('shipping_time', GMT8),
    completedAt: o.optWallClock('receive_time', GMT8),
    goodsFen,
    discountFen: o.optYuan('discount_amount') ?? 0,
    platformDiscountFen: o.optYuan('platform_discount') ?? 0,
    postageFen,
    paidFen,
    refundFen,
    buyer: { platformBuyerId: null, nick: null, phone: clearPhone(o.optStr('receiver_phone')) },
    address: {
      receiverName: o.optStr('receiver_name_mask') ?? o.optStr('receiver_name'),
      receiverPhone: o.optStr('receiver_phone_mask') ?? o.optStr('receiver_phone'),
      province: o.optStr('province'),
      city: o.optStr('city'),
      district: o.optStr('town'),
      detail: o.optStr('receiver_address_mask') ?? o.optStr('address_mask') ?? o.optStr('receiver_address') ?? o.optStr('address'),
    },
    buyerRemark: o.optStr('buyer_memo'),
    sellerNote: o.optStr('remark'),
    carrier: null,
    trackingNo: o.optStr('tracking_number'),
    lines: lines.map((l) => ({ ...l, refundStatus, refundFen: refundStatus === '4' ? l.paidFen : 0 })),
  };
}

function readLine(it: FieldReader): NormalizedLine {
  const qty = it.int('goods_count');
  if (qty <= 0) it.fail('goods_count', 'quantity must be at least 1');
  const unitPriceFen = it.yuan('goods_price');
  return {
    platformLineId: null, // PDD item_list has no line id; lines are matched by position
    skuCode: it.optStr('outer_id') ?? it.optStr('outer_goods_id') ?? it.optStr('sku_id'),
    title: it.str('goods_name'),
    spec: it.optStr('goods_spec'),
    qty,
    unitPriceFen,
    paidFen: unitPriceFen * qty,
  };
}

/**
 * PDD gives no per-line paid amount: the goods part of what the buyer paid is spread over the
 * lines by list value (last line takes the remainder), so the lines always add up.
 */
function allocate(lines: NormalizedLine[], goodsPaidFen: number): NormalizedLine[] {
  const listTotal = lines.reduce((s, l) => s + l.unitPriceFen * l.qty, 0);
  let left = goodsPaidFen;
  return lines.map((l, i) => {
    const list = l.unitPriceFen * l.qty;
    const paid = i === lines.length - 1 ? left : listTotal > 0 ? Math.floor((goodsPaidFen * list) / listTotal) : 0;
    left -= paid;
    return { ...l, paidFen: paid, discountFen: Math.max(0, list - paid) };
  });
}
