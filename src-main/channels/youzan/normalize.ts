import type { NormalizedLine, NormalizedOrder } from '../../ingest/normalized-order';
import { uniqueLineIds } from '../fetched-order';
import { statusDictionary } from '../status-dictionary';
import type { FieldReader } from '../wire/fields';

/**
 * One `full_order_info_list[]` entry of youzan.trades.sold.get 4.0.x → NormalizedOrder.
 * Money: yuan, as strings or JSON numbers (both occur). Times: "yyyy-MM-dd HH:mm:ss" GMT+8.
 * tid is a string like "E20240601103015012345678"; oids are digit strings.
 */
export function normaliseYouzanOrder(entry: FieldReader): NormalizedOrder {
  const full = entry.child('full_order_info');
  const info = full.child('order_info');
  const pay = full.child('pay_info');
  const buyer = full.optChild('buyer_info');
  const addr = full.optChild('address_info');
  const remark = full.optChild('remark_info');

  const platformStatus = info.str('status');
  const refundStatus = info.optStr('refund_state');
  const goodsFen = pay.yuan('total_fee');
  const postageFen = pay.optYuan('post_fee') ?? 0;
  const paidFen = pay.yuan('payment');

  const lines: NormalizedLine[] = full.list('orders', { nonEmpty: true }).map((li) => {
    const qty = li.int('num');
    const unitPriceFen = li.yuan('price');
    const lineTotal = li.optYuan('total_fee') ?? unitPriceFen * qty;
    const linePaid = li.optYuan('payment') ?? lineTotal;
    return {
      platformLineId: li.id('oid'),
      skuCode: li.optStr('outer_sku_id') ?? li.optStr('outer_item_id'),
      title: li.str('title'),
      spec: li.optStr('sku_properties_name'),
      qty,
      unitPriceFen,
      discountFen: Math.max(0, lineTotal - linePaid),
      paidFen: linePaid,
      gift: li.optStr('is_present') === 'true' || li.optStr('is_present') === '1',
    };
  });

  const phone = buyer?.optStr('buyer_phone') ?? null;
  return {
    platformOrderId: info.str('tid').trim(),
    platformStatus,
    refundStatus,
    phase: closedUnpaid(info, platformStatus) ? 'cancelled' : statusDictionary('youzan').map(platformStatus, refundStatus),
    platformPaused: statusDictionary('youzan').paused(platformStatus),
    createdAt: info.wallClock('created'),
    paidAt: info.optWallClock('pay_time'),
    platformUpdatedAt: info.wallClock('update_time'),
    shippedAt: info.optWallClock('consign_time'),
    completedAt: info.optWallClock('success_time'),
    goodsFen,
    postageFen,
    // Youzan sends what the buyer paid, not the discount: the difference is the discount.
    discountFen: Math.max(0, goodsFen + postageFen - paidFen),
    paidFen,
    buyer: buyer
      ? {
          platformBuyerId: buyer.optStr('yz_open_id') ?? buyer.optStr('buyer_id'),
          nick: buyer.optStr('fans_nickname'),
          // Only a phone in the clear is usable for matching; a masked one stays out.
          phone: phone && /^1\d{10}$/.test(phone) ? phone : null,
        }
      : undefined,
    address: addr
      ? {
          receiverName: addr.optStr('receiver_name'),
          receiverPhone: addr.optStr('receiver_tel'),
          province: addr.optStr('delivery_province'),
          city: addr.optStr('delivery_city'),
          district: addr.optStr('delivery_district'),
          detail: addr.optStr('delivery_address'),
        }
      : undefined,
    buyerRemark: remark?.optStr('buyer_message') ?? null,
    sellerNote: remark?.optStr('trade_memo') ?? null,
    lines: uniqueLineIds(lines),
  };
}

/**
 * Youzan 4.x has one TRADE_CLOSED for both closings its older API told apart: closed after a
 * refund (TRADE_CLOSED) and closed before payment by buyer, seller or timeout
 * (TRADE_CLOSED_BY_USER). The second is a cancellation, as Taobao's TRADE_CLOSED_BY_TAOBAO is.
 */
function closedUnpaid(info: FieldReader, platformStatus: string): boolean {
  if (platformStatus !== 'TRADE_CLOSED') return false;
  const tags = info.optChild('order_tags');
  const payed = tags?.optStr('is_payed');
  return !info.has('pay_time') && payed !== 'true' && payed !== '1';
}
