import { PLATFORM_CARRIER_CODES } from '../../../src-shared/shipping';
import { ConnectorError, type ConnectorContext } from '../../channels/connector';
import { shopifyBase, shopifyCall } from '../../channels/shopify/connector';
import { saysTooFrequent } from '../../channels/wire/limit-words';
import { isObject, parsePlatformJson, scalarText, type JsonObject } from '../../channels/wire/json';
import { carrierCode as kuaidi100Code } from '../../tracking/carriers';
import type { ConfirmAnswer, Confirmer } from './types';

/**
 * Shopify (PLATFORMS.md §9.6, REST FulfillmentOrder flow): read the order's fulfillment orders
 * (`GET orders/{id}/fulfillment_orders.json`), then `POST fulfillments.json` with the open ones'
 * line items (a split parcel: only its lines, each with the units this parcel ships — `lineQty`, spread over
 * the fulfillment orders holding that line; a whole order: every fulfillable unit) and
 * tracking_info {number, company, url}, notify_customer false. One tracking number per fulfillment,
 * so each parcel is its own call. Through the connector's own shopifyCall (token header, 429 with
 * Retry-After). `company` is free text (§9.6): names in PLATFORM_CARRIER_CODES.shopify; whether
 * Shopify links them is UNCONFIRMED, so a Kuaidi100 URL goes along.
 * "Already": no open fulfillment order left for the parcel's lines while one is closed (fulfilled);
 * then `GET orders/{id}/fulfillments.json` gives the numbers back. A 422's `errors` (strings
 * UNCONFIRMED) is the shop's refusal in its words.
 */
const FULFILLABLE = new Set(['open', 'in_progress']);

function json(text: string): JsonObject {
  const body = parsePlatformJson(text, 'Shopify');
  if (!isObject(body)) throw new ConnectorError('transient', 'Shopify: answer is not a JSON object');
  return body;
}

const list = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.filter(isObject) : []);

function trackingUrl(carrier: string, no: string): string | undefined {
  const com = kuaidi100Code(carrier);
  return com ? `https://www.kuaidi100.com/chaxun?com=${com}&nu=${encodeURIComponent(no)}` : undefined;
}

async function fulfillmentOrders(ctx: ConnectorContext, orderId: string): Promise<JsonObject[]> {
  const answer = await shopifyCall(ctx, 'GET', `${shopifyBase(ctx)}/orders/${encodeURIComponent(orderId)}/fulfillment_orders.json`);
  return list(json(answer.text).fulfillment_orders);
}

export const shopifyConfirmer: Confirmer = {
  kind: 'shopify',
  carrierCode: (c) => PLATFORM_CARRIER_CODES.shopify[c],

  async send(ctx, c): Promise<ConfirmAnswer> {
    try {
      const fos = await fulfillmentOrders(ctx, c.platformOrderId);
      const wanted = c.platformLineIds ? new Set(c.platformLineIds) : null;
      // Units still to place per line of a split parcel; a line without a recorded count ships what is fulfillable.
      const left = new Map(Object.entries(c.lineQty));
      const groups = fos.filter((fo) => FULFILLABLE.has(scalarText(fo.status) ?? '')).flatMap((fo) => {
        const items = list(fo.line_items).flatMap((li) => {
          const line = scalarText(li.line_item_id) ?? '';
          const fulfillable = Number(scalarText(li.fulfillable_quantity));
          if (!(fulfillable > 0) || (wanted && !wanted.has(line))) return [];
          const want = left.get(line);
          const quantity = want === undefined ? fulfillable : Math.min(want, fulfillable);
          if (!(quantity > 0)) return [];
          if (want !== undefined) left.set(line, want - quantity);
          return [{ id: Number(scalarText(li.id)), quantity }];
        });
        if (!items.length) return [];
        return [{ fulfillment_order_id: Number(scalarText(fo.id)), fulfillment_order_line_items: items }];
      });
      if (!groups.length) {
        const statuses = fos.map((fo) => scalarText(fo.status) ?? '?');
        if (statuses.includes('closed')) return { kind: 'already', platformCode: 'closed', message: `Shopify: fulfillment orders ${statuses.join(', ')}` };
        const listed = statuses.join(', ') || 'none';
        return { kind: 'refused', platformCode: statuses.join(',') || 'none', message: `Shopify: fulfillment orders ${listed}`, code: 'no_open_fulfillment', params: { statuses: listed } };
      }
      const company = PLATFORM_CARRIER_CODES.shopify[c.carrier]!;
      const url = trackingUrl(c.carrier, c.trackingNo);
      await shopifyCall(ctx, 'POST', `${shopifyBase(ctx)}/fulfillments.json`, {
        fulfillment: {
          line_items_by_fulfillment_order: groups,
          tracking_info: { number: c.trackingNo, company, ...(url ? { url } : {}) },
          notify_customer: false,
        },
      });
      return { kind: 'ok' };
    } catch (e) {
      if (!(e instanceof ConnectorError) || e.kind !== 'invalid_request' || e.detail.httpStatus !== 422) throw e;
      if (saysTooFrequent(e.message)) throw new ConnectorError('rate_limited', e.message, { ...e.detail, retryAfterMs: 2000 });
      return { kind: 'refused', platformCode: '422', message: e.message };
    }
  },

  async trackingNumbers(ctx, platformOrderId) {
    const answer = await shopifyCall(ctx, 'GET', `${shopifyBase(ctx)}/orders/${encodeURIComponent(platformOrderId)}/fulfillments.json`);
    return list(json(answer.text).fulfillments)
      .filter((f) => scalarText(f.status) !== 'cancelled')
      .flatMap((f) => {
        const many = Array.isArray(f.tracking_numbers) ? f.tracking_numbers.map((x) => scalarText(x)) : [scalarText(f.tracking_number)];
        return many.filter((x): x is string => !!x).map((x) => x.toUpperCase());
      });
  },
};
