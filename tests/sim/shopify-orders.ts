import { LosslessNumber } from 'lossless-json';
import { fenToYuan } from '../../src-shared/money';
import type { Rand } from './random';
import type { SimOrderBase } from './store';

/** A Shopify order as the simulator holds it: exact string ids, minor units (×100), UTC ms. */
export interface ShopifySimLine {
  id: string;
  variantId: string;
  productId: string;
  sku: string;
  title: string;
  variantTitle: string;
  quantity: number;
  priceFen: number;
  totalDiscountFen: number;
}

export interface ShopifySimOrder extends SimOrderBase {
  /** 13-digit int64 id, sent as a JSON number */
  id: string;
  orderNumber: number;
  email: string;
  createdAt: number;
  processedAt: number;
  cancelledAt: number | null;
  closedAt: number | null;
  currency: string;
  financialStatus: string;
  fulfillmentStatus: string | null;
  totalDiscountsFen: number;
  shippingFen: number;
  totalTaxFen: number;
  refundFen: number;
  customer: { id: string; firstName: string; lastName: string; phone: string | null };
  shipping: { firstName: string; lastName: string; address1: string; address2: string; city: string; province: string; country: string; zip: string; phone: string };
  note: string;
  lines: ShopifySimLine[];
  fulfillment: { id: string; createdAt: number; trackingCompany: string; trackingNumber: string } | null;
}

const PRODUCTS = [
  { title: 'Silk Scarf', variants: ['Red', 'Navy'], price: [2900, 8900] },
  { title: 'Linen Shirt', variants: ['S', 'M', 'L'], price: [4500, 12000] },
  { title: 'Oolong Tea 250g', variants: ['Tin', 'Gift box'], price: [1800, 6800] },
  { title: 'Ceramic Teapot', variants: ['White'], price: [3900, 9900] },
] as const;
const MIX: Array<[string, string | null, boolean]> = [
  ['paid', null, false], ['paid', null, false], ['paid', 'fulfilled', false], ['paid', 'partial', false],
  ['pending', null, false], ['authorized', null, false], ['refunded', null, true], ['partially_refunded', 'fulfilled', false],
  ['voided', null, true],
];

export function makeShopifyOrder(r: Rand, modifiedAt: number, taken: (id: string) => boolean): ShopifySimOrder {
  let id: string;
  do id = `5${r.digits(12)}`; while (taken(id));
  const [financialStatus, fulfillmentStatus, cancelled] = r.pick(MIX);
  const createdAt = modifiedAt - r.int(0, 72 * 3600) * 1000;
  const lines: ShopifySimLine[] = [];
  for (let i = 0, n = r.pick([1, 1, 2]); i < n; i += 1) {
    const p = r.pick(PRODUCTS);
    const variant = r.pick(p.variants);
    lines.push({
      id: `1${r.digits(13)}`, variantId: `4${r.digits(13)}`, productId: `8${r.digits(12)}`,
      sku: `${p.title.slice(0, 4).toUpperCase()}-${variant.slice(0, 3).toUpperCase()}`, title: p.title, variantTitle: variant,
      quantity: r.pick([1, 1, 2]), priceFen: r.int(p.price[0] / 100, p.price[1] / 100) * 100 + r.pick([0, 50, 99]),
      totalDiscountFen: 0,
    });
  }
  if (r.chance(0.3)) lines[0]!.totalDiscountFen = Math.min(lines[0]!.priceFen, 500);
  const shipped = fulfillmentStatus === 'fulfilled' || fulfillmentStatus === 'partial';
  const lineTotal = lines.reduce((s, l) => s + l.priceFen * l.quantity, 0);
  return {
    id, modifiedAt, orderNumber: 1000 + r.int(1, 99999), email: `buyer${r.digits(4)}@example.com`,
    createdAt, processedAt: createdAt, cancelledAt: cancelled ? modifiedAt : null, closedAt: null,
    currency: 'USD', financialStatus, fulfillmentStatus,
    totalDiscountsFen: lines.reduce((s, l) => s + l.totalDiscountFen, 0),
    shippingFen: r.pick([0, 0, 500, 995]), totalTaxFen: r.pick([0, Math.round(lineTotal * 0.08)]),
    refundFen: financialStatus === 'refunded' ? -1 : financialStatus === 'partially_refunded' ? 500 : 0,
    customer: { id: `6${r.digits(12)}`, firstName: r.pick(['Jane', 'Wei', 'Maria', 'Tom']), lastName: r.pick(['Doe', 'Chen', 'Garcia', 'Smith']), phone: r.chance(0.5) ? `+1613555${r.digits(4)}` : null },
    shipping: {
      firstName: 'Jane', lastName: 'Doe', address1: `${r.int(1, 999)} Main St`, address2: '', city: r.pick(['Ottawa', 'Seattle', 'Austin']),
      province: r.pick(['Ontario', 'Washington', 'Texas']), country: r.pick(['Canada', 'United States']), zip: `${r.digits(5)}`, phone: `+1555${r.digits(7)}`,
    },
    note: r.chance(0.2) ? 'Please gift wrap' : '',
    lines,
    fulfillment: shipped ? { id: `3${r.digits(12)}`, createdAt: Math.min(modifiedAt, createdAt + 3600_000), trackingCompany: 'UPS', trackingNumber: `1Z${r.digits(16)}` } : null,
  };
}

/** One step: pending → paid → fulfilled → closed (archived). */
export function advanceShopifyOrder(o: ShopifySimOrder, at: number): void {
  if (o.financialStatus === 'pending' || o.financialStatus === 'authorized') o.financialStatus = 'paid';
  else if (o.fulfillmentStatus !== 'fulfilled' && !o.cancelledAt) {
    o.fulfillmentStatus = 'fulfilled';
    o.fulfillment = { id: `3${o.id.slice(1)}`, createdAt: at, trackingCompany: 'UPS', trackingNumber: `1Z${o.id}` };
  } else o.closedAt = at;
}

export function totals(o: ShopifySimOrder): { lineItemsFen: number; totalPriceFen: number; refundFen: number } {
  const lineItemsFen = o.lines.reduce((s, l) => s + l.priceFen * l.quantity, 0);
  const totalPriceFen = lineItemsFen - o.totalDiscountsFen + o.shippingFen + o.totalTaxFen;
  return { lineItemsFen, totalPriceFen, refundFen: o.refundFen === -1 ? totalPriceFen : o.refundFen };
}

/** "2024-06-01T10:00:00-04:00": the shop's wall clock with its UTC offset, as Shopify writes times. */
export function isoInOffset(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const money = (fen: number) => fenToYuan(fen);
const big = (digits: string) => new LosslessNumber(digits);

export function renderShopifyOrder(o: ShopifySimOrder, offsetMinutes: number): Record<string, unknown> {
  const t = (ms: number | null) => (ms === null ? null : isoInOffset(ms, offsetMinutes));
  const { lineItemsFen, totalPriceFen, refundFen } = totals(o);
  const set = (fen: number) => ({ shop_money: { amount: money(fen), currency_code: o.currency }, presentment_money: { amount: money(fen), currency_code: o.currency } });
  return {
    id: big(o.id), admin_graphql_api_id: `gid://shopify/Order/${o.id}`, name: `#${o.orderNumber}`, order_number: o.orderNumber,
    email: o.email, created_at: t(o.createdAt), updated_at: t(o.modifiedAt), processed_at: t(o.processedAt),
    cancelled_at: t(o.cancelledAt), closed_at: t(o.closedAt), currency: o.currency,
    financial_status: o.financialStatus, fulfillment_status: o.fulfillmentStatus,
    total_line_items_price: money(lineItemsFen), subtotal_price: money(lineItemsFen - o.totalDiscountsFen),
    total_discounts: money(o.totalDiscountsFen), total_tax: money(o.totalTaxFen), total_price: money(totalPriceFen),
    total_shipping_price_set: set(o.shippingFen), note: o.note || null, tags: '',
    customer: { id: big(o.customer.id), email: o.email, first_name: o.customer.firstName, last_name: o.customer.lastName, phone: o.customer.phone },
    shipping_address: {
      first_name: o.shipping.firstName, last_name: o.shipping.lastName, name: `${o.shipping.firstName} ${o.shipping.lastName}`,
      address1: o.shipping.address1, address2: o.shipping.address2 || null, city: o.shipping.city, province: o.shipping.province,
      country: o.shipping.country, zip: o.shipping.zip, phone: o.shipping.phone,
    },
    line_items: o.lines.map((l) => ({
      id: big(l.id), variant_id: big(l.variantId), product_id: big(l.productId), sku: l.sku, title: l.title,
      variant_title: l.variantTitle, quantity: l.quantity, price: money(l.priceFen),
      // As in current API versions: the line's discount lives in discount_allocations; total_discount stays 0.00.
      total_discount: '0.00',
      discount_allocations: l.totalDiscountFen ? [{ amount: money(l.totalDiscountFen), discount_application_index: 0 }] : [],
      fulfillment_status: o.fulfillmentStatus === 'fulfilled' ? 'fulfilled' : null, gift_card: false,
    })),
    shipping_lines: o.shippingFen ? [{ id: big(`9${o.id.slice(1)}`), title: 'Standard', price: money(o.shippingFen) }] : [],
    fulfillments: o.fulfillment
      ? [{ id: big(o.fulfillment.id), status: 'success', created_at: t(o.fulfillment.createdAt), tracking_company: o.fulfillment.trackingCompany, tracking_number: o.fulfillment.trackingNumber }]
      : [],
    refunds: refundFen
      ? [{ id: big(`7${o.id.slice(1)}`), created_at: t(o.modifiedAt), transactions: [{ id: big(`2${o.id.slice(1)}`), kind: 'refund', status: 'success', amount: money(refundFen) }] }]
      : [],
  };
}
