import { formatInZone } from '../../../src-shared/time';
import {
  ConnectorError, emptyCredential, type Connector, type ConnectorContext, type FetchWindow, type PageResult,
  type PageToken, type WindowLimits,
} from '../connector';
import { normalizeStored, toFetchedOrder } from '../fetched-order';
import type { FieldReader } from '../wire/fields';
import { DEFAULT_TIMEOUT_MS, failForHttpStatus, httpExchange } from '../wire/http';
import { isObject, parsePlatformJson, scalarText, type JsonObject } from '../wire/json';
import { afterPage, planPage } from '../wire/paging';
import { assertWindow, windowSeconds } from '../wire/window';
import { normalizeTaobaoTrade, TAOBAO_TRADE_FIELDS } from './normalize';
import { TOP_SIGN_METHODS, topSign, type TopSignMethod } from './sign';
import { taobaoError } from './errors';

export const TAOBAO_DEFAULT_ENDPOINT = 'https://eco.taobao.com/router/rest';
const INCREMENT = 'taobao.trades.sold.increment.get';

/**
 * taobao.trades.sold.increment.get allows end − start ≤ 1 day but "strongly suggests" ≤ 30
 * minutes; 30 minutes keeps pages few and the backwards walk short.
 */
export const TAOBAO_LIMITS: WindowLimits = {
  maxWindowMs: 30 * 60_000,
  /** a minute behind now: a trade written this second may not be searchable yet */
  endLagMs: 60_000,
  overlapMs: 2 * 60_000,
  pageSize: 100,
};

/** The TOP timestamp: "yyyy-MM-dd HH:mm:ss" in GMT+8 (the server allows 10 minutes of skew). */
export function topTimestamp(ms: number): string {
  return formatInZone(ms, 'Asia/Shanghai');
}

/**
 * One signed TOP call: system params in the query string, app params as the form body.
 * `session: false` for the calls made before there is a session (taobao.top.auth.token.create / .refresh).
 */
export async function topCall(
  ctx: ConnectorContext, method: string, app: Record<string, string>, opts: { session?: boolean; timeoutMs?: number } = {},
): Promise<JsonObject> {
  const c = ctx.credentials;
  const signMethod = (c.sign_method || 'md5') as TopSignMethod;
  if (!TOP_SIGN_METHODS.includes(signMethod)) {
    throw new ConnectorError('invalid_request', `taobao: sign_method ${JSON.stringify(c.sign_method)} is not md5, hmac or hmac-sha256`);
  }
  const withSession = opts.session !== false;
  for (const key of withSession ? (['app_key', 'app_secret', 'session'] as const) : (['app_key', 'app_secret'] as const)) {
    if (!c[key]) throw emptyCredential('taobao', key);
  }
  const system: Record<string, string> = {
    method, app_key: c.app_key!, ...(withSession ? { session: c.session! } : {}), timestamp: topTimestamp(ctx.now()),
    format: 'json', v: '2.0', sign_method: signMethod, partner_id: 'orderhub',
  };
  system.sign = topSign({ ...system, ...app }, c.app_secret!, signMethod);
  const url = new URL(ctx.endpoint || TAOBAO_DEFAULT_ENDPOINT);
  for (const [k, v] of Object.entries(system)) url.searchParams.set(k, v);
  const answer = await httpExchange(ctx, 'taobao', url.toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
    body: new URLSearchParams(app).toString(),
  }, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let body: unknown;
  try {
    body = parsePlatformJson(answer.text, 'taobao');
  } catch (e) {
    failForHttpStatus('taobao', answer, ctx.now()); // a 5xx page is not JSON: say 5xx
    throw e;
  }
  if (isObject(body) && isObject(body.error_response)) throw taobaoError(body.error_response);
  failForHttpStatus('taobao', answer, ctx.now());
  if (!isObject(body)) throw new ConnectorError('transient', `taobao: unexpected response ${answer.text.slice(0, 80)}`);
  return body;
}

export interface TaobaoConnectorOptions {
  timeoutMs?: number;
  limits?: Partial<WindowLimits>;
}

export function createTaobaoConnector(opts: TaobaoConnectorOptions = {}): Connector & { defaultEndpoint: string } {
  const limits: WindowLimits = { ...TAOBAO_LIMITS, ...opts.limits };
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const call = (ctx: ConnectorContext, method: string, app: Record<string, string>) => topCall(ctx, method, app, { timeoutMs });

  return {
    kind: 'taobao',
    credentialFields: ['app_key', 'app_secret', 'session', 'sign_method'],
    secretFields: ['app_secret', 'session'],
    requiredSecrets: ['app_secret'],
    limits,
    defaultEndpoint: TAOBAO_DEFAULT_ENDPOINT,

    async testConnection(ctx) {
      const body = await call(ctx, 'taobao.user.seller.get', { fields: 'nick,user_id' });
      const user = isObject(body.user_seller_get_response) ? body.user_seller_get_response.user : undefined;
      const nick = isObject(user) ? scalarText(user.nick) : null;
      return nick ? { shopName: nick } : {};
    },

    async fetchPage(ctx: ConnectorContext, window: FetchWindow, token: PageToken | null): Promise<PageResult> {
      assertWindow('taobao', limits, window, ctx.now());
      const plan = planPage(token, 1);
      const { start, end } = windowSeconds(window);
      const body = await call(ctx, INCREMENT, {
        fields: TAOBAO_TRADE_FIELDS,
        start_modified: topTimestamp(start * 1000),
        end_modified: topTimestamp(end * 1000),
        page_no: String(plan.page),
        page_size: String(limits.pageSize),
        use_has_next: 'false', // total_results is needed to find the last page
      });
      const resp = body.trades_sold_increment_get_response;
      if (!isObject(resp)) throw new ConnectorError('transient', 'taobao: response lacks trades_sold_increment_get_response');
      const totalText = scalarText(resp.total_results);
      const total = totalText === null ? NaN : Number(totalText);
      if (!Number.isSafeInteger(total)) throw new ConnectorError('transient', `taobao: total_results is ${totalText ?? 'missing'}`);
      const outcome = afterPage(plan, total, limits.pageSize, 1);
      // No matches: the `trades` key is absent altogether.
      const raw = isObject(resp.trades) ? resp.trades.trade : [];
      // a lone trade may come unwrapped (an XML-to-JSON artefact some clients have met)
      const list = isObject(raw) ? [raw] : raw;
      if (!Array.isArray(list)) throw new ConnectorError('transient', 'taobao: trades.trade is not a list');
      return {
        items: outcome.keepItems ? list.map((node) => toFetchedOrder(node, idOf, normalise)) : [],
        next: outcome.next,
        platformTotal: total,
      };
    },

    normalize: (raw) => normalizeStored(raw, 'taobao', idOf, normalise),
  };
}

const idOf = (r: FieldReader) => r.optId('tid');
const normalise = (r: FieldReader) => normalizeTaobaoTrade(r.obj);

export const taobaoConnector = createTaobaoConnector();
