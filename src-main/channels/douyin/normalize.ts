import type { NormalizedLine, NormalizedOrder } from '../../ingest/normalized-order';
import { statusDictionary } from '../status-dictionary';
import { clearPhone } from '../taobao/normalize';
import type { FieldReader } from '../wire/fields';

/** After-sale states needing a person first, then settled ones (codes from the doudian SDK). */
const AFTER_SALE_PRIORITY = ['6', '7', '11', '13', '14', '27', '29', '12', '53', '28', '51'];
const REFUNDED = new Set(['12', '53']);

/**
 * One shop_order_list entry → NormalizedOrder. Douyin sends money in fen (int64) and times as
 * Unix seconds, so no unit or zone conversion is needed beyond seconds → ms; receiver fields
 * are kept masked (mask_*) when given, else as the encrypted strings.
 */
export function normalizeDouyinOrder(o: FieldReader, expectShopId?: string | null): NormalizedOrder {
  const dict = statusDictionary('douyin');
  const orderId = o.id('order_id');
  if (expectShopId && o.has('shop_id') && o.id('shop_id') !== expectShopId) {
    o.fail('shop_id', `order belongs to another shop than the configured shop_id ${expectShopId}`);
  }
  const platformStatus = String(o.int('order_status'));
  const lines = o.list('sku_order_list', { nonEmpty: true }).map(readLine);
  const afterSales = lines.map((l) => l.refundStatus).filter((s): s is string => !!s && s !== '0');
  const refundStatus = AFTER_SALE_PRIORITY.find((s) => afterSales.includes(s)) ?? afterSales[0] ?? null;
  const postageFen = o.optFen('post_amount') ?? 0;
  const addr = o.optChild('mask_post_addr') ?? o.optChild('post_addr');
  const region = (key: string) => addr?.optChild(key)?.optStr('name') ?? null;
  const logistics = Array.isArray(o.obj.logistics_info) && o.obj.logistics_info.length > 0 ? o.list('logistics_info')[0]! : null;

  return {
    platformOrderId: orderId,
    platformStatus,
    refundStatus,
    phase: dict.map(platformStatus, refundStatus),
    platformPaused: dict.paused(platformStatus),
    createdAt: o.unixSeconds('create_time'),
    paidAt: o.optUnixSeconds('pay_time'),
    platformUpdatedAt: o.unixSeconds('update_time'),
    promisedShipAt: o.optUnixSeconds('exp_ship_time'),
    shippedAt: o.optUnixSeconds('ship_time'),
    completedAt: o.optUnixSeconds('finish_time'),
    // order_amount is goods + postage before promotions
    goodsFen: o.fen('order_amount') - postageFen,
    discountFen: o.optFen('promotion_amount') ?? 0,
    platformDiscountFen: o.optFen('promotion_platform_amount') ?? 0,
    postageFen,
    paidFen: o.fen('pay_amount'),
    refundFen: lines.reduce((s, l) => s + (l.refundFen ?? 0), 0),
    buyer: { platformBuyerId: o.optStr('doudian_open_id'), nick: null, phone: clearPhone(o.optStr('post_tel')) },
    address: {
      receiverName: o.optStr('mask_post_receiver') ?? o.optStr('post_receiver') ?? o.optStr('encrypt_post_receiver'),
      receiverPhone: o.optStr('mask_post_tel') ?? o.optStr('post_tel') ?? o.optStr('encrypt_post_tel'),
      province: region('province'),
      city: region('city'),
      district: region('town'),
      detail: [region('street'), addr?.optStr('detail') ?? addr?.optStr('encrypt_detail') ?? null].filter(Boolean).join('') || null,
    },
    buyerRemark: o.optStr('buyer_words'),
    sellerNote: o.optStr('seller_words'),
    carrier: logistics?.optStr('company_name') ?? logistics?.optStr('company') ?? null,
    trackingNo: logistics?.optStr('tracking_no') ?? null,
    lines,
  };
}

function readLine(s: FieldReader): NormalizedLine {
  const qty = s.int('item_num');
  if (qty <= 0) s.fail('item_num', 'quantity must be at least 1');
  const unitPriceFen = s.fen('origin_amount');
  const paidFen = s.fen('pay_amount');
  const afterSale = s.optChild('after_sale_info');
  const refundStatus = afterSale?.has('after_sale_status') ? String(afterSale.int('after_sale_status')) : null;
  const spec = Array.isArray(s.obj.spec)
    ? s.list('spec').map((x) => `${x.optStr('name') ?? ''}:${x.optStr('value') ?? ''}`).join(';')
    : null;
  return {
    platformLineId: s.id('order_id'),
    skuCode: s.optStr('out_sku_id') ?? s.optStr('code') ?? s.optStr('sku_id'),
    title: s.str('product_name'),
    spec: spec || null,
    qty,
    unitPriceFen,
    discountFen: Math.max(0, unitPriceFen * qty - paidFen),
    paidFen,
    refundStatus,
    refundFen: refundStatus && REFUNDED.has(refundStatus) ? paidFen : 0,
  };
}
