import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeText } from '../../src-shared/exception-words';
import { ManualClock } from '../../src-main/kernel/clock';
import { order, seedShop } from '../helpers/lifecycle-fixture';
import { tempApp, type TempApp } from '../helpers/temp-app';

const HOUR = 3_600_000;
let app: TempApp;
let clock: ManualClock;
let shop: ReturnType<typeof seedShop>;
const tokens: Record<string, string> = {};
const real = Date.now();

beforeAll(async () => {
  clock = new ManualClock(real);
  // No pollers: a test un-pauses a shop to stage its failure, and a real poll (no App Key here) would overwrite that state.
  app = await tempApp({ risk: { clock, autostart: false }, channels: { autostart: false } });
  shop = seedShop(app);
  for (const u of ['owner', 'ops', 'service', 'warehouse', 'finance']) tokens[u] = await app.login(u);
});
afterAll(() => app.dispose());

const sql = <T>(q: string, ...args: unknown[]) => app.services.db.sqlite.prepare(q).get(...args) as T;
const pass = () => app.services.risk.exceptions.runner.runPass();

describe('exceptions: detected once, escalated, cleared, confirmed, worked on by people', () => {
  let overdueId: string;
  let orderId: string;

  it('an order paid 30 h ago and not shipped opens one 已付款超时未发货 exception owned by the ops lead; a second pass opens nothing more', async () => {
    orderId = shop.ingest(order('EX-1', { paidAt: real - 30 * HOUR, createdAt: real - 31 * HOUR, platformUpdatedAt: real - 30 * HOUR }))[0]!;
    const r1 = await pass();
    expect(r1.opened).toBe(1);
    const page = await app.call('exceptions.list', { orderId }, tokens.ops!);
    expect(page.total).toBe(1);
    const e = page.rows[0]!;
    overdueId = e.id;
    expect(e).toMatchObject({ detector: 'ship_overdue', type: 'fulfilment', severity: 'warning', ownerRole: 'ops_lead', state: 'open', platformOrderId: 'EX-1', shopName: '淘宝旗舰店' });
    expect(e.causeParams.overdueMinutes).toBeGreaterThanOrEqual(5 * 60);
    expect((await pass()).opened).toBe(0);
    expect(sql<{ n: number }>(`SELECT count(*) AS n FROM exceptions WHERE order_id = ?`, orderId).n).toBe(1);
    // The tabs come from the counters the triggers keep.
    const counts = await app.call('exceptions.counts', {}, tokens.ops!);
    expect(counts.byType.find((t) => t.type === 'fulfilment')).toMatchObject({ open: 1 });
    expect(counts.mine).toBe(1);
    expect((await app.call('exceptions.counts', {}, tokens.service!)).mine).toBe(0);
  });

  it('past 24 h overdue it escalates to critical (history says so) and the ops lead gets a desktop notice', async () => {
    clock.advance(20 * HOUR);
    const r = await pass();
    expect(r.escalated).toBe(1);
    const got = await app.call('exceptions.get', { id: overdueId }, tokens.ops!);
    expect(got.exception.severity).toBe('critical');
    expect(got.events.map((e) => e.kind)).toEqual(['opened', 'escalated']);
    const notices = await app.call('alerts.notices', {}, tokens.ops!);
    expect(notices.map((n) => n.title)).toEqual(['【已升级】已付款超时未发货 · EX-1', '已付款超时未发货 · EX-1']);
    expect(await app.call('alerts.notices', {}, tokens.ops!)).toEqual([]);
    // The same notices read by a window in English (shown again for this check): in English.
    app.services.db.sqlite.prepare('UPDATE desktop_notices SET shown_at = NULL').run();
    const english = await app.raw('alerts.notices', {}, tokens.ops!, 'en') as { data: { title: string; body: string }[] };
    expect(english.data.map((n) => n.title)).toEqual(['[Escalated] Paid, not shipped past its SLA · EX-1', 'Paid, not shipped past its SLA · EX-1']);
    expect(english.data[0]!.body).toMatch(/^\d+ (d|h)\b.* past its SLA, now \S/);
    expect(english.data.map((n) => n.title + n.body).join('')).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('a person notes, reassigns and snoozes it with reasons: each in its history and the audit log; a snoozed one wakes when its time is up', async () => {
    const service = sql<{ id: string }>(`SELECT id FROM users WHERE username = 'service'`);
    await app.call('exceptions.note', { id: overdueId, body: '已催仓库，今天下午发' }, tokens.ops!);
    await app.call('exceptions.assign', { id: overdueId, userId: service.id, reason: { code: 'handover', note: '客服跟进' } }, tokens.ops!);
    const snoozed = await app.call('exceptions.snooze', { id: overdueId, minutes: 60, reason: { code: 'waiting_customer' } }, tokens.service!);
    expect(snoozed).toEqual([{ id: overdueId, ok: true }]);
    expect((await app.call('exceptions.list', { orderId }, tokens.ops!)).total).toBe(0);
    expect((await app.call('exceptions.list', { orderId, state: 'snoozed' }, tokens.ops!)).rows[0]).toMatchObject({ ownerName: '客服小张', state: 'snoozed' });
    const audit = app.services.db.sqlite.prepare(`SELECT action, reason FROM audit_log WHERE entity = 'exceptions' AND entity_id = ? ORDER BY seq`).all(overdueId) as { action: string; reason: string | null }[];
    expect(audit.map((a) => a.reason)).toEqual(expect.arrayContaining(['客服跟进', 'waiting_customer']));
    clock.advance(61 * 60_000);
    expect((await pass()).woke).toBe(1);
    const got = await app.call('exceptions.get', { id: overdueId }, tokens.ops!);
    expect(got.exception.state).toBe('open');
    expect(got.events.map((e) => e.kind)).toEqual(['opened', 'escalated', 'note', 'assigned', 'snoozed', 'woke']);
    expect(got.events[3]).toMatchObject({ code: 'handover', params: { note: '客服跟进', to: '客服小张' } });
  });

  it('the warehouse may not close an exception the service owns; when the order is cancelled it closes itself with that reason', async () => {
    const refused = await app.raw('exceptions.close', { id: overdueId, reason: { code: 'resolved' } }, tokens.warehouse!);
    expect(refused).toMatchObject({ error: { code: 'forbidden', field: 'id' } });
    app.services.db.writes.run({ actor: { id: null, name: 'ops' }, call: 'test' }, (tx) =>
      app.services.flow.lifecycle.transition(tx, { orderId, to: 'cancelled', source: 'person', permissions: ['orders.close'], reason: { code: 'buyer_request' } }));
    expect((await pass()).cleared).toBe(1);
    const e = (await app.call('exceptions.get', { id: overdueId }, tokens.ops!)).exception;
    expect(e).toMatchObject({ state: 'closed', closeKind: 'cleared', closeCode: 'ship_overdue' });
    expect(closeText(e.closeKind!, e.closeCode, e.closeParams, 'zh')).toBe('条件已解除：订单已取消');
    const counts = await app.call('exceptions.counts', {}, tokens.ops!);
    expect(counts.open).toBe(0);
  });

  it('a returned parcel needs service AND finance: closing before both is refused, the second confirmation closes it, and it does not reopen while still returned', async () => {
    const [id] = shop.ingest(order('EX-2', { phase: 'shipped', paidAt: real - 50 * HOUR, shippedAt: real - 48 * HOUR, carrier: 'YTO', trackingNo: 'YT9000000001', platformStatus: 'WAIT_BUYER_CONFIRM_GOODS' }));
    // The parcel row came with the move to 已发货 (the lifecycle's hook); the carrier says: returned to sender.
    const tracking = app.services.risk.tracking;
    const s = tracking.shipments.latestFor(id!)!;
    expect(s).toMatchObject({ carrier: 'YTO', carrierCode: 'yuantong', trackingNo: 'YT9000000001', state: 'created' });
    app.services.db.writes.run({ actor: { id: null, name: 'system' }, call: 'test' }, (tx) => {
      tracking.shipments.applyAnswer(tx, s, { state: 'returned', carrierState: '4', events: [{ at: real - 10 * HOUR, context: '已退回寄件人', area: null, status: '退签' }] }, clock.now());
    });
    expect((await pass()).opened).toBe(1);
    const e = (await app.call('exceptions.list', { orderId: id!, detector: 'delivery_failed' }, tokens.ops!)).rows[0]!;
    expect(e.confirmations).toEqual(['service', 'finance']);
    expect(await app.raw('exceptions.close', { id: e.id, reason: { code: 'refunded' } }, tokens.owner!)).toMatchObject({ error: { code: 'conflict', message: expect.stringContaining('service、finance') } });
    expect(await app.raw('exceptions.confirm', { id: e.id }, tokens.warehouse!)).toMatchObject({ error: { code: 'forbidden' } });
    expect(await app.call('exceptions.confirm', { id: e.id, note: '已联系买家' }, tokens.service!)).toEqual({ closed: false, missing: ['finance'] });
    expect(await app.raw('exceptions.confirm', { id: e.id }, tokens.service!)).toMatchObject({ error: { code: 'conflict' } });
    expect(await app.call('exceptions.confirm', { id: e.id, note: '已退款' }, tokens.finance!)).toEqual({ closed: true, missing: [] });
    const closed = (await app.call('exceptions.get', { id: e.id }, tokens.ops!)).exception;
    expect(closed).toMatchObject({ state: 'closed', closeKind: 'confirmed' });
    expect(closed.confirmed.map((c) => [c.role, c.note])).toEqual([['service', '已联系买家'], ['finance', '已退款']]);
    expect((await pass()).opened).toBe(0);
    // The carrier says it moves again (cleared), then returned again: a new exception opens.
    app.services.db.writes.run({ actor: { id: null, name: 'system' }, call: 'test' }, (tx) =>
      tracking.shipments.applyAnswer(tx, tracking.shipments.latestFor(id!)!, { state: 'in_transit', carrierState: '0', events: [] }, clock.now()));
    await pass();
    app.services.db.writes.run({ actor: { id: null, name: 'system' }, call: 'test' }, (tx) =>
      tracking.shipments.applyAnswer(tx, tracking.shipments.latestFor(id!)!, { state: 'returned', carrierState: '4', events: [] }, clock.now()));
    expect((await pass()).opened).toBe(1);
  });

  it("an order shipped again under a new tracking number shows its newest parcel, whatever order the parcels were recorded in", async () => {
    const [id] = shop.ingest(order('EX-9', { phase: 'shipped', paidAt: real - 50 * HOUR, shippedAt: real - 48 * HOUR, carrier: 'YTO', trackingNo: 'YT9000000009', platformStatus: 'WAIT_BUYER_CONFIRM_GOODS' }));
    const tracking = app.services.risk.tracking;
    app.services.db.writes.run({ actor: { id: null, name: 'system' }, call: 'test' }, (tx) => {
      tracking.shipments.create(tx, { orderId: id!, carrier: 'ZTO', trackingNo: 'ZT7000000001', channelKind: 'taobao', at: real - 20 * HOUR }, clock.now());
      tracking.shipments.create(tx, { orderId: id!, carrier: 'STO', trackingNo: 'ST3000000001', channelKind: 'taobao', at: real - 49 * HOUR }, clock.now());
    });
    expect(tracking.shipments.latestFor(id!)).toMatchObject({ trackingNo: 'ZT7000000001', carrierCode: 'zhongtong' });
  });

  it('bulk close answers per exception: done, or refused in words, and nothing else changes', async () => {
    const [a, b] = shop.ingest(
      order('EX-3', { paidAt: real - 40 * HOUR, createdAt: real - 41 * HOUR, platformUpdatedAt: real - 40 * HOUR }),
      order('EX-4', { paidAt: real - 40 * HOUR, createdAt: real - 41 * HOUR, platformUpdatedAt: real - 40 * HOUR }),
    );
    await pass();
    const ids = (await app.call('exceptions.list', { detector: 'ship_overdue' }, tokens.ops!)).rows.filter((r) => [a, b].includes(r.orderId!)).map((r) => r.id);
    expect(ids).toHaveLength(2);
    const out = await app.call('exceptions.close', { ids: [...ids, 'nope'], reason: { code: 'reshipped', note: '已补发' } }, tokens.ops!);
    expect(out).toEqual([{ id: ids[0], ok: true }, { id: ids[1], ok: true }, { id: 'nope', ok: false, message: '没有这条异常（nope）' }]);
    const e = (await app.call('exceptions.get', { id: ids[0]! }, tokens.ops!)).exception;
    expect(closeText(e.closeKind!, e.closeCode, e.closeParams, 'zh')).toBe('人工关闭：已补发（已补发）');
    // Closed by a person while the order is still late: the detector does not open it again.
    expect((await pass()).opened).toBe(0);
  });

  it('stock short with no purchase under way opens 采购协同失效; a purchase expected tomorrow clears it; once that date passes it is back', async () => {
    const [id] = shop.ingest(order('EX-7', { paidAt: clock.now() - HOUR, createdAt: clock.now() - 2 * HOUR, platformUpdatedAt: clock.now() - HOUR }));
    app.services.db.writes.run({ actor: { id: null, name: 'system' }, call: 'test.route' }, (tx) => {
      app.services.flow.holds.open(tx, id!, { type: 'stock', code: 'stock_short', params: { skuCode: 'SKU-001' } });
      tx.insert('stock_waits', { orderId: id!, paidAt: clock.now() - HOUR, missingJson: JSON.stringify([{ skuCode: 'SKU-001', warehouseId: 'wh-hz', need: 1, available: 0 }]), since: clock.now() });
    });
    await pass();
    const open = (await app.call('exceptions.list', { orderId: id!, detector: 'stock_short_no_purchase' }, tokens.ops!)).rows;
    expect(open).toHaveLength(1);
    expect(open[0]!.causeParams.missingSkus).toEqual(['SKU-001']);
    expect(await app.raw('purchases.mark', { skuCode: 'SKU-001', expectedAt: clock.now() + 24 * HOUR }, tokens.service!)).toMatchObject({ error: { code: 'forbidden' } });
    const mark = await app.call('purchases.mark', { skuCode: 'SKU-001', expectedAt: clock.now() + 24 * HOUR, note: '已下单给供应商' }, tokens.ops!);
    expect((await pass()).cleared).toBeGreaterThanOrEqual(1);
    expect((await app.call('exceptions.get', { id: open[0]!.id }, tokens.ops!)).exception).toMatchObject({ state: 'closed', closeKind: 'cleared' });
    clock.advance(25 * HOUR);
    await pass();
    expect((await app.call('exceptions.list', { orderId: id!, detector: 'stock_short_no_purchase' }, tokens.ops!)).total).toBe(1);
    await app.call('purchases.clear', { id: mark.id }, tokens.ops!);
    expect(await app.call('purchases.list', {}, tokens.ops!)).toEqual([]);
  });

  it('a shop failing for 30 minutes opens a system exception; it clears when the shop polls again', async () => {
    const ch = shop.channel.id;
    app.services.db.sqlite.prepare(`INSERT INTO channel_state (channel_id, state, last_success_at, last_error_at, last_error, failures) VALUES (?, 'error', ?, ?, '27 Invalid session', 3)
      ON CONFLICT (channel_id) DO UPDATE SET state = 'error', last_success_at = excluded.last_success_at, last_error_at = excluded.last_error_at, last_error = excluded.last_error, failures = 3`).run(ch, clock.now() - 45 * 60_000, clock.now());
    app.services.db.sqlite.prepare('UPDATE channels SET paused = 0 WHERE id = ?').run(ch);
    expect((await pass()).opened).toBe(1);
    const e = (await app.call('exceptions.list', { type: 'system' }, tokens.ops!)).rows[0]!;
    expect(e).toMatchObject({ detector: 'channel_failing', subjectKind: 'channel', subjectId: ch, subjectName: '淘宝旗舰店', severity: 'critical' });
    const board = await app.call('board.get', {}, tokens.owner!);
    expect(board.health.find((h) => h.id === ch)).toMatchObject({ failing: true, lastError: '27 Invalid session' });
    app.services.db.sqlite.prepare(`UPDATE channel_state SET state = 'active', last_success_at = ?, failures = 0 WHERE channel_id = ?`).run(clock.now(), ch);
    expect((await pass()).cleared).toBe(1);
    app.services.db.sqlite.prepare('UPDATE channels SET paused = 1 WHERE id = ?').run(ch);
  });

  it('detector settings: a threshold, an owner and confirmations change what the next exception carries; unknown thresholds are refused', async () => {
    const warehouse = sql<{ id: string }>(`SELECT id FROM users WHERE username = 'warehouse'`);
    expect(await app.raw('exceptions.saveDetector', { code: 'ship_overdue', limits: { bogus: 1 } }, tokens.ops!)).toMatchObject({ error: { code: 'invalid_input', field: 'limits' } });
    const v = await app.call('exceptions.saveDetector', { code: 'ship_overdue', ownerUserId: warehouse.id, confirmations: ['warehouse'], limits: { graceMinutes: 120 } }, tokens.ops!);
    expect(v).toMatchObject({ ownerUserId: warehouse.id, ownerName: '仓库老陈', confirmations: ['warehouse'], limits: { graceMinutes: 120, criticalMinutes: 1440 } });
    const [late] = shop.ingest(order('EX-5', { paidAt: clock.now() - 30 * HOUR, createdAt: clock.now() - 31 * HOUR, platformUpdatedAt: clock.now() - 30 * HOUR }));
    await pass();
    const rows = (await app.call('exceptions.list', { detector: 'ship_overdue', mine: true }, tokens.warehouse!)).rows;
    expect(rows.map((r) => r.platformOrderId)).toContain('EX-5');
    expect(rows.find((r) => r.orderId === late)).toMatchObject({ ownerName: '仓库老陈', confirmations: ['warehouse'] });
    await app.call('exceptions.saveDetector', { code: 'ship_overdue', ownerUserId: null, confirmations: null, limits: null }, tokens.ops!);
  });
});
