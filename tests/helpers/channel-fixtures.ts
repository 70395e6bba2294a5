import type { Connector, ConnectorContext, FetchWindow, FetchedOrder, PageResult, WindowLimits } from '../../src-main/channels/connector';
import { ConnectorError } from '../../src-main/channels/connector';
import type { NormalizedOrder } from '../../src-main/ingest/normalized-order';
import type { ChannelKind } from '../../src-shared/orders';

const T0 = Date.UTC(2026, 10, 20, 2, 0, 0);

/** A plausible normalised order; override what the test is about. */
export function order(id: string, p: Partial<NormalizedOrder> = {}): NormalizedOrder {
  return {
    platformOrderId: id, platformStatus: 'WAIT_SELLER_SEND_GOODS', phase: 'paid',
    createdAt: T0, paidAt: T0 + 30_000, platformUpdatedAt: T0 + 60_000,
    goodsFen: 8990, paidFen: 8990,
    buyer: { platformBuyerId: `buyer-${id}`, nick: 't**1' },
    address: { receiverName: `收货人${id}`, receiverPhone: '138****0000', province: '浙江省', city: '杭州市', district: '西湖区', detail: `文三路${id}号` },
    lines: [{ platformLineId: `${id}-1`, skuCode: 'SKU-001', title: 'T恤', qty: 1, unitPriceFen: 8990, paidFen: 8990 }],
    ...p,
  };
}

export const fetched = (o: NormalizedOrder): FetchedOrder => ({ platformOrderId: o.platformOrderId, raw: JSON.stringify(o), result: { ok: true, order: o } });

export const broken = (id: string, field: string, value: string, reason: string): FetchedOrder => ({
  platformOrderId: id, raw: JSON.stringify({ tid: id, [field]: value }), result: { ok: false, field, value, reason },
});

export type Fault = 'rate_limit' | 'http500' | 'truncated' | 'repeat' | 'auth';

/**
 * An in-memory platform behind the Connector interface: orders by modified time, paged
 * newest-first like Taobao, with a total; it refuses windows wider than its limit and can
 * misbehave on request. The poller and pipeline tests use it; the platform simulators in
 * tests/sim cover the wire formats.
 */
export class FakePlatform implements Connector {
  readonly credentialFields = ['app_key', 'app_secret', 'session'] as const;
  readonly secretFields = ['app_secret', 'session'] as const;
  readonly orders = new Map<string, NormalizedOrder>();
  readonly windows: FetchWindow[] = [];
  readonly faults: Fault[] = [];
  /** Random faults: probability per request. */
  faultRate = 0;
  badIds = new Set<string>();
  /** The "status dictionary" normalize() applies: a fix adds a word here. */
  readonly dictionary = new Map<string, NormalizedOrder['phase']>();
  requests = 0;
  /** When set, every request waits for it: a test holds a request in the air. */
  gate: Promise<void> | null = null;

  constructor(readonly kind: ChannelKind = 'taobao', readonly limits: WindowLimits = { maxWindowMs: 30 * 60_000, endLagMs: 60_000, overlapMs: 5 * 60_000, pageSize: 50 }, private readonly random = Math.random) {}

  put(o: NormalizedOrder): void {
    this.orders.set(o.platformOrderId, o);
  }

  async testConnection(ctx: ConnectorContext): Promise<{ shopName?: string }> {
    this.checkAuth(ctx);
    return { shopName: 'fake shop' };
  }

  async fetchPage(ctx: ConnectorContext, w: FetchWindow, page: string | null): Promise<PageResult> {
    this.requests++;
    await this.gate;
    if (w.to - w.from > this.limits.maxWindowMs) throw new ConnectorError('invalid_request', `window ${w.to - w.from} ms exceeds the limit`);
    if (w.to > ctx.now() - this.limits.endLagMs + 1) throw new ConnectorError('invalid_request', 'window end too close to now');
    this.windows.push(w);
    this.checkAuth(ctx);
    const fault = this.faults.shift() ?? (this.random() < this.faultRate ? (['rate_limit', 'http500', 'truncated', 'repeat'] as const)[Math.floor(this.random() * 4)] : undefined);
    if (fault === 'auth') throw new ConnectorError('auth', 'Invalid session', { platformCode: '27' });
    if (fault === 'rate_limit') throw new ConnectorError('rate_limited', 'App Call Limited', { platformCode: '7', retryAfterMs: 1000 });
    if (fault === 'http500') throw new ConnectorError('transient', 'HTTP 500', { httpStatus: 500 });
    if (fault === 'truncated') throw new ConnectorError('transient', 'truncated JSON');
    const inWindow = [...this.orders.values()]
      .filter((o) => o.platformUpdatedAt >= w.from && o.platformUpdatedAt < w.to)
      .sort((a, b) => b.platformUpdatedAt - a.platformUpdatedAt || a.platformOrderId.localeCompare(b.platformOrderId));
    const n = Number(page ?? '1');
    const size = this.limits.pageSize;
    let slice = inWindow.slice((n - 1) * size, n * size);
    // An order repeated across pages pushes another one off the page: the window's count disagrees.
    if (fault === 'repeat' && slice.length > 1 && n > 1) slice = [inWindow[(n - 1) * size - 1]!, ...slice.slice(1)];
    return {
      items: slice.map((o) => (this.badIds.has(o.platformOrderId) ? broken(o.platformOrderId, 'payment', 'abc', 'not a yuan amount') : fetched(o))),
      next: n * size < inWindow.length ? String(n + 1) : null,
      platformTotal: inWindow.length,
    };
  }

  /** Quarantine re-process: re-reads a stored payload with the "current code". */
  normalize(raw: string): FetchedOrder['result'] {
    const o = JSON.parse(raw) as NormalizedOrder & { tid?: string };
    if (o.tid !== undefined) {
      const good = this.orders.get(o.tid);
      if (!good || this.badIds.has(o.tid)) return { ok: false, field: 'payment', value: 'abc', reason: 'not a yuan amount' };
      return { ok: true, order: good };
    }
    const mapped = o.phase === null ? this.dictionary.get(o.platformStatus) : undefined;
    return { ok: true, order: mapped ? { ...o, phase: mapped } : o };
  }

  private checkAuth(ctx: ConnectorContext): void {
    if (ctx.credentials.session !== 'good-session') throw new ConnectorError('auth', 'Invalid session: SessionKey非法', { platformCode: '27' });
  }
}

export const FAKE_CONFIG = { app_key: '12345678', app_secret: 'top-secret-value', session: 'good-session', endpoint: 'http://127.0.0.1:9/router/rest' };
