import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/kernel/clock';
import { allowCustomEndpoints } from '../helpers/custom-endpoints';
import { tempApp, type TempApp } from '../helpers/temp-app';
import { startTaobaoSim, type TaobaoSim } from '../sim/taobao';

/**
 * Issue #15 item 12: a platform status the dictionary does not know is mapped from the channel
 * screen — stored as a workspace override (synced), applied to every shop of the platform — and
 * the orders held for it are re-processed from their stored payloads.
 */
const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const MIN = 60_000;
let app: TempApp;
let sim: TaobaoSim;
let clock: ManualClock;
let token: string;

beforeEach(async () => {
  clock = new ManualClock(NOW);
  sim = await startTaobaoSim({ now: () => clock.now() });
  app = await tempApp({ inTeam: true, channels: { autostart: false, clock } });
  token = await app.login('owner');
  await allowCustomEndpoints(app, token);
});
afterEach(async () => {
  app.dispose();
  await sim.stop();
});

const row = (sql: string, ...a: unknown[]) => app.services.db.sqlite.prepare(sql).get(...a) as Record<string, unknown> | undefined;

describe('mapping an unknown platform status from the channel screen', () => {
  it('saves the word for the workspace, releases the held orders with their new status, and maps the next one on arrival', async () => {
    const trades = sim.store.generate(6, { from: NOW - 50 * MIN, to: NOW - 10 * MIN, seed: 4 });
    for (const t of trades.slice(0, 2)) {
      t.status = 'TRADE_GROUP_BUYING'; // a word resources/status/taobao.json does not have
      for (const l of t.lines) l.status = 'TRADE_GROUP_BUYING';
    }
    const ch = await app.call('channels.create', { kind: 'taobao', name: '天猫店', config: { ...sim.credentials, endpoint: sim.url, backfillFrom: NOW - 60 * MIN } }, token);
    await app.call('channels.pollNow', { id: ch.id }, token);
    expect(await app.call('channels.unmapped', { id: ch.id }, token)).toMatchObject([{ platformStatus: 'TRADE_GROUP_BUYING', count: 2 }]);
    expect(row(`SELECT count(*) AS n FROM order_holds WHERE type = 'unmapped_status' AND released_at IS NULL`)).toEqual({ n: 2 });

    // Someone without channels.manage may look, not map.
    const service = await app.login('service');
    expect(await app.raw('channels.mapStatus', { id: ch.id, platformStatus: 'TRADE_GROUP_BUYING', standard: 'paid', zh: '拼团中' }, service)).toMatchObject({ error: { code: 'forbidden' } });

    const r = await app.call('channels.mapStatus', { id: ch.id, platformStatus: 'TRADE_GROUP_BUYING', standard: 'paid', zh: '拼团中' }, token);
    expect(r).toMatchObject({ override: { platform: 'taobao', platformStatus: 'TRADE_GROUP_BUYING', standard: 'paid', zh: '拼团中' }, remapped: 2 });
    expect(row(`SELECT count(*) AS n FROM order_holds WHERE type = 'unmapped_status' AND released_at IS NULL`)).toEqual({ n: 0 });
    for (const t of trades.slice(0, 2)) {
      expect(row(`SELECT o.platform_phase AS phase, o.platform_status AS p, (SELECT count(*) FROM order_holds h WHERE h.order_id = o.id AND h.type = 'unmapped_status' AND h.released_at IS NULL) AS held FROM orders o WHERE platform_order_id = ?`, t.id)).toEqual({ phase: 'paid', p: 'TRADE_GROUP_BUYING', held: 0 });
    }
    expect(await app.call('channels.unmapped', { id: ch.id }, token)).toEqual([]);
    expect(await app.call('channels.statusOverrides', { kind: 'taobao' }, token)).toMatchObject([{ platformStatus: 'TRADE_GROUP_BUYING', standard: 'paid', zh: '拼团中' }]);
    // It travels to the team like any synced change.
    expect(row(`SELECT count(*) AS n FROM outbox WHERE entity = 'status_overrides'`)).toEqual({ n: 1 });

    // A new order with the word is mapped as it arrives: no hold.
    const [late] = sim.store.generate(1, { from: NOW, to: NOW + MIN, seed: 5 });
    late!.status = 'TRADE_GROUP_BUYING';
    clock.advance(3 * MIN);
    await app.call('channels.pollNow', { id: ch.id }, token);
    expect(row(`SELECT o.platform_phase AS phase, (SELECT count(*) FROM order_holds h WHERE h.order_id = o.id AND h.type = 'unmapped_status' AND h.released_at IS NULL) AS held FROM orders o WHERE platform_order_id = ?`, late!.id)).toEqual({ phase: 'paid', held: 0 });
  });

  it('a word mapped on another PC (arriving by sync) releases the orders this PC holds at its next poll', async () => {
    const [t] = sim.store.generate(1, { from: NOW - 20 * MIN, to: NOW - 10 * MIN, seed: 6 });
    t!.status = 'TRADE_GROUP_BUYING';
    const ch = await app.call('channels.create', { kind: 'taobao', name: '天猫店', config: { ...sim.credentials, endpoint: sim.url, backfillFrom: NOW - 30 * MIN } }, token);
    await app.call('channels.pollNow', { id: ch.id }, token);
    expect(row(`SELECT (SELECT count(*) FROM order_holds h WHERE h.order_id = o.id AND h.type = 'unmapped_status' AND h.released_at IS NULL) AS held FROM orders o WHERE platform_order_id = ?`, t!.id)).toEqual({ held: 1 });
    // The override as a pulled change writes it: the row, nothing else.
    app.services.db.writes.run({ actor: { id: null, name: 'sync' }, call: 'sync.pull' }, (tx) => {
      tx.insert('status_overrides', { id: 'taobao:TRADE_GROUP_BUYING', platform: 'taobao', platformStatus: 'TRADE_GROUP_BUYING', standard: 'paid', zh: '拼团成功待发货', createdBy: null, createdAt: NOW, updatedAt: NOW });
    });
    clock.advance(MIN);
    await app.call('channels.pollNow', { id: ch.id }, token);
    expect(row(`SELECT o.platform_phase AS phase, (SELECT count(*) FROM order_holds h WHERE h.order_id = o.id AND h.type = 'unmapped_status' AND h.released_at IS NULL) AS held FROM orders o WHERE platform_order_id = ?`, t!.id)).toEqual({ phase: 'paid', held: 0 });
    expect(await app.call('channels.unmapped', { id: ch.id }, token)).toEqual([]);
  });

  it('refuses a word the dictionary already maps', async () => {
    const ch = await app.call('channels.create', { kind: 'taobao', name: '天猫店', config: { ...sim.credentials, endpoint: sim.url } }, token);
    const r = await app.raw('channels.mapStatus', { id: ch.id, platformStatus: 'TRADE_FINISHED', standard: 'completed', zh: '交易成功' }, token);
    expect(r).toMatchObject({ error: { code: 'conflict', field: 'platformStatus' } });
    expect(row('SELECT count(*) AS n FROM status_overrides')).toEqual({ n: 0 });
  });
});
