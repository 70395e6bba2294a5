import { douyinSign } from '../../src-main/channels/douyin/sign';
import { parseWallClock } from '../../src-shared/time';
import { advanceDouyinOrder, makeDouyinOrder, renderDouyinOrder, type DouyinSimOrder } from './douyin-orders';
import { FaultPlan, simControls, startFaultySimServer, type FaultKind, type FaultOptions } from './faults';
import { OAuthBook, queryOf, type OAuthOptions, type TokenPair } from './oauth';
import type { SimLogEntry, SimReply, SimRequest } from './sim-server';
import { DOUYIN_SHIP_METHODS, douyinShipping } from './douyin-ship';
import { ShipmentBook } from './shipments';
import { servePage, SimStore, type WirePatch } from './store';

export type { DouyinSimOrder, DouyinSimSku } from './douyin-orders';

/**
 * Douyin Shop (doudian) simulator (PLATFORMS.md §3): POST /order/searchList with app_key,
 * method, timestamp, v=2, sign_method, sign, access_token in the query and param_json as the
 * raw body; HMAC-SHA256 (or md5) sign over the body exactly as received; envelope
 * {code:10000,msg,sub_code,sub_msg,log_id,data} with the platform's base error codes
 * (40003 isv.signature-invalid / isv.access-token-expired / isv.timestamp-invalid, 60000 限流, and on
 * request a 50002 rate limit as an isp.* sub-code or in words, or an undocumented code 88001).
 * Serves order.searchList: update_time filter in seconds, page from 0, size ≤ 100, newest first.
 * Assumptions where doudian publishes nothing: timestamps more than 10 minutes off and
 * update_time spans over 24 hours are refused.
 * 授权 (§10.3): /token/create with grant_type authorization_self (a self-use app: shop_id must be the
 * shop's) or authorization_code (a tool app's code, from GET /authorize?service_id&state, which redirects
 * to the callback registered for the service); /token/refresh answers with the same pair more than an
 * hour before expiry, a new pair inside the last hour or after expiry. 30001 dop.authorization-closed
 * once the seller cancels; 50001 dop.token-generate-failed:… for bad codes and dead refresh tokens.
 * 发货回传 (§9.3): order.logisticsCompanyList, order.logisticsAdd and order.orderDetail (douyin-ship.ts),
 * recorded into `shipments`; rate limits and transport faults apply to logisticsAdd too.
 */
export interface DouyinSimOptions {
  appKey?: string;
  appSecret?: string;
  accessToken?: string;
  shopId?: string;
  now?: () => number;
  seed?: number;
  oauth?: OAuthOptions;
  /** The callback registered for the tool app's service (where /authorize sends the browser). */
  registeredCallback?: string;
  serviceId?: string;
}

export interface DouyinSim {
  /** Base URL (the connector appends /order/searchList). */
  url: string;
  credentials: { app_key: string; app_secret: string; access_token: string; shop_id: string };
  store: SimStore<DouyinSimOrder>;
  requests: SimLogEntry[];
  searchRequests(): SimLogEntry[];
  misbehave(kind: FaultKind, opts?: FaultOptions): void;
  clearFaults(kind?: FaultKind): void;
  /** From now on the access_token is expired (40003 isv.access-token-expired). */
  expireToken(): void;
  /** Edits one order's wire form before it is served (malformed fields for quarantine tests). */
  corrupt(id: string, patch: (wire: Record<string, any>) => void): void;
  oauth: OAuthBook;
  /** Shipments the shop recorded (发货回传). */
  shipments: ShipmentBook;
  /** The seller shipped the order in 抖店 by hand, with this number. */
  shipInBackOffice(id: string, trackingNo: string): void;
  /** The shop's carrier list (order.logisticsCompanyList) without this company, as a shop that never enabled it. */
  unlistCompany(code: string): void;
  stop(): Promise<void>;
}

const SEARCH = 'order.searchList';
const TOKEN_METHODS = new Set(['token.create', 'token.refresh']);
const HOUR = 3600_000;

export async function startDouyinSim(opts: DouyinSimOptions = {}): Promise<DouyinSim> {
  const now = opts.now ?? Date.now;
  const appKey = opts.appKey ?? '7152837461928374651';
  const appSecret = opts.appSecret ?? 'sim-douyin-secret-a1b2c3d4e5f6a7b8';
  const accessToken = opts.accessToken ?? 'e3b0c442-98fc-1c14-9afb-f4c8996fb924';
  const shopId = opts.shopId ?? '48291037';
  let tokenValid = true;
  const faults = new FaultPlan(opts.seed ?? 13);
  const store = new SimStore<DouyinSimOrder>(makeDouyinOrder(shopId), advanceDouyinOrder, now);
  const patches = new Map<string, WirePatch>();
  let logNo = 0;
  const oauth = new OAuthBook(now, opts.oauth);
  const shipments = new ShipmentBook();

  const envelope = (code: number, msg: string, subCode = '', subMsg = '', data?: unknown, fault?: string): SimReply & { fault?: string } => {
    logNo += 1;
    const body: Record<string, unknown> = { code, msg, sub_code: subCode, sub_msg: subMsg, log_id: `${now()}${String(logNo).padStart(6, '0')}` };
    if (data !== undefined) body.data = data;
    return { body: JSON.stringify(body), fault };
  };
  const invalid = (sub: string, subMsg: string) => envelope(40003, '非法的参数（平台校验）', sub, subMsg);

  const ship = douyinShipping(store, shipments, now, (...a) => envelope(...a));

  async function handle(req: SimRequest): Promise<SimReply & { fault?: string }> {
    if (req.path === '/authorize') return authorizePage(req);
    const q = Object.fromEntries(req.query);
    req.params = { ...q, param_json: req.body };
    req.api = q.method;
    if (!q.method || req.path !== `/${q.method.replace(/\./g, '/')}`) return envelope(70000, '接口服务已下线', 'isp.api-service-off', 'API不存在或API已下线');
    if (q.method !== SEARCH && !TOKEN_METHODS.has(q.method) && !DOUYIN_SHIP_METHODS.has(q.method)) return envelope(70000, '接口服务已下线', 'isp.api-service-off', 'API不存在或API已下线');
    if (!q.app_key) return envelope(40001, '缺少必选参数（平台校验）', 'isv.app-id-missing', '认证失败，app_key不存在');
    if (q.app_key !== appKey) return invalid('isv.app-id-invalid', '认证失败，app_key格式不正确，应为19位纯数字');
    if (!q.sign) return envelope(40001, '缺少必选参数（平台校验）', 'isv.signature-missing', '获取签名失败，请根据文档确保参数拼装正确');
    const ts = q.timestamp && /^\d{10}$/.test(q.timestamp) ? Number(q.timestamp) * 1000 : parseWallClock(q.timestamp ?? '', 480);
    if (ts === null) return invalid('isv.timestamp-format-error', '时间戳格式错误');
    if (Math.abs(ts - now()) > 10 * 60_000) return invalid('isv.timestamp-invalid', '时间戳不合法');
    const method = q.sign_method === 'md5' ? 'md5' : 'hmac-sha256';
    const expected = douyinSign({ appKey: q.app_key, method: q.method, paramJson: req.body, timestamp: q.timestamp!, v: q.v ?? '2' }, appSecret, method);
    if (q.sign !== expected) return invalid('isv.signature-invalid', '签名校验失败');
    if (TOKEN_METHODS.has(q.method)) return tokenCall(q.method, req.body);
    if (!q.access_token) return envelope(40001, '缺少必选参数（平台校验）', 'isv.access-token-missing', '认证失败，access_token不能为空');
    const issued = oauth.state(q.access_token);
    if (issued === 'expired') return invalid('isv.access-token-expired', 'access_token已过期');
    if (issued === 'unknown' && q.access_token !== accessToken) return invalid('isv.access-token-no-existed', 'access_token不存在，请使用最新的access_token访问');
    if (issued === 'unknown' && !tokenValid) return invalid('isv.access-token-expired', 'access_token已过期');
    const limited = faults.take('rate_limit');
    if (limited) return rateLimit(limited.variant);
    if (faults.take('unknown_error')) return envelope(88001, '未知错误', 'isv.unknown-error', '', undefined, 'unknown_error');
    let param: Record<string, unknown>;
    try {
      param = JSON.parse(req.body || '{}') as Record<string, unknown>;
    } catch {
      return invalid('isv.parameter-format-invalid', '业务参数json解析失败');
    }
    if (DOUYIN_SHIP_METHODS.has(q.method)) return ship.handle(q.method, param);
    return search(param);
  }

  /**
   * Doudian says "too frequent" in more than one shape: the gateway's 60000, and a 50002
   * business failure whose sub-code is the platform's own (isp.*) or whose words say so.
   */
  function rateLimit(variant = 'gateway'): SimReply & { fault?: string } {
    if (variant === 'business_isp') return envelope(50002, '业务处理失败', 'isp.service-busy:order.searchList', '服务繁忙，请稍后重试', undefined, 'rate_limit');
    if (variant === 'business_words') return envelope(50002, '业务处理失败', 'isv.business-failed:10017', '请求过于频繁，请稍后再试', undefined, 'rate_limit');
    return envelope(60000, '触发限流，请稍后重试', 'isv.api-flow-limited', '触发限流，请稍后重试', undefined, 'rate_limit');
  }

  /** A tool app's authorisation in the service market: back to the service's registered callback with a code. */
  function authorizePage(req: SimRequest): SimReply {
    const q = queryOf(req);
    if (!opts.registeredCallback) return { status: 400, body: '<html>no callback registered for this service</html>', headers: { 'content-type': 'text/html' } };
    if (q.service_id !== (opts.serviceId ?? '7000001')) return { status: 400, body: '<html>unknown service_id</html>', headers: { 'content-type': 'text/html' } };
    return oauth.approve(opts.registeredCallback, q.state, q, { shop_id: shopId });
  }

  function tokenCall(method: string, body: string): SimReply & { fault?: string } {
    let p: Record<string, unknown>;
    try {
      p = JSON.parse(body || '{}') as Record<string, unknown>;
    } catch {
      return invalid('isv.parameter-format-invalid', '业务参数json解析失败');
    }
    const failed = (why: string, msg: string) => envelope(50001, '生成token失败', `dop.token-generate-failed:${why}`, msg);
    const closed = () => envelope(30001, '授权不存在或已关闭', 'dop.authorization-closed', '店铺已取消授权');
    let pair: TokenPair | null;
    if (method === 'token.create') {
      if (p.grant_type === 'authorization_self') {
        if (String(p.shop_id ?? '') !== shopId) return envelope(30001, '授权不存在', 'dop.authorization-no-existed', `店铺 ${String(p.shop_id)} 未授权该应用`);
        pair = oauth.issue('authorization_self');
      } else if (p.grant_type === 'authorization_code') {
        const r = oauth.redeem(typeof p.code === 'string' ? p.code : undefined);
        if (!r.ok) return failed(r.why === 'expired' ? 'code-expired' : 'code-invalid', 'code无效或已过期');
        pair = oauth.issue('authorization_code');
      } else return failed('grant-type-invalid', 'grant_type不合法');
      if (!pair) return closed();
    } else {
      if (p.grant_type !== 'refresh_token') return failed('grant-type-invalid', 'grant_type不合法');
      const rt = typeof p.refresh_token === 'string' ? p.refresh_token : undefined;
      const old = oauth.pairOf(rt);
      // More than an hour before expiry the platform answers with the same pair.
      if (old && now() < old.accessExpiresAt - HOUR && oauth.state(old.access) === 'valid') pair = old;
      else {
        const r = oauth.refresh(rt);
        if (!r.ok) return r.why === 'revoked' ? closed() : failed(r.why === 'expired' ? 'token-expired' : 'token-invalid', 'refresh_token无效或已过期');
        pair = r.pair;
      }
    }
    return envelope(10000, 'success', '', '', {
      access_token: pair.access, expires_in: Math.round((pair.accessExpiresAt - now()) / 1000), refresh_token: pair.refresh,
      scope: 'SCOPE', shop_id: shopId, shop_name: '模拟抖音小店', authority_id: shopId, auth_subject_type: 'MiniApp',
    });
  }

  function search(p: Record<string, unknown>): SimReply & { fault?: string } {
    const bad = (field: string, why: string) => envelope(40004, '非法的参数（业务校验）', `isv.business-failed:${field}`, why);
    const page = p.page === undefined ? 0 : Number(p.page);
    const size = p.size === undefined ? 20 : Number(p.size);
    if (!Number.isInteger(page) || page < 0) return bad('page', 'page从0开始');
    if (!Number.isInteger(size) || size < 1 || size > 100) return bad('size', 'size需在1-100之间');
    const field = p.order_by === 'update_time' ? 'update_time' : 'create_time';
    const start = p[`${field}_start`] === undefined ? 0 : Number(p[`${field}_start`]) * 1000;
    const end = p[`${field}_end`] === undefined ? now() : Number(p[`${field}_end`]) * 1000;
    if (end < start) return bad(`${field}_end`, '结束时间不能早于开始时间');
    if (end - start > 24 * 3600_000) return bad(`${field}_start`, '查询时间跨度不能超过24小时');
    const byField = field === 'update_time'
      ? store.modifiedBetween(start, end)
      : store.all().filter((o) => o.createdAt >= start && o.createdAt <= end).sort((a, b) => b.createdAt - a.createdAt);
    const list = p.order_asc === true ? [...byField].reverse() : byField;
    const served = servePage({ store, faults, patches, now }, list, page, size, renderDouyinOrder);
    return envelope(10000, 'success', '', '', { page, size, total: list.length, shop_order_list: served.wires }, served.fault);
  }

  const server = await startFaultySimServer(handle, faults, (req) => req.api === SEARCH || req.api === 'order.logisticsAdd', now);

  return {
    url: server.url,
    credentials: { app_key: appKey, app_secret: appSecret, access_token: accessToken, shop_id: shopId },
    store,
    ...simControls(faults, patches, server),
    searchRequests: () => server.requests.filter((r) => r.api === SEARCH),
    oauth,
    shipments,
    shipInBackOffice: ship.shipInBackOffice,
    unlistCompany: ship.unlistCompany,
    expireToken: () => {
      tokenValid = false;
    },
  };
}
