import { stringify } from 'lossless-json';
import { topSign, TOP_SIGN_METHODS, type TopSignMethod } from '../../src-main/channels/taobao/sign';
import { parseWallClock } from '../../src-shared/time';
import { FaultPlan, simControls, startFaultySimServer, type FaultKind, type FaultOptions } from './faults';
import { readParams, type SimLogEntry, type SimReply, type SimRequest } from './sim-server';
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
 */
export interface TaobaoSimOptions {
  appKey?: string;
  appSecret?: string;
  session?: string;
  sellerNick?: string;
  now?: () => number;
  seed?: number;
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
  stop(): Promise<void>;
}

const INCREMENT = 'taobao.trades.sold.increment.get';
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

  const reply = (body: unknown, fault?: string): SimReply & { fault?: string } => ({ body: stringify(body) ?? '', fault });
  const error = (code: number, msg: string, subCode?: string, subMsg?: string, fault?: string) =>
    reply({ error_response: { code, msg, sub_code: subCode, sub_msg: subMsg, request_id: requestId() } }, fault);

  async function handle(req: SimRequest): Promise<SimReply & { fault?: string }> {
    if (req.path !== '/router/rest') return { status: 404, body: '<html>404 Not Found</html>' };
    const p = readParams(req);
    req.params = p;
    req.api = p.method;
    if (!p.method) return error(21, 'Missing Method');
    if (p.method !== INCREMENT && p.method !== 'taobao.user.seller.get') return error(22, 'Invalid Method');
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
    if (!p.session) return error(26, 'Missing Session');
    if (p.session !== session || !sessionValid) return error(27, 'Invalid session', 'invalid-sessionkey', 'SessionKey非法');

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
    return increment(p);
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

  const server = await startFaultySimServer(handle, faults, (req) => req.api === INCREMENT, now);

  return {
    url: `${server.url}/router/rest`,
    credentials: { app_key: appKey, app_secret: appSecret, session, sign_method: 'md5' },
    store,
    ...simControls(faults, patches, server),
    incrementRequests: () => server.requests.filter((r) => r.api === INCREMENT),
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
