import { stringify } from 'lossless-json';
import { parseIsoWithOffset } from '../../src-main/channels/iso-time';
import { FaultPlan, simControls, startFaultySimServer, type FaultKind, type FaultOptions } from './faults';
import { advanceGenericOrder, makeGenericOrder, renderGenericOrder, type GenericSimOrder } from './generic-orders';
import type { SimLogEntry, SimReply, SimRequest } from './sim-server';
import { renderPatched, SimStore, type WirePatch } from './store';

export type { GenericSimOrder, GenericSimLine } from './generic-orders';

/**
 * The reference server for OrderHub's generic intake format (src-main/channels/generic/README.md):
 * GET /orderhub/orders?updated_from&updated_to&limit[&cursor] with a bearer token; windows
 * [from, to) of at most 1 day, limit ≤ 100; orders by (updated_at, id) with a keyset cursor;
 * money as _fen integers or _yuan strings, times ISO with +08:00; errors {"error":{code,message}}.
 */
export interface GenericSimOptions {
  token?: string;
  now?: () => number;
  seed?: number;
}

export interface GenericSim {
  /** The endpoint to configure. */
  url: string;
  credentials: { token: string };
  store: SimStore<GenericSimOrder>;
  faults: FaultPlan;
  requests: SimLogEntry[];
  misbehave(kind: FaultKind, opts?: FaultOptions): void;
  clearFaults(kind?: FaultKind): void;
  /** From now on the token is refused (401), as after the mall rotates it. */
  expireToken(): void;
  /** Only order-list calls. */
  orderRequests(): SimLogEntry[];
  corrupt(id: string, patch: (wire: Record<string, any>) => void): void;
  stop(): Promise<void>;
}

const PATH = '/orderhub/orders';
const MAX_WINDOW_MS = 24 * 3600_000;

interface Cursor {
  u: number;
  i: string;
}

export async function startGenericSim(opts: GenericSimOptions = {}): Promise<GenericSim> {
  const now = opts.now ?? Date.now;
  const token = opts.token ?? 'sim-generic-bearer-5b2e';
  const store = new SimStore<GenericSimOrder>(makeGenericOrder, advanceGenericOrder, now);
  const faults = new FaultPlan(opts.seed ?? 7);
  const patches = new Map<string, WirePatch>();
  let tokenValid = true;

  const json = (status: number, body: unknown, headers: Record<string, string> = {}, fault?: string): SimReply & { fault?: string } => ({
    status, body: stringify(body) ?? '', headers, fault,
  });
  const error = (status: number, code: string, message: string, headers: Record<string, string> = {}, fault?: string) =>
    json(status, { error: { code, message } }, headers, fault);

  function handle(req: SimRequest): SimReply & { fault?: string } {
    req.params = Object.fromEntries(req.query);
    if (req.path !== PATH) return error(404, 'not_found', `no endpoint at ${req.path}`);
    req.api = PATH;
    if (req.method !== 'GET') return error(405, 'method_not_allowed', 'use GET');
    if (req.headers.authorization !== `Bearer ${token}` || !tokenValid) return error(401, 'unauthorized', 'invalid or expired token');
    if (faults.take('rate_limit')) return error(429, 'rate_limited', 'too many requests', { 'retry-after': '1' }, 'rate_limit');
    const from = parseIsoWithOffset(req.query.get('updated_from') ?? '');
    const to = parseIsoWithOffset(req.query.get('updated_to') ?? '');
    if (from === null || to === null) return error(400, 'bad_window', 'updated_from and updated_to must be ISO 8601 times with an offset');
    if (to <= from) return error(400, 'bad_window', 'updated_to must be after updated_from');
    if (to - from > MAX_WINDOW_MS) return error(400, 'window_too_wide', 'a window may span at most 1 day');
    const limit = Number(req.query.get('limit') ?? '100');
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return error(400, 'bad_limit', 'limit must be 1..100');
    let after: Cursor | null = null;
    const c = req.query.get('cursor');
    if (c) {
      try {
        after = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as Cursor;
      } catch {
        return error(400, 'bad_cursor', 'cursor is not one this server issued');
      }
    }
    const list = store
      .all()
      .filter((o) => o.modifiedAt >= from && o.modifiedAt < to)
      .sort((a, b) => a.modifiedAt - b.modifiedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    let start = after ? list.findIndex((o) => o.modifiedAt > after!.u || (o.modifiedAt === after!.u && o.id > after!.i)) : 0;
    if (start < 0) start = list.length;
    const repeat = faults.take('repeat_across_pages') !== null && start > 0;
    const begin = repeat ? start - 1 : start;
    const page = list.slice(begin, begin + limit);
    const change = faults.take('change_between_pages');
    if (change) {
      const victim = list.slice(begin + limit).find((o) => o.modifiedAt < (change.at ?? now()));
      if (victim) store.advance(victim.id, change.at ?? now());
    }
    const last = page[page.length - 1];
    const next = last && begin + limit < list.length ? Buffer.from(JSON.stringify({ u: last.modifiedAt, i: last.id }), 'utf8').toString('base64url') : null;
    const orders = page.map((o) => renderPatched(patches, o, renderGenericOrder));
    return json(200, { orders, next_cursor: next, total: list.length }, {}, repeat ? 'repeat_across_pages' : change ? 'change_between_pages' : undefined);
  }

  const server = await startFaultySimServer(handle, faults, (req) => req.api === PATH, now);

  return {
    url: `${server.url}${PATH}`,
    credentials: { token },
    store,
    faults,
    ...simControls(faults, patches, server),
    expireToken: () => {
      tokenValid = false;
    },
    orderRequests: () => server.requests.filter((r) => r.api === PATH),
  };
}
