import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFixtureOrders } from '../helpers/orders-fixture';
import { tempApp, type TempApp } from '../helpers/temp-app';

/** "Select all N matching" (issue 15, item 5): every match across pages, or a refusal naming the limit — never a cut-short list. */
let app: TempApp;
let ops: string;
beforeAll(async () => {
  app = await tempApp();
  insertFixtureOrders(app.services.db, 5200);
  ops = await app.login('ops');
});
afterAll(() => app.dispose());

describe('orders.matchingIds', () => {
  it('returns exactly the orders the grid query matches, across every page', async () => {
    const filters = { status: { type: 'set' as const, values: ['to_ship', 'picking'] } };
    const r = await app.call('orders.matchingIds', { filters }, ops);
    const want = app.services.db.sqlite.prepare(`SELECT id FROM orders WHERE status IN ('to_ship', 'picking') ORDER BY id`).pluck().all() as string[];
    expect(want.length).toBeGreaterThan(100);
    expect([...r.ids].sort()).toEqual(want);
    expect(r.total).toBe(want.length);
    const page = await app.call('orders.page', { filters, startRow: 0, endRow: 1 }, ops);
    expect(page.total).toBe(r.total);
  });

  it('takes the quick search too', async () => {
    const no = app.services.db.sqlite.prepare('SELECT platform_order_id FROM orders LIMIT 1 OFFSET 77').pluck().get() as string;
    expect((await app.call('orders.matchingIds', { quick: no }, ops)).total).toBe(1);
  });

  it('more than 5,000 matches is refused with the limit named, not cut short', async () => {
    const r = await app.raw('orders.matchingIds', {}, ops);
    expect(r).toMatchObject({ error: { code: 'invalid_input', message: expect.stringContaining('一次最多批量处理 5,000 单') } });
  });
});

describe('a bulk action over "all N matching" carries the versions the orders had when selected', () => {
  it('refuses when orders changed since, naming each by order number and changing nothing; a fresh selection goes through', async () => {
    const sqlite = app.services.db.sqlite;
    const filters = { status: { type: 'set' as const, values: ['to_ship'] } };
    const picked = await app.call('orders.matchingIds', { filters }, ops);
    expect(picked.total).toBeGreaterThan(100);
    // The versions are the ones stored at the moment of selecting.
    const stored = Object.fromEntries(sqlite.prepare(`SELECT id, version FROM orders WHERE status = 'to_ship'`).raw().all() as [string, number][]);
    expect(picked.versions).toEqual(stored);

    // Meanwhile a colleague changes two of them.
    const owner = await app.login('owner');
    const [a, b] = [picked.ids[3]!, picked.ids[picked.ids.length - 1]!];
    await app.call('orders.tag', { orderIds: [a, b], add: ['同事改过'] }, owner);
    const no = (id: string) => sqlite.prepare('SELECT platform_order_id FROM orders WHERE id = ?').pluck().get(id) as string;
    const tagged = () => sqlite.prepare(`SELECT count(*) FROM orders WHERE tags LIKE '%复核%'`).pluck().get() as number;

    const r = await app.raw('orders.tag', { orderIds: picked.ids, add: ['复核'], versions: picked.versions }, ops);
    expect(r).toMatchObject({ error: { code: 'conflict', field: 'versions' } });
    const message = (r as { error: { message: string } }).error.message;
    expect(message).toContain('选中后有 2 单已被修改');
    expect(message).toContain(no(a));
    expect(message).toContain(no(b));
    expect(message).toContain('未做任何修改');
    expect(tagged()).toBe(0);

    const again = await app.call('orders.matchingIds', { filters }, ops);
    const done = await app.call('orders.tag', { orderIds: again.ids, add: ['复核'], versions: again.versions }, ops);
    expect(done.changed).toBe(again.total);
    expect(tagged()).toBe(again.total);
  });

  it('names ten order numbers and counts the rest when many changed', async () => {
    const sqlite = app.services.db.sqlite;
    const filters = { status: { type: 'set' as const, values: ['picking'] } };
    const picked = await app.call('orders.matchingIds', { filters }, ops);
    const owner = await app.login('owner');
    const changed = picked.ids.slice(0, 25);
    await app.call('orders.tag', { orderIds: changed, add: ['同事改过'] }, owner);
    const before = sqlite.prepare(`SELECT group_concat(urgency) FROM orders WHERE status = 'picking' ORDER BY id`).pluck().get() as string;
    const to = before.includes('green') ? 'red' : 'green';
    const r = await app.api.dispatch('orders.setUrgency', { orderIds: picked.ids, urgency: to, versions: picked.versions }, ops, 'en');
    expect(r).toMatchObject({ error: { code: 'conflict' } });
    expect((r as { error: { message: string } }).error.message).toMatch(/^25 of the selected orders changed after you selected them: ([^,]+, ){9}[^,]+ and 15 more\. Nothing was changed/);
    expect(sqlite.prepare(`SELECT group_concat(urgency) FROM orders WHERE status = 'picking' ORDER BY id`).pluck().get()).toBe(before);
  });
});
