import { createHash } from 'node:crypto';
import type { ShipmentState } from '../../src-shared/exceptions';

/** Kuaidi100 real-time query (PLATFORMS.md §7.1): the wire format, the signature and the answer. */

export const KUAIDI100_ENDPOINT = 'https://poll.kuaidi100.com/poll/query.do';
export const KUAIDI100_ORIGIN = 'https://poll.kuaidi100.com';

export interface Kuaidi100Credentials {
  customer: string;
  key: string;
}

/** sign = HEX_UPPER(MD5(param + key + customer)), over exactly the param string sent. */
export function kuaidi100Sign(param: string, key: string, customer: string): string {
  return createHash('md5').update(param + key + customer, 'utf8').digest('hex').toUpperCase();
}

export interface TrackEvent {
  at: number;
  context: string;
  area: string | null;
  status: string | null;
}

export type QueryAnswer =
  | { ok: true; state: ShipmentState; carrierState: string; delivered: boolean; events: TrackEvent[] }
  /** 500: the carrier has nothing yet — normal for a fresh parcel. */
  | { ok: false; kind: 'no_result'; code: string; message: string }
  /** Worth trying later (server busy, network). */
  | { ok: false; kind: 'retry'; code: string; message: string }
  /** Needs a person (signature, expired key, unknown carrier, missing phone). */
  | { ok: false; kind: 'refused'; code: string; message: string };

/** Kuaidi100 `state` codes → our shipment states (§7.1; finer resultv2=4 codes read by their leading digit). */
export function shipmentState(code: string, hasEvents: boolean): ShipmentState {
  const map: Record<string, ShipmentState> = {
    '0': 'in_transit', '1': 'picked_up', '2': 'problem', '3': 'delivered', '4': 'returned', '5': 'out_for_delivery', '6': 'returning',
    '7': 'redirected', '10': 'customs', '11': 'customs', '12': 'customs', '13': 'problem', '14': 'refused',
  };
  const direct = map[code];
  if (direct) return direct;
  const lead = map[code.slice(0, code.length >= 4 ? 2 : 1)];
  return lead ?? (hasEvents ? 'in_transit' : 'created');
}

/** "2024-04-26 21:35:28" in Beijing time → UTC ms. */
export function beijingTime(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]! - 8, +m[5]!, +(m[6] ?? 0));
}

/** The form body of one query: `customer`, `sign`, `param` (a JSON string). */
export function queryForm(creds: Kuaidi100Credentials, q: { com: string; num: string; phone?: string | null }): URLSearchParams {
  const param = JSON.stringify({ com: q.com, num: q.num, phone: q.phone ?? '', from: '', to: '', resultv2: '1', show: '0', order: 'desc', lang: 'zh' });
  return new URLSearchParams({ customer: creds.customer, sign: kuaidi100Sign(param, creds.key, creds.customer), param });
}

/** Reads an answer; every scalar of Kuaidi100's JSON is a string. */
export function readAnswer(status: number, text: string): QueryAnswer {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { ok: false, kind: 'retry', code: `http_${status}`, message: `快递100 返回了无法读取的内容（HTTP ${status}）` };
  }
  if (body.result === false || (body.returnCode !== undefined && body.status !== '200')) {
    const code = String(body.returnCode ?? '');
    const message = String(body.message ?? '');
    if (code === '500') return { ok: false, kind: 'no_result', code, message };
    if (code === '501' || code === '502' || status >= 500) return { ok: false, kind: 'retry', code, message };
    return { ok: false, kind: 'refused', code, message };
  }
  if (body.status !== '200' || !Array.isArray(body.data)) {
    return { ok: false, kind: 'retry', code: String(body.status ?? status), message: String(body.message ?? '') };
  }
  const events: TrackEvent[] = [];
  for (const d of body.data as Record<string, unknown>[]) {
    const at = beijingTime(String(d.ftime ?? d.time ?? ''));
    if (at === null) continue;
    events.push({ at, context: String(d.context ?? ''), area: d.areaName ? String(d.areaName) : null, status: d.status ? String(d.status) : null });
  }
  events.sort((a, b) => a.at - b.at);
  const carrierState = String(body.state ?? '');
  const state = shipmentState(carrierState, events.length > 0);
  return { ok: true, state, carrierState, delivered: body.ischeck === '1' || state === 'delivered', events };
}

/** One real-time query (POST, form-encoded). Network failures come back as 'retry'. */
export async function queryTrack(endpoint: string, creds: Kuaidi100Credentials, q: { com: string; num: string; phone?: string | null }, fetchImpl: typeof fetch = fetch): Promise<QueryAnswer> {
  try {
    const res = await fetchImpl(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      body: queryForm(creds, q).toString(),
      signal: AbortSignal.timeout(15_000),
    });
    return readAnswer(res.status, await res.text());
  } catch (e) {
    return { ok: false, kind: 'retry', code: 'network', message: (e as Error).message };
  }
}
