import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorContext } from '../../src-main/channels/connector';
import { createPddConnector } from '../../src-main/channels/pdd/connector';
import { parseWallClock } from '../../src-shared/time';
import { expectKind, orderOf, simContext } from '../helpers/connector-calls';
import { countById, fetchAll } from '../sim/fetch-all';
import { startPddSim, type PddSim, type PddSimOrder } from '../sim/pdd';

// What each PDD order_status means to the merchant (independent of the dictionary file).
const EXPECTED_STATUS: Record<number, string> = { 1: 'paid', 2: 'shipped', 3: 'delivered' };

const MIN = 60_000;
const connector = createPddConnector({ timeoutMs: 1500 });
let sim: PddSim;
let ctx: ConnectorContext;
const T1 = Math.floor((Date.now() - 60 * MIN) / MIN) * MIN;
const T0 = T1 - 120 * MIN;

beforeEach(async () => {
  sim = await startPddSim();
  ctx = simContext(sim.url, { ...sim.credentials });
});
afterEach(async () => {
  await sim.stop();
});

describe('Pinduoduo connector against the POP simulator', () => {
  it('fetches every order of a 2-hour backfill exactly once, yuan doubles to exact fen, GMT+8 to UTC', async () => {
    const made = sim.store.generate(330, { from: T0, to: T1, seed: 12 });
    const got = await fetchAll(connector, ctx, T0, T1);
    expect(got.windows).toBe(4);
    const counts = countById(got.items);
    expect(counts.size).toBe(made.length);
    for (const o of made) expect(counts.get(o.id), `order_sn ${o.id}`).toBe(1);
    for (const o of made) {
      const n = orderOf(got.items, o.id);
      expect(n.platformOrderId).toMatch(/^\d{6}-\d{15}$/);
      expect(n.paidFen).toBe(o.payFen);
      expect(n.goodsFen).toBe(o.goodsFen);
      expect(n.discountFen).toBe(o.discountFen);
      expect(n.platformDiscountFen).toBe(o.platformDiscountFen);
      expect(n.postageFen).toBe(o.postageFen);
      expect(n.createdAt).toBe(o.createdAt);
      expect(n.platformUpdatedAt).toBe(o.modifiedAt);
      expect(n.promisedShipAt).toBe(o.lastShipTime);
      expect(n.platformStatus).toBe(String(o.orderStatus));
      expect(n.phase).toBe(o.refundStatus === 4 ? 'refunded' : EXPECTED_STATUS[o.orderStatus]);
      expect(n.lines.map((l) => [l.skuCode, l.qty, l.unitPriceFen])).toEqual(o.items.map((x) => [x.outerId, x.goodsCount, x.goodsPriceFen]));
      expect(n.lines.reduce((s, l) => s + l.paidFen, 0)).toBe(o.payFen - o.postageFen);
    }
  });

  it('reads amounts that are inexact as doubles (0.1+0.2, 19.9, 1234.57) to the fen', async () => {
    const [o] = sim.store.generate(1, { from: T0, to: T0 + 5 * MIN, seed: 4 }) as [PddSimOrder];
    sim.store.update(o.id, (x) => {
      x.items = [{ ...x.items[0]!, goodsCount: 1, goodsPriceFen: 123457 }];
      x.goodsFen = 123457; x.platformDiscountFen = 30; x.sellerDiscountFen = 0; x.discountFen = 30;
      x.postageFen = 1990; x.payFen = 123457 - 30 + 1990;
    }, T0 + 6 * MIN);
    const { items } = await fetchAll(connector, ctx, T0, T0 + 30 * MIN);
    expect(items[0]!.raw).toContain('"pay_amount":1254.17');
    const n = orderOf(items, o.id);
    expect([n.goodsFen, n.discountFen, n.postageFen, n.paidFen]).toEqual([123457, 30, 1990, 125417]);
  });

  it('keeps ciphertext and masked receiver fields as given and converts 2026-01-01 00:30 GMT+8 to UTC', async () => {
    const [o] = sim.store.generate(1, { from: T0, to: T0 + 5 * MIN, seed: 8 }) as [PddSimOrder];
    sim.store.update(o.id, (x) => {
      x.orderStatus = 1; x.refundStatus = 1;
      x.createdAt = parseWallClock('2026-01-01 00:30:00', 480)!;
      x.receiverNameMask = '李*'; x.receiverPhoneMask = '186****1234';
    }, T0 + 6 * MIN);
    const { items } = await fetchAll(connector, ctx, T0, T0 + 30 * MIN);
    const n = orderOf(items, o.id);
    expect(new Date(n.createdAt).toISOString()).toBe('2025-12-31T16:30:00.000Z');
    expect(n.address?.receiverName).toBe('李*');
    expect(n.address?.receiverPhone).toBe('186****1234');
    expect(n.buyer?.phone).toBeNull(); // ciphertext is never a phone number
    expect(items[0]!.raw).toMatch(/"receiver_phone":"\$AgAAAA/);
  });

  it('refuses windows over 30 minutes and windows ending less than 3 minutes before now, without sending', async () => {
    await expectKind(connector.fetchPage(ctx, { from: T0, to: T0 + 31 * MIN }, null), 'invalid_request');
    const now = Date.now();
    const e = await expectKind(connector.fetchPage(ctx, { from: now - 20 * MIN, to: now - 2 * MIN }, null), 'invalid_request');
    expect(e.message).toMatch(/at least 180 s before now/);
    expect(sim.requests).toHaveLength(0);
    await connector.fetchPage(ctx, { from: now - 20 * MIN, to: now - 3 * MIN - 1000 }, null);
    expect(sim.incrementRequests()).toHaveLength(1);
    const sent = sim.incrementRequests()[0]!.params;
    expect(Number(sent.end_updated_at) - Number(sent.start_updated_at)).toBeLessThanOrEqual(30 * 60);
    expect(Number(sent.end_updated_at) * 1000).toBeLessThanOrEqual(now - 3 * MIN);
  });

  it('pages from the last page back, so orders changing meanwhile do not push others out unseen', async () => {
    const made = sim.store.generate(330, { from: T0, to: T0 + 30 * MIN, seed: 13 });
    sim.misbehave('change_between_pages', { times: 10, at: T0 + 45 * MIN });
    const got = await fetchAll(connector, ctx, T0, T0 + 60 * MIN);
    expect(sim.incrementRequests().slice(0, 5).map((r) => Number(r.params.page))).toEqual([1, 4, 3, 2, 1]);
    const counts = countById(got.items);
    for (const o of made) expect(counts.get(o.id) ?? 0, `order_sn ${o.id}`).toBeGreaterThanOrEqual(1);
    const changed = made.filter((x) => x.modifiedAt === T0 + 45 * MIN);
    expect(changed.length).toBeGreaterThanOrEqual(3);
    for (const o of changed) {
      const last = got.items.filter((i) => i.platformOrderId === o.id).at(-1)!;
      expect(last.result.ok && last.result.order.platformStatus).toBe(String(o.orderStatus));
    }
  });

  it('passes a repeated order on and misses none', async () => {
    const made = sim.store.generate(230, { from: T0, to: T0 + 30 * MIN, seed: 19 });
    sim.misbehave('repeat_across_pages', { times: 10 });
    const counts = countById((await fetchAll(connector, ctx, T0, T0 + 30 * MIN)).items);
    for (const o of made) expect(counts.get(o.id) ?? 0).toBeGreaterThanOrEqual(1);
    expect([...counts.values()].some((n) => n > 1)).toBe(true);
  });

  it('reports a wrong client_secret (20004) and an expired access_token (10019) as auth', async () => {
    const w = { from: T0, to: T0 + 30 * MIN };
    const bad = await expectKind(connector.fetchPage({ ...ctx, credentials: { ...ctx.credentials, client_secret: 'nope' } }, w, null), 'auth');
    expect(bad.detail.platformCode).toBe('20004');
    expect(bad.message).toContain('签名验证失败');
    sim.expireToken();
    expect((await expectKind(connector.fetchPage(ctx, w, null), 'auth')).detail.platformCode).toBe('10019/access_token_invalid');
  });

  it('tests the connection with pdd.mall.info.get', async () => {
    await expect(connector.testConnection(ctx)).resolves.toEqual({ shopName: '模拟拼多多小店' });
  });

  it('maps the rate limit, HTTP 500, truncated JSON and a slow gateway to retryable kinds', async () => {
    sim.store.generate(5, { from: T0, to: T0 + 10 * MIN, seed: 2 });
    const w = { from: T0, to: T0 + 30 * MIN };
    sim.misbehave('rate_limit');
    expect((await expectKind(connector.fetchPage(ctx, w, null), 'rate_limited')).detail.retryAfterMs).toBeGreaterThan(0);
    sim.misbehave('http_500');
    await expectKind(connector.fetchPage(ctx, w, null), 'transient');
    sim.misbehave('truncated_json');
    await expectKind(connector.fetchPage(ctx, w, null), 'transient');
    sim.misbehave('slow', { ms: 2000 });
    await expectKind(connector.fetchPage(ctx, w, null), 'transient');
    expect((await connector.fetchPage(ctx, w, null)).items).toHaveLength(5);
  });

  it('returns a malformed order as a field failure and keeps the others', async () => {
    const made = sim.store.generate(3, { from: T0, to: T0 + 10 * MIN, seed: 6 });
    sim.store.update(made[0]!.id, (x) => { x.items = []; }, T0 + 11 * MIN);
    sim.corrupt(made[1]!.id, (wire) => { wire.updated_at = '2026-13-01 00:00:00'; });
    const { items } = await fetchAll(connector, ctx, T0, T0 + 30 * MIN);
    const bad = items.find((i) => i.platformOrderId === made[0]!.id)!;
    expect(bad.result).toEqual({ ok: false, field: 'item_list', value: '[]', reason: 'expected at least one item' });
    const r1 = items.find((i) => i.platformOrderId === made[1]!.id)!.result;
    expect(r1.ok === false && [r1.field, r1.value]).toEqual(['updated_at', '2026-13-01 00:00:00']);
    expect(items.filter((i) => i.result.ok)).toHaveLength(1);
  });
});
