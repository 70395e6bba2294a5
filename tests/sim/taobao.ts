import { stringify } from 'lossless-json';
import { topSign, TOP_SIGN_METHODS, type TopSignMethod } from '../../src-main/channels/taobao/sign';
import { parseWallClock } from '../../src-shared/time';
import { FaultPlan, simControls, startFaultySimServer, type FaultKind, type FaultOptions } from './faults';
import { OAuthBook, queryOf, type OAuthOptions } from './oauth';
import { readParams, type SimLogEntry, type SimReply, type SimRequest } from './sim-server';
import { ShipmentBook } from './shipments';
import { servePage, SimStore, type WirePatch } from './store';
import { advanceTaobaoTrade, makeTaobaoTrade, renderTaobaoTrade, type TaobaoSimTrade } from './taobao-orders';

export type { TaobaoSimTrade, TaobaoSimLine } from './taobao-orders';

/**
 * Taobao TOP simulator (PLATFORMS.md §1): POST /router/rest, system params in the query and
 * app params in a form body (GET or either place also accepted), md5 / hmac / hmac-sha256
 * signatures checked exactly, timestamps "yyyy-MM-dd HH:mm:ss" GMT+8 or epoch ms within 10
 * minutes, errors as {"error_response":{code,msg,sub_code,sub_msg}} with HTTP 200; rate limits as
 * code 7 (default), 8 (variant frequency) or 15 isp.call-limited (variant isp); unknown_error is code 99.
 * Serves taobao.trades.sold.increment.get (window ≤ 1 day within the last 3 months, page_size ≤ 100, newest first,
 * total_results or has_next) and taobao.user.seller.get.
 * 授权 (§10.1): GET /authorize?response_type=code&client_id&redirect_uri&state&view approves at once and
 * redirects with a code; taobao.top.auth.token.create {code} and taobao.top.auth.token.refresh
 * {refresh_token} — signed, without a session — answer token_result as a JSON string. Issued
 * sessions work for the order calls until they expire on the simulator's clock.
 */
export interface TaobaoSimOptions {
  appKey?: string;
  appSecret?: string;
  session?: string;
  sellerNick?: string;
  now?: () => number;
  seed?: number;
  /** Lifetimes of the tokens 授权 issues; refreshLifetimeS 0 = an app type that cannot refresh. */
  oauth?: OAuthOptions;
}

export interface TaobaoSim {
  /** The router URL to use as the connector's endpoint. */
  url: string;
  /** Credentials the simulator accepts, by Taobao's names. */
  credentials: { app_key: string; app_secret: string; session: string; sign_method: TopSignMethod };
  store: SimStore<TaobaoSimTrade>;
  requests: SimLogEntry[];
  /** Requests for trades.sold.increment.get only, with their params. */
  incrementRequests(): SimLogEntry[];
  misbehave(kind: FaultKind, opts?: FaultOptions): void;
  clearFaults(kind?: FaultKind): void;
  /** From now on the session key is expired/invalid (error 27). */
  expireSession(): void;
  /** Same as expireSession, under the name the other simulators use. */
  expireToken(): void;
  /** Edits one trade's wire form before it is served (malformed fields for quarantine tests). */
  corrupt(id: string, patch: (wire: Record<string, any>) => void): void;
  /** Codes, issued tokens and their lifetimes (授权). */
  oauth: OAuthBook;
  /** Shipments the shop recorded (发货回传). */
  shipments: ShipmentBook;
  stop(): Promise<void>;
}

const TOKEN_CREATE = 'taobao.top.auth.token.create';
const TOKEN_REFRESH = 'taobao.top.auth.token.refresh';
const INCREMENT = 'taobao.trades.sold.increment.get';
const SEND = 'taobao.logistics.offline.send';
const LOGISTICS_GET = 'taobao.logistics.orders.get';
/** taobao.logistics.companies.get's codes for the carriers the simulator knows (§9.7). */
const COMPANIES: Record<string, string> = { SF: '顺丰速运', ZTO: '中通快递', YTO: '圆通速递', YUNDA: '韵达快递', STO: '申通快递', EMS: 'EMS', POST: '中国邮政', ZJS: '宅急送', HTKY: '百世快递' };
const DAY_MS = 24 * 3600_000;

export async function startTaobaoSim(opts: TaobaoSimOptions = {}): Promise<TaobaoSim> {
  const now = opts.now ?? Date.now;
  const appKey = opts.appKey ?? '12345678';
  const appSecret = opts.appSecret ?? 'sim-taobao-secret-0123456789abcdef';
  const session = opts.session ?? '6100a1b2c3d4e5f60718293a4b5c6d7e8f9';
  let sessionValid = true;
  const faults = new FaultPlan(opts.seed ?? 7);
  const store = new SimStore<TaobaoSimTrade>(makeTaobaoTrade, advanceTaobaoTrade, now);
  const patches = new Map<string, WirePatch>();
  const oauth = new OAuthBook(now, opts.oauth);
  const shipments = new ShipmentBook();

  const reply = (body: unknown, fault?: string): SimReply & { fault?: string } => ({ body: stringify(body) ?? '', fault });
  const error = (code: number, msg: string, subCode?: string, subMsg?: string, fault?: string) =>
    reply({ error_response: { code, msg, sub_code: subCode, sub_msg: subMsg, request_id: requestId() } }, fault);

  async function handle(req: SimRequest): Promise<SimReply & { fault?: string }> {
    if (req.path === '/authorize') return authorizePage(req);
    if (req.path !== '/router/rest') return { status: 404, body: '<html>404 Not Found</html>' };
    const p = readParams(req);
    req.params = p;
    req.api = p.method;
    if (!p.method) return error(21, 'Missing Method');
    if (![INCREMENT, SEND, LOGISTICS_GET, 'taobao.user.seller.get', TOKEN_CREATE, TOKEN_REFRESH].includes(p.method)) return error(22, 'Invalid Method');
    if (p.format && p.format !== 'json') return error(23, 'Invalid Format');
    if (!p.app_key) return error(28, 'Missing App Key');
    if (p.app_key !== appKey) return error(29, 'Invalid App Key');
    if (!p.timestamp) return error(30, 'Missing Timestamp');
    const ts = /^\d{13}$/.test(p.timestamp) ? Number(p.timestamp) : parseWallClock(p.timestamp, 480);
    if (ts === null || Math.abs(ts - now()) > 10 * 60_000) {
      return error(31, 'Invalid Timestamp', 'isv.invalid-timestamp', '淘宝API服务端允许客户端请求最大时间误差为10分钟');
    }
    if (!p.v) return error(32, 'Missing Version');
    if (p.v !== '2.0') return error(34, 'Unsupported Version');
    if (!p.sign) return error(24, 'Missing Signature');
    const method = (p.sign_method ?? 'hmac') as TopSignMethod;
    if (!TOP_SIGN_METHODS.includes(method) || topSign(p, appSecret, method) !== p.sign) {
      return error(25, 'Invalid Signature', 'isv.invalid-signature', '签名无效');
    }
    if (p.method === TOKEN_CREATE || p.method === TOKEN_REFRESH) return tokenCall(p);
    if (!p.session) return error(26, 'Missing Session');
    const issued = oauth.state(p.session);
    if (issued === 'expired') return error(27, 'Invalid session', 'session-expired', 'SessionKey已过期');
    if (issued === 'unknown' && (p.session !== session || !sessionValid)) return error(27, 'Invalid session', 'invalid-sessionkey', 'SessionKey非法');

    if (p.method === 'taobao.user.seller.get') {
      return reply({ user_seller_get_response: { user: { nick: opts.sellerNick ?? '模拟旗舰店', user_id: 2200000001 }, request_id: requestId() } });
    }
    const limited = faults.take('rate_limit');
    if (limited?.variant === 'frequency') return error(8, 'App Call Exceeds Limited Frequency', undefined, undefined, 'rate_limit');
    if (limited?.variant === 'isp') return error(15, 'Remote service error', 'isp.call-limited', '调用频率超限，请稍后再试', 'rate_limit');
    if (limited) {
      const ban = limited.banSeconds ?? 1;
      return error(7, 'App Call Limited', 'accesscontrol.limited-by-api-access-count', `This ban will last for ${ban} more seconds`, 'rate_limit');
    }
    if (faults.take('unknown_error')) return error(99, 'Unknown Error', undefined, undefined, 'unknown_error');
    if (p.method === SEND) return offlineSend(p);
    if (p.method === LOGISTICS_GET) return logisticsOrders(p);
    return increment(p);
  }

  const sendError = (code: string, msg: string) => error(15, 'Remote service error', `isv.logistics-offline-service-error:${code}`, msg);

  async function offlineSend(p: Record<string, string>): Promise<SimReply & { fault?: string }> {
    for (const k of ['tid', 'company_code']) {
      if (!p[k]) return error(40, 'Missing Required Arguments', `isv.missing-parameter:${k}`, `缺少必选参数:${k}`);
    }
    if (!p.out_sid) return sendError('B59', '运单号不能为空');
    const trade = store.all().find((t) => t.id === p.tid);
    if (!trade) return sendError('B01', '订单不存在');
    if (!COMPANIES[p.company_code!]) return sendError('B57', `物流公司${p.company_code}不支持自己联系物流`);
    const refused = shipments.refuse.get(trade.id);
    if (refused) return sendError('B04', refused);
    const split = p.is_split === '1';
    const subs = split ? (p.sub_tid ?? '').split(',').filter(Boolean) : null;
    if (split && (!subs!.length || subs!.some((oid) => !trade.lines.some((l) => l.oid === oid)))) return sendError('CD22', '子订单参数错误');
    const open = trade.status === 'WAIT_SELLER_SEND_GOODS' || (split && trade.status === 'SELLER_CONSIGNED_PART');
    if (!open) return sendError('B04', '已经发货或者已关闭，不能重复发货');
    if (shipments.usedBy(p.out_sid, trade.id)) return sendError('B60', `运单号${p.out_sid}已被使用`);
    const shippedLines = new Set(shipments.of(trade.id).flatMap((x) => x.lines ?? trade.lines.map((l) => l.oid)));
    if (subs?.some((oid) => shippedLines.has(oid))) return sendError('B04', '子订单已经发货，不能重复发货');
    store.update(trade.id, (t) => {
      const done = new Set([...shippedLines, ...(subs ?? t.lines.map((l) => l.oid))]);
      t.status = t.lines.every((l) => done.has(l.oid)) ? 'WAIT_BUYER_CONFIRM_GOODS' : 'SELLER_CONSIGNED_PART';
      t.consignTime = now();
      for (const l of t.lines) if (!subs || subs.includes(l.oid)) Object.assign(l, { logisticsCompany: COMPANIES[p.company_code!], invoiceNo: p.out_sid });
    });
    await shipments.record({ orderId: trade.id, carrierCode: p.company_code!, trackingNo: p.out_sid, lines: subs }, now());
    return reply({ logistics_offline_send_response: { shipping: { is_success: true }, request_id: requestId() } });
  }

  function logisticsOrders(p: Record<string, string>): SimReply & { fault?: string } {
    if (!p.fields) return error(40, 'Missing Required Arguments', 'isv.missing-parameter:fields', '缺少必选参数:fields');
    const list = shipments.of(p.tid ?? '').map((x) => ({ tid: x.orderId, out_sid: x.trackingNo, company_name: COMPANIES[x.carrierCode], status: 'CREATED' }));
    return reply({ logistics_orders_get_response: { total_results: list.length, shippings: list.length ? { shipping: list } : undefined, request_id: requestId() } });
  }

  /** The seller's approval page on oauth.taobao.com: checks what Taobao checks, then redirects with a code. */
  function authorizePage(req: SimRequest): SimReply {
    const q = queryOf(req);
    if (q.response_type !== 'code') return { status: 400, body: '<html>response_type must be code</html>', headers: { 'content-type': 'text/html' } };
    if (q.client_id !== appKey) return { status: 400, body: '<html>invalid client_id</html>', headers: { 'content-type': 'text/html' } };
    if (!q.redirect_uri || !/^https?:\/\//.test(q.redirect_uri)) return { status: 400, body: '<html>invalid redirect_uri</html>', headers: { 'content-type': 'text/html' } };
    return oauth.approve(q.redirect_uri, q.state, q);
  }

  /** token.create / token.refresh: token_result is a JSON string inside the response, as TOP sends it. */
  function tokenCall(p: Record<string, string>): SimReply & { fault?: string } {
    const key = p.method === TOKEN_CREATE ? 'top_auth_token_create_response' : 'top_auth_token_refresh_response';
    let pair;
    if (p.method === TOKEN_CREATE) {
      const r = oauth.redeem(p.code);
      if (!r.ok) return error(15, 'Remote service error', `isv.code-${r.why}`, r.why === 'missing' ? '缺少授权码' : '授权码无效或已过期');
      pair = oauth.issue('authorization_code');
      if (!pair) return error(15, 'Remote service error', 'isv.auth-closed', '授权已关闭');
    } else {
      const r = oauth.refresh(p.refresh_token);
      if (!r.ok) return error(15, 'Remote service error', `isv.refresh-token-${r.why}`, r.why === 'not_refreshable' ? '该应用类型不支持刷新' : 'refresh_token无效或已过期');
      pair = r.pair;
    }
    const expiresIn = Math.round((pair.accessExpiresAt - now()) / 1000);
    const reExpiresIn = Math.round(oauth.refreshLifetimeMs / 1000);
    const result = {
      w1_expires_in: 1800, refresh_token_valid_time: reExpiresIn ? pair.refreshExpiresAt : now(), taobao_user_nick: encodeURIComponent(opts.sellerNick ?? '模拟旗舰店'),
      re_expires_in: reExpiresIn, expire_time: pair.accessExpiresAt, token_type: 'Bearer', access_token: pair.access, taobao_open_uid: 'AAEsimOpenUid',
      w1_valid: now() + 1800_000, refresh_token: pair.refresh, w2_expires_in: 0, r1_expires_in: 1800, r2_expires_in: 0, taobao_user_id: '2200000001',
      expires_in: expiresIn,
    };
    return reply({ [key]: { token_result: JSON.stringify(result), request_id: requestId() } });
  }

  function increment(p: Record<string, string>): SimReply & { fault?: string } {
    for (const k of ['fields', 'start_modified', 'end_modified']) {
      if (!p[k]) return error(40, 'Missing Required Arguments', `isv.missing-parameter:${k}`, `缺少必选参数:${k}`);
    }
    const start = parseWallClock(p.start_modified!, 480);
    const end = parseWallClock(p.end_modified!, 480);
    if (start === null || end === null) return error(41, 'Invalid Arguments', 'isv.invalid-parameter:start_modified', '时间格式错误');
    if (end < start) return error(41, 'Invalid Arguments', 'isv.invalid-parameter:end_modified', '结束时间不能早于开始时间');
    if (end - start > DAY_MS) return error(41, 'Invalid Arguments', 'isv.invalid-parameter:start_modified', '修改时间跨度不能大于一天');
    // "only the last 3 months are available"
    if (start < now() - 90 * DAY_MS) return error(41, 'Invalid Arguments', 'isv.invalid-parameter:start_modified', '只能查询最近三个月内的交易');
    const pageNo = p.page_no ? Number(p.page_no) : 1;
    const pageSize = p.page_size ? Number(p.page_size) : 40;
    if (!Number.isInteger(pageNo) || pageNo < 1) return error(41, 'Invalid Arguments', 'isv.invalid-parameter:page_no', 'page_no必须大于0');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
      return error(41, 'Invalid Arguments', 'isv.invalid-parameter:page_size', 'page_size取值范围为1-100');
    }
    const list = store.modifiedBetween(start, end).filter((t) => !p.status || t.status === p.status);
    const fields = new Set(p.fields!.split(',').map((f) => f.trim()));
    const page = servePage({ store, faults, patches, now }, list, pageNo - 1, pageSize, (t) => renderTaobaoTrade(t, fields));
    const resp: Record<string, unknown> = {};
    if (p.use_has_next === 'true') resp.has_next = pageNo * pageSize < list.length;
    else resp.total_results = list.length;
    if (page.wires.length > 0) resp.trades = { trade: page.wires };
    resp.request_id = requestId();
    return reply({ trades_sold_increment_get_response: resp }, page.fault);
  }

  const server = await startFaultySimServer(handle, faults, (req) => req.api === INCREMENT || req.api === SEND, now);

  return {
    url: `${server.url}/router/rest`,
    credentials: { app_key: appKey, app_secret: appSecret, session, sign_method: 'md5' },
    store,
    ...simControls(faults, patches, server),
    incrementRequests: () => server.requests.filter((r) => r.api === INCREMENT),
    oauth,
    shipments,
    expireSession: () => {
      sessionValid = false;
    },
    expireToken: () => {
      sessionValid = false;
    },
  };
}

let counter = 0;
function requestId(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter.toString(36)}`;
}
