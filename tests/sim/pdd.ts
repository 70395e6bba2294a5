import { pddSign } from '../../src-main/channels/pdd/sign';
import { formatInZone } from '../../src-shared/time';
import { FaultPlan, simControls, startFaultySimServer, type FaultKind, type FaultOptions } from './faults';
import { OAuthBook, queryOf, type OAuthOptions } from './oauth';
import { advancePddOrder, makePddOrder, renderPddOrder, type PddSimOrder } from './pdd-orders';
import { readParams, type SimLogEntry, type SimReply, type SimRequest } from './sim-server';
import { servePage, SimStore, type WirePatch } from './store';
import { ShipmentBook } from './shipments';

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
 * 授权 (§10.2): GET /service-market/auth?response_type=code&client_id&redirect_uri&state redirects with a
 * code; pdd.pop.auth.token.create {code} and pdd.pop.auth.token.refresh {refresh_token}, signed without an
 * access_token, answer pop_auth_token_create_response / pop_auth_token_refresh_response.
 * 发货回传 (§9.2): pdd.logistics.online.send {order_sn, logistics_id, tracking_number, redelivery_type}
 * — logistics_id from pdd.logistics.companies.get (§9.7's ids); an order not 待发货 (order_status 1) is
 * refused as a business error 50001 "订单已发货" (PDD's own words are UNCONFIRMED), a refund under way
 * as 50001 "订单售后中，不能发货", a tracking number another order uses as 50001; redelivery_type 2
 * (modify) is accepted only for shipped orders. pdd.order.information.get {order_sn} answers the order's
 * tracking_number and logistics_id. Rate limits and transport faults apply to the shipment call too.
 * Extra parcels (§9.2): pdd.order.upload.extra.logistics {order_sn, extra_track_list (JSON string of
 * [{shipping_id, tracking_number}]), extra_track_type 1|2|3} for a shipped order only; a number the order
 * already carries is refused as 50001 "运单号已上传" (PDD's words UNCONFIRMED); order.information.get lists them
 * as extra_delivery_list[]{logistics_id, tracking_number} (field UNCONFIRMED).
 */
export interface PddSimOptions {
  clientId?: string;
  clientSecret?: string;
  accessToken?: string;
  mallName?: string;
  now?: () => number;
  seed?: number;
  oauth?: OAuthOptions;
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
  oauth: OAuthBook;
  /** Shipments the shop recorded (发货回传). */
  shipments: ShipmentBook;
  stop(): Promise<void>;
}

const TOKEN_CREATE = 'pdd.pop.auth.token.create';
const TOKEN_REFRESH = 'pdd.pop.auth.token.refresh';
const INCREMENT = 'pdd.order.number.list.increment.get';
const SEND = 'pdd.logistics.online.send';
const INFO = 'pdd.order.information.get';
const EXTRA = 'pdd.order.upload.extra.logistics';
/** pdd.logistics.companies.get ids the simulator knows (§9.7). */
const LOGISTICS_IDS = new Set(['44', '85', '115', '121', '1', '118', '120', '384', '3']);

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
  const oauth = new OAuthBook(now, opts.oauth);
  const shipments = new ShipmentBook();
  const extras = new Map<string, { logistics_id: number; tracking_number: string }[]>();

  const reply = (body: unknown, fault?: string): SimReply & { fault?: string } => ({ body: JSON.stringify(body), fault });
  const error = (code: number, msg: string, subCode: string | null = String(code), fault?: string) => {
    requestNo += 1;
    return reply({ error_response: { error_msg: msg, sub_msg: msg, sub_code: subCode, error_code: code, request_id: `${now()}${requestNo}` } }, fault);
  };

  async function handle(req: SimRequest): Promise<SimReply & { fault?: string }> {
    if (req.path === '/service-market/auth') return authorizePage(req);
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
    if (![INCREMENT, SEND, INFO, EXTRA, 'pdd.mall.info.get', TOKEN_CREATE, TOKEN_REFRESH].includes(p.type)) return error(10000, `参数错误:type ${p.type}不存在`);
    if (p.client_id !== clientId) return error(10000, '参数错误:client_id');
    if (!p.timestamp || !/^\d{10}$/.test(p.timestamp)) return error(10000, '参数错误:timestamp');
    if (Math.abs(Number(p.timestamp) * 1000 - now()) > 10 * 60_000) return error(20005, '时间戳已过期');
    if (p.data_type && p.data_type.toUpperCase() !== 'JSON') return error(10000, '参数错误:data_type');
    if (!p.sign || pddSign(p, clientSecret) !== p.sign) return error(20004, '签名验证失败');
    if (p.type === TOKEN_CREATE || p.type === TOKEN_REFRESH) return tokenCall(p);
    const issued = oauth.state(p.access_token);
    if (issued === 'expired' || (issued === 'unknown' && (!p.access_token || p.access_token !== accessToken || !tokenValid))) {
      return error(10019, 'access_token已过期', 'access_token_invalid');
    }
    if (p.type === 'pdd.mall.info.get') {
      return reply({ mall_info_get_response: { mall_id: 712345678, mall_name: opts.mallName ?? '模拟拼多多小店', mall_desc: '', logo: '' } });
    }
    const limited = faults.take('rate_limit');
    // 70031 is the assumed code; `other_code` says it in words under a code nobody documented.
    if (limited?.variant === 'other_code') return error(52101, '接口调用过于频繁，请稍后再试', 'isv.api-call-limited', 'rate_limit');
    if (limited) return error(70031, '调用过于频繁，请调整调用频率', '70031', 'rate_limit');
    if (faults.take('unknown_error')) return error(77001, '系统内部错误', null, 'unknown_error');
    if (p.type === SEND) return onlineSend(p);
    if (p.type === INFO) return information(p);
    if (p.type === EXTRA) return extraLogistics(p);
    return increment(p);
  }

  async function onlineSend(p: Record<string, string>): Promise<SimReply & { fault?: string }> {
    for (const k of ['order_sn', 'logistics_id', 'tracking_number']) if (!p[k]) return error(10000, `参数错误:${k}`);
    const o = store.all().find((x) => x.id === p.order_sn);
    if (!o) return error(50001, '订单不存在', null);
    if (!LOGISTICS_IDS.has(p.logistics_id!)) return error(50001, `快递公司${p.logistics_id}不可用`, null);
    const refused = shipments.refuse.get(o.id);
    if (refused) return error(50001, refused, null);
    const modify = p.redelivery_type === '2';
    if (!modify && o.orderStatus !== 1) return error(50001, '订单已发货，不能重复发货', null);
    if (modify && o.orderStatus === 1) return error(50001, '订单未发货，不能修改物流', null);
    if (o.refundStatus !== 1) return error(50001, '订单售后中，不能发货', null);
    if (shipments.usedBy(p.tracking_number!, o.id)) return error(50001, `运单号${p.tracking_number}已被其他订单使用`, null);
    store.update(o.id, (x) => {
      x.orderStatus = 2;
      x.shippingTime = now();
      x.trackingNumber = p.tracking_number!;
    });
    await shipments.record({ orderId: o.id, carrierCode: p.logistics_id!, trackingNo: p.tracking_number!, lines: null }, now());
    return reply({ logistics_online_send_response: { is_success: true } });
  }

  async function extraLogistics(p: Record<string, string>): Promise<SimReply & { fault?: string }> {
    for (const k of ['order_sn', 'extra_track_list', 'extra_track_type']) if (!p[k]) return error(10000, `参数错误:${k}`);
    if (!['1', '2', '3'].includes(p.extra_track_type!)) return error(10000, '参数错误:extra_track_type');
    let list: { shipping_id?: unknown; tracking_number?: unknown }[];
    try {
      list = JSON.parse(p.extra_track_list!) as typeof list;
      if (!Array.isArray(list) || !list.length) throw new Error('empty');
    } catch {
      return error(10000, '参数错误:extra_track_list');
    }
    const o = store.all().find((x) => x.id === p.order_sn);
    if (!o) return error(50001, '订单不存在', null);
    if (o.orderStatus === 1) return error(50001, '订单未发货，不能上传额外运单', null);
    const mine = extras.get(o.id) ?? [];
    for (const t of list) {
      const no = String(t.tracking_number ?? '');
      if (!Number.isInteger(t.shipping_id) || !LOGISTICS_IDS.has(String(t.shipping_id))) return error(50001, `快递公司${String(t.shipping_id)}不可用`, null);
      if (!no) return error(10000, '参数错误:tracking_number');
      if (no === o.trackingNumber || mine.some((x) => x.tracking_number === no)) return error(50001, `运单号${no}已上传`, null);
      if (shipments.usedBy(no, o.id)) return error(50001, `运单号${no}已被其他订单使用`, null);
    }
    for (const t of list) {
      mine.push({ logistics_id: Number(t.shipping_id), tracking_number: String(t.tracking_number) });
      extras.set(o.id, mine);
      await shipments.record({ orderId: o.id, carrierCode: String(t.shipping_id), trackingNo: String(t.tracking_number), lines: null }, now());
    }
    return reply({ upload_extra_logistics_response: { success: true } });
  }

  function information(p: Record<string, string>): SimReply & { fault?: string } {
    const o = store.all().find((x) => x.id === p.order_sn);
    if (!o) return error(50001, '订单不存在', null);
    const last = shipments.of(o.id)[0]; // the main parcel (extra ones follow it)
    return reply({ order_info_get_response: { order_info: {
      order_sn: o.id, order_status: o.orderStatus, refund_status: o.refundStatus, tracking_number: o.orderStatus === 1 ? '' : o.trackingNumber,
      extra_delivery_list: extras.get(o.id) ?? [],
      logistics_id: last ? Number(last.carrierCode) : 0, shipping_time: o.shippingTime ? formatInZone(o.shippingTime, 'Asia/Shanghai') : '',
    } } });
  }

  function authorizePage(req: SimRequest): SimReply {
    const q = queryOf(req);
    if (q.response_type !== 'code' || q.client_id !== clientId || !q.redirect_uri) return { status: 400, body: '{"error_msg":"参数错误"}' };
    return oauth.approve(q.redirect_uri, q.state, q);
  }

  function tokenCall(p: Record<string, string>): SimReply & { fault?: string } {
    let pair;
    if (p.type === TOKEN_CREATE) {
      const r = oauth.redeem(p.code);
      if (!r.ok) return error(10000, r.why === 'missing' ? '参数错误:code' : 'code已失效', null);
      pair = oauth.issue('authorization_code');
      if (!pair) return error(10019, '授权已失效', 'access_token_invalid');
    } else {
      const r = oauth.refresh(p.refresh_token);
      if (!r.ok) return error(10019, 'refresh_token已过期或无效', 'refresh_token_invalid');
      pair = r.pair;
    }
    const s = (ms: number) => Math.floor(ms / 1000);
    const body = {
      access_token: pair.access, expires_at: s(pair.accessExpiresAt), expires_in: s(pair.accessExpiresAt - now()),
      refresh_token: pair.refresh, refresh_token_expires_at: s(pair.refreshExpiresAt), refresh_token_expires_in: s(pair.refreshExpiresAt - now()),
      owner_id: '712345678', owner_name: opts.mallName ?? '模拟拼多多小店', scope: ['pdd.order.number.list.increment.get', 'pdd.mall.info.get'],
      r1_expires_at: s(pair.accessExpiresAt), r1_expires_in: s(pair.accessExpiresAt - now()),
    };
    return reply({ [p.type === TOKEN_CREATE ? 'pop_auth_token_create_response' : 'pop_auth_token_refresh_response']: body });
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

  const server = await startFaultySimServer(handle, faults, (req) => req.api === INCREMENT || req.api === SEND || req.api === EXTRA, now);

  return {
    url: `${server.url}/api/router`,
    credentials: { client_id: clientId, client_secret: clientSecret, access_token: accessToken },
    store,
    ...simControls(faults, patches, server),
    incrementRequests: () => server.requests.filter((r) => r.api === INCREMENT),
    oauth,
    shipments,
    expireToken: () => {
      tokenValid = false;
    },
  };
}
