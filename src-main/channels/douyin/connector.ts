import { ConnectorError, emptyCredential, type Connector, type ConnectorContext, type PageResult, type WindowLimits } from '../connector';
import { normalizeStored, toFetchedOrder } from '../fetched-order';
import type { FieldReader } from '../wire/fields';
import { DEFAULT_TIMEOUT_MS, failForHttpStatus, httpExchange } from '../wire/http';
import { isObject, parsePlatformJson, scalarText, type JsonObject } from '../wire/json';
import { afterPage, planPage } from '../wire/paging';
import { assertWindow, windowSeconds } from '../wire/window';
import { douyinError } from './errors';
import { normalizeDouyinOrder } from './normalize';
import { canonicalParamJson, douyinSign } from './sign';

export const DOUYIN_DEFAULT_ENDPOINT = 'https://openapi-fxg.jinritemai.com';
const SEARCH = 'order.searchList';

/**
 * order.searchList documents no span limit for update_time; 30-minute windows keep pages few
 * and match the other platforms' cadence. size ≤ 100, page counts from 0.
 */
export const DOUYIN_LIMITS: WindowLimits = {
  maxWindowMs: 30 * 60_000,
  /** a minute behind now: a trade written this second may not be searchable yet */
  endLagMs: 60_000,
  overlapMs: 2 * 60_000,
  pageSize: 100,
};

/**
 * POST /<method with dots as slashes>?app_key…&sign…; the body is param_json itself.
 * `token: false` for token.create / token.refresh, which are signed but carry no access_token.
 * Returns `data`; shared with 发货回传 (shipping/confirm/douyin.ts).
 */
export async function doudianCall(
  ctx: ConnectorContext, method: string, param: Record<string, unknown>, opts: { token?: boolean; timeoutMs?: number } = {},
): Promise<JsonObject> {
  const c = ctx.credentials;
  const withToken = opts.token !== false;
  for (const key of withToken ? (['app_key', 'app_secret', 'access_token'] as const) : (['app_key', 'app_secret'] as const)) {
    if (!c[key]) throw emptyCredential('douyin', key);
  }
  const paramJson = canonicalParamJson(param);
  const timestamp = String(Math.floor(ctx.now() / 1000));
  const sign = douyinSign({ appKey: c.app_key!, method, paramJson, timestamp }, c.app_secret!);
  const base = (ctx.endpoint || DOUYIN_DEFAULT_ENDPOINT).replace(/\/+$/, '');
  const url = new URL(`${base}/${method.replace(/\./g, '/')}`);
  const query: Record<string, string> = { app_key: c.app_key!, method, timestamp, v: '2', sign_method: 'hmac-sha256', sign };
  if (withToken) query.access_token = c.access_token!;
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const answer = await httpExchange(ctx, 'douyin', url.toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/json;charset=UTF-8', 'x-open-no-old-err-code': '1' },
    body: paramJson,
  }, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let body: unknown;
  try {
    body = parsePlatformJson(answer.text, 'douyin');
  } catch (e) {
    failForHttpStatus('douyin', answer, ctx.now());
    throw e;
  }
  if (isObject(body) && body.code !== undefined && scalarText(body.code) !== '10000') throw douyinError(body);
  failForHttpStatus('douyin', answer, ctx.now());
  // A list answer (order/logisticsCompanyList's data is an array) comes back as { list }.
  if (isObject(body) && Array.isArray(body.data)) return { list: body.data };
  if (!isObject(body) || !isObject(body.data)) throw new ConnectorError('transient', `douyin: unexpected response ${answer.text.slice(0, 80)}`);
  return body.data;
}

export interface DouyinConnectorOptions {
  timeoutMs?: number;
  limits?: Partial<WindowLimits>;
}

export function createDouyinConnector(opts: DouyinConnectorOptions = {}): Connector & { defaultEndpoint: string } {
  const limits: WindowLimits = { ...DOUYIN_LIMITS, ...opts.limits };
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const call = (ctx: ConnectorContext, method: string, param: Record<string, unknown>) => doudianCall(ctx, method, param, { timeoutMs });

  return {
    kind: 'douyin',
    credentialFields: ['app_type', 'app_key', 'app_secret', 'shop_id', 'service_id', 'access_token'],
    secretFields: ['app_secret', 'access_token'],
    requiredSecrets: ['app_secret'],
    limits,
    defaultEndpoint: DOUYIN_DEFAULT_ENDPOINT,

    async testConnection(ctx) {
      // The cheapest authorised read: one order of the last minutes proves key, secret and token.
      const end = Math.floor(ctx.now() / 1000) - 60;
      const data = await call(ctx, SEARCH, { order_by: 'update_time', page: 0, size: 1, update_time_start: end - 600, update_time_end: end });
      const first = Array.isArray(data.shop_order_list) ? data.shop_order_list[0] : undefined;
      const name = isObject(first) ? scalarText(first.shop_name) : null;
      return name ? { shopName: name } : {};
    },

    async fetchPage(ctx, window, token): Promise<PageResult> {
      assertWindow('douyin', limits, window, ctx.now());
      const plan = planPage(token, 0);
      const { start, end } = windowSeconds(window);
      // newest first (order_asc omitted = descending), walked from the last page back
      const data = await call(ctx, SEARCH, {
        order_by: 'update_time', page: plan.page, size: limits.pageSize, update_time_start: start, update_time_end: end,
      });
      const totalText = scalarText(data.total);
      const total = totalText === null ? NaN : Number(totalText);
      if (!Number.isSafeInteger(total)) throw new ConnectorError('transient', `douyin: data.total is ${totalText ?? 'missing'}`);
      const list = data.shop_order_list ?? [];
      if (!Array.isArray(list)) throw new ConnectorError('transient', 'douyin: shop_order_list is not a list');
      const outcome = afterPage(plan, total, limits.pageSize, 0);
      const shopId = ctx.credentials.shop_id || null;
      return {
        items: outcome.keepItems
          ? list.map((node) => toFetchedOrder(node, idOf, (r) => normalizeDouyinOrder(r, shopId)))
          : [],
        next: outcome.next,
        platformTotal: total,
      };
    },

    /**
     * With the channel's settings the order's shop_id is checked against the configured one as
     * fetchPage does; without them that check cannot be made (the payload's own shop_id is
     * taken as it stands) — everything else reads from the payload alone.
     */
    normalize: (raw, settings) => {
      const shopId = settings?.shop_id ? String(settings.shop_id) : null;
      return normalizeStored(raw, 'douyin', idOf, (r) => normalizeDouyinOrder(r, shopId));
    },
  };
}

const idOf = (r: FieldReader) => r.optId('order_id');

export const douyinConnector = createDouyinConnector();
