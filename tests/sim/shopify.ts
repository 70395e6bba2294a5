import { stringify } from 'lossless-json';
import { parseIsoWithOffset } from '../../src-main/channels/iso-time';
import { FaultPlan, simControls, startFaultySimServer, type FaultKind, type FaultOptions } from './faults';
import { OAuthBook, type OAuthOptions } from './oauth';
import { advanceShopifyOrder, makeShopifyOrder, renderShopifyOrder, type ShopifySimOrder } from './shopify-orders';
import type { SimLogEntry, SimReply, SimRequest } from './sim-server';
import { ShipmentBook } from './shipments';
import { shopifyShipping } from './shopify-ship';
import { renderPatched, SimStore, type WirePatch } from './store';

export type { ShopifySimOrder, ShopifySimLine } from './shopify-orders';

/**
 * Shopify Admin REST simulator (PLATFORMS.md §5) under /admin/api/{version}/: orders.json with
 * status (default open!), updated_at_min/max, limit ≤ 250 and Link-header page_info cursors
 * (only limit/fields may accompany a cursor), orders/count.json, shop.json. Auth by the
 * X-Shopify-Access-Token header (401 otherwise); every answer carries
 * X-Shopify-Shop-Api-Call-Limit; 429 with Retry-After: 2.0 when limited. Times are written in
 * the shop's UTC offset, money as decimal strings, ids as int64 JSON numbers.
 * 授权 for one's own store (§10.6): POST /admin/oauth/access_token {client_id, client_secret,
 * grant_type:"client_credentials"} → {access_token, scope, expires_in} (a day by default); 400
 * {error, error_description} for a wrong client.
 */
export interface ShopifySimOptions {
  access_token?: string;
  version?: string;
  /** The shop's UTC offset in minutes (default -240, New York summer time). */
  offsetMinutes?: number;
  /** Enforce the leaky bucket (40 calls, 2 per second leak) on the simulator's clock. */
  enforceBucket?: boolean;
  now?: () => number;
  seed?: number;
  client_id?: string;
  client_secret?: string;
  oauth?: OAuthOptions;
}

export interface ShopifySim {
  /** The admin API base with version, to use as the connector's endpoint. */
  url: string;
  credentials: { access_token: string };
  /** A Dev Dashboard app's client credentials (the client-credentials grant). */
  app: { client_id: string; client_secret: string };
  oauth: OAuthBook;
  store: SimStore<ShopifySimOrder>;
  faults: FaultPlan;
  requests: SimLogEntry[];
  /** Only orders.json calls. */
  orderRequests(): SimLogEntry[];
  misbehave(kind: FaultKind, opts?: FaultOptions): void;
  clearFaults(kind?: FaultKind): void;
  /** From now on the token is revoked (401). */
  expireToken(): void;
  corrupt(id: string, patch: (wire: Record<string, any>) => void): void;
  /** Fulfillments the shop recorded (发货回传, shopify-ship.ts). */
  shipments: ShipmentBook;
  /** The merchant fulfilled the order in the Shopify admin, with this number. */
  shipInBackOffice(id: string, trackingNo: string): void;
  stop(): Promise<void>;
}

const MAX_LIMIT = 250;
const BUCKET = 40;
const LEAK_PER_SECOND = 2;
const RATE_BODY = { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' };
const AUTH_BODY = { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' };

interface Cursor {
  min: number;
  max: number;
  status: string;
  /** ids sort descending; the next page starts after this id */
  after: string;
}

export async function startShopifySim(opts: ShopifySimOptions = {}): Promise<ShopifySim> {
  const now = opts.now ?? Date.now;
  const token = opts.access_token ?? 'shpat_sim0123456789abcdef0123456789ab';
  const version = opts.version ?? '2024-04';
  const offset = opts.offsetMinutes ?? -240;
  const prefix = `/admin/api/${version}`;
  let revoked = false;
  let level = 0;
  let levelAt = now();
  const store = new SimStore<ShopifySimOrder>(makeShopifyOrder, advanceShopifyOrder, now);
  const faults = new FaultPlan(opts.seed ?? 7);
  const patches = new Map<string, WirePatch>();
  let base = '';
  const app = { client_id: opts.client_id ?? 'sim-shopify-client-1c2d', client_secret: opts.client_secret ?? 'sim-shopify-secret-3e4f5a' };
  const oauth = new OAuthBook(now, { accessLifetimeS: 86_399, refreshLifetimeS: 0, ...opts.oauth });

  function clientCredentials(req: SimRequest): SimReply {
    req.api = '/admin/oauth/access_token';
    let p: Record<string, unknown> = {};
    try {
      p = JSON.parse(req.body || '{}') as Record<string, unknown>;
    } catch {
      return json(400, { error: 'invalid_request', error_description: 'body is not JSON' });
    }
    req.params = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v)]));
    if (p.grant_type !== 'client_credentials') return json(400, { error: 'unsupported_grant_type', error_description: `grant_type ${String(p.grant_type)}` });
    if (p.client_id !== app.client_id || p.client_secret !== app.client_secret) {
      return json(400, { error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    const pair = oauth.issue('client_credentials');
    if (!pair) return json(400, { error: 'invalid_client', error_description: 'The app is not installed on this store' });
    return json(200, { access_token: pair.access, scope: 'read_orders,read_all_orders', expires_in: Math.round((pair.accessExpiresAt - now()) / 1000) });
  }

  const json = (status: number, body: unknown, headers: Record<string, string> = {}, fault?: string): SimReply & { fault?: string } => ({
    status, body: stringify(body) ?? '', headers: { 'x-shopify-shop-api-call-limit': `${Math.ceil(level)}/${BUCKET}`, ...headers }, fault,
  });
  const shipments = new ShipmentBook();
  const ship = shopifyShipping(store, shipments, now, json);

  function matching(status: string, min: number, max: number): ShopifySimOrder[] {
    return store
      .all()
      .filter((o) => o.modifiedAt >= min && o.modifiedAt <= max)
      .filter((o) =>
        status === 'any' ? true
        : status === 'open' ? o.closedAt === null && o.cancelledAt === null
        : status === 'closed' ? o.closedAt !== null
        : status === 'cancelled' ? o.cancelledAt !== null
        : false);
  }

  function filters(q: URLSearchParams): { status: string; min: number; max: number } | string {
    const status = q.get('status') ?? 'open';
    if (!['open', 'closed', 'cancelled', 'any'].includes(status)) return `status: ${status} is not valid`;
    const min = q.get('updated_at_min') ? parseIsoWithOffset(q.get('updated_at_min')!) : 0;
    const max = q.get('updated_at_max') ? parseIsoWithOffset(q.get('updated_at_max')!) : Number.MAX_SAFE_INTEGER;
    if (min === null) return 'updated_at_min: is not a valid date';
    if (max === null) return 'updated_at_max: is not a valid date';
    return { status, min, max };
  }

  async function handle(req: SimRequest): Promise<SimReply & { fault?: string }> {
    if (req.path === '/admin/oauth/access_token' && req.method === 'POST') return clientCredentials(req);
    req.params = Object.fromEntries(req.query);
    if (!req.path.startsWith(`${prefix}/`)) return json(404, { errors: 'Not Found' });
    const path = req.path.slice(prefix.length);
    req.api = path;
    // Leaky bucket on the simulator's clock.
    const t = now();
    level = Math.max(0, level - ((t - levelAt) / 1000) * LEAK_PER_SECOND);
    levelAt = t;
    const presented = String(req.headers['x-shopify-access-token'] ?? '');
    const issued = oauth.state(presented);
    if (issued === 'expired' || (issued === 'unknown' && (presented !== token || revoked))) return json(401, AUTH_BODY);
    if (faults.take('rate_limit') || (opts.enforceBucket && level + 1 > BUCKET)) {
      return json(429, RATE_BODY, { 'retry-after': '2.0' }, 'rate_limit');
    }
    level += 1;
    if (path === '/shop.json') return json(200, { shop: { id: 548380009, name: 'Sim Tea & Silk', currency: 'USD', iana_timezone: 'America/New_York' } });
    if (path === '/orders/count.json') {
      const f = filters(req.query);
      if (typeof f === 'string') return json(400, { errors: f });
      return json(200, { count: matching(f.status, f.min, f.max).length });
    }
    const shipped = ship.handle(req, path);
    if (shipped) return shipped;
    if (path !== '/orders.json') return json(404, { errors: 'Not Found' });

    const limit = Number(req.query.get('limit') ?? '50');
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return json(400, { errors: { limit: [`must be between 1 and ${MAX_LIMIT}`] } });
    let cursor: Cursor;
    const pageInfo = req.query.get('page_info');
    if (pageInfo) {
      const extra = [...req.query.keys()].filter((k) => !['page_info', 'limit', 'fields'].includes(k));
      if (extra.length) return json(400, { errors: { page_info: [`cannot be passed with ${extra.join(', ')}`] } });
      try {
        cursor = JSON.parse(Buffer.from(pageInfo, 'base64url').toString('utf8')) as Cursor;
      } catch {
        return json(400, { errors: { page_info: ['is invalid'] } });
      }
    } else {
      const f = filters(req.query);
      if (typeof f === 'string') return json(400, { errors: f });
      cursor = { ...f, after: '' };
    }
    const list = matching(cursor.status, cursor.min, cursor.max).sort((a, b) => cmpDesc(a.id, b.id));
    let start = cursor.after ? list.findIndex((o) => cmpDesc(o.id, cursor.after) > 0) : 0;
    if (start < 0) start = list.length;
    const repeat = faults.take('repeat_across_pages') !== null && start > 0;
    const from = repeat ? start - 1 : start;
    const page = list.slice(from, from + limit);
    const change = faults.take('change_between_pages');
    if (change) {
      const victim = list.slice(from + limit).find((o) => o.modifiedAt < (change.at ?? now()));
      if (victim) store.advance(victim.id, change.at ?? now());
    }
    const headers: Record<string, string> = {};
    const links: string[] = [];
    const last = page[page.length - 1];
    if (last && from + limit < list.length) {
      links.push(`<${base}${prefix}/orders.json?limit=${limit}&page_info=${encode({ ...cursor, after: last.id })}>; rel="next"`);
    }
    if (start > 0) links.push(`<${base}${prefix}/orders.json?limit=${limit}&page_info=${encode({ ...cursor, after: '' })}>; rel="previous"`);
    if (links.length) headers.link = links.join(', ');
    const orders = page.map((o) => renderPatched(patches, o, (x) => renderShopifyOrder(x, offset)));
    return json(200, { orders }, headers, repeat ? 'repeat_across_pages' : change ? 'change_between_pages' : undefined);
  }

  const server = await startFaultySimServer(handle, faults, (req) => req.api === '/orders.json' || req.api === '/fulfillments.json', now);
  base = server.url;

  return {
    url: `${server.url}${prefix}`,
    credentials: { access_token: token },
    app,
    oauth,
    store,
    faults,
    ...simControls(faults, patches, server),
    shipments,
    shipInBackOffice: ship.shipInBackOffice,
    orderRequests: () => server.requests.filter((r) => r.api === '/orders.json'),
    expireToken: () => {
      revoked = true;
    },
  };
}

/** Numeric ids as strings, largest first. */
function cmpDesc(a: string, b: string): number {
  if (a.length !== b.length) return b.length - a.length;
  return a < b ? 1 : a > b ? -1 : 0;
}

function encode(c: Cursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}
