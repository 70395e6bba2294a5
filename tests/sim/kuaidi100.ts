import { createHash } from 'node:crypto';
import { startSimServer, type SimServer } from './sim-server';

/**
 * Kuaidi100 real-time query simulator (PLATFORMS.md §7.1): POST /poll/query.do, form fields customer,
 * sign, param (JSON); sign = HEX_UPPER(MD5(param + key + customer)) over the exact param text.
 * Answers with every scalar a string, data[] newest first, times "YYYY-MM-DD HH:mm:ss" Beijing.
 * Errors: {result:false, returnCode, message}: 503 验证签名失败, 400 不支持此快递公司, 408 (SF/ZTO
 * without the phone), 500 查询无结果, 601 key已过期.
 * Assumed (not documented in our sources): at most `perSecond` queries per customer a second, past
 * it 502 服务器繁忙; and the same number at most once per `minGapMs` (default 0, off).
 */
export interface ParcelStep {
  /** ms after the parcel's start. */
  after: number;
  /** Kuaidi100 state code as a string: '1' 揽收, '0' 在途, '5' 派件, '3' 签收, '2' 疑难, '6' 退回, '4' 退签, '14' 拒签. */
  state: string;
  context: string;
  area?: string;
}

export interface Kuaidi100Sim extends SimServer {
  credentials: { customer: string; key: string };
  /** A parcel the carrier knows: steps revealed as the clock passes them. */
  parcel(num: string, com: string, start: number, steps: ParcelStep[], phone4?: string): void;
  /** Queries per tracking number (what was asked, when). */
  queriesOf(num: string): number[];
  expireKey(): void;
}

const fmt = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
const KNOWN = new Set(['shunfeng', 'zhongtong', 'yuantong', 'yunda', 'shentong', 'youzhengguonei', 'jd', 'jtexpress', 'ems', 'huitongkuaidi', 'debangwuliu']);

export async function startKuaidi100Sim(opts: { now?: () => number; perSecond?: number; minGapMs?: number } = {}): Promise<Kuaidi100Sim> {
  const now = opts.now ?? Date.now;
  const credentials = { customer: 'SIMCUSTOMER0001', key: 'simKey123456' };
  const parcels = new Map<string, { com: string; start: number; steps: ParcelStep[]; phone4: string | undefined }>();
  const asked = new Map<string, number[]>();
  const perSecond: number[] = [];
  let expired = false;
  const fail = (returnCode: string, message: string) => ({ body: JSON.stringify({ result: false, returnCode, message }) });

  const server = await startSimServer((req) => {
    const form = new URLSearchParams(req.body);
    const customer = form.get('customer') ?? '';
    const param = form.get('param') ?? '';
    req.params = Object.fromEntries(form);
    req.api = 'poll/query.do';
    if (req.path !== '/poll/query.do' || req.method !== 'POST') return { status: 404, body: 'not found' };
    const sign = createHash('md5').update(param + credentials.key + credentials.customer).digest('hex').toUpperCase();
    if (customer !== credentials.customer || form.get('sign') !== sign) return fail('503', '验证签名失败');
    if (expired) return fail('601', 'key已过期');
    const t = now();
    while (perSecond.length && t - perSecond[0]! >= 1000) perSecond.shift();
    if (perSecond.length >= (opts.perSecond ?? 10)) return { ...fail('502', '服务器繁忙'), fault: 'rate_limit' };
    perSecond.push(t);
    let p: { com?: string; num?: string; phone?: string };
    try {
      p = JSON.parse(param) as typeof p;
    } catch {
      return fail('400', '参数错误');
    }
    const num = p.num ?? '';
    if (!p.com || !KNOWN.has(p.com)) return fail('400', '找不到对应公司');
    if (!num || num.length > 32) return fail('400', '单号不正确');
    const times = asked.get(num) ?? [];
    if (opts.minGapMs && times.length && t - times[times.length - 1]! < opts.minGapMs) return { ...fail('500', '查询无结果，请隔段时间再查'), fault: 'too_often' };
    times.push(t);
    asked.set(num, times);
    const parcel = parcels.get(num);
    if (!parcel || parcel.com !== p.com) return fail('500', '查询无结果，请隔段时间再查');
    if ((p.com === 'shunfeng' || p.com === 'zhongtong') && parcel.phone4 && !(p.phone ?? '').endsWith(parcel.phone4)) return fail('408', '验证码错误');
    const seen = parcel.steps.filter((s) => parcel.start + s.after <= t);
    if (!seen.length) return fail('500', '查询无结果，请隔段时间再查');
    const last = seen[seen.length - 1]!;
    const data = seen.slice().reverse().map((s) => {
      const at = fmt(parcel.start + s.after);
      return { time: at, ftime: at, context: s.context, areaCode: '', areaName: s.area ?? '', status: s.state === '1' ? '揽收' : s.state === '3' ? '签收' : s.state === '5' ? '派件' : '在途' };
    });
    return { body: JSON.stringify({ message: 'ok', nu: num, ischeck: last.state === '3' ? '1' : '0', condition: '00', com: p.com, status: '200', state: last.state, data }) };
  }, now);

  return Object.assign(server, {
    credentials,
    parcel: (num: string, com: string, start: number, steps: ParcelStep[], phone4?: string) => void parcels.set(num, { com, start, steps, phone4 }),
    queriesOf: (num: string) => asked.get(num) ?? [],
    expireKey: () => void (expired = true),
  });
}
