import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorContext } from '../../src-main/channels/connector';
import { createDouyinConnector } from '../../src-main/channels/douyin/connector';
import { expectKind, orderOf, simContext } from '../helpers/connector-calls';
import { countById, fetchAll } from '../sim/fetch-all';
import { startDouyinSim, type DouyinSim, type DouyinSimOrder } from '../sim/douyin';

// What each doudian order_status means to the merchant (independent of the dictionary file).
const EXPECTED_STATUS: Record<number, string> = {
  1: 'unpaid', 105: 'paid', 2: 'paid', 101: 'paid', 3: 'shipped', 4: 'cancelled', 5: 'completed',
};

const MIN = 60_000;
const connector = createDouyinConnector({ timeoutMs: 1500 });
let sim: DouyinSim;
let ctx: ConnectorContext;
const T1 = Math.floor((Date.now() - 60 * MIN) / MIN) * MIN;
const T0 = T1 - 120 * MIN;

beforeEach(async () => {
  sim = await startDouyinSim();
  ctx = simContext(sim.url, { ...sim.credentials });
});
afterEach(async () => {
  await sim.stop();
});

describe('Douyin Shop connector against the doudian simulator', () => {
  it('fetches every order of a 2-hour backfill exactly once with fen amounts, Unix-second times and mapped status', async () => {
    const made = sim.store.generate(310, { from: T0, to: T1, seed: 14 });
    const got = await fetchAll(connector, ctx, T0, T1);
    const counts = countById(got.items);
    expect(counts.size).toBe(made.length);
    for (const o of made) expect(counts.get(o.id), `order_id ${o.id}`).toBe(1);
    expect(got.platformTotals.reduce((a, b) => a + b, 0)).toBe(made.length);
    for (const o of made) {
      const n = orderOf(got.items, o.id);
      const goods = o.skus.reduce((s, k) => s + k.originFen * k.itemNum, 0);
      expect(n.platformOrderId).toMatch(/^69\d{17}$/);
      expect(n.goodsFen).toBe(goods);
      expect(n.postageFen).toBe(o.postFen);
      expect(n.discountFen).toBe(o.promotionShopFen + o.promotionPlatformFen);
      expect(n.paidFen).toBe(goods + o.postFen - o.promotionShopFen - o.promotionPlatformFen);
      expect(n.createdAt).toBe(Math.floor(o.createdAt / 1000) * 1000);
      expect(n.platformUpdatedAt).toBe(o.modifiedAt);
      expect(n.paidAt ?? null).toBe(o.payTime === null ? null : Math.floor(o.payTime / 1000) * 1000);
      expect(n.phase).toBe(EXPECTED_STATUS[o.orderStatus]);
      expect(n.lines.map((l) => [l.platformLineId, l.skuCode, l.qty, l.unitPriceFen, l.paidFen]))
        .toEqual(o.skus.map((k) => [k.id, k.outSkuId, k.itemNum, k.originFen, k.payFen]));
    }
  });

  it('sends param_json canonical and signed, pages from the last page (page 0 first probed) back', async () => {
    sim.store.generate(250, { from: T0, to: T0 + 30 * MIN, seed: 15 });
    const got = await fetchAll(connector, ctx, T0, T0 + 30 * MIN);
    expect(countById(got.items).size).toBe(250);
    const bodies = sim.searchRequests().map((r) => JSON.parse(r.body) as { page: number; size: number; order_by: string });
    expect(bodies.map((b) => b.page)).toEqual([0, 2, 1, 0]);
    const first = sim.searchRequests()[0]!;
    expect(first.path).toBe('/order/searchList');
    expect(first.query.get('sign')).toMatch(/^[0-9a-f]{64}$/);
    expect(first.query.get('timestamp')).toMatch(/^\d{10}$/);
    expect(first.body).toMatch(/^\{"order_by":"update_time","page":0,"size":100,"update_time_end":\d{10},"update_time_start":\d{10}\}$/);
  });

  it('keeps masked receiver fields and the after-sale sub-status, maps a refunded cancelled order', async () => {
    const [o] = sim.store.generate(1, { from: T0, to: T0 + 5 * MIN, seed: 16 }) as [DouyinSimOrder];
    sim.store.update(o.id, (x) => {
      x.orderStatus = 4; x.receiverMask = '王*'; x.telMask = '139****8888';
      for (const k of x.skus) k.afterSaleStatus = 12;
    }, T0 + 6 * MIN);
    const { items } = await fetchAll(connector, ctx, T0, T0 + 30 * MIN);
    const n = orderOf(items, o.id);
    expect(n.phase).toBe('cancelled');
    expect(n.refundStatus).toBe('12');
    expect(n.refundFen).toBe(o.skus.reduce((s, k) => s + k.payFen, 0));
    expect(n.address?.receiverName).toBe('王*');
    expect(n.address?.receiverPhone).toBe('139****8888');
    expect(n.buyer?.phone).toBeNull();
    expect(items[0]!.raw).toContain('"encrypt_post_tel"');
  });

  it('misses no order when others change while it pages, and passes repeats on', async () => {
    const made = sim.store.generate(320, { from: T0, to: T0 + 30 * MIN, seed: 17 });
    sim.misbehave('change_between_pages', { times: 10, at: T0 + 50 * MIN });
    const got = await fetchAll(connector, ctx, T0, T0 + 60 * MIN);
    const counts = countById(got.items);
    for (const o of made) expect(counts.get(o.id) ?? 0, `order_id ${o.id}`).toBeGreaterThanOrEqual(1);
    expect(made.filter((o) => o.modifiedAt === T0 + 50 * MIN).length).toBeGreaterThanOrEqual(3);

    sim.misbehave('repeat_across_pages', { times: 10 });
    const again = countById((await fetchAll(connector, ctx, T0, T0 + 60 * MIN)).items);
    for (const o of made) expect(again.get(o.id) ?? 0).toBeGreaterThanOrEqual(1);
    expect([...again.values()].some((n) => n > 1)).toBe(true);
  });

  it('reports a wrong app_secret and an expired access_token as auth', async () => {
    const w = { from: T0, to: T0 + 30 * MIN };
    const bad = await expectKind(connector.fetchPage({ ...ctx, credentials: { ...ctx.credentials, app_secret: 'x' } }, w, null), 'auth');
    expect(bad.detail.platformCode).toBe('40003/isv.signature-invalid');
    sim.expireToken();
    expect((await expectKind(connector.fetchPage(ctx, w, null), 'auth')).detail.platformCode).toBe('40003/isv.access-token-expired');
    await expectKind(connector.testConnection(ctx), 'auth');
  });

  it('never sends a window over 30 minutes', async () => {
    await expectKind(connector.fetchPage(ctx, { from: T0, to: T0 + 30 * MIN + 1000 }, null), 'invalid_request');
    await expectKind(connector.fetchPage(ctx, { from: T0, to: T0 + 25 * 60 * MIN }, null), 'invalid_request');
    expect(sim.requests).toHaveLength(0);
  });

  it('maps 60000 限流, HTTP 500, truncated JSON and a slow answer to retryable kinds', async () => {
    sim.store.generate(4, { from: T0, to: T0 + 10 * MIN, seed: 2 });
    const w = { from: T0, to: T0 + 30 * MIN };
    sim.misbehave('rate_limit');
    expect((await expectKind(connector.fetchPage(ctx, w, null), 'rate_limited')).detail.platformCode).toBe('60000/isv.api-flow-limited');
    sim.misbehave('http_500');
    await expectKind(connector.fetchPage(ctx, w, null), 'transient');
    sim.misbehave('truncated_json');
    await expectKind(connector.fetchPage(ctx, w, null), 'transient');
    sim.misbehave('slow', { ms: 2000 });
    await expectKind(connector.fetchPage(ctx, w, null), 'transient');
    expect((await connector.fetchPage(ctx, w, null)).items).toHaveLength(4);
  });

  it('rejects an order of another shop, one without lines and one with yuan where fen belongs', async () => {
    const made = sim.store.generate(3, { from: T0, to: T0 + 10 * MIN, seed: 18 });
    sim.store.update(made[0]!.id, (x) => { x.shopId = '99999'; }, T0 + 11 * MIN);
    sim.store.update(made[1]!.id, (x) => { x.skus = []; }, T0 + 12 * MIN);
    sim.corrupt(made[2]!.id, (wire) => { wire.pay_amount = '25.90'; });
    const { items } = await fetchAll(connector, ctx, T0, T0 + 30 * MIN);
    const r0 = items.find((i) => i.platformOrderId === made[0]!.id)!.result;
    expect(r0.ok === false && [r0.field, r0.value]).toEqual(['shop_id', '99999']);
    const r1 = items.find((i) => i.platformOrderId === made[1]!.id)!.result;
    expect(r1.ok === false && r1.field).toBe('sku_order_list');
    const r2 = items.find((i) => i.platformOrderId === made[2]!.id)!.result;
    expect(r2.ok === false && [r2.field, r2.value]).toEqual(['pay_amount', '25.90']); // fen must be whole numbers
    expect(items.filter((i) => i.result.ok)).toHaveLength(0);
  });
});
