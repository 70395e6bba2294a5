import { formatInZone } from '../../../src-shared/time';
import { ConnectorError, emptyCredential, type Connector, type ConnectorContext, type FetchWindow, type PageResult } from '../connector';
import { normalizeStored, toFetchedOrder } from '../fetched-order';
import type { FieldReader } from '../wire/fields';
import { failForHttpStatus, httpExchange } from '../wire/http';
import { saysTooFrequent } from '../wire/limit-words';
import { isObject, parsePlatformJson, type JsonObject } from '../wire/json';
import { afterPage, planPage } from '../wire/paging';
import { assertWindow } from '../wire/window';
import { normaliseJdOrder } from './normalize';
import { jdSign } from './sign';

export const JD_DEFAULT_ENDPOINT = 'https://api.jd.com/routerjson';
export const JD_METHOD = 'jingdong.pop.order.search';
/** Every order_state the API documents; JD returns only the states asked for. */
export const JD_ORDER_STATES = [
  'WAIT_SELLER_STOCK_OUT', 'WAIT_GOODS_RECEIVE_CONFIRM', 'WAIT_SELLER_DELIVERY', 'PAUSE',
  'FINISHED_L', 'TRADE_CANCELED', 'LOCKED', 'POP_ORDER_PAUSE',
] as const;
const OPTIONAL_FIELDS = [
  'orderId', 'venderId', 'orderType', 'payType', 'orderTotalPrice', 'orderSellerPrice', 'orderPayment',
  'freightPrice', 'sellerDiscount', 'balanceUsed', 'orderState', 'orderStateRemark', 'orderRemark',
  'venderRemark', 'orderStartTime', 'orderEndTime', 'modified', 'paymentConfirmTime', 'consigneeInfo',
  'itemInfoList', 'couponDetailList', 'waybill', 'logisticsId', 'pin', 'open_id_buyer', 'orderSource',
].join(',');

const DAY = 24 * 3600_000;

/** Gateway codes (JOS 网关系统错误码) that mean the credentials are wrong or expired. */
const AUTH_CODES = new Set(['12', '19']);
/** 2 = App Call Limited. */
const RATE_CODES = new Set(['2']);
/** Missing/invalid version, timestamp, signature param, method: our request is wrong. */
const REQUEST_CODES = new Set(['4', '5', '7', '8', '11', '14', '15']);

export const jdConnector: Connector = {
  kind: 'jd',
  credentialFields: ['app_key', 'app_secret', 'access_token'],
  secretFields: ['app_secret', 'access_token'],
  requiredSecrets: ['app_secret'],
  limits: {
    // JD accepts start_date..end_date up to one month, but pages no deeper than a few hundred
    // pages; one day keeps a peak day's window answerable.
    maxWindowMs: DAY,
    endLagMs: 60_000,
    overlapMs: 10 * 60_000,
    // The pop.order.search doc caps page_size at 50 (some copies say 100): 50 is safe for both.
    pageSize: 50,
  },

  async testConnection(ctx) {
    const to = ctx.now() - this.limits.endLagMs;
    await searchPage(ctx, { from: to - 3600_000, to }, 1, 1);
    return {};
  },

  async fetchPage(ctx, window, token): Promise<PageResult> {
    assertWindow('JD', this.limits, window, ctx.now());
    const plan = planPage(token, 1);
    const size = this.limits.pageSize;
    const result = await searchPage(ctx, window, plan.page, size);
    const total = readTotal(result);
    const outcome = afterPage(plan, total, size, 1);
    const list = Array.isArray(result.orderInfoList) ? result.orderInfoList : [];
    const items = outcome.keepItems
      ? list.map((o) => toFetchedOrder(o, idOf, normaliseJdOrder))
      : [];
    return { items, next: outcome.next, platformTotal: total };
  },

  normalize: (raw) => normalizeStored(raw, 'JD', idOf, normaliseJdOrder),
};

const idOf = (r: FieldReader) => r.id('orderId');

function readTotal(result: JsonObject): number {
  const n = Number(String(result.orderTotal ?? '0'));
  if (!Number.isSafeInteger(n) || n < 0) throw new ConnectorError('transient', `JD: orderTotal is not a count: ${String(result.orderTotal)}`);
  return n;
}

/** One search page; returns `searchorderinfo_result` or throws the mapped ConnectorError. */
async function searchPage(ctx: ConnectorContext, window: FetchWindow, page: number, pageSize: number): Promise<JsonObject> {
  const body = await jdCall(ctx, JD_METHOD, {
    start_date: formatInZone(Math.floor(window.from / 1000) * 1000, 'Asia/Shanghai'),
    end_date: formatInZone(Math.floor((window.to - 1) / 1000) * 1000, 'Asia/Shanghai'),
    order_state: JD_ORDER_STATES.join(','),
    optional_fields: OPTIONAL_FIELDS,
    page: String(page),
    page_size: String(pageSize),
    sortType: '1',
    dateType: '0',
  });
  const resp = body.jingdong_pop_order_search_responce;
  if (!isObject(resp)) throw new ConnectorError('transient', `JD: answer has no jingdong_pop_order_search_responce: ${JSON.stringify(body).slice(0, 120)}`);
  const result = resp.searchorderinfo_result;
  if (!isObject(result)) throw new ConnectorError('transient', 'JD: answer has no searchorderinfo_result');
  const api = isObject(result.apiResult) ? result.apiResult : null;
  if (api && String(api.success) !== 'true') {
    throw new ConnectorError(
      'invalid_request',
      `JD refused the search: ${String(api.chineseErrCode ?? '')} ${String(api.englishErrCode ?? '')}`.trim(),
      { platformCode: String(api.numberCode ?? '') },
    );
  }
  return result;
}

/**
 * One signed routerjson call (§4.2): system params in the query, the business JSON in the form
 * body as `360buy_param_json`, as the JOS SDKs do. Returns the whole answer object; gateway
 * errors (`error_response`) are thrown as ConnectorError. Shared with 发货回传 (shipping/confirm/jd.ts).
 */
export async function jdCall(ctx: ConnectorContext, method: string, business: Record<string, unknown>): Promise<JsonObject> {
  const secret = need(ctx, 'app_secret');
  const params: Record<string, string> = {
    method,
    app_key: need(ctx, 'app_key'),
    access_token: need(ctx, 'access_token'),
    timestamp: formatInZone(ctx.now(), 'Asia/Shanghai'),
    v: '2.0',
    sign_method: 'md5',
    '360buy_param_json': JSON.stringify(business),
  };
  params.sign = jdSign(params, secret);
  const query = new URLSearchParams(Object.entries(params).filter(([k]) => k !== '360buy_param_json'));
  const url = `${ctx.endpoint || JD_DEFAULT_ENDPOINT}?${query}`;
  const answer = await httpExchange(ctx, 'JD', url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
    body: new URLSearchParams({ '360buy_param_json': params['360buy_param_json']! }).toString(),
  });
  if (answer.status !== 200) {
    const body = tryParse(answer.text);
    if (body && isObject(body.error_response)) throwGatewayError(body.error_response, answer.status);
    failForHttpStatus('JD', answer, ctx.now());
  }
  const body = parsePlatformJson(answer.text, 'JD');
  if (!isObject(body)) throw new ConnectorError('transient', 'JD: answer is not a JSON object');
  if (isObject(body.error_response)) throwGatewayError(body.error_response, answer.status);
  return body;
}

function throwGatewayError(err: JsonObject, httpStatus: number): never {
  const code = String(err.code ?? '');
  const text = `JD error ${code}: ${String(err.zh_desc ?? '')} ${String(err.en_desc ?? '')}`.trim();
  const detail = { platformCode: code, httpStatus };
  if (AUTH_CODES.has(code)) throw new ConnectorError('auth', `${text} — 请检查 app_secret，或在京东重新授权 access_token`, detail);
  if (RATE_CODES.has(code) || saysTooFrequent(String(err.zh_desc ?? ''), String(err.en_desc ?? ''))) {
    throw new ConnectorError('rate_limited', text, { ...detail, retryAfterMs: 10_000 });
  }
  if (code === '8') throw new ConnectorError('invalid_request', `${text} — 本机时钟与北京时间相差超过6分钟，请校准系统时间`, detail);
  if (REQUEST_CODES.has(code)) throw new ConnectorError('invalid_request', text, detail);
  if (httpStatus >= 500) throw new ConnectorError('transient', text, detail);
  throw new ConnectorError('unknown', text, detail);
}

function tryParse(text: string): JsonObject | null {
  try {
    const v = parsePlatformJson(text, 'JD');
    return isObject(v) ? v : null;
  } catch {
    return null;
  }
}

function need(ctx: ConnectorContext, name: string): string {
  const v = ctx.credentials[name];
  if (!v) throw emptyCredential('jd', name);
  return v;
}
