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
