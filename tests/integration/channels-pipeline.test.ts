import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/kernel/clock';
import { FAKE_CONFIG, FakePlatform, broken, fetched, order } from '../helpers/channel-fixtures';
import { allowCustomEndpoints } from '../helpers/custom-endpoints';
import { tempApp, type TempApp } from '../helpers/temp-app';

let app: TempApp;
let fake: FakePlatform;
let token: string;
const ctx = { actor: { id: null, name: 'test' }, call: 'test.ingest' };
const T0 = Date.UTC(2026, 10, 20, 2, 0, 0);

beforeEach(async () => {
  fake = new FakePlatform();
  app = await tempApp({ channels: { connectorFor: () => fake, autostart: false, clock: new ManualClock(T0 + 3600_000) } });
  token = await app.login('owner');
  await allowCustomEndpoints(app, token);
});
afterEach(() => app.dispose());

const addShop = (name = '旗舰店', kind: 'taobao' | 'jd' = 'taobao') => app.call('channels.create', { kind, name, config: FAKE_CONFIG }, token);
const count = (sql: string, ...args: unknown[]) => app.services.db.sqlite.prepare(sql).pluck().get(...args) as number;
const orderRow = (id: string) => app.services.db.sqlite.prepare('SELECT * FROM orders WHERE platform_order_id = ?').get(id) as Record<string, unknown>;
const ingest = (channel: { id: string; kind: string }, items: Parameters<TempApp['services']['pipeline']['ingestPage']>[1]) =>
  app.services.pipeline.ingestPage(channel, items, { ctx, source: 'test', now: T0 + 3600_000 });

describe('ingestion pipeline', () => {
  it('the same page twice changes nothing the second time', async () => {
    const ch = await addShop();
    const page = [fetched(order('1001')), fetched(order('1002')), fetched(order('1003'))];
    expect(ingest(ch, page)).toMatchObject({ fetched: 3, created: 3, updated: 0, unchanged: 0, quarantined: 0 });
    const audit = count('SELECT COUNT(*) FROM audit_log');
    const outbox = count('SELECT COUNT(*) FROM outbox');
    const events = count('SELECT COUNT(*) FROM order_events');
    expect(ingest(ch, page)).toMatchObject({ fetched: 3, created: 0, updated: 0, unchanged: 3, quarantined: 0 });
    expect(count('SELECT COUNT(*) FROM orders')).toBe(3);
    expect(count('SELECT COUNT(*) FROM order_lines')).toBe(3);
    expect([count('SELECT COUNT(*) FROM audit_log'), count('SELECT COUNT(*) FROM outbox'), count('SELECT COUNT(*) FROM order_events')]).toEqual([audit, outbox, events]);
  });

  it('ignores a stale version and applies a newer one', async () => {
    const ch = await addShop();
    ingest(ch, [fetched(order('2001', { platformUpdatedAt: T0 + 120_000, phase: 'shipped', platformStatus: 'WAIT_BUYER_CONFIRM_GOODS' }))]);
    expect(ingest(ch, [fetched(order('2001', { platformUpdatedAt: T0 + 60_000 }))])).toMatchObject({ unchanged: 1, updated: 0 });
    expect(orderRow('2001').status).toBe('shipped');
    expect(ingest(ch, [fetched(order('2001', { platformUpdatedAt: T0 + 180_000, phase: 'completed', platformStatus: 'TRADE_FINISHED' }))])).toMatchObject({ updated: 1 });
    expect(orderRow('2001').status).toBe('completed');
  });

  it('matches the customer by platform buyer id, then by phone hash across shops', async () => {
    const a = await addShop('淘宝店');
    const b = await addShop('京东店', 'jd');
    ingest(a, [fetched(order('3001', { buyer: { platformBuyerId: 'B-77', nick: '买家甲', phone: '13812345678' } }))]);
    ingest(a, [fetched(order('3002', { createdAt: T0 + 3600_000 - 7200_000, buyer: { platformBuyerId: 'B-77' }, lines: [{ title: '袜子', qty: 2, unitPriceFen: 100, paidFen: 200 }] }))]);
    ingest(b, [fetched(order('3003', { buyer: { platformBuyerId: 'JD-9', phone: '+86 138-1234-5678' } }))]);
    ingest(b, [fetched(order('3004', { buyer: { platformBuyerId: null, nick: null }, address: { receiverPhone: '138****5678' } }))]);
    const c1 = orderRow('3001').customer_id;
    expect(c1).toBeTruthy();
    expect(orderRow('3002').customer_id).toBe(c1);
    expect(orderRow('3003').customer_id).toBe(c1); // same full phone on another platform
    expect(orderRow('3004').customer_id).toBeNull(); // a masked phone never matches anybody
    expect(count('SELECT COUNT(*) FROM customers')).toBe(1);
    // Written through the write path: each page's audit record proves its new orders, row by row.
    expect(count(`SELECT COUNT(*) FROM audit_log WHERE entity = 'orders' AND action = 'bulk_insert'`)).toBe(4);
    const check = app.services.db.writes.verifyAudit({ rows: true });
    expect(check.rows?.broken).toEqual([]);
    expect(check.ok).toBe(true);
  });

  it('puts the later of two identical orders within 10 minutes on hold as a suspected duplicate, never deleting', async () => {
    const ch = await addShop();
    const buyer = { platformBuyerId: 'B-1' };
    ingest(ch, [fetched(order('4001', { buyer, createdAt: T0 }))]);
    const s = ingest(ch, [fetched(order('4002', { buyer, createdAt: T0 + 4 * 60_000 })), fetched(order('4003', { buyer, createdAt: T0 + 30 * 60_000 }))]);
    expect(s.suspectDuplicates).toHaveLength(1);
    expect(orderRow('4001').hold).toBeNull();
    expect(orderRow('4002').hold).toBe('suspect_duplicate');
    expect(orderRow('4003').hold).toBeNull(); // 30 minutes later: a new order
    const ev = app.services.db.sqlite.prepare(`SELECT detail_json FROM order_events WHERE order_id = ? AND type = 'hold_opened'`).pluck().get(orderRow('4002').id) as string;
    expect(JSON.parse(ev)).toMatchObject({ type: 'suspect_duplicate', params: { duplicateOf: orderRow('4001').id } });
    // The hold is a row of its own (many per order), and the held order waits in review instead of moving on.
    expect(app.services.flow.holds.openFor(orderRow('4002').id as string)).toMatchObject([{ type: 'suspect_duplicate', params: { duplicateOf: orderRow('4001').id } }]);
    // Different items from the same buyer are not duplicates; an earlier arrival holds the later one.
    ingest(ch, [fetched(order('4010', { buyer, createdAt: T0 + 100 * 60_000, lines: [{ skuCode: 'SKU-9', title: '帽子', qty: 1, unitPriceFen: 1, paidFen: 1 }] }))]);
    ingest(ch, [fetched(order('4011', { buyer, createdAt: T0 + 200 * 60_000 }))]);
    ingest(ch, [fetched(order('4012', { buyer, createdAt: T0 + 195 * 60_000 }))]);
    expect(orderRow('4010').hold).toBeNull();
    expect(orderRow('4011').hold).toBe('suspect_duplicate');
    expect(orderRow('4012').hold).toBeNull();
    expect(count('SELECT COUNT(*) FROM orders')).toBe(6);
    // A page's new orders are proven by one record's row hashes; a hold set in the same page is
    // recorded after them, so every row still checks out against the chain.
    const check = app.services.db.writes.verifyAudit({ rows: true });
    expect(check.rows?.broken).toEqual([]);
    expect(check.rows?.checked).toBeGreaterThan(6);
    expect(check.ok).toBe(true);
  });

  it('flags orders to the same receiver and address, awaiting shipment, across channels as mergeable', async () => {
    const a = await addShop('淘宝店');
    const b = await addShop('京东店', 'jd');
    const address = { receiverName: '张*', receiverPhone: '138****0000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路**号' };
    ingest(a, [fetched(order('5001', { address }))]);
    expect(orderRow('5001').merge_group).toBeNull();
    ingest(b, [fetched(order('5002', { address, buyer: { platformBuyerId: 'other' } }))]);
    const g = orderRow('5001').merge_group;
    expect(g).toBeTruthy();
    expect(orderRow('5002').merge_group).toBe(g);
    expect(count(`SELECT COUNT(*) FROM order_events WHERE type = 'merge_candidate'`)).toBe(2);
    // One ships: it leaves the group, and a group of one is no group.
    ingest(b, [fetched(order('5002', { address, buyer: { platformBuyerId: 'other' }, phase: 'shipped', platformStatus: 'WAIT_BUYER_CONFIRM_GOODS', platformUpdatedAt: T0 + 600_000 }))]);
    expect(orderRow('5002').merge_group).toBeNull();
    expect(orderRow('5001').merge_group).toBeNull();
  });

  // A receiver's group names at most 50 peers, the oldest first: read unordered and sorted in JS up
  // to 200 open orders, through the ordered statement beyond that.
  it.each([60, 205])('with %i open orders for one receiver, a new order names the 50 oldest as its peers', async (n) => {
    const ch = await addShop();
    const address = { receiverName: '李*', receiverPhone: '139****1111', province: '江苏省', city: '南京市', district: '鼓楼区', detail: '中山路**号' };
    // Ingested newest first, so the oldest are not the first rows the phone index meets.
    const page = Array.from({ length: n }, (_, i) => fetched(order(`P${String(i).padStart(3, '0')}`, { address, createdAt: T0 - i * 60_000 })));
    ingest(ch, page);
    ingest(ch, [fetched(order('PNEW', { address, createdAt: T0 + 60_000 }))]);
    const detail = app.services.db.sqlite.prepare(
      `SELECT e.detail_json FROM order_events e JOIN orders o ON o.id = e.order_id WHERE o.platform_order_id = 'PNEW' AND e.type = 'merge_candidate'`,
    ).pluck().get() as string;
    const named = (JSON.parse(detail) as { with: string[] }).with;
    const oldest = app.services.db.sqlite.prepare(
      `SELECT id FROM orders WHERE platform_order_id <> 'PNEW' ORDER BY created_at, id LIMIT 50`,
    ).pluck().all() as string[];
    expect(named).toEqual(oldest);
    expect(count(`SELECT COUNT(DISTINCT merge_group) FROM orders`)).toBe(1);
  });

  it('quarantines a bad payload verbatim with field and value while the rest of the page proceeds', async () => {
    const ch = await addShop();
    const bad = broken('6002', 'payment', '12.3.4', 'not a yuan amount');
    const s = ingest(ch, [fetched(order('6001')), bad, fetched(order('6003', { goodsFen: 12.5 }))]);
    expect(s).toMatchObject({ fetched: 3, created: 1, quarantined: 2 });
    const q = await app.call('channels.quarantine', { id: ch.id }, token);
    expect(q).toHaveLength(2);
    const q2 = q.find((x) => x.platformOrderId === '6002')!;
    expect(q2).toMatchObject({ field: 'payment', value: '12.3.4', reason: 'not a yuan amount', payload: bad.raw });
    expect(q.find((x) => x.platformOrderId === '6003')).toMatchObject({ field: 'goodsFen', value: '12.5' });
    // Fetched again (overlapping windows): still one entry each, attempts counted.
    ingest(ch, [bad]);
    expect((await app.call('channels.quarantine', { id: ch.id }, token)).find((x) => x.platformOrderId === '6002')!.attempts).toBe(2);
    // A good version arriving later settles it.
    ingest(ch, [fetched(order('6002'))]);
    expect((await app.call('channels.quarantine', { id: ch.id }, token)).map((x) => x.platformOrderId)).toEqual(['6003']);
  });

  it('keeps unmapped status words, flags the order and lists the word for the channel', async () => {
    const ch = await addShop();
    ingest(ch, [fetched(order('7001', { phase: null, platformStatus: 'NEW_STATUS_2027' }))]);
    expect(orderRow('7001').hold).toBe('unmapped_status');
    const u = await app.call('channels.unmapped', { id: ch.id }, token);
    expect(u).toMatchObject([{ platformStatus: 'NEW_STATUS_2027', count: 1, samplePlatformOrderId: '7001' }]);
  });

  it('re-processes quarantined payloads and unmapped-status orders after a code or dictionary fix', async () => {
    const ch = await addShop();
    fake.put(order('8001'));
    fake.badIds.add('8001');
    const held = order('8002', { phase: null, platformStatus: 'NEW_WORD' });
    ingest(ch, [broken('8001', 'payment', 'abc', 'not a yuan amount'), fetched(held)]);
    expect((await app.call('channels.reprocess', { id: ch.id }, token))).toMatchObject({ ingested: 0, stillQuarantined: 1 });
    // The fixes: the connector reads the payment now, the dictionary knows the word.
    fake.badIds.delete('8001');
    fake.dictionary.set('NEW_WORD', 'paid');
    expect(await app.call('channels.reprocess', { id: ch.id }, token)).toMatchObject({ ingested: 1, stillQuarantined: 0, remapped: 1 });
    expect(orderRow('8001')).toBeTruthy();
    // Mapped now: the unknown-word hold is released and the order waits in review like any paid order.
    expect(orderRow('8002')).toMatchObject({ status: 'pending_review', platform_phase: 'paid', hold: null });
    expect(await app.call('channels.quarantine', { id: ch.id }, token)).toEqual([]);
  });
});
