import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorContext } from '../../src-main/channels/connector';
import { createTaobaoConnector } from '../../src-main/channels/taobao/connector';
import { parseWallClock } from '../../src-shared/time';
import { expectKind, orderOf, simContext } from '../helpers/connector-calls';
import { countById, fetchAll } from '../sim/fetch-all';
import { startTaobaoSim, type TaobaoSim, type TaobaoSimTrade } from '../sim/taobao';

// What a merchant expects each Taobao word to mean (independent of the dictionary file).
const EXPECTED_STATUS: Record<string, string> = {
  WAIT_BUYER_PAY: 'unpaid', WAIT_SELLER_SEND_GOODS: 'paid', SELLER_CONSIGNED_PART: 'paid',
  WAIT_BUYER_CONFIRM_GOODS: 'shipped', TRADE_FINISHED: 'completed', TRADE_CLOSED: 'refunded',
  TRADE_CLOSED_BY_TAOBAO: 'cancelled',
};

const MIN = 60_000;
const connector = createTaobaoConnector({ timeoutMs: 1500 });
let sim: TaobaoSim;
let ctx: ConnectorContext;
// A 3-hour range ending an hour ago, on whole minutes.
const T1 = Math.floor((Date.now() - 60 * MIN) / MIN) * MIN;
const T0 = T1 - 180 * MIN;

beforeEach(async () => {
  sim = await startTaobaoSim();
  ctx = simContext(sim.url, { ...sim.credentials });
});
afterEach(async () => {
  await sim.stop();
});

describe('Taobao connector against the TOP simulator', () => {
  it('fetches every order of a 3-hour backfill exactly once, with fen, UTC times, 19-digit tids and mapped status', async () => {
    const made = sim.store.generate(420, { from: T0, to: T1, seed: 11 });
    const got = await fetchAll(connector, ctx, T0, T1);
    expect(got.windows).toBe(6);
    const counts = countById(got.items);
    expect(counts.size).toBe(made.length);
    for (const t of made) expect(counts.get(t.id), `tid ${t.id}`).toBe(1);
    expect(got.items.every((i) => i.result.ok)).toBe(true);
    expect(got.platformTotals.reduce((a, b) => a + b, 0)).toBe(made.length);

    for (const t of made) {
      const o = orderOf(got.items, t.id);
      expect(o.platformOrderId).toMatch(/^\d{19}$/);
      expect(o.platformOrderId).toBe(t.id);
      expect(o.paidFen).toBe(t.paymentFen);
      expect(o.goodsFen).toBe(t.totalFeeFen);
      expect(o.postageFen).toBe(t.postFeeFen);
      expect(o.discountFen).toBe(t.discountFeeFen);
      expect(o.createdAt).toBe(t.createdAt);
      expect(o.platformUpdatedAt).toBe(t.modifiedAt);
      expect(o.paidAt ?? null).toBe(t.payTime);
      expect(o.platformStatus).toBe(t.status);
      expect(o.phase).toBe(EXPECTED_STATUS[t.status]);
      expect(o.lines.map((l) => [l.platformLineId, l.skuCode, l.qty, l.unitPriceFen, l.paidFen]))
        .toEqual(t.lines.map((l) => [l.oid, l.outerSkuId, l.num, l.priceFen, l.paymentFen]));
      expect(o.lines.reduce((s, l) => s + l.paidFen, 0) + (o.postageFen ?? 0)).toBe(o.paidFen);
    }
  });

  it('keeps the raw trade text with the tid digits exact (no 2^53 rounding)', async () => {
    const [t] = sim.store.generate(1, { from: T0, to: T0 + 10 * MIN, seed: 3 }) as [TaobaoSimTrade];
    t.id = '2450123456789012345';
    t.lines[0]!.oid = '2450123456789012345';
    const { items } = await fetchAll(connector, ctx, T0, T0 + 30 * MIN);
    expect(items).toHaveLength(1);
    expect(items[0]!.platformOrderId).toBe('2450123456789012345');
    expect(items[0]!.raw).toContain('"tid":2450123456789012345');
    // what a plain JSON.parse would have stored instead:
    expect(String(JSON.parse(items[0]!.raw).tid)).not.toBe('2450123456789012345');
  });

  it('converts GMT+8 wall-clock times to UTC and stores masked buyer fields as given', async () => {
    const [t] = sim.store.generate(1, { from: T0, to: T0 + 10 * MIN, seed: 5 }) as [TaobaoSimTrade];
    sim.store.update(t.id, (x) => {
      x.createdAt = parseWallClock('2026-01-01 00:30:00', 480)!; // still 31 Dec in UTC
      x.receiver.mobile = '138****0000';
      x.receiver.name = '张*';
    }, T0 + 5 * MIN);
    const { items } = await fetchAll(connector, ctx, T0, T0 + 30 * MIN);
    const o = orderOf(items, t.id);
    expect(new Date(o.createdAt).toISOString()).toBe('2025-12-31T16:30:00.000Z');
    expect(o.address?.receiverPhone).toBe('138****0000');
    expect(o.address?.receiverName).toBe('张*');
    expect(o.buyer?.phone).toBeNull();
    expect(o.buyer?.nick).toBe(t.buyerNick);
  });

  it('pages a large window from the last page back to the first, as Taobao advises', async () => {
    sim.store.generate(250, { from: T0, to: T0 + 30 * MIN, seed: 21 });
    const got = await fetchAll(connector, ctx, T0, T0 + 30 * MIN);
    expect(countById(got.items).size).toBe(250);
    const pages = sim.incrementRequests().map((r) => Number(r.params.page_no));
    expect(pages).toEqual([1, 3, 2, 1]);
    for (const r of sim.incrementRequests()) {
      expect(r.params.page_size).toBe('100');
      expect(r.params.start_modified).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(r.method).toBe('POST');
      expect(r.query.get('sign')).toMatch(/^[0-9A-F]{32}$/);
    }
  });

  it('passes an order repeated across pages on to the caller (the upsert absorbs it) and misses none', async () => {
    const made = sim.store.generate(250, { from: T0, to: T0 + 30 * MIN, seed: 31 });
    sim.misbehave('repeat_across_pages', { times: 10 });
    const got = await fetchAll(connector, ctx, T0, T0 + 30 * MIN);
    const counts = countById(got.items);
    for (const t of made) expect(counts.get(t.id) ?? 0, `tid ${t.id}`).toBeGreaterThanOrEqual(1);
    expect([...counts.values()].filter((n) => n > 1).length).toBeGreaterThanOrEqual(1);
  });

  it('misses no order when others change (and leave the window) while it pages', async () => {
    const made = sim.store.generate(350, { from: T0, to: T0 + 30 * MIN, seed: 32 });
    const changedAt = T0 + 40 * MIN;
    sim.misbehave('change_between_pages', { at: changedAt, times: 10 });
    const got = await fetchAll(connector, ctx, T0, T0 + 60 * MIN);
    const counts = countById(got.items);
    for (const t of made) expect(counts.get(t.id) ?? 0, `tid ${t.id}`).toBeGreaterThanOrEqual(1);
    const changed = made.filter((t) => t.modifiedAt === changedAt);
    expect(changed.length).toBeGreaterThanOrEqual(3);
    for (const t of changed) {
      const latest = got.items.filter((i) => i.platformOrderId === t.id).at(-1)!;
      expect(latest.result.ok && latest.result.order.platformUpdatedAt).toBe(changedAt);
      expect(latest.result.ok && latest.result.order.platformStatus).toBe(t.status);
    }
  });

  it('reports a wrong secret and an expired session as auth errors', async () => {
    sim.store.generate(3, { from: T0, to: T0 + 10 * MIN, seed: 1 });
    const w = { from: T0, to: T0 + 30 * MIN };
    const bad = await expectKind(connector.fetchPage({ ...ctx, credentials: { ...ctx.credentials, app_secret: 'wrong' } }, w, null), 'auth');
    expect(bad.detail.platformCode).toBe('25/isv.invalid-signature');
    expect(bad.message).toContain('Invalid Signature');
    await expectKind(connector.fetchPage({ ...ctx, credentials: { ...ctx.credentials, app_secret: 'wrong', sign_method: 'hmac' } }, w, null), 'auth');
    sim.expireSession();
    const expired = await expectKind(connector.fetchPage(ctx, w, null), 'auth');
    expect(expired.detail.platformCode).toBe('27/invalid-sessionkey');
  });

  it('signs with hmac and hmac-sha256 too, and testConnection returns the seller nick', async () => {
    for (const method of ['hmac', 'hmac-sha256']) {
      const signed = { ...ctx, credentials: { ...ctx.credentials, sign_method: method } };
      await expect(connector.testConnection(signed)).resolves.toEqual({ shopName: '模拟旗舰店' });
      expect(sim.requests.at(-1)!.params.sign_method).toBe(method);
    }
  });

  it('says so when the PC clock is more than 10 minutes off (Invalid Timestamp), without retrying as is', async () => {
    const skewed = { ...ctx, now: () => Date.now() + 15 * MIN };
    const e = await expectKind(connector.fetchPage(skewed, { from: T0, to: T0 + 30 * MIN }, null), 'invalid_request');
    expect(e.detail.platformCode).toBe('31/isv.invalid-timestamp');
    expect(e.message).toMatch(/本机时钟/);
  });

  it('never sends a window wider than the platform allows or too close to now', async () => {
    await expectKind(connector.fetchPage(ctx, { from: T0, to: T0 + 31 * MIN }, null), 'invalid_request');
    await expectKind(connector.fetchPage(ctx, { from: T0, to: T0 + 2 * 24 * 60 * MIN }, null), 'invalid_request');
    await expectKind(connector.fetchPage(ctx, { from: Date.now() - 10 * MIN, to: Date.now() }, null), 'invalid_request');
    expect(sim.requests).toHaveLength(0);
  });

  it('reports a window older than the 3 months Taobao keeps as a refused request', async () => {
    const old = Date.now() - 100 * 24 * 60 * MIN;
    const e = await expectKind(connector.fetchPage(ctx, { from: old, to: old + 30 * MIN }, null), 'invalid_request');
    expect(e.detail.platformCode).toBe('41/isv.invalid-parameter:start_modified');
  });

  it('maps rate limits, HTTP 500, truncated JSON and slow answers to retryable kinds', async () => {
    sim.store.generate(5, { from: T0, to: T0 + 10 * MIN, seed: 2 });
    const w = { from: T0, to: T0 + 30 * MIN };
    sim.misbehave('rate_limit', { banSeconds: 3 });
    const limited = await expectKind(connector.fetchPage(ctx, w, null), 'rate_limited');
    expect(limited.detail.retryAfterMs).toBe(3000);
    expect(limited.detail.platformCode).toBe('7/accesscontrol.limited-by-api-access-count');
    sim.misbehave('http_500');
    expect((await expectKind(connector.fetchPage(ctx, w, null), 'transient')).detail.httpStatus).toBe(500);
    sim.misbehave('truncated_json');
    expect((await expectKind(connector.fetchPage(ctx, w, null), 'transient')).message).toMatch(/not valid JSON/);
    sim.misbehave('slow', { ms: 2500 });
    expect((await expectKind(connector.fetchPage(ctx, w, null), 'transient')).message).toMatch(/no answer within 1500 ms/);
    const ok = await connector.fetchPage(ctx, w, null);
    expect(ok.items).toHaveLength(5);
  });

  it('returns a bad trade as a validation failure naming field and value, and keeps the rest of the page', async () => {
    const made = sim.store.generate(4, { from: T0, to: T0 + 10 * MIN, seed: 9 });
    sim.store.update(made[1]!.id, (t) => { t.lines[0]!.num = 0; }, T0 + 2 * MIN);
    sim.store.update(made[2]!.id, (t) => { t.status = 'SOME_NEW_STATUS'; }, T0 + 3 * MIN);
    sim.corrupt(made[3]!.id, (wire) => { wire.payment = '89.9O'; });
    const { items } = await fetchAll(connector, ctx, T0, T0 + 30 * MIN);
    expect(items).toHaveLength(4);
    const bad = items.find((i) => i.platformOrderId === made[1]!.id)!;
    expect(bad.result).toEqual({ ok: false, field: 'orders.order[0].num', value: '0', reason: 'quantity must be at least 1' });
    expect(bad.raw).toContain(made[1]!.id);
    const unmapped = orderOf(items, made[2]!.id);
    expect(unmapped.phase).toBeNull();
    expect(unmapped.platformStatus).toBe('SOME_NEW_STATUS');
    expect(items.find((i) => i.platformOrderId === made[3]!.id)!.result)
      .toEqual({ ok: false, field: 'payment', value: '89.9O', reason: 'expected an amount in yuan with at most 2 decimals' });
    expect(items.filter((i) => i.result.ok)).toHaveLength(2);
  });
});
