import type { NormalizedLine, NormalizedOrder } from '../../ingest/normalized-order';
import { uniqueLineIds } from '../fetched-order';
import { statusDictionary } from '../status-dictionary';
import type { FieldReader } from '../wire/fields';

/**
 * One `orderInfoList[]` entry of jingdong.pop.order.search → NormalizedOrder.
 * Money: yuan strings ("99.00"). Times: "yyyy-MM-dd HH:mm:ss" GMT+8. Ids: digit strings.
 * Consignee fields arrive masked or encrypted and are kept exactly as given.
 */
export function normaliseJdOrder(r: FieldReader): NormalizedOrder {
  const platformStatus = r.str('orderState');
  const goodsFen = r.yuan('orderTotalPrice');
  const consignee = r.optChild('consigneeInfo');
  const lines: NormalizedLine[] = r.list('itemInfoList', { nonEmpty: true }).map((li) => {
    const qty = li.int('itemTotal');
    const unitPriceFen = li.optYuan('jdPrice') ?? 0;
    return {
      platformLineId: li.id('skuId'),
      skuCode: li.optStr('outerSkuId') ?? li.optStr('productNo'),
      title: li.str('skuName'),
      qty,
      unitPriceFen,
      paidFen: unitPriceFen * qty,
      // JD lists gifts (赠品) as items priced 0.
      gift: unitPriceFen === 0,
    };
  });
  return {
    platformOrderId: r.id('orderId'),
    platformStatus,
    refundStatus: null,
    phase: statusDictionary('jd').map(platformStatus, null),
    platformPaused: statusDictionary('jd').paused(platformStatus),
    createdAt: r.wallClock('orderStartTime'),
    paidAt: r.optWallClock('paymentConfirmTime'),
    platformUpdatedAt: r.wallClock('modified'),
    completedAt: platformStatus === 'FINISHED_L' ? r.optWallClock('orderEndTime') : null,
    goodsFen,
    discountFen: r.optYuan('sellerDiscount') ?? 0,
    postageFen: r.optYuan('freightPrice') ?? 0,
    paidFen: r.yuan('orderPayment'),
    buyer: {
      platformBuyerId: r.optStr('open_id_buyer') ?? r.optStr('pin'),
      nick: r.optStr('pin'),
      phone: null,
    },
    address: consignee
      ? {
          receiverName: consignee.optStr('fullname'),
          receiverPhone: consignee.optStr('mobile') ?? consignee.optStr('telephone'),
          province: consignee.optStr('province'),
          city: consignee.optStr('city'),
          district: consignee.optStr('county'),
          detail: consignee.optStr('fullAddress'),
        }
      : undefined,
    buyerRemark: r.optStr('orderRemark'),
    sellerNote: r.optStr('venderRemark'),
    trackingNo: r.optStr('waybill'),
    lines: uniqueLineIds(lines),
  };
}
