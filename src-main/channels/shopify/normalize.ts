import type { NormalizedLine, NormalizedOrder } from '../../ingest/normalized-order';
import { isoField, optIsoField } from '../iso-time';
import { statusDictionary } from '../status-dictionary';
import type { FieldReader } from '../wire/fields';

/** Financial statuses after which the order counts as paid (processed_at is then the payment time). */
const PAID = new Set(['paid', 'partially_paid', 'partially_refunded', 'refunded']);

/**
 * The status key of the Shopify dictionary: financial_status | fulfillment_status (null means
 * unfulfilled), then "cancelled" when cancelled_at is set, else "closed" when closed_at is set
 * (archived: Shopify says a closed order needs no further work). All words are Shopify's own.
 */
export function shopifyStatusKey(financial: string, fulfillment: string | null, cancelled: boolean, closed = false): string {
  return `${financial}|${fulfillment ?? 'unfulfilled'}${cancelled ? '|cancelled' : closed ? '|closed' : ''}`;
}

/**
 * One order of Admin REST `orders.json` → NormalizedOrder. Money: decimal strings in the shop's
 * currency, stored ×100 in minor units like fen. Times: ISO 8601 with the shop's UTC offset.
 * Ids: int64 JSON numbers, read as their exact digits.
 */
export function normaliseShopifyOrder(r: FieldReader): NormalizedOrder {
  const financial = r.str('financial_status');
  const fulfillment = r.optStr('fulfillment_status');
  const cancelled = r.has('cancelled_at');
  const platformStatus = shopifyStatusKey(financial, fulfillment, cancelled, r.has('closed_at'));
  const refundStatus = financial === 'refunded' || financial === 'partially_refunded' ? financial : null;

  const lines: NormalizedLine[] = r.list('line_items', { nonEmpty: true }).map((li) => {
    const qty = li.int('quantity');
    const unitPriceFen = li.yuan('price');
    // Newer API versions carry line discounts in discount_allocations; older ones in total_discount.
    const allocations = li.has('discount_allocations') ? li.list('discount_allocations') : [];
    const discountFen = allocations.length
      ? allocations.reduce((s, a) => s + a.yuan('amount'), 0)
      : (li.optYuan('total_discount') ?? 0);
    return {
      platformLineId: li.id('id'),
      skuCode: li.optStr('sku'),
      title: li.str('title'),
      spec: li.optStr('variant_title'),
      qty,
      unitPriceFen,
      discountFen,
      paidFen: unitPriceFen * qty - discountFen,
    };
  });

  const shippingSet = r.optChild('total_shipping_price_set')?.optChild('shop_money');
  const postageFen = shippingSet
    ? shippingSet.yuan('amount')
    : (r.has('shipping_lines') ? r.list('shipping_lines') : []).reduce((s, sl) => s + sl.yuan('price'), 0);
  const refundFen = (r.has('refunds') ? r.list('refunds') : [])
    .flatMap((rf) => (rf.has('transactions') ? rf.list('transactions') : []))
    .filter((t) => t.optStr('kind') === 'refund' && t.optStr('status') === 'success')
    .reduce((s, t) => s + t.yuan('amount'), 0);
  const fulfillments = r.has('fulfillments') ? r.list('fulfillments') : [];
  const shippedTimes = fulfillments.map((f) => optIsoField(f, 'created_at')).filter((t): t is number => t !== null);
  const lastFulfillment = fulfillments[fulfillments.length - 1];
  const customer = r.optChild('customer');
  const ship = r.optChild('shipping_address');
  const nameOf = (x: FieldReader | null | undefined) =>
    x ? (x.optStr('name') ?? ([x.optStr('first_name'), x.optStr('last_name')].filter(Boolean).join(' ') || null)) : null;

  return {
    platformOrderId: r.id('id'),
    platformStatus,
    refundStatus,
    phase: statusDictionary('shopify').map(platformStatus, refundStatus),
    createdAt: isoField(r, 'created_at'),
    paidAt: PAID.has(financial) ? optIsoField(r, 'processed_at') : null,
    platformUpdatedAt: isoField(r, 'updated_at'),
    shippedAt: shippedTimes.length ? Math.min(...shippedTimes) : null,
    completedAt: optIsoField(r, 'closed_at'),
    goodsFen: r.has('total_line_items_price') ? r.yuan('total_line_items_price') : lines.reduce((s, l) => s + l.unitPriceFen * l.qty, 0),
    discountFen: r.optYuan('total_discounts') ?? 0,
    postageFen,
    paidFen: r.yuan('total_price'),
    refundFen,
    buyer: {
      platformBuyerId: customer?.optId('id') ?? null,
      nick: nameOf(customer) ?? r.optStr('email'),
      phone: customer?.optStr('phone') ?? r.optStr('phone'),
    },
    address: ship
      ? {
          receiverName: nameOf(ship),
          receiverPhone: ship.optStr('phone'),
          province: ship.optStr('province'),
          city: ship.optStr('city'),
          district: null,
          detail: [ship.optStr('address1'), ship.optStr('address2'), ship.optStr('zip'), ship.optStr('country')].filter(Boolean).join(', ') || null,
        }
      : undefined,
    buyerRemark: r.optStr('note'),
    carrier: lastFulfillment?.optStr('tracking_company') ?? null,
    trackingNo: lastFulfillment?.optStr('tracking_number') ?? null,
    lines,
  };
}
