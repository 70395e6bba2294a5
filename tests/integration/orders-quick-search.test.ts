import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrderQuery } from '../../src-main/orders/query/build';
import { TextSearch } from '../../src-main/orders/search/text-search';
import { Lifecycle } from '../../src-main/orders/lifecycle/lifecycle';
import { insertFixtureOrders } from '../helpers/orders-fixture';
import { tempApp, type TempApp } from '../helpers/temp-app';

/**
 * Quick search (issue 15, item 4) through orders.page as the grid calls it: an order no.'s start
 * and end, numbers pasted one per line, a phone's last four, a receiver, a tracking no., a SKU —
 * over 2,000 fixture orders plus a few hand-made ones, each answer checked against plain SQL.
 * The query plans are checked too: no branch reads the orders table row by row.
 */
let app: TempApp;
let owner: string;
const ctx = { actor: { id: null, name: 'test' }, call: 'test.fixture' };

beforeAll(async () => {
  app = await tempApp();
  insertFixtureOrders(app.services.db, 2000);
  owner = await app.login('owner');
  const t = Date.UTC(2026, 5, 2);
  const order = (id: string, no: string, extra: Record<string, unknown> = {}) => ({
    id, channelId: 'ch-jd', platformOrderId: no, status: 'to_ship', platformStatus: 'WAIT', goodsFen: 100, paidFen: 100,
    createdAt: t, platformUpdatedAt: t, urgency: 'normal', tags: '[]', version: 1, ingestedAt: t, modifiedAt: t, ...extra,
  });
  app.services.db.writes.run(ctx, (tx) => {
    // Orders enter with a status only through the state machine (it holds the key to the field).
    new Lifecycle(app.services.db).insertHistoric(tx, [
      order('q-1', 'JD7700128843', { receiverName: '欧阳娜娜', trackingNo: 'YT9911223344' }),
      order('q-2', 'JD7700995511'),
      order('q-3', 'JD8800128843'),
    ], 'quick fixtures');
    tx.insertMany('order_lines', [
      { id: 'ql-1', orderId: 'q-2', lineNo: 1, skuCode: 'TEA-LJ-250', title: '龙井 250g', qty: 2, unitPriceFen: 50, paidFen: 100 },
      { id: 'ql-2', orderId: 'q-3', lineNo: 1, skuCode: 'TEA-BLC-100', title: '碧螺春', qty: 1, unitPriceFen: 100, paidFen: 100 },
    ], 'quick fixture lines');
  });
});
afterAll(() => app.dispose());

async function ids(quick: string): Promise<string[]> {
  const page = await app.call('orders.page', { quick, startRow: 0, endRow: 1000 }, owner);
  return page.rows.map((r) => r.id).sort();
}
const sql = (where: string, ...params: unknown[]) =>
  (app.services.db.sqlite.prepare(`SELECT id FROM orders WHERE ${where} ORDER BY id`).pluck().all(...params) as string[]);

describe('quick search finds what a person types', () => {
  it('the start of an order number', async () => {
    expect(await ids('JD7700')).toEqual(['q-1', 'q-2']);
  });

  it('the end of an order number, and four digits also as a phone end', async () => {
    expect(await ids('128843')).toEqual(['q-1', 'q-3']);
    // Longer than the part asked of the index: the whole end is still what must match.
    expect(await ids('7700128843')).toEqual(['q-1']);
    const four = '8843';
    expect(await ids(four)).toEqual(sql(`phone_last4 = ? OR substr(platform_order_id, -4) = ?`, four, four));
    expect(await ids(four)).toContain('q-1');
  });

  it('numbers pasted one per line, order and tracking numbers mixed, unknown ones ignored', async () => {
    const fixtureNos = app.services.db.sqlite.prepare(`SELECT platform_order_id FROM orders WHERE channel_id <> 'ch-jd' ORDER BY id LIMIT 5`).pluck().all() as string[];
    const pasted = ['JD7700995511', 'YT9911223344', ...fixtureNos, 'NOPE-1'].join('\r\n') + '\n';
    const got = await ids(pasted);
    expect(got).toEqual(sql(`platform_order_id IN (SELECT value FROM json_each(?)) OR tracking_no = 'YT9911223344'`, JSON.stringify(['JD7700995511', ...fixtureNos])));
    expect(got).toHaveLength(7);
  });

  it('1,000 pasted numbers are one search; 1,001 are refused naming the field', async () => {
    const nos = app.services.db.sqlite.prepare('SELECT platform_order_id FROM orders ORDER BY rowid LIMIT 1000').pluck().all() as string[];
    const page = await app.call('orders.page', { quick: nos.join('\n'), startRow: 0, endRow: 100 }, owner);
    expect(page.total).toBe(1000);
    const refused = await app.raw('orders.page', { quick: [...nos, 'X1'].join('\n'), startRow: 0, endRow: 100 }, owner);
    expect(refused).toMatchObject({ error: { code: 'invalid_input', field: 'quick', message: '一次最多粘贴 1,000 个单号（现在 1,001 个）' } });
  });

  it('a receiver name, a tracking number and a SKU code (exact or its start)', async () => {
    expect(await ids('欧阳')).toEqual(['q-1']);
    expect(await ids('YT99112')).toEqual(['q-1']);
    expect(await ids('TEA-LJ-250')).toEqual(['q-2']);
    expect(await ids('TEA-')).toEqual(['q-2', 'q-3']);
  });

  it('the order number index follows a renumbered and a deleted order', async () => {
    app.services.db.writes.run(ctx, (tx) => tx.update('orders', 'q-2', { platformOrderId: 'JD7700995599' }));
    expect(await ids('995511')).toEqual([]);
    expect(await ids('995599')).toEqual(['q-2']);
    app.services.db.writes.run(ctx, (tx) => {
      tx.delete('order_lines', 'ql-2');
      tx.delete('orders', 'q-3');
    });
    expect(await ids('128843')).toEqual(['q-1']);
  });

  it('no branch of a quick search reads the orders table row by row', () => {
    const pager = app.services.db.sqlite;
    for (const quick of ['8843', 'JD7700', 'TEA-LJ-250', 'A1\nA2', '欧阳']) {
      const built = buildOrderQuery({ filters: {}, sort: [], quick }, { viewAmounts: true, search: new TextSearch(pager) });
      const plan = (pager.prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM orders o ${built.where}`).all(...built.params) as { detail: string }[]).map((r) => r.detail);
      expect(plan.filter((d) => /^SCAN o\b(?!.*USING)/.test(d)), `${quick}: ${plan.join(' | ')}`).toEqual([]);
    }
  });
});
