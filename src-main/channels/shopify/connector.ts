import { ConnectorError, emptyCredential, type Connector, type ConnectorContext, type PageResult } from '../connector';
import { normalizeStored, toFetchedOrder } from '../fetched-order';
import type { FieldReader } from '../wire/fields';
import { formatIsoUtc } from '../iso-time';
import { failForHttpStatus, httpExchange, type HttpAnswer } from '../wire/http';
import { isObject, jsonText, parsePlatformJson, scalarText } from '../wire/json';
import { assertWindow } from '../wire/window';
import { nextPageInfo } from './link-header';
import { normaliseShopifyOrder } from './normalize';

const DAY = 24 * 3600_000;
/** Without the read_all_orders scope Shopify silently serves only the last 60 days. */
export const SHOPIFY_RECENT_MS = 60 * DAY;
const PAGE_SIZE = 250;

/**
 * Shopify Admin REST `GET {endpoint}/orders.json` where endpoint is the shop's admin API base
 * with its version, e.g. https://jane.myshopify.com/admin/api/2024-04. Auth by the
 * X-Shopify-Access-Token header. The first page filters by updated_at and status=any; the
 * following pages follow the Link header's page_info cursor (with only `limit` beside it).
 */
export const shopifyConnector: Connector = {
  kind: 'shopify',
  /** read_all_orders: "true" when the app holds that scope (older than 60 days allowed). */
  // client_id / client_secret: the client-credentials grant for one's own store (auth/shopify.ts);
  // a legacy custom app's shpat_ token works without them.
  credentialFields: ['client_id', 'client_secret', 'access_token', 'read_all_orders'],
  secretFields: ['client_secret', 'access_token'],
  requiredSecrets: [],
  limits: {
    // Shopify sets no span limit; a week keeps a window's cursor walk short.
    maxWindowMs: 7 * DAY,
    endLagMs: 30_000,
    overlapMs: 5 * 60_000,
    pageSize: PAGE_SIZE,
  },

  async testConnection(ctx) {
    const answer = await get(ctx, `${shopifyBase(ctx)}/shop.json`);
    const body = parsePlatformJson(answer.text, 'Shopify');
    const shop = isObject(body) && isObject(body.shop) ? body.shop : null;
    return { shopName: shop ? (scalarText(shop.name) ?? undefined) : undefined };
  },

  async fetchPage(ctx, window, token): Promise<PageResult> {
    const now = ctx.now();
    assertWindow('Shopify', this.limits, window, now);
    if (window.from < now - SHOPIFY_RECENT_MS && ctx.credentials.read_all_orders !== 'true') {
      throw new ConnectorError(
        'invalid_request',
        'Shopify: 60 天以前的订单需要 read_all_orders 权限，没有它 Shopify 会当作没有订单返回（read_all_orders scope needed）。' +
          '请为应用开通该权限并把 read_all_orders 设为 true，或把补拉起点设在 60 天以内。',
      );
    }
    const filters = new URLSearchParams({
      status: 'any',
      updated_at_min: formatIsoUtc(window.from),
      updated_at_max: formatIsoUtc(window.to - 1),
    });
    let platformTotal: number | undefined;
    let url: string;
    if (token === null) {
      // orders.json has no total; count.json with the same filters gives the coverage ledger one.
      const count = parsePlatformJson((await get(ctx, `${shopifyBase(ctx)}/orders/count.json?${filters}`)).text, 'Shopify');
      const n = isObject(count) ? Number(scalarText(count.count)) : NaN;
      if (Number.isSafeInteger(n) && n >= 0) platformTotal = n;
      url = `${shopifyBase(ctx)}/orders.json?${filters}&limit=${PAGE_SIZE}`;
    } else {
      url = `${shopifyBase(ctx)}/orders.json?limit=${PAGE_SIZE}&page_info=${encodeURIComponent(token)}`;
    }
    const answer = await get(ctx, url);
    const body = parsePlatformJson(answer.text, 'Shopify');
    if (!isObject(body) || !Array.isArray(body.orders)) {
      throw new ConnectorError('transient', `Shopify: answer has no "orders" list: ${jsonText(body).slice(0, 120)}`);
    }
    const items = body.orders.map((o) => toFetchedOrder(o, idOf, normaliseShopifyOrder));
    return { items, next: nextPageInfo(answer.headers.get('link')), platformTotal };
  },

  /**
   * Needs nothing but the payload: amounts are read in the order's own shop_money/price fields
   * (the shop currency the order carries), times carry their offset, ids are in the order.
   */
  normalize: (raw) => normalizeStored(raw, 'Shopify', idOf, normaliseShopifyOrder),
};

const idOf = (r: FieldReader) => r.id('id');

/** The shop's admin API base with its version (the channel's endpoint). */
export function shopifyBase(ctx: ConnectorContext): string {
  if (!ctx.endpoint) throw new ConnectorError('invalid_request', 'Shopify: endpoint (https://{shop}.myshopify.com/admin/api/{version}) is not set');
  return ctx.endpoint.replace(/\/+$/, '');
}

function get(ctx: ConnectorContext, url: string): Promise<HttpAnswer> {
  return shopifyCall(ctx, 'GET', url);
}

/**
 * One Admin REST call with the X-Shopify-Access-Token header; a 2xx answer is returned, the rest
 * thrown as ConnectorError (429 with its Retry-After). Shared with 发货回传 (shipping/confirm/shopify.ts).
 * A 422 is thrown as invalid_request with Shopify's own `errors` words (httpStatus 422).
 */
export async function shopifyCall(ctx: ConnectorContext, method: 'GET' | 'POST', url: string, body?: unknown): Promise<HttpAnswer> {
  const token = ctx.credentials.access_token;
  if (!token) throw emptyCredential('shopify', 'access_token');
  const headers: Record<string, string> = { 'X-Shopify-Access-Token': token, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const answer = await httpExchange(ctx, 'Shopify', url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (answer.status >= 200 && answer.status < 300) return answer;
  const errors = shopifyErrors(answer.text);
  const detail = { httpStatus: answer.status };
  if (answer.status === 429) {
    // Retry-After is seconds as a float ("2.0").
    const secs = Number(answer.headers.get('retry-after'));
    throw new ConnectorError('rate_limited', `Shopify: HTTP 429 ${errors}`, { ...detail, retryAfterMs: Number.isFinite(secs) && secs >= 0 ? Math.ceil(secs * 1000) : 2000 });
  }
  if (answer.status === 401 || answer.status === 403) {
    throw new ConnectorError('auth', `Shopify: HTTP ${answer.status} ${errors} — 请检查访问令牌及应用的 read_orders 权限`, detail);
  }
  if (answer.status === 402 || answer.status === 423) {
    throw new ConnectorError('auth', `Shopify: HTTP ${answer.status} ${errors} — 店铺已被冻结或锁定`, detail);
  }
  if (answer.status === 404) throw new ConnectorError('invalid_request', `Shopify: HTTP 404 at ${new URL(url).pathname} — 请检查店铺地址和 API 版本`, detail);
  failForHttpStatus('Shopify', { ...answer, text: errors }, ctx.now());
  throw new ConnectorError('invalid_request', `Shopify: HTTP ${answer.status} ${errors}`, detail);
}

/** Shopify's {"errors": "…"} or {"errors": {field: [...]}}, as one line. */
function shopifyErrors(text: string): string {
  try {
    const body = parsePlatformJson(text, 'Shopify');
    if (isObject(body) && body.errors !== undefined) return typeof body.errors === 'string' ? body.errors : jsonText(body.errors);
  } catch {
    /* not JSON: show the start */
  }
  return text.slice(0, 120);
}
