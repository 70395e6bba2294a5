import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jdConnector } from '../../src-main/channels/jd/connector';
import { jdSign } from '../../src-main/channels/jd/sign';
import { formatInZone } from '../../src-shared/time';
import { rejection, simContext } from '../helpers/connector-calls';
import { fetchAll } from '../sim/fetch-all';
import { startJdSim, type JdSim } from '../sim/jd';

const HOUR = 3600_000;
let sim: JdSim;
let now: number;

beforeEach(async () => {
  now = Date.now();
  sim = await startJdSim({ now: () => now });
});
afterEach(async () => {
  await sim.stop();
});

const ctx = (creds: Partial<JdSim['credentials']> = {}) => simContext(sim.url, { ...sim.credentials, ...creds }, () => now);
/** A 6-hour window ending 10 minutes ago (JD wants the end a minute behind now). */
const window = () => ({ from: now - 6 * HOUR - 10 * 60_000, to: now - 10 * 60_000 });

describe('JD connector against the JOS simulator', () => {
  it('brings every order once, with fen amounts, UTC times, exact ids and mapped status', async () => {
    const w = window();
    const made = sim.store.generate(137, { from: w.from, to: w.to, seed: 3 });
    const { items, pages, platformTotals } = await fetchAll(jdConnector, ctx(), w.from, w.to);

    expect(platformTotals).toEqual([137]);
    expect(pages).toBeGreaterThan(2); // 50 per page: probe, then last page back to the first
    const ids = items.map((i) => i.platformOrderId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(made.map((o) => o.id)));

    for (const o of made) {
      const got = items.find((i) => i.platformOrderId === o.id)!;
      expect(got.result.ok, JSON.stringify(got.result)).toBe(true);
      if (!got.result.ok) continue;
      const n = got.result.order;
      expect(n.platformOrderId).toBe(o.id);
      expect(n.goodsFen).toBe(o.goodsFen);
      expect(n.paidFen).toBe(o.paymentFen);
      expect(n.discountFen).toBe(o.sellerDiscountFen);
      expect(n.postageFen).toBe(o.freightFen);
      expect(n.createdAt).toBe(Math.floor(o.createdAt / 1000) * 1000);
      expect(n.platformUpdatedAt).toBe(o.modifiedAt);
      expect(n.platformStatus).toBe(o.state);
      expect(n.address?.receiverPhone).toBe(o.consignee.mobile); // masked, kept as given
      expect(n.lines.map((l) => [l.qty, l.unitPriceFen])).toEqual(o.lines.map((l) => [l.qty, l.jdPriceFen]));
      expect(JSON.parse(got.raw).orderId).toBe(o.id);
    }
    const stockOut = made.find((o) => o.state === 'WAIT_SELLER_STOCK_OUT')!;
    const mapped = items.find((i) => i.platformOrderId === stockOut.id)!;
    expect(mapped.result.ok && mapped.result.order.phase).toBe('paid');
    const cancelled = made.find((o) => o.state === 'TRADE_CANCELED');
    if (cancelled) {
      const c = items.find((i) => i.platformOrderId === cancelled.id)!;
      expect(c.result.ok && c.result.order.phase).toBe('cancelled');
    }
  });

  it('converts GMT+8 wall-clock times to UTC and yuan strings to fen exactly', async () => {
    const w = window();
    const [o] = sim.store.generate(1, { from: w.from, to: w.to, seed: 9 });
    o!.createdAt = Date.UTC(2026, 0, 1, 16, 30, 0); // 2026-01-02 00:30:00 in Beijing
    o!.goodsFen = 1990; o!.sellerDiscountFen = 0; o!.freightFen = 10; o!.paymentFen = 2000;
    const { items } = await fetchAll(jdConnector, ctx(), w.from, w.to);
    const raw = JSON.parse(items[0]!.raw);
    expect(raw.orderStartTime).toBe('2026-01-02 00:30:00');
    expect(raw.orderTotalPrice).toBe('19.90');
    const n = items[0]!.result.ok ? items[0]!.result.order : null;
    expect(n?.createdAt).toBe(Date.UTC(2026, 0, 1, 16, 30, 0));
    expect(n?.goodsFen).toBe(1990);
    expect(n?.paidFen).toBe(2000);
  });

  it('reports a wrong app_secret and a wrong access_token as auth', async () => {
    sim.store.generate(3, { ...window(), seed: 1 });
    const badSecret = await rejection(jdConnector.fetchPage(ctx({ app_secret: 'wrong' }), window(), null));
    expect(badSecret.kind).toBe('auth');
    expect(badSecret.detail.platformCode).toBe('12');
    const badToken = await rejection(jdConnector.fetchPage(ctx({ access_token: 'expired' }), window(), null));
    expect(badToken.kind).toBe('auth');
    expect(badToken.detail.platformCode).toBe('19');
    await expect(jdConnector.testConnection(ctx({ app_secret: 'wrong' }))).rejects.toMatchObject({ kind: 'auth' });
    await expect(jdConnector.testConnection(ctx())).resolves.toEqual({});
  });

  it('never sends a window wider than allowed', async () => {
    const month = await rejection(jdConnector.fetchPage(ctx(), { from: now - 40 * 24 * HOUR, to: now - 10 * 60_000 }, null));
    expect(month.kind).toBe('invalid_request');
    const twoDays = await rejection(jdConnector.fetchPage(ctx(), { from: now - 49 * HOUR, to: now - HOUR }, null));
    expect(twoDays.kind).toBe('invalid_request');
    const tooRecent = await rejection(jdConnector.fetchPage(ctx(), { from: now - HOUR, to: now }, null));
    expect(tooRecent.kind).toBe('invalid_request');
    expect(sim.requests).toHaveLength(0);
  });

  it('the simulator itself refuses a window over one month and a clock 7 minutes off, as JOS does', async () => {
    const call = async (business: object, at = now) => {
      const p: Record<string, string> = {
        method: 'jingdong.pop.order.search', app_key: sim.credentials.app_key, access_token: sim.credentials.access_token,
        timestamp: formatInZone(at), v: '2.0', sign_method: 'md5', '360buy_param_json': JSON.stringify(business),
      };
      p.sign = jdSign(p, sim.credentials.app_secret);
      return (await fetch(`${sim.url}?${new URLSearchParams(p)}`)).json() as Promise<any>;
    };
    const wide = await call({ start_date: formatInZone(now - 40 * 24 * HOUR), end_date: formatInZone(now), page: '1', page_size: '50', optional_fields: 'orderId' });
    expect(wide.jingdong_pop_order_search_responce.searchorderinfo_result.apiResult.success).toBe(false);
    const skewed = await call({ start_date: formatInZone(now - HOUR), end_date: formatInZone(now), page: '1', page_size: '50', optional_fields: 'orderId' }, now - 7 * 60_000);
    expect(skewed.error_response.code).toBe('8');
  });

  it('maps rate limit, HTTP 500 and truncated JSON to rate_limited / transient, then recovers', async () => {
    sim.store.generate(5, { ...window(), seed: 2 });
    sim.misbehave('rate_limit');
    const limited = await rejection(jdConnector.fetchPage(ctx(), window(), null));
    expect(limited.kind).toBe('rate_limited');
    expect(limited.detail.retryAfterMs).toBeGreaterThan(0);
    sim.misbehave('http_500');
    expect((await rejection(jdConnector.fetchPage(ctx(), window(), null))).kind).toBe('transient');
    sim.misbehave('truncated_json');
    expect((await rejection(jdConnector.fetchPage(ctx(), window(), null))).kind).toBe('transient');
    const { items } = await fetchAll(jdConnector, ctx(), window().from, window().to);
    expect(items).toHaveLength(5);
  });

  it('an order repeated across pages still leaves every order present', async () => {
    const w = window();
    const made = sim.store.generate(120, { ...w, seed: 5 });
    sim.misbehave('repeat_across_pages', { times: 2 });
    const { items } = await fetchAll(jdConnector, ctx(), w.from, w.to);
    expect(new Set(items.map((i) => i.platformOrderId))).toEqual(new Set(made.map((o) => o.id)));
  });

  it('one malformed order fails alone, naming the field and value; the page proceeds', async () => {
    const w = window();
    const made = sim.store.generate(10, { ...w, seed: 4 });
    sim.corrupt(made[3]!.id, (wire) => {
      wire.orderPayment = '12.3.4';
    });
    const { items } = await fetchAll(jdConnector, ctx(), w.from, w.to);
    expect(items).toHaveLength(10);
    const bad = items.find((i) => i.platformOrderId === made[3]!.id)!;
    expect(bad.result).toEqual({ ok: false, field: 'orderPayment', value: '12.3.4', reason: expect.stringContaining('yuan') });
    expect(JSON.parse(bad.raw).orderPayment).toBe('12.3.4');
    expect(items.filter((i) => i.result.ok)).toHaveLength(9);
  });
});
