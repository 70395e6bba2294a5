import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { youzanConnector } from '../../src-main/channels/youzan/connector';
import { rejection, simContext } from '../helpers/connector-calls';
import { fetchAll } from '../sim/fetch-all';
import { startYouzanSim, type YouzanSim } from '../sim/youzan';

const HOUR = 3600_000;
let sim: YouzanSim;
let now: number;

beforeEach(async () => {
  now = Date.now();
  sim = await startYouzanSim({ now: () => now });
});
afterEach(async () => {
  await sim.stop();
});

const ctx = (token = sim.credentials.access_token) => simContext(sim.url, { access_token: token }, () => now);
const window = () => ({ from: now - 8 * HOUR, to: now - 5 * 60_000 });

describe('Youzan connector against the 有赞云 simulator', () => {
  it('brings every order once, with fen amounts, UTC times, exact ids and mapped status', async () => {
    const w = window();
    const made = sim.store.generate(230, { ...w, seed: 11 });
    const { items, pages, platformTotals } = await fetchAll(youzanConnector, ctx(), w.from, w.to);
    expect(platformTotals).toEqual([230]);
    expect(pages).toBe(4); // probe page 1, then pages 3, 2, 1
    const ids = items.map((i) => i.platformOrderId);
    expect(new Set(ids).size).toBe(230);
    expect(new Set(ids)).toEqual(new Set(made.map((o) => o.id)));
    for (const o of made) {
      const got = items.find((i) => i.platformOrderId === o.id)!;
      expect(got.result.ok, JSON.stringify(got.result)).toBe(true);
      if (!got.result.ok) continue;
      const n = got.result.order;
      expect(n.goodsFen).toBe(o.totalFeeFen);
      expect(n.postageFen).toBe(o.postFeeFen);
      expect(n.paidFen).toBe(o.paymentFen);
      expect(n.discountFen).toBe(o.totalFeeFen + o.postFeeFen - o.paymentFen);
      expect(n.lines.reduce((s, l) => s + l.paidFen, 0) + o.postFeeFen).toBe(o.paymentFen);
      expect(n.lines.map((l) => l.platformLineId)).toEqual(o.lines.map((l) => l.oid)); // 18-digit oids exact
      expect(n.createdAt).toBe(Math.floor(o.createdAt / 1000) * 1000);
      expect(n.platformUpdatedAt).toBe(o.modifiedAt);
      expect(n.refundStatus).toBe(String(o.refundState));
    }
    const toShip = made.find((o) => o.status === 'WAIT_SELLER_SEND_GOODS' && o.refundState === 0)!;
    const n = items.find((i) => i.platformOrderId === toShip.id)!.result;
    expect(n.ok && n.order.phase).toBe('paid');
    const refunded = made.find((o) => o.refundState === 12);
    if (refunded) {
      const r = items.find((i) => i.platformOrderId === refunded.id)!.result;
      expect(r.ok && r.order.phase).toBe('refunded');
    }
  });

  it('reads yuan sent as JSON numbers without float error (19.9 → 1990 fen) and GMT+8 times', async () => {
    const w = window();
    const [o] = sim.store.generate(1, { ...w, seed: 2 });
    o!.lines = [{ ...o!.lines[0]!, num: 3, priceFen: 1990, paymentFen: 5970 }];
    o!.totalFeeFen = 5970; o!.postFeeFen = 10; o!.paymentFen = 5980;
    o!.payTime = Date.UTC(2026, 5, 30, 16, 0, 1); // 2026-07-01 00:00:01 Beijing
    const { items } = await fetchAll(youzanConnector, ctx(), w.from, w.to);
    const raw = items[0]!.raw;
    expect(raw).toContain('"payment":59.8');
    expect(raw).toContain('"pay_time":"2026-07-01 00:00:01"');
    const r = items[0]!.result;
    expect(r.ok && r.order.paidFen).toBe(5980);
    expect(r.ok && r.order.paidAt).toBe(Date.UTC(2026, 5, 30, 16, 0, 1));
  });

  it('reports an unknown or expired token as auth', async () => {
    const unknown = await rejection(youzanConnector.fetchPage(ctx('not-a-token'), window(), null));
    expect(unknown).toMatchObject({ kind: 'auth', detail: { platformCode: '4203' } });
    sim.expireToken();
    const expired = await rejection(youzanConnector.fetchPage(ctx(), window(), null));
    expect(expired).toMatchObject({ kind: 'auth', detail: { platformCode: '4202' } });
    await expect(youzanConnector.testConnection(ctx())).rejects.toMatchObject({ kind: 'auth' });
  });

  it('never sends a window wider than allowed', async () => {
    const wide = await rejection(youzanConnector.fetchPage(ctx(), { from: now - 3 * 24 * HOUR, to: now - HOUR }, null));
    expect(wide.kind).toBe('invalid_request');
    expect(sim.requests).toHaveLength(0);
  });

  it('the simulator answers as the gateway does: token only in the query, page_size ≤ 100', async () => {
    const post = (path: string, body: object, headers: Record<string, string> = {}) =>
      fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>);
    expect((await post('/youzan.trades.sold.get/4.0.4', {}, { authorization: `Bearer ${sim.credentials.access_token}` })).gw_err_resp.err_code).toBe(4201);
    expect((await post(`/youzan.trades.sold.get/4.0.4?access_token=${sim.credentials.access_token}`, { page_size: 101 })).message).toBe('每页最多显示100条数据');
    expect((await post(`/youzan.trades.sold.get?access_token=x`, {})).gw_err_resp.err_code).toBe(4001);
  });

  it('maps rate limit, HTTP 500 and truncated JSON to rate_limited / transient, then recovers', async () => {
    sim.store.generate(4, { ...window(), seed: 6 });
    sim.misbehave('rate_limit');
    const limited = await rejection(youzanConnector.fetchPage(ctx(), window(), null));
    expect(limited).toMatchObject({ kind: 'rate_limited', detail: { platformCode: '4101', retryAfterMs: 3000 } });
    sim.misbehave('http_500');
    expect((await rejection(youzanConnector.fetchPage(ctx(), window(), null))).kind).toBe('transient');
    sim.misbehave('truncated_json');
    expect((await rejection(youzanConnector.fetchPage(ctx(), window(), null))).kind).toBe('transient');
    expect((await fetchAll(youzanConnector, ctx(), window().from, window().to)).items).toHaveLength(4);
  });

  it('with an order repeated across pages and one changing between pages, none is missed', async () => {
    const w = window();
    const made = sim.store.generate(250, { ...w, seed: 8 });
    sim.misbehave('repeat_across_pages', { times: 2 });
    sim.misbehave('change_between_pages', { at: w.to + 60_000 });
    const { items } = await fetchAll(youzanConnector, ctx(), w.from, w.to);
    const seen = new Set(items.map((i) => i.platformOrderId));
    // The changed order left the window (modified after its end); every other order arrived.
    const stillInWindow = made.filter((o) => o.modifiedAt < w.to);
    expect(stillInWindow.length).toBe(249);
    for (const o of stillInWindow) expect(seen.has(o.id)).toBe(true);
  });

  it('one malformed order fails alone, naming the field and value', async () => {
    const w = window();
    const made = sim.store.generate(5, { ...w, seed: 3 });
    sim.corrupt(made[2]!.id, (wire) => {
      wire.full_order_info.order_info.update_time = '2026/13/45 25:61';
    });
    const { items } = await fetchAll(youzanConnector, ctx(), w.from, w.to);
    const bad = items.find((i) => i.platformOrderId === made[2]!.id)!;
    expect(bad.result).toMatchObject({ ok: false, field: 'full_order_info.order_info.update_time', value: '2026/13/45 25:61' });
    expect(items.filter((i) => i.result.ok)).toHaveLength(4);
  });
});
