import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrdersPager } from '../../src-main/orders/query/pager';
import { insertFixtureOrders } from '../helpers/orders-fixture';
import { filterCases, SORT_CASES, type FilterCase, type SortCase } from '../helpers/orders-page-cases';
import { tempApp, type TempApp } from '../helpers/temp-app';

/**
 * orders.page against hand-written SQL: every filter × every sort × the first, second, last
 * and past-the-end block, over 3,000 generated orders. The same matrix runs once more through
 * a pager whose "deep" threshold is tiny, so the position-snapshot path answers it too.
 */
const N = 3000;
const BLOCK = 100;
let app: TempApp;
let owner: string;
let cases: FilterCase[];

beforeAll(async () => {
  app = await tempApp();
  insertFixtureOrders(app.services.db, N);
  owner = await app.login('owner');
  const one = (sql: string) => app.services.db.sqlite.prepare(sql).pluck().get() as string;
  cases = filterCases({
    phoneLast4: one(`SELECT phone_last4 FROM orders WHERE phone_last4 IS NOT NULL ORDER BY id LIMIT 1 OFFSET 17`),
    nickPrefix: 'alice',
    trackingNo: one(`SELECT tracking_no FROM orders WHERE tracking_no IS NOT NULL ORDER BY id LIMIT 1 OFFSET 5`),
    orderNo: one(`SELECT platform_order_id FROM orders ORDER BY id LIMIT 1 OFFSET 1234`),
  });
});
afterAll(() => app.dispose());

function expected(f: FilterCase, s: SortCase, start: number): { ids: string[]; total: number } {
  const sqlite = app.services.db.sqlite;
  const params = f.params ?? [];
  const total = sqlite.prepare(`SELECT count(*) FROM orders WHERE ${f.where}`).pluck().get(...params) as number;
  const ids = sqlite
    .prepare(`SELECT id FROM orders WHERE ${f.where} ORDER BY ${s.orderBy} LIMIT ${BLOCK} OFFSET ${start}`)
    .pluck()
    .all(...params) as string[];
  return { ids, total };
}

/** Where the sort column's NULLs start (DESC) or end (ASC): a block across it pages both regions. */
function nullEdge(f: FilterCase, s: SortCase, total: number): number {
  const m = /^(\w+) (ASC|DESC), id (ASC|DESC)$/.exec(s.orderBy);
  if (!m) return -1;
  const nulls = app.services.db.sqlite.prepare(`SELECT count(*) FROM orders WHERE (${f.where}) AND ${m[1]} IS NULL`).pluck().get(...(f.params ?? [])) as number;
  return m[2] === 'ASC' ? nulls : total - nulls;
}

/** First, second, a middle, the last and a past-the-end block; the middle one is not block-aligned. */
function starts(total: number): number[] {
  const last = Math.max(0, Math.floor((total - 1) / BLOCK) * BLOCK);
  return [...new Set([0, BLOCK, Math.floor(total / 2) + 7, last, total + BLOCK])];
}

describe('orders.page equals the hand-written query', () => {
  it('the fixture exercises both non-empty and empty results', () => {
    const totals = cases.map((f) => expected(f, SORT_CASES[0]!, 0).total);
    expect(totals.filter((t) => t === 0).length).toBeGreaterThan(0);
    expect(totals.filter((t) => t > 2 * BLOCK).length).toBeGreaterThan(5);
    expect(totals[0]).toBe(N);
  });

  it('for every filter × sort × block (through the API)', async () => {
    let compared = 0;
    for (const f of cases) {
      for (const s of SORT_CASES) {
        const { total } = expected(f, s, 0);
        for (const start of starts(total)) {
          const want = expected(f, s, start);
          const got = await app.call('orders.page', { ...f.query, sort: s.sort, startRow: start, endRow: start + BLOCK }, owner);
          expect({ case: `${f.name} / ${s.name} @${start}`, total: got.total, ids: got.rows.map((r) => r.id) })
            .toEqual({ case: `${f.name} / ${s.name} @${start}`, total: want.total, ids: want.ids });
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(cases.length * SORT_CASES.length * 2);
  });

  it('for every filter × sort × block from anchors and position snapshots (deep paths)', () => {
    const pager = new OrdersPager(app.services.db.sqlite, { deepRow: 150, anchorStep: 37, windowReach: 40, windowSampleRows: 20 });
    try {
      for (const f of cases) {
        for (const s of SORT_CASES) {
          const { total } = expected(f, s, 0);
          for (const start of [...starts(total), nullEdge(f, s, total) - 50].filter((x) => x >= 0)) {
            const got = pager.page({ filters: f.query.filters ?? {}, sort: s.sort, quick: f.query.quick }, start, start + BLOCK, { viewAmounts: true });
            const want = expected(f, s, start);
            expect({ case: `${f.name} / ${s.name} @${start}`, total: got.total, ids: got.rows.map((r) => r.id) })
              .toEqual({ case: `${f.name} / ${s.name} @${start}`, total: want.total, ids: want.ids });
          }
        }
      }
    } finally {
      pager.clear();
    }
  });

  it('a cached snapshot is rebuilt when orders change, so deep blocks never show stale rows', () => {
    const sqlite = app.services.db.sqlite;
    const pager = new OrdersPager(sqlite, { deepRow: 50 });
    const query = { filters: { status: { type: 'set' as const, values: ['to_ship'] } }, sort: [{ colId: 'paidFen' as const, sort: 'desc' as const }] };
    const temps = () => sqlite.prepare(`SELECT count(*) FROM sqlite_temp_master WHERE type = 'table'`).pluck().get() as number;
    const others = temps(); // the app's own pager may hold snapshots too
    const before = pager.page(query, 100, 200, { viewAmounts: true });
    expect(temps()).toBe(others + 1);
    const moved = sqlite.prepare(`SELECT id FROM orders WHERE status = 'picking' ORDER BY id LIMIT 1`).pluck().get() as string;
    app.services.db.writes.run({ actor: { id: null, name: 'test' }, call: 'test' }, (tx) => {
      // The picker put it back (only the state machine moves status).
      expect(app.services.flow.lifecycle.transition(tx, { orderId: moved, to: 'to_ship', source: 'system', reason: { code: 'test' } })).toMatchObject({ ok: true });
      tx.update('orders', moved, { paidFen: 99_999_999 });
    });
    const after = pager.page(query, 0, 1, { viewAmounts: true });
    expect(after.total).toBe(before.total + 1);
    expect(after.rows[0]!.id).toBe(moved);
    pager.clear();
    expect(temps()).toBe(others);
  });

  it('rows carry the shop, warehouse, tags and amounts the grid shows', async () => {
    const sqlite = app.services.db.sqlite;
    const id = sqlite.prepare(`SELECT id FROM orders WHERE warehouse_id = 'wh-nb' AND tags <> '[]' AND channel_id = 'ch-jd' ORDER BY id LIMIT 1`).pluck().get() as string;
    const raw = sqlite.prepare('SELECT platform_order_id, paid_fen, goods_fen, tags FROM orders WHERE id = ?').get(id) as Record<string, string | number>;
    const page = await app.call('orders.page', { quick: String(raw.platform_order_id) }, owner);
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({
      id, channelId: 'ch-jd', channelKind: 'jd', shopName: '京东自营店', warehouseId: 'wh-nb', warehouseName: '宁波保税仓',
      paidFen: raw.paid_fen, goodsFen: raw.goods_fen, tags: JSON.parse(String(raw.tags)),
    });
  });
});
