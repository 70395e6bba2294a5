import { stringify } from 'lossless-json';
import { parseWallClock } from '../../src-shared/time';
import { FaultPlan, simControls, startFaultySimServer, type FaultKind, type FaultOptions } from './faults';
import { OAuthBook, type OAuthOptions } from './oauth';
import type { SimLogEntry, SimReply, SimRequest } from './sim-server';
import { ShipmentBook } from './shipments';
import { servePage, SimStore, type WirePatch } from './store';
import { YOUZAN_SHIP_APIS, youzanShipping } from './youzan-ship';
import { advanceYouzanOrder, makeYouzanOrder, renderYouzanOrder, type YouzanSimOrder } from './youzan-orders';

export type { YouzanSimOrder, YouzanSimLine } from './youzan-orders';

/**
 * Youzan cloud (有赞云) gateway simulator for youzan.trades.sold.get 4.0.x:
 * POST /api/{api}/{version}?access_token=… with a JSON body. Gateway errors come as
 * {"gw_err_resp":{trace_id,err_code,err_msg}} with HTTP 200 (4001 bad path, 4005 unknown API,
 * 4007 wrong content type, 4201 no token — a token in a header or the body does not count —,
 * 4202 expired, 4203 unknown token, 4101 rate limited); business errors as
 * {"success":false,"code":…,"message":…}. Serves orders by update_time, page_size ≤ 100,
 * total_results, yuan (numbers in pay_info, strings on lines), GMT+8 times.
 * 授权 (§10.5): POST /auth/token (JSON) with client_id, client_secret and authorize_type `silent`
 * {grant_id, refresh} (a self-use app) or `refresh_token` {refresh_token}; data {access_token, expires
 * (epoch ms), scope, refresh_token?, authority_id}; a refusal is {success:false, code, message}.
 */
export interface YouzanSimOptions {
  access_token?: string;
  now?: () => number;
  seed?: number;
  client_id?: string;
  client_secret?: string;
  /** The shop (kdt_id) the self-use app may act for. */
  grant_id?: string;
  oauth?: OAuthOptions;
}

export interface YouzanSim {
  /** The API base (…/api) to use as the connector's endpoint. */
  url: string;
  credentials: { access_token: string };
  /** What a self-use app's 授权 needs. */
  app: { client_id: string; client_secret: string; grant_id: string };
  oauth: OAuthBook;
  store: SimStore<YouzanSimOrder>;
  faults: FaultPlan;
  requests: SimLogEntry[];
  /** Only the trades.sold.get calls, with their JSON params. */
  soldRequests(): SimLogEntry[];
  misbehave(kind: FaultKind, opts?: FaultOptions): void;
  clearFaults(kind?: FaultKind): void;
  /** From now on the token is expired (4202). */
  expireToken(): void;
  corrupt(id: string, patch: (wire: Record<string, any>) => void): void;
  /** Shipments the shop recorded (发货回传, youzan-ship.ts). */
  shipments: ShipmentBook;
  /** The seller shipped the trade in 有赞 by hand, with this number. */
  shipInBackOffice(id: string, trackingNo: string): void;
  stop(): Promise<void>;
}

const API = 'youzan.trades.sold.get';
const VERSIONS = new Set(['4.0.0', '4.0.1', '4.0.2', '4.0.3', '4.0.4']);
const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export async function startYouzanSim(opts: YouzanSimOptions = {}): Promise<YouzanSim> {
  const now = opts.now ?? Date.now;
  const token = opts.access_token ?? 'sim-youzan-token-7f3a9c';
  let tokenExpired = false;
  const store = new SimStore<YouzanSimOrder>(makeYouzanOrder, advanceYouzanOrder, now);
  const faults = new FaultPlan(opts.seed ?? 7);
  const patches = new Map<string, WirePatch>();
  let trace = 0;
  const app = { client_id: opts.client_id ?? 'sim-youzan-client-0a1b', client_secret: opts.client_secret ?? 'sim-youzan-secret-9f8e7d', grant_id: opts.grant_id ?? '44012345' };
  const oauth = new OAuthBook(now, opts.oauth);

  const gw = (code: number, msg: string, fault?: string): SimReply & { fault?: string } => ({
    body: JSON.stringify({ gw_err_resp: { trace_id: `yz7-sim-${++trace}`, err_msg: msg, err_code: code } }),
    fault,
  });
  const biz = (code: number, message: string): SimReply => ({
    body: JSON.stringify({ code, data: null, success: false, message, request_id: null }),
  });
  const shipments = new ShipmentBook();
  const ship = youzanShipping(store, shipments, now, biz);

  /** POST /auth/token: a self-use app's silent grant, or a refresh. */
  function tokenCall(req: SimRequest): SimReply {
    req.api = 'auth/token';
    let p: Record<string, unknown>;
    try {
      p = JSON.parse(req.body || '{}') as Record<string, unknown>;
    } catch {
      return biz(40001, '参数格式错误');
    }
    req.params = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v)]));
    if (p.client_id !== app.client_id || p.client_secret !== app.client_secret) return biz(40002, 'client_id 或 client_secret 错误');
    let pair;
    if (p.authorize_type === 'silent') {
      if (String(p.grant_id ?? '') !== app.grant_id) return biz(40003, '该店铺未授权此应用');
      pair = oauth.issue('silent');
      if (!pair) return biz(40005, '授权已失效');
    } else if (p.authorize_type === 'refresh_token') {
      const r = oauth.refresh(typeof p.refresh_token === 'string' ? p.refresh_token : undefined);
      if (!r.ok) return biz(40004, 'refresh_token 无效或已过期');
      pair = r.pair;
    } else return biz(40001, `不支持的 authorize_type: ${String(p.authorize_type)}`);
    const data: Record<string, unknown> = { access_token: pair.access, expires: pair.accessExpiresAt, scope: 'trade', authority_id: app.grant_id };
    if (p.refresh === true || p.authorize_type === 'refresh_token') data.refresh_token = pair.refresh;
    return { body: JSON.stringify({ success: true, code: 200, message: null, data }) };
  }

  async function handle(req: SimRequest): Promise<SimReply & { fault?: string }> {
    if (req.path === '/auth/token' && req.method === 'POST') return tokenCall(req);
    const m = /^\/api\/([a-z0-9_.]+)\/(\d+\.\d+\.\d+)$/.exec(req.path);
    if (!m) return gw(4001, '非法请求地址');
    req.api = m[1];
    const shipApi = YOUZAN_SHIP_APIS[m[1]!] === m[2];
    if (!shipApi && (m[1] !== API || !VERSIONS.has(m[2]!))) return gw(4005, '非法的API');
    const type = String(req.headers['content-type'] ?? '');
    if (req.method !== 'POST' || !type.includes('application/json')) return gw(4007, `非法的请求姿势，httpMethod:${req.method}, contentType:${type}`);
    const t = req.query.get('access_token');
    if (!t) return gw(4201, '非法的请求凭证');
    const issued = oauth.state(t);
    if (issued === 'expired') return gw(4202, '请求凭证过期');
    if (issued === 'unknown' && t !== token) return gw(4203, 'Token 不存在');
    if (issued === 'unknown' && tokenExpired) return gw(4202, '请求凭证过期');
    let p: Record<string, unknown>;
    try {
      p = JSON.parse(req.body || '{}') as Record<string, unknown>;
    } catch {
      return gw(4004, '非法的Content');
    }
    req.params = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v)]));
    if (faults.take('rate_limit')) return gw(4101, '访问频繁', 'rate_limit');
    if (shipApi) return ship.handle(m[1]!, p);

    const pageNo = Number(p.page_no ?? 1);
    const pageSize = Number(p.page_size ?? 20);
    if (!Number.isInteger(pageNo) || pageNo < 1) return biz(5000, 'page_no 必须大于 0');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) return biz(5000, '每页最多显示100条数据');
    for (const k of ['start_update', 'end_update'] as const) {
      // A date without a time of day fails at the gateway as a type error (FAQ 33694).
      if (p[k] !== undefined && !TIME.test(String(p[k]))) return gw(5001, '系统异常');
    }
    const start = p.start_update ? parseWallClock(String(p.start_update), 480)! : 0;
    const end = p.end_update ? parseWallClock(String(p.end_update), 480)! : now();
    if (start > end) return biz(5000, '开始时间不能大于结束时间');
    if (end > now() + 7 * 24 * 3600_000) return biz(106000003, '结束时间不能超过当前日期后7天');

    const list = store.modifiedBetween(start, end + 999);
    const served = servePage({ store, faults, patches, now }, list, pageNo - 1, pageSize, (o) => renderYouzanOrder(o) as Record<string, any>);
    const body = stringify({
      trace_id: `yz7-sim-${++trace}`, code: 200, success: true, message: 'successful',
      data: { total_results: list.length, full_order_info_list: served.wires },
    }) ?? '';
    return { body, fault: served.fault };
  }

  const server = await startFaultySimServer(handle, faults, (req) => req.api === API || req.api === 'youzan.logistics.online.confirm', now);

  return {
    url: `${server.url}/api`,
    credentials: { access_token: token },
    app,
    oauth,
    store,
    faults,
    ...simControls(faults, patches, server),
    shipments,
    shipInBackOffice: ship.shipInBackOffice,
    soldRequests: () => server.requests.filter((r) => r.api === API),
    expireToken: () => {
      tokenExpired = true;
    },
  };
}
