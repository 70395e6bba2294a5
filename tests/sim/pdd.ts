import { pddSign } from '../../src-main/channels/pdd/sign';
import { FaultPlan, simControls, startFaultySimServer, type FaultKind, type FaultOptions } from './faults';
import { advancePddOrder, makePddOrder, renderPddOrder, type PddSimOrder } from './pdd-orders';
import { readParams, type SimLogEntry, type SimReply, type SimRequest } from './sim-server';
import { servePage, SimStore, type WirePatch } from './store';

export type { PddSimItem, PddSimOrder } from './pdd-orders';

/**
 * Pinduoduo POP simulator (PLATFORMS.md §2): /api/router, params as a JSON body, a form body or
 * a query string; MD5 sign checked exactly; timestamp in Unix seconds; errors as
 * {"error_response":{error_code,error_msg,sub_code,sub_msg,request_id}}.
 * Serves pdd.order.number.list.increment.get (window ≤ 30 min within the last 3 months, page_size ≤ 100, newest first,
 * total_count and has_next) and pdd.mall.info.get.
 * Assumptions where PDD publishes nothing: timestamps more than 10 minutes off are refused
 * with 20005, and the rate limit answers 70031 "调用过于频繁" (or, as variant other_code, 52101 with the
 * same words); unknown_error answers 77001, a code nobody documented.
 */
export interface PddSimOptions {
  clientId?: string;
  clientSecret?: string;
  accessToken?: string;
  mallName?: string;
  now?: () => number;
  seed?: number;
}

export interface PddSim {
  url: string;
  credentials: { client_id: string; client_secret: string; access_token: string };
  store: SimStore<PddSimOrder>;
  requests: SimLogEntry[];
  incrementRequests(): SimLogEntry[];
  misbehave(kind: FaultKind, opts?: FaultOptions): void;
  clearFaults(kind?: FaultKind): void;
  /** From now on the access_token is expired (10019). */
  expireToken(): void;
  /** Edits one order's wire form before it is served (malformed fields for quarantine tests). */
  corrupt(id: string, patch: (wire: Record<string, any>) => void): void;
  stop(): Promise<void>;
}

const INCREMENT = 'pdd.order.number.list.increment.get';

export async function startPddSim(opts: PddSimOptions = {}): Promise<PddSim> {
  const now = opts.now ?? Date.now;
  const clientId = opts.clientId ?? 'a1b2c3d4e5f6478899aabbccddeeff00';
  const clientSecret = opts.clientSecret ?? 'sim-pdd-secret-00112233445566778899';
  const accessToken = opts.accessToken ?? 'f0e1d2c3b4a5968778695a4b3c2d1e0f1a2b3c4d';
  let tokenValid = true;
  const faults = new FaultPlan(opts.seed ?? 11);
  const store = new SimStore<PddSimOrder>(makePddOrder, advancePddOrder, now);
  const patches = new Map<string, WirePatch>();
  let requestNo = 0;

  const reply = (body: unknown, fault?: string): SimReply & { fault?: string } => ({ body: JSON.stringify(body), fault });
  const error = (code: number, msg: string, subCode: string | null = String(code), fault?: string) => {
    requestNo += 1;
    return reply({ error_response: { error_msg: msg, sub_msg: msg, sub_code: subCode, error_code: code, request_id: `${now()}${requestNo}` } }, fault);
  };

  function handle(req: SimRequest): SimReply & { fault?: string } {
    if (req.path !== '/api/router') return { status: 404, body: '{"error":"not found"}' };
    let p: Record<string, string>;
    try {
      p = readParams(req);
    } catch {
      return error(10000, '参数错误:body');
    }
    req.params = p;
    req.api = p.type;
    if (!p.type) return error(10000, '参数错误:type');
    if (p.type !== INCREMENT && p.type !== 'pdd.mall.info.get') return error(10000, `参数错误:type ${p.type}不存在`);
    if (p.client_id !== clientId) return error(10000, '参数错误:client_id');
    if (!p.timestamp || !/^\d{10}$/.test(p.timestamp)) return error(10000, '参数错误:timestamp');
    if (Math.abs(Number(p.timestamp) * 1000 - now()) > 10 * 60_000) return error(20005, '时间戳已过期');
    if (p.data_type && p.data_type.toUpperCase() !== 'JSON') return error(10000, '参数错误:data_type');
    if (!p.sign || pddSign(p, clientSecret) !== p.sign) return error(20004, '签名验证失败');
    if (!p.access_token || p.access_token !== accessToken || !tokenValid) return error(10019, 'access_token已过期', 'access_token_invalid');
    if (p.type === 'pdd.mall.info.get') {
      return reply({ mall_info_get_response: { mall_id: 712345678, mall_name: opts.mallName ?? '模拟拼多多小店', mall_desc: '', logo: '' } });
    }
    const limited = faults.take('rate_limit');
    // 70031 is the assumed code; `other_code` says it in words under a code nobody documented.
    if (limited?.variant === 'other_code') return error(52101, '接口调用过于频繁，请稍后再试', 'isv.api-call-limited', 'rate_limit');
    if (limited) return error(70031, '调用过于频繁，请调整调用频率', '70031', 'rate_limit');
    if (faults.take('unknown_error')) return error(77001, '系统内部错误', null, 'unknown_error');
    return increment(p);
  }

  function increment(p: Record<string, string>): SimReply & { fault?: string } {
    for (const k of ['is_lucky_flag', 'order_status', 'refund_status', 'start_updated_at', 'end_updated_at']) {
      if (p[k] === undefined || p[k] === '') return error(10000, `参数错误:${k}`);
    }
    const start = Number(p.start_updated_at) * 1000;
    const end = Number(p.end_updated_at) * 1000;
    if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return error(10000, '参数错误:end_updated_at');
    if (end - start > 30 * 60_000) return error(50001, '时间跨度不能超过30分钟', null);
    if (start < now() - 90 * 24 * 3600_000) return error(50001, '只能查询最近三个月的订单', null);
    const page = p.page ? Number(p.page) : 1;
    const size = p.page_size ? Number(p.page_size) : 100;
    if (!Number.isInteger(page) || page < 1) return error(10000, '参数错误:page');
    if (!Number.isInteger(size) || size < 1 || size > 100) return error(10000, '参数错误:page_size');
    const orderStatus = Number(p.order_status);
    const refundStatus = Number(p.refund_status);
    const list = store.modifiedBetween(start, end).filter((o) =>
      (orderStatus === 5 || o.orderStatus === orderStatus) && (refundStatus === 5 || o.refundStatus === refundStatus));
    const served = servePage({ store, faults, patches, now }, list, page - 1, size, renderPddOrder);
    return reply({
      order_sn_increment_get_response: { total_count: list.length, has_next: page * size < list.length, order_sn_list: served.wires },
    }, served.fault);
  }

  const server = await startFaultySimServer(handle, faults, (req) => req.api === INCREMENT, now);

  return {
    url: `${server.url}/api/router`,
    credentials: { client_id: clientId, client_secret: clientSecret, access_token: accessToken },
    store,
    ...simControls(faults, patches, server),
    incrementRequests: () => server.requests.filter((r) => r.api === INCREMENT),
    expireToken: () => {
      tokenValid = false;
    },
  };
}
