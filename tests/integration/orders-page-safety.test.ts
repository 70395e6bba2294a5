import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFixtureOrders } from '../helpers/orders-fixture';
import { tempApp, type TempApp } from '../helpers/temp-app';

/** What the grid's server side refuses, and what it never lets a value do. */
const N = 1500;
let app: TempApp;
let owner: string;
let warehouse: string;

beforeAll(async () => {
  app = await tempApp();
  insertFixtureOrders(app.services.db, N);
  owner = await app.login('owner');
  warehouse = await app.login('warehouse');
});
afterAll(() => app.dispose());

const count = (sql: string, ...p: unknown[]) => app.services.db.sqlite.prepare(sql).pluck().get(...p) as number;

describe('orders.page whitelists columns', () => {
  it('refuses a filter on a column that is not in the grid, naming the field', async () => {
    const r = await app.raw('orders.page', { filters: { password_hash: { type: 'text', op: 'equals', value: 'x' } } }, owner);
    expect(r).toMatchObject({ error: { code: 'invalid_input' } });
    if ('error' in r) expect(`${r.error.field} ${r.error.message}`).toContain('password_hash');
  });

  it('refuses a sort on an unknown column or an SQL fragment, naming the field', async () => {
    const r = await app.raw('orders.page', { sort: [{ colId: 'paid_fen; DROP TABLE orders', sort: 'asc' }] }, owner);
    expect(r).toMatchObject({ error: { code: 'invalid_input', field: 'sort.0.colId' } });
    const dir = await app.raw('orders.page', { sort: [{ colId: 'paidFen', sort: 'asc, id' }] }, owner);
    expect(dir).toMatchObject({ error: { code: 'invalid_input', field: 'sort.0.sort' } });
    expect(count('SELECT count(*) FROM orders')).toBe(N);
  });

  it('refuses a filter type the column does not have', async () => {
    const r = await app.raw('orders.page', { filters: { paidFen: { type: 'text', op: 'contains', value: '1' } } }, owner);
    expect(r).toMatchObject({ error: { code: 'invalid_input', field: 'filters.paidFen' } });
  });

  it('refuses a block wider than 1000 rows or reversed', async () => {
    expect(await app.raw('orders.page', { startRow: 0, endRow: 5000 }, owner)).toMatchObject({ error: { code: 'invalid_input', field: 'endRow' } });
    expect(await app.raw('orders.page', { startRow: 100, endRow: 100 }, owner)).toMatchObject({ error: { code: 'invalid_input', field: 'endRow' } });
  });
});

describe('values in filters are only ever values', () => {
  const nasty = [`' OR 1=1 --`, `x'); DROP TABLE orders; --`, `%' OR '1'='1`, `" OR ""="`, `\\'; DELETE FROM orders; --`];

  it.each(nasty)('text equals %j matches exactly the rows holding that text', async (value) => {
    const page = await app.call('orders.page', { filters: { buyerRemark: { type: 'text', op: 'equals', value } }, endRow: 1000 }, owner);
    expect(page.total).toBe(count('SELECT count(*) FROM orders WHERE buyer_remark = ?', value));
    expect(page.rows.every((r) => r.buyerRemark === value)).toBe(true);
  });

  it('the fixture does hold the injection-looking remark, and only those rows come back', async () => {
    const value = `' OR 1=1 --`;
    const expected = count('SELECT count(*) FROM orders WHERE buyer_remark = ?', value);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(N);
    const contains = await app.call('orders.page', { filters: { buyerRemark: { type: 'text', op: 'contains', value: `1=1` } } }, owner);
    expect(contains.total).toBe(expected);
  });

  it.each(nasty)('set values, quick search and nick filter with %j are inert', async (value) => {
    const set = await app.call('orders.page', { filters: { status: { type: 'set', values: [value] } } }, owner);
    expect(set).toEqual({ rows: [], total: 0, totalExact: true });
    // Quick search finds the text where a person wrote it (here: remarks), and nothing else.
    const quick = await app.call('orders.page', { quick: value, endRow: 1000 }, owner);
    const holding = count(
      `SELECT count(*) FROM orders WHERE instr(lower(coalesce(buyer_remark, '') || char(10) || coalesce(seller_note, '') || char(10) || coalesce(receiver_name, '')
        || char(10) || coalesce(province, '') || coalesce(city, '') || coalesce(district, '') || coalesce(address_detail, '')), lower(?)) > 0`,
      value,
    );
    expect(quick.total).toBe(holding);
    expect(quick.rows.every((r) => r.buyerRemark?.includes(value))).toBe(true);
    const nick = await app.call('orders.page', { filters: { buyerNick: { type: 'text', op: 'startsWith', value } } }, owner);
    expect(nick.total).toBe(0);
  });

  it('the orders table is intact afterwards', () => {
    expect(count('SELECT count(*) FROM orders')).toBe(N);
    expect(count(`SELECT count(*) FROM sqlite_master WHERE name = 'orders'`)).toBe(1);
  });
});

describe('amounts by role', () => {
  it('warehouse sees rows but every amount is null', async () => {
    const page = await app.call('orders.page', { endRow: 200 }, warehouse);
    expect(page.total).toBe(N);
    expect(page.rows).toHaveLength(200);
    expect(page.rows.every((r) => r.paidFen === null && r.goodsFen === null)).toBe(true);
    const ownerPage = await app.call('orders.page', { endRow: 200 }, owner);
    expect(ownerPage.rows.map((r) => r.id)).toEqual(page.rows.map((r) => r.id));
    expect(ownerPage.rows.some((r) => typeof r.paidFen === 'number' && r.paidFen > 0)).toBe(true);
  });

  it('warehouse may not sort or filter by amount (that would reveal them)', async () => {
    expect(await app.raw('orders.page', { sort: [{ colId: 'paidFen', sort: 'desc' }] }, warehouse)).toMatchObject({ error: { code: 'forbidden', field: 'sort' } });
    expect(await app.raw('orders.page', { filters: { goodsFen: { type: 'number', op: 'greaterThan', value: 100 } } }, warehouse))
      .toMatchObject({ error: { code: 'forbidden', field: 'filters.goodsFen' } });
  });
});

describe('orders.facets', () => {
  it('lists the shops, warehouses and every tag in use', async () => {
    const f = await app.call('orders.facets', {}, warehouse);
    expect(f.channels).toHaveLength(6);
    expect(f.channels.find((c) => c.id === 'ch-jd')).toEqual({ id: 'ch-jd', name: '京东自营店', kind: 'jd' });
    expect(f.warehouses.map((w) => w.name)).toEqual(['杭州主仓', '嘉兴前置仓', '宁波保税仓']); // by warehouse code
    const used = app.services.db.sqlite.prepare('SELECT DISTINCT j.value FROM orders, json_each(orders.tags) j').pluck().all() as string[];
    expect([...f.tags].sort()).toEqual([...used].sort());
    expect(f.tags.length).toBe(5);
  });
});
