import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shopifyConnector } from '../../src-main/channels/shopify/connector';
import { rejection, simContext } from '../helpers/connector-calls';
import { fetchAll } from '../sim/fetch-all';
import { startShopifySim, type ShopifySim } from '../sim/shopify';
import { totals } from '../sim/shopify-orders';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
let sim: ShopifySim;
let now: number;

beforeEach(async () => {
  now = Date.now();
  sim = await startShopifySim({ now: () => now });
});
afterEach(async () => {
  await sim.stop();
});

const ctx = (creds: Record<string, string> = {}) => simContext(sim.url, { ...sim.credentials, ...creds }, () => now);
const window = () => ({ from: now - 2 * DAY, to: now - 5 * 60_000 });

describe('Shopify connector against the Admin REST simulator', () => {
  it('brings every order once (closed and cancelled too), with minor units, UTC times, exact int64 ids and mapped status', async () => {
    const w = window();
    const made = sim.store.generate(610, { ...w, seed: 21 });
    made[0]!.closedAt = made[0]!.modifiedAt; // archived orders are left out unless status=any
    const { items, pages, platformTotals } = await fetchAll(shopifyConnector, ctx(), w.from, w.to);
    expect(platformTotals).toEqual([610]);
    expect(pages).toBe(3); // 250 + 250 + 110 by Link-header cursor
    const ids = items.map((i) => i.platformOrderId);
    expect(new Set(ids).size).toBe(610);
    expect(new Set(ids)).toEqual(new Set(made.map((o) => o.id)));
    for (const o of made) {
      const got = items.find((i) => i.platformOrderId === o.id)!;
      expect(got.result.ok, JSON.stringify(got.result)).toBe(true);
      if (!got.result.ok) continue;
      const n = got.result.order;
      const t = totals(o);
      expect(n.goodsFen).toBe(t.lineItemsFen);
      expect(n.paidFen).toBe(t.totalPriceFen);
      expect(n.discountFen).toBe(o.totalDiscountsFen);
      expect(n.postageFen).toBe(o.shippingFen);
      expect(n.refundFen).toBe(t.refundFen);
      expect(n.createdAt).toBe(Math.floor(o.createdAt / 1000) * 1000);
      expect(n.platformUpdatedAt).toBe(o.modifiedAt);
      expect(n.lines.map((l) => l.platformLineId)).toEqual(o.lines.map((l) => l.id));
      expect(n.lines.reduce((s, l) => s + l.paidFen, 0)).toBe(t.lineItemsFen - o.totalDiscountsFen);
    }
    const paidOpen = made.find((o) => o.financialStatus === 'paid' && o.fulfillmentStatus === null && !o.cancelledAt)!;
    const r1 = items.find((i) => i.platformOrderId === paidOpen.id)!.result;
    expect(r1.ok && [r1.order.platformStatus, r1.order.phase]).toEqual(['paid|unfulfilled', 'paid']);
    const voided = made.find((o) => o.financialStatus === 'voided')!;
    const r2 = items.find((i) => i.platformOrderId === voided.id)!.result;
    expect(r2.ok && [r2.order.platformStatus, r2.order.phase]).toEqual(['voided|unfulfilled|cancelled', 'cancelled']);
    // Every orders.json call after the first carried only limit + page_info.
    for (const req of sim.orderRequests().slice(1)) expect([...req.query.keys()].sort()).toEqual(['limit', 'page_info']);
  });

  it('reads times written in the shop\'s offset and money strings exactly', async () => {
    const w = window();
    const [o] = sim.store.generate(1, { ...w, seed: 4 });
    o!.createdAt = Date.UTC(2026, 2, 1, 3, 30, 0); // 2026-02-28T23:30:00-04:00 in the shop
    o!.lines = [{ ...o!.lines[0]!, quantity: 3, priceFen: 1990, totalDiscountFen: 0 }];
    o!.totalDiscountsFen = 0; o!.shippingFen = 10; o!.totalTaxFen = 0;
    const { items } = await fetchAll(shopifyConnector, ctx(), w.from, w.to);
    expect(items[0]!.raw).toContain('"created_at":"2026-02-28T23:30:00-04:00"');
    expect(items[0]!.raw).toContain(`"id":${o!.id},`);
    const r = items[0]!.result;
    expect(r.ok && r.order.createdAt).toBe(Date.UTC(2026, 2, 1, 3, 30, 0));
    expect(r.ok && r.order.paidFen).toBe(5980);
  });

  it('reports a wrong or revoked access token as auth, and names the shop when it works', async () => {
    await expect(shopifyConnector.testConnection(ctx())).resolves.toEqual({ shopName: 'Sim Tea & Silk' });
    const bad = await rejection(shopifyConnector.fetchPage(ctx({ access_token: 'shpat_wrong' }), window(), null));
    expect(bad).toMatchObject({ kind: 'auth', detail: { httpStatus: 401 } });
    expect(bad.message).toContain('Invalid API key or access token');
    sim.expireToken();
    await expect(shopifyConnector.testConnection(ctx())).rejects.toMatchObject({ kind: 'auth' });
  });

  it('never sends a window wider than allowed, nor one older than 60 days without read_all_orders', async () => {
    expect((await rejection(shopifyConnector.fetchPage(ctx(), { from: now - 10 * DAY, to: now - HOUR }, null))).kind).toBe('invalid_request');
    const old = await rejection(shopifyConnector.fetchPage(ctx(), { from: now - 70 * DAY, to: now - 65 * DAY }, null));
    expect(old.kind).toBe('invalid_request');
    expect(old.message).toContain('read_all_orders');
    expect(sim.requests).toHaveLength(0);
    const allowed = await shopifyConnector.fetchPage(ctx({ read_all_orders: 'true' }), { from: now - 70 * DAY, to: now - 65 * DAY }, null);
    expect(allowed.items).toEqual([]);
  });

  it('maps 429 with Retry-After, HTTP 500 and truncated JSON, then recovers', async () => {
    sim.store.generate(3, { ...window(), seed: 2 });
    sim.misbehave('rate_limit');
    const limited = await rejection(shopifyConnector.fetchPage(ctx(), window(), null));
    expect(limited).toMatchObject({ kind: 'rate_limited', detail: { httpStatus: 429, retryAfterMs: 2000 } });
    sim.misbehave('http_500');
    expect((await rejection(shopifyConnector.fetchPage(ctx(), window(), null))).kind).toBe('transient');
    sim.misbehave('truncated_json');
    expect((await rejection(shopifyConnector.fetchPage(ctx(), window(), null))).kind).toBe('transient');
    expect((await fetchAll(shopifyConnector, ctx(), window().from, window().to)).items).toHaveLength(3);
  });

  it('the simulator enforces the leaky bucket when asked, with Shopify\'s own 429', async () => {
    const strict = await startShopifySim({ enforceBucket: true, now: () => now });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 42; i += 1) {
        const res = await fetch(`${strict.url}/shop.json`, { headers: { 'X-Shopify-Access-Token': strict.credentials.access_token } });
        statuses.push(res.status);
        if (res.status === 429) {
          expect(res.headers.get('retry-after')).toBe('2.0');
          expect(await res.json()).toEqual({ errors: expect.stringContaining('Exceeded 2 calls per second') });
        }
      }
      expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    } finally {
      await strict.stop();
    }
  });

  it('with an order repeated across pages and one changing between pages, none in the window is missed', async () => {
    const w = window();
    const made = sim.store.generate(600, { ...w, seed: 8 });
    sim.misbehave('repeat_across_pages', { times: 2 });
    sim.misbehave('change_between_pages', { at: w.to + 60_000 });
    const { items } = await fetchAll(shopifyConnector, ctx(), w.from, w.to);
    const seen = new Set(items.map((i) => i.platformOrderId));
    const stillIn = made.filter((o) => o.modifiedAt < w.to);
    expect(stillIn).toHaveLength(599);
    for (const o of stillIn) expect(seen.has(o.id)).toBe(true);
  });

  it('one malformed order fails alone, naming the field and value', async () => {
    const w = window();
    const made = sim.store.generate(4, { ...w, seed: 5 });
    sim.corrupt(made[1]!.id, (wire) => {
      wire.updated_at = '2026-02-30T10:00:00';
    });
    const { items } = await fetchAll(shopifyConnector, ctx(), w.from, w.to);
    const bad = items.find((i) => i.platformOrderId === made[1]!.id)!;
    expect(bad.result).toMatchObject({ ok: false, field: 'updated_at', value: '2026-02-30T10:00:00' });
    expect(items.filter((i) => i.result.ok)).toHaveLength(3);
  });
});
