import { stringify } from 'lossless-json';
import { jdSign } from '../../src-main/channels/jd/sign';
import { parseWallClock } from '../../src-shared/time';
import { FaultPlan, simControls, startFaultySimServer, type FaultKind, type FaultOptions } from './faults';
import { OAuthBook, queryOf, type OAuthOptions } from './oauth';
import { advanceJdOrder, makeJdOrder, renderJdOrder, type JdSimOrder } from './jd-orders';
import { readParams, type SimLogEntry, type SimReply, type SimRequest } from './sim-server';
import { JD_SHIP_METHODS, jdShipping } from './jd-ship';
import { ShipmentBook } from './shipments';
import { servePage, SimStore, type WirePatch } from './store';

/**
 * JD JOS gateway simulator for jingdong.pop.order.search, at `${url}/routerjson`.
 * Checks what JOS checks, in its order (method, version, timestamp within 6 minutes, sign,
 * access_token) and answers with its `error_response` codes; enforces start_date..end_date
 * ≤ 1 month and page_size ≤ 50 with an apiResult failure; serves orders by modified time
 * (dateType 0), newest first for sortType 1, yuan strings and GMT+8 times.
 * 授权 (§10.4): GET /oauth2/to_login?app_key&response_type=code&redirect_uri&state&scope redirects with a
 * code; GET /oauth2/access_token and /oauth2/refresh_token take app_key and app_secret in the query and
 * answer {access_token, expires_in, refresh_token, scope, open_id, uid, time, token_type, code: 0}.
 */
export interface JdSimOptions {
  app_key?: string;
  app_secret?: string;
  access_token?: string;
  now?: () => number;
  seed?: number;
  oauth?: OAuthOptions;
}

export type { JdSimOrder, JdSimLine } from './jd-orders';

export interface JdSim {
  /** The routerjson URL to use as the connector's endpoint. */
  url: string;
  credentials: { app_key: string; app_secret: string; access_token: string };
  store: SimStore<JdSimOrder>;
  faults: FaultPlan;
  misbehave(kind: FaultKind, opts?: FaultOptions): void;
  clearFaults(kind?: FaultKind): void;
  /** From now on the access_token is invalid (error 19), as after the seller revokes it. */
  expireToken(): void;
  requests: SimLogEntry[];
  /** Only the order-search calls, with their business params decoded. */
  searchRequests(): Array<SimLogEntry & { business: Record<string, string> }>;
  /** Overlays fields on an order's wire form (e.g. a malformed price) to exercise quarantine. */
  corrupt(id: string, patch: (wire: Record<string, any>) => void): void;
  oauth: OAuthBook;
  /** Shipments the shop recorded (发货回传, jd-ship.ts). */
  shipments: ShipmentBook;
  /** The seller shipped the order in JD's back office, with this number. */
  shipInBackOffice(id: string, waybill: string): void;
  stop(): Promise<void>;
}

export const JD_SIM_MAX_WINDOW_MS = 31 * 24 * 3600_000;
export const JD_SIM_MAX_PAGE_SIZE = 50;
const CLOCK_SKEW_MS = 6 * 60_000;

const gatewayError = (code: string, zh: string, en: string): SimReply => ({
  body: JSON.stringify({ error_response: { code, zh_desc: zh, en_desc: en } }),
});

const apiFailure = (zh: string, en: string, numberCode: number): SimReply => ({
  body: JSON.stringify({
    jingdong_pop_order_search_responce: {
      code: '0',
      searchorderinfo_result: { apiResult: { success: false, chineseErrCode: zh, englishErrCode: en, numberCode }, orderTotal: 0, orderInfoList: [] },
    },
  }),
});

export async function startJdSim(opts: JdSimOptions = {}): Promise<JdSim> {
  const now = opts.now ?? Date.now;
  const credentials = {
    app_key: opts.app_key ?? 'SIMJDAPPKEY01',
    app_secret: opts.app_secret ?? 'sim-jd-secret-0123456789',
    access_token: opts.access_token ?? 'sim-jd-token-abcdef',
  };
  const store = new SimStore<JdSimOrder>(makeJdOrder, advanceJdOrder, now);
  const faults = new FaultPlan(opts.seed ?? 7);
  const patches = new Map<string, WirePatch>();
  let tokenValid = true;
  const oauth = new OAuthBook(now, opts.oauth);
  const shipments = new ShipmentBook();
  const ship = jdShipping(store, shipments, now);
  const oauthJson = (body: unknown): SimReply => ({ body: JSON.stringify(body) });

  /** JD's OAuth service (open-oauth.jd.com): the login page, and the token and refresh calls. */
  const oauthPaths = (req: SimRequest): SimReply | null => {
    const q = queryOf(req);
    if (req.path === '/oauth2/to_login') {
      if (q.app_key !== credentials.app_key || q.response_type !== 'code' || !q.redirect_uri) return { status: 400, body: '{"code":1,"msg":"invalid request"}' };
      return oauth.approve(q.redirect_uri, q.state, q);
    }
    if (req.path !== '/oauth2/access_token' && req.path !== '/oauth2/refresh_token') return null;
    req.params = q;
    req.api = req.path.slice(1);
    if (q.app_key !== credentials.app_key || q.app_secret !== credentials.app_secret) return oauthJson({ code: 401, msg: 'invalid app_key or app_secret' });
    let pair;
    if (req.path === '/oauth2/access_token') {
      if (q.grant_type !== 'authorization_code') return oauthJson({ code: 400, msg: 'unsupported grant_type' });
      const r = oauth.redeem(q.code);
      if (!r.ok) return oauthJson({ code: 402, msg: `invalid code (${r.why})` });
      pair = oauth.issue('authorization_code');
    } else {
      if (q.grant_type !== 'refresh_token') return oauthJson({ code: 400, msg: 'unsupported grant_type' });
      const r = oauth.refresh(q.refresh_token);
      if (!r.ok) return oauthJson({ code: 403, msg: `invalid refresh_token (${r.why})` });
      pair = r.pair;
    }
    if (!pair) return oauthJson({ code: 405, msg: 'authorization revoked' });
    return oauthJson({
      access_token: pair.access, expires_in: Math.round((pair.accessExpiresAt - pair.issuedAt) / 1000), refresh_token: pair.refresh,
      scope: 'snsapi_base', open_id: 'sim-open-id', uid: 'sim-uid-1', time: pair.issuedAt, token_type: 'bearer', code: 0,
    });
  };

  const handle = async (req: SimRequest): Promise<SimReply & { fault?: string }> => {
    const o = oauthPaths(req);
    if (o) return o;
    if (req.path !== '/routerjson') return { status: 404, body: '{"error":"not found"}' };
    const p = readParams(req);
    req.params = p;
    req.api = p.method;
    if (!p.method) return gatewayError('14', '缺少方法名参数', 'Missing Method');
    if (p.method !== 'jingdong.pop.order.search' && !JD_SHIP_METHODS.has(p.method)) return gatewayError('15', '不存在的方法名', 'Invalid Method');
    if (!p.v) return gatewayError('4', '缺少版本参数', 'Missing Version');
    if (p.v !== '2.0') return gatewayError('5', '不支持的版本号', 'Unsupported Version');
    if (!p.timestamp) return gatewayError('7', '缺少时间戳参数', 'Missing Timestamp');
    const ts = parseWallClock(p.timestamp, 480);
    if (ts === null || Math.abs(ts - now()) > CLOCK_SKEW_MS) return gatewayError('8', '非法的时间戳参数', 'Invalid Timestamp');
    if (!p.sign) return gatewayError('11', '缺少签名参数', 'Missing Signature');
    // An unknown app_key has no secret to verify against: JOS answers "invalid signature".
    if (p.app_key !== credentials.app_key || jdSign(p, credentials.app_secret) !== p.sign) {
      return gatewayError('12', '无效签名', 'Invalid Signature');
    }
    const issued = oauth.state(p.access_token);
    if (issued === 'expired' || (issued === 'unknown' && (p.access_token !== credentials.access_token || !tokenValid))) {
      return gatewayError('19', 'token已过期或者不存在，请重新授权', 'Invalid access_token');
    }
    if (faults.take('rate_limit')) return { ...gatewayError('2', '限制时间内调用失败次数', 'App Call Limited'), fault: 'rate_limit' };

    let business: Record<string, string>;
    try {
      business = JSON.parse(p['360buy_param_json'] ?? '') as Record<string, string>;
    } catch {
      return apiFailure('360buy_param_json格式错误', 'invalid 360buy_param_json', 10100001);
    }
    if (JD_SHIP_METHODS.has(p.method)) return ship.handle(p.method, business);
    const start = parseWallClock(String(business.start_date ?? ''), 480);
    const end = parseWallClock(String(business.end_date ?? ''), 480);
    if (start === null || end === null) return apiFailure('开始时间或结束时间格式错误', 'invalid start_date/end_date', 10100002);
    if (end < start) return apiFailure('开始时间不能大于结束时间', 'start_date after end_date', 10100003);
    if (end - start > JD_SIM_MAX_WINDOW_MS) return apiFailure('开始时间和结束时间，不得相差超过1个月', 'date range exceeds one month', 10100034);
    const page = Number(business.page ?? '1');
    const size = Number(business.page_size ?? '20');
    if (!Number.isInteger(page) || page < 1) return apiFailure('page参数错误', 'invalid page', 10100004);
    if (!Number.isInteger(size) || size < 1 || size > JD_SIM_MAX_PAGE_SIZE) return apiFailure('每页的条数最大为50', 'page_size must be 1..50', 10100005);
    if (String(business.dateType ?? '0') === '1') return apiFailure('模拟器只支持按修改时间查询', 'simulator serves dateType 0 only', 10100006);
    if (!business.optional_fields) return apiFailure('optional_fields不能为空', 'optional_fields required', 10100007);

    const states = new Set(String(business.order_state ?? '').split(',').filter(Boolean));
    const fields = new Set(String(business.optional_fields).split(','));
    let list = store.modifiedBetween(start, end + 999).filter((o) => states.size === 0 || states.has(o.state));
    if (String(business.sortType ?? '0') !== '1') list = list.reverse();
    const total = list.length;
    const served = servePage({ store, faults, patches, now }, list, page - 1, size, (o) => renderJdOrder(o, fields) as Record<string, any>);
    const body = stringify({
      jingdong_pop_order_search_responce: {
        code: '0',
        searchorderinfo_result: {
          apiResult: { success: true, englishErrCode: 'success', chineseErrCode: '成功', numberCode: 10100000 },
          orderTotal: total,
          orderInfoList: served.wires,
        },
      },
    }) ?? '';
    return { body, fault: served.fault };
  };

  const server = await startFaultySimServer(handle, faults, (req) => req.path === '/routerjson' && req.api !== 'jingdong.pop.order.get', now);
  return {
    url: `${server.url}/routerjson`,
    credentials,
    store,
    faults,
    oauth,
    shipments,
    shipInBackOffice: ship.shipInBackOffice,
    ...simControls(faults, patches, server),
    expireToken: () => {
      tokenValid = false;
    },
    searchRequests: () =>
      server.requests
        .filter((r) => r.params.method === 'jingdong.pop.order.search' && r.params['360buy_param_json'])
        .map((r) => ({ ...r, business: safeJson(r.params['360buy_param_json']!) })),
  };
}

function safeJson(text: string): Record<string, string> {
  try {
    return JSON.parse(text) as Record<string, string>;
  } catch {
    return {};
  }
}
