import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/kernel/clock';
import { order, seedShop } from '../helpers/lifecycle-fixture';
import { tempApp, type TempApp } from '../helpers/temp-app';
import { startKuaidi100Sim, type Kuaidi100Sim } from '../sim/kuaidi100';

const MIN = 60_000;
const HOUR = 60 * MIN;
let app: TempApp;
let sim: Kuaidi100Sim;
let clock: ManualClock;
let owner: string;
let shop: ReturnType<typeof seedShop>;
// Whole seconds: Kuaidi100 gives times to the second.
const real = Math.floor(Date.now() / 1000) * 1000;

beforeAll(async () => {
  clock = new ManualClock(real);
  sim = await startKuaidi100Sim({ now: () => clock.now() });
  app = await tempApp({ risk: { clock, autostart: false } });
  shop = seedShop(app);
  owner = await app.login('owner');
});
afterAll(async () => {
  app.dispose();
  await sim.stop();
});

const tracking = () => app.services.risk.tracking;
const orderStatus = (id: string) => app.services.db.sqlite.prepare('SELECT status FROM orders WHERE id = ?').pluck().get(id) as string;
const poll = async () => {
  const n = await tracking().poll();
  await app.services.risk.exceptions.runner.runPass();
  return n;
};

describe('logistics tracking through Kuaidi100 (simulated, signed)', () => {
  let moving: string;
  let stuck: string;
  let unknown: string;

  it('refuses a custom endpoint unless the owner allows custom endpoints; the key and customer are never read back', async () => {
    const bad = await app.raw('tracking.settings.save', { enabled: true, customer: sim.credentials.customer, key: 'WRONG-KEY', endpoint: `${sim.url}/poll/query.do` }, owner);
    expect(bad).toMatchObject({ error: { code: 'invalid_input', field: 'endpoint', message: expect.stringContaining('不是官方地址') } });
    app.services.db.writes.run({ actor: { id: null, name: 'owner' }, call: 'workspace.setCustomEndpoints' }, (tx) =>
      tx.insert('settings', { id: 'channels.customEndpoints', valueJson: JSON.stringify({ enabled: true }), updatedAt: real }));
    const saved = await app.call('tracking.settings.save', { enabled: true, customer: sim.credentials.customer, key: 'WRONG-KEY', endpoint: `${sim.url}/poll/query.do` }, owner);
    expect(saved).toMatchObject({ enabled: true, customerSet: true, keySet: true, endpoint: `${sim.url}/poll/query.do` });
    expect(JSON.stringify(saved)).not.toContain('WRONG-KEY');
    const stored = app.services.db.sqlite.prepare(`SELECT sealed FROM sealed_secrets WHERE owner_kind = 'tracking'`).pluck().get() as string;
    expect(Buffer.from(stored, 'base64').toString('latin1')).not.toContain('WRONG-KEY');
    expect(JSON.stringify(app.services.db.sqlite.prepare(`SELECT after_json FROM audit_log WHERE entity IN ('settings', 'tracking')`).all())).not.toContain('WRONG-KEY');
  });

  it('shipped orders get a parcel row with the carrier mapped; an unknown carrier is kept but never asked about', () => {
    [moving, stuck, unknown] = shop.ingest(
      order('TR-1', { phase: 'shipped', platformStatus: 'WAIT_BUYER_CONFIRM_GOODS', shippedAt: real - HOUR, carrier: 'YTO', trackingNo: 'YT0001' }),
      order('TR-2', { phase: 'shipped', platformStatus: 'WAIT_BUYER_CONFIRM_GOODS', shippedAt: real - HOUR, carrier: '韵达快递', trackingNo: 'YD0002' }),
      order('TR-3', { phase: 'shipped', platformStatus: 'WAIT_BUYER_CONFIRM_GOODS', shippedAt: real - HOUR, carrier: '某某物流', trackingNo: 'XX0003' }),
    ) as [string, string, string];
    expect(tracking().shipments.latestFor(moving)).toMatchObject({ carrierCode: 'yuantong', state: 'created', active: true });
    expect(tracking().shipments.latestFor(stuck)).toMatchObject({ carrierCode: 'yunda' });
    expect(tracking().shipments.latestFor(unknown)).toMatchObject({ carrierCode: null });
    sim.parcel('YT0001', 'yuantong', real - HOUR, [
      { after: 30 * MIN, state: '1', context: '【杭州市】圆通速递 已揽收', area: '浙江,杭州市' },
      { after: 6 * HOUR, state: '0', context: '快件已发往 上海转运中心' },
      { after: 30 * HOUR, state: '5', context: '【上海市】快递员正在派件' },
      { after: 31 * HOUR, state: '3', context: '【上海市】已签收，签收人：本人' },
    ]);
    sim.parcel('YD0002', 'yunda', real - HOUR, [{ after: 26 * HOUR, state: '1', context: '【金华市】韵达快递 已揽收' }]);
  });

  it('a wrong key is refused by the signature check: nothing changes and the error shows; the right key reads the trail', async () => {
    await poll();
    expect(sim.requests.filter((r) => r.status === 200).length).toBeGreaterThan(0);
    expect(tracking().shipments.latestFor(moving)!.state).toBe('created');
    expect((await app.call('tracking.settings.get', {}, owner)).lastError).toContain('503');
    await app.call('tracking.settings.save', { key: sim.credentials.key }, owner);
    clock.advance(HOUR);
    await poll();
    const s = await app.call('tracking.shipment', { orderId: moving }, owner);
    expect(s).toMatchObject({ state: 'picked_up', pickedUpAt: real - 30 * MIN, lastEventText: '【杭州市】圆通速递 已揽收' });
    expect(s!.events).toHaveLength(1);
    expect(sim.queriesOf('XX0003')).toEqual([]);
  });

  it('polls only active parcels, less often as they age; states feed the shipment and the order (delivered by the carrier)', async () => {
    const gaps: number[] = [];
    for (let h = 0; h < 36; h++) {
      clock.advance(HOUR);
      const before = sim.queriesOf('YT0001').length;
      await poll();
      if (sim.queriesOf('YT0001').length > before) gaps.push(clock.now());
    }
    const delays = gaps.slice(1).map((t, i) => t - gaps[i]!);
    // Young parcel: hourly (the clock's step); later every 2–4 h as it ages.
    expect(Math.max(...delays)).toBeGreaterThan(Math.min(...delays));
    const s = await app.call('tracking.shipment', { orderId: moving }, owner);
    expect(s).toMatchObject({ state: 'delivered', active: false, deliveredAt: real - HOUR + 31 * HOUR, nextPollAt: null });
    expect(s!.events.map((e) => e.context)[0]).toContain('已签收');
    expect(orderStatus(moving)).toBe('delivered');
    const asked = sim.queriesOf('YT0001').length;
    clock.advance(24 * HOUR);
    await poll();
    expect(sim.queriesOf('YT0001').length).toBe(asked);
  });

  it('no pickup scan: a warning after 2 h, critical after 24 h; the pickup clears it with the carrier\'s word', async () => {
    // YD0002 was created at real − 1 h; by now (≈ real + 37 h) it has been picked up at 25 h: look at its history.
    const rows = (await app.call('exceptions.list', { orderId: stuck, detector: 'no_pickup', state: 'closed' }, owner)).rows;
    expect(rows).toHaveLength(1);
    const got = await app.call('exceptions.get', { id: rows[0]!.id }, owner);
    expect(got.events.map((e) => e.kind)).toEqual(['opened', 'escalated', 'closed']);
    expect(got.exception).toMatchObject({ severity: 'critical', closeKind: 'cleared' });
    expect(got.shipment).toMatchObject({ state: 'picked_up' });
  });

  it('the simulator enforces its own limits: bad signature, unknown carrier, burst past its per-second limit', async () => {
    const { queryTrack } = await import('../../src-main/tracking/kuaidi100');
    const endpoint = `${sim.url}/poll/query.do`;
    expect(await queryTrack(endpoint, { customer: sim.credentials.customer, key: 'nope' }, { com: 'yuantong', num: 'YT0001' })).toMatchObject({ ok: false, kind: 'refused', code: '503' });
    expect(await queryTrack(endpoint, sim.credentials, { com: 'nosuch', num: 'YT0001' })).toMatchObject({ ok: false, kind: 'refused', code: '400' });
    clock.advance(2000);
    const burst = await Promise.all(Array.from({ length: 15 }, () => queryTrack(endpoint, sim.credentials, { com: 'yuantong', num: 'YT0001' })));
    expect(burst.filter((a) => !a.ok && a.code === '502').length).toBe(5);
  });
});
