import { PHASE_OF_STATUS_WORD, type OrderStatus } from '../../src-shared/orders';
import { LosslessNumber } from 'lossless-json';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { genericConnector } from '../../src-main/channels/generic/connector';
import { rejection, simContext } from '../helpers/connector-calls';
import { fetchAll } from '../sim/fetch-all';
import { startGenericSim, type GenericSim } from '../sim/generic';

const HOUR = 3600_000;
let sim: GenericSim;
let now: number;

beforeEach(async () => {
  now = Date.now();
  sim = await startGenericSim({ now: () => now });
});
afterEach(async () => {
  await sim.stop();
});

const ctx = (creds: Record<string, string> = {}) => simContext(sim.url, { ...sim.credentials, ...creds }, () => now);
const window = () => ({ from: now - 12 * HOUR, to: now - 60_000 });

describe('generic intake connector against the reference server', () => {
  it('brings every order once, amounts given as fen or as yuan alike, UTC times, exact ids, statuses passed through', async () => {
    const w = window();
    const made = sim.store.generate(257, { ...w, seed: 31 });
    expect(made.some((o) => o.moneyAs === 'fen') && made.some((o) => o.moneyAs === 'yuan')).toBe(true);
    const { items, pages, platformTotals } = await fetchAll(genericConnector, ctx(), w.from, w.to);
    expect(pages).toBe(3);
    expect(platformTotals).toEqual([257]);
    expect(new Set(items.map((i) => i.platformOrderId))).toEqual(new Set(made.map((o) => o.id)));
    expect(items).toHaveLength(257);
    for (const o of made) {
      const got = items.find((i) => i.platformOrderId === o.id)!;
      expect(got.result.ok, JSON.stringify(got.result)).toBe(true);
      if (!got.result.ok) continue;
      const n = got.result.order;
      expect([n.goodsFen, n.discountFen, n.postageFen, n.paidFen]).toEqual([o.goodsFen, o.discountFen, o.postageFen, o.paidFen]);
      expect(n.lines.map((l) => [l.qty, l.unitPriceFen, l.paidFen])).toEqual(o.lines.map((l) => [l.qty, l.unitFen, l.paidFen]));
      expect(n.createdAt).toBe(Math.floor(o.createdAt / 1000) * 1000);
      expect(n.platformUpdatedAt).toBe(o.modifiedAt);
      expect([n.platformStatus, n.phase]).toEqual([o.status, PHASE_OF_STATUS_WORD[o.status as OrderStatus]]);
    }
  });

  it('maps the shop\'s own status words through status_map, and keeps an unknown word unmapped', async () => {
    const w = window();
    const [a, b] = sim.store.generate(2, { ...w, seed: 2 });
    a!.status = '待发货';
    b!.status = '神秘状态';
    const { items } = await fetchAll(genericConnector, ctx({ status_map: '{"待发货":"to_ship"}' }), w.from, w.to);
    const byId = new Map(items.map((i) => [i.platformOrderId, i.result]));
    const ra = byId.get(a!.id)!;
    const rb = byId.get(b!.id)!;
    expect(ra.ok && [ra.order.platformStatus, ra.order.phase]).toEqual(['待发货', 'paid']);
    expect(rb.ok && [rb.order.platformStatus, rb.order.phase]).toEqual(['神秘状态', null]);
  });

  it('validates each order, naming the field and value, and ingests the rest of the page', async () => {
    const w = window();
    const made = sim.store.generate(6, { ...w, seed: 7 });
    sim.corrupt(made[0]!.id, (o) => { o.lines[0].qty = 0; });
    sim.corrupt(made[1]!.id, (o) => { delete o.paid_fen; delete o.paid_yuan; o.paid_yuan = '19.999'; });
    sim.corrupt(made[2]!.id, (o) => { o.created_at = '2024-06-01 10:00:00'; });
    sim.corrupt(made[3]!.id, (o) => { o.goods_fen = 100; o.goods_yuan = '1.00'; });
    const { items } = await fetchAll(genericConnector, ctx(), w.from, w.to);
    const result = (id: string) => items.find((i) => i.platformOrderId === id)!.result;
    expect(result(made[0]!.id)).toMatchObject({ ok: false, field: 'lines[0].qty', value: '0' });
    expect(result(made[1]!.id)).toMatchObject({ ok: false, field: 'paid_yuan', value: '19.999' });
    expect(result(made[2]!.id)).toMatchObject({ ok: false, field: 'created_at', value: '2024-06-01 10:00:00', reason: expect.stringContaining('offset') });
    expect(result(made[3]!.id)).toMatchObject({ ok: false, field: 'goods_yuan', reason: expect.stringContaining('not both') });
    expect(items.filter((i) => i.result.ok)).toHaveLength(2);
  });

  it('an id sent as a long JSON number is refused with its exact digits, not rounded', async () => {
    const w = window();
    const [o] = sim.store.generate(1, { ...w, seed: 9 });
    sim.corrupt(o!.id, (wire) => { wire.id = new LosslessNumber('12345678901234567891'); });
    const { items } = await fetchAll(genericConnector, ctx(), w.from, w.to);
    expect(items[0]!.raw).toContain('"id":12345678901234567891');
    expect(items[0]!.result).toMatchObject({ ok: false, field: 'id', value: '12345678901234567891' });
  });

  it('reports a wrong token as auth and never sends a window over a day', async () => {
    const bad = await rejection(genericConnector.fetchPage(ctx({ token: 'nope' }), window(), null));
    expect(bad).toMatchObject({ kind: 'auth', detail: { httpStatus: 401 } });
    const before = sim.requests.length;
    const wide = await rejection(genericConnector.fetchPage(ctx(), { from: now - 30 * HOUR, to: now - HOUR }, null));
    expect(wide.kind).toBe('invalid_request');
    expect(sim.requests).toHaveLength(before);
    await expect(genericConnector.testConnection(ctx())).resolves.toEqual({});
    sim.expireToken();
    await expect(genericConnector.testConnection(ctx())).rejects.toMatchObject({ kind: 'auth' });
  });

  it('maps 429, HTTP 500 and a cut-off body, then recovers; repeats and changes lose nothing', async () => {
    const w = window();
    const made = sim.store.generate(230, { ...w, seed: 4 });
    sim.misbehave('rate_limit');
    expect(await rejection(genericConnector.fetchPage(ctx(), w, null))).toMatchObject({ kind: 'rate_limited', detail: { retryAfterMs: 1000 } });
    sim.misbehave('http_500');
    expect((await rejection(genericConnector.fetchPage(ctx(), w, null))).kind).toBe('transient');
    sim.misbehave('truncated_json');
    expect((await rejection(genericConnector.fetchPage(ctx(), w, null))).kind).toBe('transient');
    sim.misbehave('repeat_across_pages', { times: 2 });
    sim.misbehave('change_between_pages', { at: w.to + 1000 });
    const { items } = await fetchAll(genericConnector, ctx(), w.from, w.to);
    const seen = new Set(items.map((i) => i.platformOrderId));
    const stillIn = made.filter((o) => o.modifiedAt < w.to);
    expect(stillIn).toHaveLength(229);
    for (const o of stillIn) expect(seen.has(o.id)).toBe(true);
  });
});
