import type { LocalEvents } from '../../src-main/kernel/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/kernel/clock';
import type { NormalizedOrder } from '../../src-main/ingest/normalized-order';
import { PERSON } from '../helpers/lifecycle-fixture';
import { order, shippingWorld, type ShippingWorld, drainConfirmations } from '../helpers/shipping-world';
import { startPddSim, type PddSim } from '../sim/pdd';
import { startTaobaoSim, type TaobaoSim } from '../sim/taobao';

const clock = new ManualClock(Date.now());
let w: ShippingWorld;
let token: string;
let taobao: TaobaoSim;
let pdd: PddSim;
let tb: { id: string; kind: string };
let pd: { id: string; kind: string };

/** Our copy of a simulator order, its lines keyed by the platform's line ids. */
function mirror(id: string, lineIds: string[]): NormalizedOrder {
  return order(id, { lines: lineIds.map((l) => ({ platformLineId: l, skuCode: 'SKU-001', title: 'T恤', qty: 1, unitPriceFen: 100, paidFen: 100 })) });
}

beforeAll(async () => {
  taobao = await startTaobaoSim({ seed: 5, now: () => clock.now() });
  pdd = await startPddSim({ seed: 5, now: () => clock.now() });
  taobao.store.generate(80, { from: clock.now() - 86_400_000, to: clock.now() - 60_000, seed: 5 });
  pdd.store.generate(60, { from: clock.now() - 86_400_000, to: clock.now() - 60_000, seed: 5 });
  w = await shippingWorld({ shipping: { autostart: false, clock }, channels: { autostart: false } });
  token = await w.app.login('warehouse');
  const { store } = w.app.services.channels;
  store.endpoints.setCustomEndpoints(PERSON, true); // the simulators are on 127.0.0.1
  tb = store.create(PERSON, { kind: 'taobao', name: '回传测试天猫店', config: { ...taobao.credentials, endpoint: taobao.url } });
  pd = store.create(PERSON, { kind: 'pdd', name: '回传测试拼多多店', config: { ...pdd.credentials, endpoint: pdd.url } });
}, 60_000);
afterAll(async () => {
  w?.dispose();
  await taobao?.stop();
  await pdd?.stop();
});

const used = new Set<string>();
/** Trades waiting to ship that no earlier test took. */
const waitingTrades = () => taobao.store.all().filter((t) => t.status === 'WAIT_SELLER_SEND_GOODS' && !used.has(t.id));
const take = <T extends { id: string }>(t: T): T => (used.add(t.id), t);
const waitingPdd = () => pdd.store.all().filter((o) => o.orderStatus === 1 && o.refundStatus === 1);
const confirmations = (orderId: string) => w.app.services.db.sqlite.prepare('SELECT * FROM shipment_confirmations WHERE order_id = ?').all(orderId) as Record<string, any>[];
const sendCalls = (sim: { requests: { api?: string }[] }, api: string) => sim.requests.filter((r) => r.api === api).length;

const drain = (maxRounds = 30) => drainConfirmations(w, clock, maxRounds);

describe('发货回传 to Taobao', () => {
  it('every shipment is confirmed exactly once with its number and carrier code, through rate limits and 500s', async () => {
    const trades = waitingTrades().slice(0, 6);
    expect(trades.length).toBe(6);
    trades.forEach(take);
    const ids = w.readyIn(tb, ...trades.map((t) => mirror(t.id, t.lines.map((l) => l.oid))));
    const numbers = trades.map((_, i) => (i % 2 ? `SF${String(1_000_000_000_000 + i)}` : `7${String(3_000_000_000_000 + i)}`));
    for (const [i, t] of trades.entries()) {
      const r = await w.app.call('shipping.scan', { orderNo: t.id, trackingNo: numbers[i]! }, token);
      expect(r.ok).toBe(true);
    }
    // Two rate limits (each ends the round for the shop), then two 500s that come AFTER the shop
    // recorded the parcel: we never hear its yes.
    taobao.misbehave('rate_limit', { times: 2 });
    await w.app.services.shipping.sender.runOnce();
    clock.advance(60_000);
    await w.app.services.shipping.sender.runOnce();
    expect(taobao.shipments.parcels).toHaveLength(0);
    taobao.misbehave('http_500', { times: 2 });
    let pushed = 0;
    const off = (w.app.events as LocalEvents).on((name) => void (name === 'shipping.changed' && pushed++));
    await drain();
    off();
    expect(pushed).toBeGreaterThan(0); // the warehouse screen's 发货回传 column refreshes from it
    for (const [i, t] of trades.entries()) {
      const parcels = taobao.shipments.of(t.id);
      expect(parcels).toHaveLength(1);
      expect(parcels[0]).toMatchObject({ trackingNo: numbers[i], carrierCode: i % 2 ? 'SF' : 'ZTO', lines: null });
      expect(confirmations(ids[i]!)[0]).toMatchObject({ state: 'confirmed', error_code: null });
    }
    const rows = ids.flatMap(confirmations);
    expect(rows.filter((r) => r.confirmed_by === 'found')).toHaveLength(2); // the two answers lost to a 500
    expect(rows.some((r) => r.attempts > 1)).toBe(true);
    expect(sendCalls(taobao, 'taobao.logistics.offline.send')).toBeGreaterThanOrEqual(6 + 2 + 2);
    // The order shows it.
    const detail = await w.app.call('orders.get', { id: ids[0]! }, token);
    expect(detail.shipping[0]).toMatchObject({ state: 'confirmed', trackingNo: numbers[0] });
  });

  it('a partial parcel is sent with is_split and its lines (sub_tid)', async () => {
    const t = take(waitingTrades().find((x) => x.lines.length >= 2)!);
    expect(t).toBeDefined();
    const [id] = w.readyIn(tb, mirror(t.id, t.lines.map((l) => l.oid)));
    const firstLine = w.app.services.db.sqlite.prepare('SELECT id FROM order_lines WHERE order_id = ? ORDER BY line_no LIMIT 1').pluck().get(id) as string;
    expect(await w.app.call('shipping.scan', { orderNo: t.id, trackingNo: 'SF2000000000001', lines: [{ lineId: firstLine, qty: 1 }] }, token)).toMatchObject({ ok: true, partial: true });
    expect(await w.app.call('shipping.scan', { orderNo: t.id, trackingNo: 'SF2000000000002' }, token)).toMatchObject({ ok: true, partial: false });
    await drain();
    const parcels = taobao.shipments.of(t.id);
    expect(parcels.map((p) => p.trackingNo)).toEqual(['SF2000000000001', 'SF2000000000002']);
    expect(parcels[0]!.lines).toEqual([t.lines[0]!.oid]);
    expect(parcels[1]!.lines).toEqual(t.lines.slice(1).map((l) => l.oid));
    expect(taobao.store.get(t.id).status).toBe('WAIT_BUYER_CONFIRM_GOODS');
  });

  it('a shop that refuses (refunded and closed) makes the confirmation refused with the shop\'s words', async () => {
    const t = take(waitingTrades()[0]!);
    const [id] = w.readyIn(tb, mirror(t.id, t.lines.map((l) => l.oid)));
    taobao.shipments.refuse.set(t.id, '已经发货或者已关闭，不能重复发货');
    await w.app.call('shipping.scan', { orderNo: t.id, trackingNo: 'SF3000000000001' }, token);
    await drain();
    const [c] = confirmations(id!);
    expect(c).toMatchObject({ state: 'refused', error_code: 'shop_refused' });
    expect(JSON.parse(c!.error_params_json)).toMatchObject({ platformCode: 'B04' });
    expect(JSON.parse(c!.error_params_json).message).toContain('已关闭');
    expect(taobao.shipments.of(t.id)).toHaveLength(0);
    // An exception on the order, in the shop's words.
    const ex = w.app.services.db.sqlite.prepare(`SELECT detector, severity, cause_params_json AS params FROM exceptions WHERE order_id = ? AND closed_at IS NULL`).all(id) as { detector: string; severity: string; params: string }[];
    expect(ex).toEqual([expect.objectContaining({ detector: 'ship_confirm_refused', severity: 'critical' })]);
    expect(JSON.parse(ex[0]!.params)).toMatchObject({ trackingNo: 'SF3000000000001' });
    expect(JSON.parse(ex[0]!.params).reason).toContain('已关闭');
  });

  it('a resend after our record was lost (a crash, a second PC) never confirms twice or with another number', async () => {
    const t = take(waitingTrades()[0]!);
    const [id] = w.readyIn(tb, mirror(t.id, t.lines.map((l) => l.oid)));
    await w.app.call('shipping.scan', { orderNo: t.id, trackingNo: 'SF4000000000001' }, token);
    await drain();
    // As if the PC died after the shop's yes: the row is pending again (what the other PC would see).
    w.app.services.db.writes.run(PERSON, (tx) => tx.update('shipment_confirmations', confirmations(id!)[0]!.id, { state: 'pending', nextAttemptAt: clock.now(), confirmedAt: null, confirmedBy: null }));
    await Promise.all([w.app.services.shipping.sender.runOnce(), w.app.services.shipping.sender.runOnce()]);
    expect(taobao.shipments.of(t.id)).toHaveLength(1);
    expect(confirmations(id!)[0]).toMatchObject({ state: 'confirmed', confirmed_by: 'found' });
  });
});

describe('发货回传 to Pinduoduo', () => {
  it('confirmed once each with PDD\'s logistics ids, through a rate limit and a 500', async () => {
    const orders = waitingPdd().slice(0, 4);
    expect(orders.length).toBe(4);
    const ids = w.readyIn(pd, ...orders.map((o) => mirror(o.id, o.items.map((_, i) => `${o.id}-${i}`))));
    for (const [i, o] of orders.entries()) await w.app.call('shipping.scan', { orderNo: o.id, trackingNo: `YT${5_000_000_000_000 + i}` }, token);
    pdd.misbehave('rate_limit', { times: 1 });
    pdd.misbehave('http_500', { times: 1 });
    await drain();
    for (const [i, o] of orders.entries()) {
      expect(pdd.shipments.of(o.id)).toEqual([expect.objectContaining({ trackingNo: `YT${5_000_000_000_000 + i}`, carrierCode: '85' })]);
      expect(pdd.store.get(o.id).orderStatus).toBe(2);
      expect(confirmations(ids[i]!)[0]).toMatchObject({ state: 'confirmed' });
    }
    const send = pdd.requests.find((r) => r.api === 'pdd.logistics.online.send' && r.status === 200);
    expect(send?.params).toMatchObject({ logistics_id: '85', redelivery_type: '1' });
  });

  it('a split order: the first parcel is the main number (online.send), the next an extra parcel; a resend of the extra is found', async () => {
    const o = waitingPdd().find((x) => x.items.length >= 2)!;
    expect(o).toBeDefined();
    const lineIds = o.items.map((_, i) => `${o.id}-${i}`);
    const [id] = w.readyIn(pd, mirror(o.id, lineIds));
    const firstLine = w.app.services.db.sqlite.prepare('SELECT id FROM order_lines WHERE order_id = ? ORDER BY line_no LIMIT 1').pluck().get(id) as string;
    // Both scanned before any is sent: the second waits for the first.
    expect(await w.app.call('shipping.scan', { orderNo: o.id, trackingNo: 'SF8100000000001', lines: [{ lineId: firstLine, qty: 1 }] }, token)).toMatchObject({ ok: true, partial: true });
    expect(await w.app.call('shipping.scan', { orderNo: o.id, trackingNo: 'ZT8100000000002', carrier: 'ZTO' }, token)).toMatchObject({ ok: true, partial: false });
    await drain();
    expect(pdd.shipments.of(o.id).map((p) => [p.trackingNo, p.carrierCode])).toEqual([['SF8100000000001', '44'], ['ZT8100000000002', '115']]);
    const sent = pdd.requests.filter((r) => r.status === 200 && (r.params?.order_sn === o.id) && r.api !== 'pdd.order.information.get').map((r) => r.api);
    expect(sent).toEqual(['pdd.logistics.online.send', 'pdd.order.upload.extra.logistics']);
    const extra = pdd.requests.find((r) => r.api === 'pdd.order.upload.extra.logistics' && r.params?.order_sn === o.id)!;
    expect(JSON.parse(extra.params.extra_track_list!)).toEqual([{ shipping_id: 115, tracking_number: 'ZT8100000000002' }]);
    expect(extra.params.extra_track_type).toBe('1');
    expect(confirmations(id!).map((c) => c.state)).toEqual(['confirmed', 'confirmed']);
    // Our record of the extra parcel lost: the resend is answered "already uploaded" and found.
    const second = confirmations(id!)[1]!;
    w.app.services.db.writes.run(PERSON, (tx) => tx.update('shipment_confirmations', second.id, { state: 'pending', nextAttemptAt: clock.now(), confirmedAt: null, confirmedBy: null }));
    await drain();
    expect(pdd.shipments.of(o.id)).toHaveLength(2);
    expect(confirmations(id!)[1]).toMatchObject({ state: 'confirmed', confirmed_by: 'found' });
  });

  it('a wrong signature is refused by the simulator and the row waits, showing why', async () => {
    const o = waitingPdd()[0]!;
    const [id] = w.readyIn(pd, mirror(o.id, ['x']));
    w.app.services.channels.store.update(PERSON, pd.id, { config: { client_secret: 'not-the-secret' } });
    await w.app.call('shipping.scan', { orderNo: o.id, trackingNo: 'SF6000000000001' }, token);
    await w.app.services.shipping.sender.runOnce();
    expect(confirmations(id!)[0]).toMatchObject({ state: 'pending', error_code: 'send_auth', attempts: 1 });
    expect(pdd.shipments.of(o.id)).toHaveLength(0);
    w.app.services.channels.store.update(PERSON, pd.id, { config: { client_secret: pdd.credentials.client_secret } });
    await drain();
    expect(pdd.shipments.of(o.id)).toHaveLength(1);
  });
});
