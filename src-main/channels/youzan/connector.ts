import { formatInZone } from '../../../src-shared/time';
import { ConnectorError, emptyCredential, type Connector, type ConnectorContext, type FetchWindow, type PageResult } from '../connector';
import { normalizeStored, toFetchedOrder } from '../fetched-order';
import type { FieldReader } from '../wire/fields';
import { failForHttpStatus, httpExchange } from '../wire/http';
import { saysTooFrequent } from '../wire/limit-words';
import { isObject, parsePlatformJson, scalarText, type JsonObject } from '../wire/json';
import { afterPage, planPage } from '../wire/paging';
import { assertWindow } from '../wire/window';
import { normaliseYouzanOrder } from './normalize';

export const YOUZAN_DEFAULT_ENDPOINT = 'https://open.youzanyun.com/api';
export const YOUZAN_API = 'youzan.trades.sold.get';
export const YOUZAN_VERSION = '4.0.4';

const DAY = 24 * 3600_000;
/** Gateway (gw_err_resp) codes: token missing/expired/unknown, or no permission for the API. */
const AUTH_CODES = new Set(['4201', '4202', '4203', '4204']);
/** 4101 at the gateway; two business-level "请求被限流" codes from the rate-limit page. */
const RATE_CODES = new Set(['4101', '500100004', '123000042']);
/** Gateway refusals of the request itself (the simulator's documented set): missing or bad params, page size. */
const REQUEST_CODES = new Set(['4001', '4005', '4007', '5000']);
/** Business timeouts the docs say to retry. */
const RETRY_CODES = new Set(['106000001', '106100118', '5002', '5003']);
/** The docs' backoff starts at 3 s (3, 6, 12, 24, 48). */
const RATE_RETRY_MS = 3000;

export const youzanConnector: Connector = {
  kind: 'youzan',
  // client_id / client_secret / grant_id: a self-use app's 授权 (auth/youzan.ts); a pasted token works without them.
  credentialFields: ['client_id', 'client_secret', 'grant_id', 'access_token'],
  secretFields: ['client_secret', 'access_token'],
  requiredSecrets: [],
  limits: {
    // Youzan documents no maximum update-time span; one day keeps each walk short.
    maxWindowMs: DAY,
    endLagMs: 60_000,
    overlapMs: 10 * 60_000,
    pageSize: 100, // "每页最多显示100条数据"
  },

  async testConnection(ctx) {
    const to = ctx.now() - this.limits.endLagMs;
    await soldGet(ctx, { from: to - 3600_000, to }, 1, 1);
    return {};
  },

  async fetchPage(ctx, window, token): Promise<PageResult> {
    assertWindow('Youzan', this.limits, window, ctx.now());
    const plan = planPage(token, 1);
    const size = this.limits.pageSize;
    const data = await soldGet(ctx, window, plan.page, size);
    const total = Number(scalarText(data.total_results) ?? '0');
    if (!Number.isSafeInteger(total) || total < 0) throw new ConnectorError('transient', `Youzan: total_results is not a count: ${String(scalarText(data.total_results))}`);
    const outcome = afterPage(plan, total, size, 1);
    const list = Array.isArray(data.full_order_info_list) ? data.full_order_info_list : [];
    const items = outcome.keepItems ? list.map((o) => toFetchedOrder(o, idOf, normaliseYouzanOrder)) : [];
    return { items, next: outcome.next, platformTotal: total };
  },

  normalize: (raw) => normalizeStored(raw, 'Youzan', idOf, normaliseYouzanOrder),
};

function idOf(r: FieldReader): string {
  return r.child('full_order_info').child('order_info').str('tid').trim();
}

/** One order-list page; returns `data` or throws the mapped ConnectorError. */
async function soldGet(ctx: ConnectorContext, window: FetchWindow, page: number, pageSize: number): Promise<JsonObject> {
  return youzanCall(ctx, YOUZAN_API, YOUZAN_VERSION, {
    page_no: page,
    page_size: pageSize,
    start_update: formatInZone(Math.floor(window.from / 1000) * 1000, 'Asia/Shanghai'),
    end_update: formatInZone(Math.floor((window.to - 1) / 1000) * 1000, 'Asia/Shanghai'),
  });
}

/**
 * One call `POST {endpoint}/{api}/{version}?access_token=…` with a JSON body; returns the
 * envelope's `data` or throws the mapped ConnectorError. Shared with 发货回传 (shipping/confirm/youzan.ts).
 */
export async function youzanCall(ctx: ConnectorContext, api: string, version: string, body: Record<string, unknown>): Promise<JsonObject> {
  const token = ctx.credentials.access_token;
  if (!token) throw emptyCredential('youzan', 'access_token');
  // Youzan reads the token from the query string only (a header or body token counts as missing).
  const url = `${(ctx.endpoint || YOUZAN_DEFAULT_ENDPOINT).replace(/\/+$/, '')}/${api}/${version}?access_token=${encodeURIComponent(token)}`;
  const answer = await httpExchange(ctx, 'Youzan', url, {
    method: 'POST',
    headers: { 'content-type': 'application/json;charset=UTF-8' },
    body: JSON.stringify(body),
  });
  if (answer.status !== 200) failForHttpStatus('Youzan', answer, ctx.now());
  const parsed = parsePlatformJson(answer.text, 'Youzan');
  if (!isObject(parsed)) throw new ConnectorError('transient', 'Youzan: answer is not a JSON object');
  if (isObject(parsed.gw_err_resp)) {
    const e = parsed.gw_err_resp;
    throwCoded(String(scalarText(e.err_code) ?? ''), String(scalarText(e.err_msg) ?? ''), String(scalarText(e.trace_id) ?? ''));
  }
  const code = scalarText(parsed.code);
  if (scalarText(parsed.success) !== 'true' || (code !== null && code !== '200')) {
    throwCoded(code ?? '', String(scalarText(parsed.message) ?? ''), String(scalarText(parsed.trace_id) ?? ''));
  }
  if (!isObject(parsed.data)) throw new ConnectorError('transient', 'Youzan: successful answer without data');
  return parsed.data;
}

function throwCoded(code: string, msg: string, traceId: string): never {
  const text = `Youzan error ${code}: ${msg}${traceId ? ` (trace_id ${traceId})` : ''}`;
  const detail = { platformCode: code };
  if (AUTH_CODES.has(code)) throw new ConnectorError('auth', `${text} — 请在有赞云重新授权店铺，更新 access_token`, detail);
  if (RATE_CODES.has(code) || saysTooFrequent(msg)) throw new ConnectorError('rate_limited', text, { ...detail, retryAfterMs: RATE_RETRY_MS });
  if (RETRY_CODES.has(code)) throw new ConnectorError('transient', text, detail);
  if (REQUEST_CODES.has(code)) throw new ConnectorError('invalid_request', text, detail);
  throw new ConnectorError('unknown', text, detail);
}
