import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempApp, type TempApp } from '../helpers/temp-app';

type Row = Record<string, unknown>;
let app: TempApp;
let tokens: Record<'owner' | 'ops' | 'service' | 'warehouse' | 'finance', string>;

beforeAll(async () => {
  app = await tempApp({ demoOrders: 600, inTeam: true });
  tokens = {
    owner: await app.login('owner'), ops: await app.login('ops'), service: await app.login('service'),
    warehouse: await app.login('warehouse'), finance: await app.login('finance'),
  };
});
afterAll(() => app.dispose());

const q = (sql: string, ...args: unknown[]) => app.services.db.sqlite.prepare(sql).all(...args) as Row[];
const one = (sql: string, ...args: unknown[]) => app.services.db.sqlite.prepare(sql).get(...args) as Row;

describe('orders.get: one order’s full story', () => {
  it('shows lines, amounts, the timeline oldest first with people’s names, and the same customer’s other orders', async () => {
    // A shipped order of a repeat buyer: its timeline has warehouse steps done by a person.
    const { id, customer_id } = one(
      `SELECT o.id, o.customer_id FROM orders o WHERE o.status IN ('shipped','delivered','completed')
         AND o.customer_id IN (SELECT customer_id FROM orders GROUP BY customer_id HAVING count(*) >= 3) LIMIT 1`,
    );
    const d = await app.call('orders.get', { id: id as string }, tokens.service);
    const o = one('SELECT * FROM orders WHERE id = ?', id);

    expect(d.order.platformOrderId).toBe(o.platform_order_id);
    expect(d.order.paidFen).toBe(o.paid_fen);
    expect(d.order.goodsFen! - d.order.discountFen! + d.order.postageFen!).toBe(d.order.paidFen);
    expect(d.lines.map((l) => l.lineNo)).toEqual(q('SELECT line_no FROM order_lines WHERE order_id = ? ORDER BY line_no', id).map((r) => r.line_no));
    const nonGift = d.lines.filter((l) => !l.gift);
    expect(nonGift.reduce((s, l) => s + l.unitPriceFen! * l.qty, 0)).toBe(d.order.goodsFen);
    for (const g of d.lines.filter((l) => l.gift)) expect(g.paidFen).toBe(0);

    const ats = d.events.map((e) => e.at);
    expect(ats).toEqual([...ats].sort((a, b) => a - b));
    expect(d.events[0]).toMatchObject({ type: 'ingested', actorName: 'system' });
    expect(d.events.find((e) => e.toStatus === 'picking')?.actorName).toBe('仓库老陈'); // display name, not the login
    expect(d.events.at(-1)!.toStatus ?? d.order.status).toBeTruthy();
    expect(d.events.filter((e) => e.toStatus).at(-1)!.toStatus).toBe(d.order.status);

    expect(d.addresses[0]!.receiverName).toBe(d.order.receiverName);
    const expected = q('SELECT id FROM orders WHERE customer_id = ? AND id <> ? ORDER BY created_at DESC LIMIT 20', customer_id, id).map((r) => r.id);
    expect(d.customerOrders.map((c) => c.id)).toEqual(expected);
    expect(expected.length).toBeGreaterThanOrEqual(2);
  });

  it('lists address changes newest first, the current one on top', async () => {
    const { id } = one(`SELECT id FROM orders WHERE status = 'completed' LIMIT 1`);
    const older = one('SELECT * FROM order_addresses WHERE order_id = ?', id);
    // The buyer changed the address on the platform after ordering.
    app.services.db.writes.run({ actor: { id: null, name: 'system' }, call: 'test' }, (tx) => {
      tx.insert('order_addresses', {
        id: 'addr-new', orderId: id, receiverName: '林**', receiverPhone: '139****0001', province: '上海市', city: '上海市',
        district: '徐汇区', detail: '漕溪北路88号', source: 'taobao', createdAt: (older.created_at as number) + 3_600_000,
      });
      tx.update('orders', id as string, { receiverName: '林**', province: '上海市', city: '上海市', district: '徐汇区', addressDetail: '漕溪北路88号' });
    });
    const d = await app.call('orders.get', { id: id as string }, tokens.service);
    expect(d.addresses.map((a) => a.detail)).toEqual(['漕溪北路88号', older.detail]);
    expect(d.addresses[0]!.detail).toBe(d.order.addressDetail);
  });

  it('matches a buyer with no customer record by nick within the same shop (store members)', async () => {
    const { id, buyer_nick, channel_id } = one(
      `SELECT id, buyer_nick, channel_id FROM orders WHERE customer_id IS NULL AND buyer_nick IN
         (SELECT buyer_nick FROM orders WHERE customer_id IS NULL GROUP BY buyer_nick, channel_id HAVING count(*) > 1) LIMIT 1`,
    );
    const d = await app.call('orders.get', { id: id as string }, tokens.service);
    expect(d.order.customerId).toBeNull();
    const expected = q('SELECT id FROM orders WHERE buyer_nick = ? AND channel_id = ? AND id <> ? ORDER BY created_at DESC', buyer_nick, channel_id, id).map((r) => r.id);
    expect(d.customerOrders.map((c) => c.id)).toEqual(expected.slice(0, 20));
    expect(expected.length).toBeGreaterThan(0);
  });

  it('hides every amount from a role without orders.viewAmounts', async () => {
    const { id } = one(`SELECT id FROM orders WHERE customer_id IN (SELECT customer_id FROM orders GROUP BY customer_id HAVING count(*) > 1) LIMIT 1`);
    const d = await app.call('orders.get', { id: id as string }, tokens.warehouse);
    const o = d.order;
    expect([o.paidFen, o.goodsFen, o.discountFen, o.postageFen, o.commissionFen, o.refundFen, o.platformDiscountFen]).toEqual([null, null, null, null, null, null, null]);
    expect(d.lines.every((l) => l.unitPriceFen === null && l.paidFen === null && l.discountFen === null)).toBe(true);
    expect(d.customerOrders.every((c) => c.paidFen === null)).toBe(true);
    expect(d.lines.length).toBeGreaterThan(0); // the rest is still there
  });

  it('answers not_found naming the id for an unknown order', async () => {
    expect(await app.raw('orders.get', { id: 'no-such-order' }, tokens.service)).toMatchObject({ error: { code: 'not_found', field: 'id' } });
  });
});

describe('notes, urgency and tags from the grid selection', () => {
  const pick = (n: number, offset = 0) => q('SELECT id FROM orders ORDER BY id LIMIT ? OFFSET ?', n, offset).map((r) => r.id as string);

  it('customer service adds a note: a note row and a timeline event with their name, audited', async () => {
    const ids = pick(2);
    const before = (one('SELECT max(seq) s FROM audit_log').s as number) ?? 0;
    expect(await app.call('orders.addNote', { orderIds: ids, body: '客户来电：周六上午送货' }, tokens.service)).toEqual({ added: 2 });
    for (const id of ids) {
      const d = await app.call('orders.get', { id }, tokens.service);
      expect(d.notes[0]).toMatchObject({ body: '客户来电：周六上午送货', authorName: '客服小张' });
      expect(d.events.at(-1)).toMatchObject({ type: 'note', actorName: '客服小张' });
    }
    const audit = q('SELECT * FROM audit_log WHERE seq > ? AND entity = ?', before, 'order_notes');
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.actor_name === 'service' && a.call === 'orders.addNote')).toBe(true);
    expect(q('SELECT * FROM outbox WHERE entity = ? AND entity_id IN (?, ?)', 'order_notes', ...ids.map((id) => one('SELECT id FROM order_notes WHERE order_id = ?', id).id))).toHaveLength(2);
  });

  it('ops sets urgency: only orders that change get an event; the grid shows the new value', async () => {
    const ids = pick(3, 10);
    app.services.db.writes.run({ actor: { id: null, name: 'test' }, call: 'test' }, (tx) => tx.update('orders', ids[0]!, { urgency: 'red' }));
    const r = await app.call('orders.setUrgency', { orderIds: ids, urgency: 'red' }, tokens.ops);
    expect(r.changed).toBe(q(`SELECT 1 FROM order_events WHERE type = 'urgency_changed' AND order_id IN (?, ?, ?)`, ...ids).length);
    expect(r.changed).toBe(ids.length - 1 - q(`SELECT 1 FROM order_events WHERE type = 'urgency_changed' AND order_id IN (?, ?, ?) AND json_extract(detail_json, '$.from') = 'red'`, ...ids).length);
    expect(q('SELECT urgency FROM orders WHERE id IN (?, ?, ?)', ...ids).every((o) => o.urgency === 'red')).toBe(true);
    const page = await app.call('orders.page', { filters: { urgency: { type: 'set', values: ['red'] } }, quick: one('SELECT platform_order_id p FROM orders WHERE id = ?', ids[1]).p as string }, tokens.ops);
    expect(page.rows.map((x) => x.id)).toContain(ids[1]);
    const ev = (await app.call('orders.get', { id: ids[1]! }, tokens.ops)).events.at(-1)!;
    expect(ev).toMatchObject({ type: 'urgency_changed', actorName: '李主管' });
  });

  it('tags are added and removed as a set, with events; a no-op changes nothing', async () => {
    const ids = pick(2, 20);
    app.services.db.writes.run({ actor: { id: null, name: 'test' }, call: 'test' }, (tx) => {
      tx.update('orders', ids[0]!, { tags: JSON.stringify(['易碎']) });
      tx.update('orders', ids[1]!, { tags: '[]' });
    });
    expect(await app.call('orders.tag', { orderIds: ids, add: ['加急', '易碎'] }, tokens.ops)).toEqual({ changed: 2 });
    expect(q('SELECT tags FROM orders WHERE id IN (?, ?) ORDER BY id', ...ids).map((r) => JSON.parse(r.tags as string))).toEqual([['易碎', '加急'], ['加急', '易碎']]);
    expect(await app.call('orders.tag', { orderIds: ids, remove: ['易碎'] }, tokens.ops)).toEqual({ changed: 2 });
    expect(q('SELECT tags FROM orders WHERE id IN (?, ?) ORDER BY id', ...ids).map((r) => JSON.parse(r.tags as string))).toEqual([['加急'], ['加急']]);
    expect(await app.call('orders.tag', { orderIds: ids, remove: ['不存在的标签'] }, tokens.ops)).toEqual({ changed: 0 });
    const events = (await app.call('orders.get', { id: ids[0]! }, tokens.ops)).events.filter((e) => e.type === 'tags_changed');
    expect(events.map((e) => e.detail)).toEqual([
      { added: ['加急'], removed: [], tags: ['易碎', '加急'] },
      { added: [], removed: ['易碎'], tags: ['加急'] },
    ]);
  });

  it('refuses the same tag added and removed, and an unknown order id changes nothing', async () => {
    const ids = pick(1, 30);
    expect(await app.raw('orders.tag', { orderIds: ids, add: ['加急'], remove: ['加急'] }, tokens.ops)).toMatchObject({ error: { code: 'invalid_input', field: 'remove' } });
    const before = one('SELECT tags FROM orders WHERE id = ?', ids[0]).tags;
    const r = await app.raw('orders.tag', { orderIds: [ids[0], 'missing-order'], add: ['补发'] }, tokens.ops);
    expect(r).toMatchObject({ error: { code: 'not_found', field: 'orderIds' } });
    expect((r as { error: { message: string } }).error.message).toContain('missing-order');
    expect(one('SELECT tags FROM orders WHERE id = ?', ids[0]).tags).toBe(before);
  });

  it('the warehouse role is refused notes, urgency and tags by the API, audited, with nothing written', async () => {
    const ids = pick(1, 40);
    const notes = one('SELECT count(*) n FROM order_notes').n;
    const events = one('SELECT count(*) n FROM order_events').n;
    for (const [name, input] of [
      ['orders.addNote', { orderIds: ids, body: '仓库想备注' }],
      ['orders.setUrgency', { orderIds: ids, urgency: 'red' }],
      ['orders.tag', { orderIds: ids, add: ['易碎'] }],
    ] as const) {
      expect(await app.raw(name, input, tokens.warehouse)).toMatchObject({ error: { code: 'forbidden' } });
      expect(one(`SELECT count(*) n FROM audit_log WHERE entity = 'api' AND entity_id = ? AND action = 'forbidden' AND actor_name = 'warehouse'`, name).n).toBeGreaterThan(0);
    }
    // service may note but not tag
    expect(await app.raw('orders.tag', { orderIds: ids, add: ['易碎'] }, tokens.service)).toMatchObject({ error: { code: 'forbidden' } });
    expect(one('SELECT count(*) n FROM order_notes').n).toBe(notes);
    expect(one('SELECT count(*) n FROM order_events').n).toBe(events);
  });
});
