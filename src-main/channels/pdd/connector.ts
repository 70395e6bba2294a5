import { ConnectorError, emptyCredential, type Connector, type ConnectorContext, type PageResult, type WindowLimits } from '../connector';
import { normalizeStored, toFetchedOrder } from '../fetched-order';
import type { FieldReader } from '../wire/fields';
import { DEFAULT_TIMEOUT_MS, failForHttpStatus, httpExchange } from '../wire/http';
import { isObject, parsePlatformJson, scalarText, type JsonObject } from '../wire/json';
import { afterPage, planPage } from '../wire/paging';
import { assertWindow, windowSeconds } from '../wire/window';
import { pddError } from './errors';
import { normalizePddOrder } from './normalize';
import { pddSign } from './sign';

export const PDD_DEFAULT_ENDPOINT = 'https://gw-api.pinduoduo.com/api/router';
const INCREMENT = 'pdd.order.number.list.increment.get';

/**
 * One signed POP call, posted as a JSON body (as the official C# SDK does). `token: false` for
 * pdd.pop.auth.token.create / .refresh, which are made without an access_token.
 */
export async function popCall(
  ctx: ConnectorContext, type: string, app: Record<string, string>, opts: { token?: boolean; timeoutMs?: number } = {},
): Promise<JsonObject> {
  const c = ctx.credentials;
  const withToken = opts.token !== false;
  for (const key of withToken ? (['client_id', 'client_secret', 'access_token'] as const) : (['client_id', 'client_secret'] as const)) {
    if (!c[key]) throw emptyCredential('pdd', key);
  }
  const params: Record<string, string> = {
    type, client_id: c.client_id!, ...(withToken ? { access_token: c.access_token! } : {}),
    timestamp: String(Math.floor(ctx.now() / 1000)), data_type: 'JSON', version: 'V1', ...app,
  };
  params.sign = pddSign(params, c.client_secret!);
  const answer = await httpExchange(ctx, 'pdd', ctx.endpoint || PDD_DEFAULT_ENDPOINT, {
    method: 'POST', headers: { 'content-type': 'application/json;charset=UTF-8' }, body: JSON.stringify(params),
  }, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let body: unknown;
  try {
    body = parsePlatformJson(answer.text, 'pdd');
  } catch (e) {
    failForHttpStatus('pdd', answer, ctx.now());
    throw e;
  }
  if (isObject(body) && isObject(body.error_response)) throw pddError(body.error_response);
  failForHttpStatus('pdd', answer, ctx.now());
  if (!isObject(body)) throw new ConnectorError('transient', `pdd: unexpected response ${answer.text.slice(0, 80)}`);
  return body;
}

/** end_updated_at − start_updated_at ≤ 30 min, and end ≤ PDD time − 3 min so nothing is missed. */
export const PDD_LIMITS: WindowLimits = {
  maxWindowMs: 30 * 60_000,
  endLagMs: 3 * 60_000,
  overlapMs: 2 * 60_000,
  pageSize: 100,
};

export interface PddConnectorOptions {
  timeoutMs?: number;
  limits?: Partial<WindowLimits>;
}

export function createPddConnector(opts: PddConnectorOptions = {}): Connector & { defaultEndpoint: string } {
  const limits: WindowLimits = { ...PDD_LIMITS, ...opts.limits };
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const call = (ctx: ConnectorContext, type: string, app: Record<string, string>) => popCall(ctx, type, app, { timeoutMs });

  return {
    kind: 'pdd',
    credentialFields: ['client_id', 'client_secret', 'access_token'],
    secretFields: ['client_secret', 'access_token'],
    requiredSecrets: ['client_secret'],
    limits,
    defaultEndpoint: PDD_DEFAULT_ENDPOINT,

    async testConnection(ctx) {
      const body = await call(ctx, 'pdd.mall.info.get', {});
      const info = body.mall_info_get_response;
      const name = isObject(info) ? scalarText(info.mall_name) : null;
      return name ? { shopName: name } : {};
    },

    async fetchPage(ctx, window, token): Promise<PageResult> {
      assertWindow('pdd', limits, window, ctx.now());
      const plan = planPage(token, 1);
      const { start, end } = windowSeconds(window);
      const body = await call(ctx, INCREMENT, {
        is_lucky_flag: '0', order_status: '5', refund_status: '5',
        start_updated_at: String(start), end_updated_at: String(end),
        page: String(plan.page), page_size: String(limits.pageSize), use_has_next: 'false',
      });
      const resp = body.order_sn_increment_get_response;
      if (!isObject(resp)) throw new ConnectorError('transient', 'pdd: response lacks order_sn_increment_get_response');
      const totalText = scalarText(resp.total_count);
      const total = totalText === null ? NaN : Number(totalText);
      if (!Number.isSafeInteger(total)) throw new ConnectorError('transient', `pdd: total_count is ${totalText ?? 'missing'}`);
      const list = resp.order_sn_list ?? [];
      if (!Array.isArray(list)) throw new ConnectorError('transient', 'pdd: order_sn_list is not a list');
      const outcome = afterPage(plan, total, limits.pageSize, 1);
      return {
        items: outcome.keepItems ? list.map((node) => toFetchedOrder(node, idOf, normalizePddOrder)) : [],
        next: outcome.next,
        platformTotal: total,
      };
    },

    normalize: (raw) => normalizeStored(raw, 'pdd', idOf, normalizePddOrder),
  };
}

const idOf = (r: FieldReader) => r.optId('order_sn');

export const pddConnector = createPddConnector();
