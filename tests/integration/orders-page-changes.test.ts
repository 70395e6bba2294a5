import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedOrderQuery } from '../../src-main/orders/query/build';
import { FacetsCache } from '../../src-main/orders/facets';
import { OrdersPager } from '../../src-main/orders/query/pager';
import { insertFixtureOrders, prng } from '../helpers/orders-fixture';
import { tempApp, type TempApp } from '../helpers/temp-app';

/**
 * The grid's caches under a stream of order changes (a poller writing every few seconds): a
 * change adjusts or keeps what it cannot move, and every answer still equals the hand-written
 * query. With a deadline, a count no index serves comes back as an estimate, marked, and is
 * exact by the next call.
 */
const N = 3000;
const ctx = { actor: { id: null, name: 'test' }, call: 'test.changes' };
const opts = { viewAmounts: true };
let app: TempApp;
let serial = 0;

/** These tests move orders between grid-visible values as any writer could; status is owned, so they hold its key. */
const statusKey = () => app.services.db.writes.claim('orders', 'status');

beforeAll(async () => {
  app = await tempApp();
  insertFixtureOrders(app.services.db, N);
});
afterAll(() => app.dispose());

interface Case {
  query: ParsedOrderQuery;
  where: string;
  orderBy: string;
}
const TO_SHIP_BY_AMOUNT: Case = {
  query: { filters: { status: { type: 'set', values: ['to_ship'] } }, sort: [{ colId: 'paidFen', sort: 'desc' }] },
  where: `status = 'to_ship'`, orderBy: 'paid_fen DESC, id DESC',
};
const NEWEST: Case = { query: { filters: {}, sort: [] }, where: '1', orderBy: 'created_at DESC, id DESC' };
const PAID_ASC: Case = { query: { filters: {}, sort: [{ colId: 'paidAt', sort: 'asc' }] }, where: '1', orderBy: 'paid_at ASC, id ASC' };
const VIP_BY_NICK: Case = {
  query: { filters: { tags: { type: 'set', values: ['VIP'] } }, sort: [{ colId: 'buyerNick', sort: 'asc' }] },
  where: `instr(tags, '"VIP"') > 0`, orderBy: 'buyer_nick ASC, id ASC',
};
const RECEIVER_WANG: Case = {
  query: { filters: { receiverName: { type: 'text', op: 'contains', value: '王' } }, sort: [{ colId: 'createdAt', sort: 'asc' }] },
  where: `instr(receiver_name, '王') > 0`, orderBy: 'created_at ASC, id ASC',
};
const QUICK_WANG: Case = {
  query: { filters: {}, sort: [{ colId: 'paidFen', sort: 'asc' }], quick: '王' },
  where: `(instr(coalesce(receiver_name, '') || char(10) || coalesce(buyer_remark, '') || char(10) || coalesce(seller_note, '') || char(10) ||
    coalesce(province, '') || coalesce(city, '') || coalesce(district, '') || coalesce(address_detail, ''), '王') > 0
    OR EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = orders.id AND instr(l.title, '王') > 0)
    OR platform_order_id = '王' OR substr(buyer_nick, 1, 1) = '王' OR substr(tracking_no, 1, 1) = '王')`,
  orderBy: 'paid_fen ASC, id ASC',
};
const CASES = [TO_SHIP_BY_AMOUNT, NEWEST, PAID_ASC, VIP_BY_NICK, RECEIVER_WANG, QUICK_WANG];

function expected(c: Case, start: number, size = 100): { ids: string[]; total: number } {
  const sqlite = app.services.db.sqlite;
  return {
    ids: sqlite.prepare(`SELECT id FROM orders WHERE ${c.where} ORDER BY ${c.orderBy} LIMIT ${size} OFFSET ${start}`).pluck().all() as string[],
    total: sqlite.prepare(`SELECT count(*) FROM orders WHERE ${c.where}`).pluck().get() as number,
  };
}

function check(pager: OrdersPager, c: Case, start: number): void {
  const got = pager.page(c.query, start, start + 100, opts);
  expect({ start, total: got.total, exact: got.totalExact, ids: got.rows.map((r) => r.id) }).toEqual({ start, ...expected(c, start), exact: true });
}

const write = (fn: Parameters<typeof app.services.db.writes.run>[1]) => app.services.db.writes.run(ctx, fn);
const one = (sql: string) => app.services.db.sqlite.prepare(sql).pluck().get() as string;

function newOrder(rnd: () => number, over: Record<string, unknown> = {}): Record<string, unknown> {
  const id = `n-${String(++serial).padStart(5, '0')}`;
  const t = Date.UTC(2026, 5, 1) + Math.floor(rnd() * 90) * 3_600_000;
  return {
    id, channelId: 'ch-jd', platformOrderId: `N${serial}`, status: rnd() < 0.5 ? 'to_ship' : 'picking', platformStatus: 'X',
    goodsFen: 100, paidFen: Math.floor(rnd() * 20_000), createdAt: t, paidAt: rnd() < 0.2 ? null : t, platformUpdatedAt: t,
    version: 1, ingestedAt: t, modifiedAt: t, tags: rnd() < 0.3 ? '["VIP"]' : '[]', urgency: 'green',
    receiverName: rnd() < 0.5 ? '王小明' : '李雷', buyerNick: rnd() < 0.5 ? `nick${serial}` : null, ...over,
  };
}

describe('cached grid positions under order changes', () => {
  it('a change no view can see keeps every cached count, anchor and snapshot', () => {
    const pager = new OrdersPager(app.services.db.sqlite, { deepRow: 50, anchorStep: 37 });
    check(pager, TO_SHIP_BY_AMOUNT, 120);
    check(pager, NEWEST, 1500);
    const snap = pager.cached(TO_SHIP_BY_AMOUNT.query, opts)!.positions;
    const anchors = pager.cached(NEWEST.query, opts)!.anchors;
    expect(snap).not.toBeNull();
    expect(anchors).toBeGreaterThan(30);
    // Urgency is neither filtered nor sorted on here.
    const id = one(`SELECT id FROM orders WHERE status = 'to_ship' ORDER BY id LIMIT 1`);
    write((tx) => tx.update('orders', id, { urgency: 'red', sellerNote: '已电话确认' }, statusKey()));
    check(pager, TO_SHIP_BY_AMOUNT, 120);
    check(pager, NEWEST, 1500);
    expect(pager.cached(TO_SHIP_BY_AMOUNT.query, opts)).toMatchObject({ positions: snap, count: { exact: true } });
    expect(pager.cached(NEWEST.query, opts)!.anchors).toBe(anchors);
    pager.clear();
  });

  it('an order entering, moving in or leaving a view is merged in: positions right, nothing rebuilt', () => {
    const pager = new OrdersPager(app.services.db.sqlite, { deepRow: 50, anchorStep: 37 });
    const rnd = prng(3);
    check(pager, TO_SHIP_BY_AMOUNT, 0);
    check(pager, TO_SHIP_BY_AMOUNT, 200);
    check(pager, NEWEST, 2000);
    const snap = pager.cached(TO_SHIP_BY_AMOUNT.query, opts)!.positions;
    const anchors = pager.cached(NEWEST.query, opts)!.anchors;
    const entering = one(`SELECT id FROM orders WHERE status = 'picking' ORDER BY id LIMIT 1`);
    const leaving = one(`SELECT id FROM orders WHERE status = 'to_ship' ORDER BY paid_fen DESC, id DESC LIMIT 1 OFFSET 120`);
    const moving = one(`SELECT id FROM orders WHERE status = 'to_ship' ORDER BY paid_fen DESC, id DESC LIMIT 1 OFFSET 210`);
    expect(moving).toBeTruthy();
    write((tx) => {
      tx.update('orders', entering, { status: 'to_ship', paidFen: 99_999_999 }, statusKey());
      tx.update('orders', leaving, { status: 'shipped' }, statusKey());
      tx.update('orders', moving, { paidFen: 1 }, statusKey());
      tx.insert('orders', newOrder(rnd, { status: 'to_ship', createdAt: Date.UTC(2030, 0, 1) }), statusKey());
    });
    for (const start of [0, 100, 150, 200, 250]) check(pager, TO_SHIP_BY_AMOUNT, start);
    for (const start of [0, 37, 1999, 2000, 2900]) check(pager, NEWEST, start);
    expect(pager.page(TO_SHIP_BY_AMOUNT.query, 0, 1, opts).rows[0]!.id).toBe(entering);
    expect(pager.cached(TO_SHIP_BY_AMOUNT.query, opts)!.positions).toBe(snap);
    expect(pager.cached(NEWEST.query, opts)!.anchors).toBeGreaterThanOrEqual(anchors);
    pager.clear();
  });

  it('what cannot be replayed is dropped and rebuilt: a search whose text changed, a shop whose platform changed', () => {
    const pager = new OrdersPager(app.services.db.sqlite, { deepRow: 50, anchorStep: 37 });
    check(pager, RECEIVER_WANG, 100);
    check(pager, TO_SHIP_BY_AMOUNT, 100);
    const searchSnap = pager.cached(RECEIVER_WANG.query, opts)!.positions;
    const otherSnap = pager.cached(TO_SHIP_BY_AMOUNT.query, opts)!.positions;
    expect(searchSnap).not.toBeNull();
    const id = one(`SELECT id FROM orders WHERE instr(receiver_name, '王') > 0 AND status <> 'to_ship' ORDER BY id LIMIT 1`);
    write((tx) => tx.update('orders', id, { receiverName: '李**' }, statusKey()));
    check(pager, RECEIVER_WANG, 100);
    check(pager, TO_SHIP_BY_AMOUNT, 100);
    // The search view was rebuilt; the other one, which the change could not move, was kept.
    expect(pager.cached(RECEIVER_WANG.query, opts)!.positions).not.toBe(searchSnap);
    expect(pager.cached(TO_SHIP_BY_AMOUNT.query, opts)!.positions).toBe(otherSnap);
    write((tx) => tx.update('channels', 'ch-pdd', { kind: 'douyin' }));
    check(pager, TO_SHIP_BY_AMOUNT, 100);
    expect(pager.cached(TO_SHIP_BY_AMOUNT.query, opts)!.positions).not.toBe(otherSnap);
    write((tx) => tx.update('channels', 'ch-pdd', { kind: 'pdd' }));
    pager.clear();
  });

  it('a batch of hundreds of new orders is one "anything moved" entry in the feed, and views rebuild right', () => {
    const pager = new OrdersPager(app.services.db.sqlite, { deepRow: 50, anchorStep: 37 });
    check(pager, TO_SHIP_BY_AMOUNT, 100);
    check(pager, NEWEST, 1000);
    const seq = () => app.services.db.sqlite.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'order_changes'`).pluck().get() as number;
    const before = seq();
    const rnd = prng(21);
    write((tx) => {
      for (let i = 0; i < 700; i++) tx.insert('orders', newOrder(rnd), statusKey());
    });
    // 500 entries, then one 'all' for the rest of the batch.
    expect(seq() - before).toBe(501);
    expect(app.services.db.sqlite.prepare(`SELECT op FROM order_changes ORDER BY seq DESC LIMIT 1`).pluck().get()).toBe('all');
    check(pager, TO_SHIP_BY_AMOUNT, 100);
    check(pager, NEWEST, 1000);
    check(pager, NEWEST, 3600);
    pager.clear();
  });

  it('every block equals the hand-written query through random writes (inserts, moves, deletes)', () => {
    // The search here goes the LIKE way (as a very common text does at scale), so its rows are read as they are now.
    const pager = new OrdersPager(app.services.db.sqlite, { deepRow: 50, anchorStep: 37, windowReach: 30, windowSampleRows: 15, searchLimits: { maxTerms: -1, maxDocs: -1 } });
    const sqlite = app.services.db.sqlite;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const rnd = prng(seed);
        for (let step = 0; step < 8; step++) {
          const ids = sqlite.prepare('SELECT id FROM orders ORDER BY random() LIMIT 4').pluck().all() as string[];
          write((tx) => {
            for (let k = 0; k < 1 + Math.floor(rnd() * 3); k++) {
              const op = Math.floor(rnd() * 5);
              const id = ids[k]!;
              if (op === 0) tx.insert('orders', newOrder(rnd), statusKey());
              else if (op === 1) tx.update('orders', id, { status: rnd() < 0.5 ? 'to_ship' : 'shipped', paidFen: Math.floor(rnd() * 20_000) }, statusKey());
              else if (op === 2) tx.update('orders', id, { paidAt: rnd() < 0.3 ? null : Math.floor(rnd() * 1e12), createdAt: Math.floor(rnd() * 2e12) }, statusKey());
              else if (op === 3) tx.update('orders', id, { tags: rnd() < 0.5 ? '["VIP"]' : '[]', buyerNick: rnd() < 0.2 ? null : `z${Math.floor(rnd() * 99)}`, receiverName: rnd() < 0.5 ? '王**' : '李**' }, statusKey());
              else if (!sqlite.prepare('SELECT 1 FROM order_lines WHERE order_id = ?').get(id)) {
                for (const t of ['order_events', 'order_addresses']) for (const r of sqlite.prepare(`SELECT id FROM ${t} WHERE order_id = ?`).pluck().all(id) as string[]) tx.delete(t, r);
                tx.delete('orders', id);
              }
            }
          });
          for (const c of CASES) {
            const total = expected(c, 0).total;
            check(pager, c, Math.floor(rnd() * Math.max(1, total)));
          }
        }
      }),
      { numRuns: 8, seed: 20261202 },
    );
    pager.clear();
  });
});

describe('counts under a deadline', () => {
  const SCAN: Case = {
    query: { filters: { province: { type: 'text', op: 'contains', value: '江' } }, sort: [] },
    where: `instr(province, '江') > 0`, orderBy: 'created_at DESC, id DESC',
  };

  it('a count that would run past the deadline comes back marked as an estimate, then exact, and stays exact through changes', async () => {
    // Shallow blocks of a broad filter come by walking the sort's index; only the count scans.
    const pager = new OrdersPager(app.services.db.sqlite, { countChunkRows: 100, deepRow: 50 });
    const want = expected(SCAN, 0, 10);
    const first = pager.page(SCAN.query, 0, 10, { ...opts, deadlineAt: Date.now() - 1 });
    expect(first.totalExact).toBe(false);
    expect(first.rows.map((r) => r.id)).toEqual(want.ids); // the rows are exact all the same
    expect(first.total).toBeGreaterThan(want.total * 0.5);
    expect(first.total).toBeLessThan(want.total * 1.5);
    expect(pager.cached(SCAN.query, opts)!.counting).toBe(true);
    // The count goes on in the background; the next call has it exact.
    await pager.settled();
    const later = pager.page(SCAN.query, 0, 10, { ...opts, deadlineAt: Date.now() - 1 });
    expect({ total: later.total, exact: later.totalExact }).toEqual({ total: want.total, exact: true });
    // A matching order added afterwards is counted without counting again.
    write((tx) => tx.insert('orders', newOrder(prng(9), { province: '浙江省' }), statusKey()));
    const after = pager.page(SCAN.query, 0, 10, { ...opts, deadlineAt: Date.now() - 1 });
    expect({ total: after.total, exact: after.totalExact }).toEqual({ total: want.total + 1, exact: true });
    expect(pager.cached(SCAN.query, opts)!.counting).toBe(false);
    pager.clear();
  });

  it('a deep block placed by a pass over the table takes that pass\'s count: exact at once, nothing left counting, kept exact through changes', () => {
    // Goods amount has no index: a deep block is a window placed by one pass, which counts every match as it goes.
    const BY_GOODS: Case = { query: { ...SCAN.query, sort: [{ colId: 'goodsFen', sort: 'asc' }] }, where: SCAN.where, orderBy: 'goods_fen ASC, id ASC' };
    const pager = new OrdersPager(app.services.db.sqlite, { countChunkRows: 100, deepRow: 50, windowReach: 30, windowSampleRows: 15 });
    const want = expected(BY_GOODS, 0);
    const start = Math.floor(want.total * 0.6);
    // The deadline has passed: a count alone would stop after its first chunk with an estimate.
    const deep = pager.page(BY_GOODS.query, start, start + 100, { ...opts, deadlineAt: Date.now() - 1 });
    expect({ total: deep.total, exact: deep.totalExact, ids: deep.rows.map((r) => r.id) }).toEqual({ total: want.total, exact: true, ids: expected(BY_GOODS, start).ids });
    expect(pager.cached(BY_GOODS.query, opts)).toMatchObject({ count: { total: want.total, exact: true }, counting: false });
    write((tx) => tx.insert('orders', newOrder(prng(11), { province: '江西省', goodsFen: 1 }), statusKey()));
    const after = pager.page(BY_GOODS.query, 0, 10, { ...opts, deadlineAt: Date.now() - 1 });
    expect({ total: after.total, exact: after.totalExact, ids: after.rows.map((r) => r.id) })
      .toEqual({ total: want.total + 1, exact: true, ids: expected(BY_GOODS, 0, 10).ids });
    pager.clear();
  });

  it('without a deadline the count is exact at once', () => {
    const pager = new OrdersPager(app.services.db.sqlite, { countChunkRows: 100 });
    const got = pager.page(SCAN.query, 0, 10, opts);
    expect({ total: got.total, exact: got.totalExact }).toEqual({ total: expected(SCAN, 0).total, exact: true });
    pager.clear();
  });
});

describe('pick lists under a deadline', () => {
  it('tags come back as far as they were read, marked incomplete, and complete next time', () => {
    const rnd = prng(17);
    write((tx) => {
      for (let i = 0; i < 300; i++) tx.insert('orders', newOrder(rnd, { tags: JSON.stringify([`批次${String(i).padStart(3, '0')}`]) }), statusKey());
    });
    const facets = new FacetsCache(app.services.db.sqlite);
    const first = facets.get(Date.now() - 1);
    expect(first.tagsComplete).toBe(false);
    expect(first.tags.length).toBeGreaterThan(0);
    expect(first.tags.length).toBeLessThan(300);
    const all = facets.get();
    expect(all.tagsComplete).toBe(true);
    expect(all.tags.filter((t) => t.startsWith('批次'))).toHaveLength(300);
    expect(all.tags).toEqual(expect.arrayContaining(['VIP', '加急']));
  });

  it('a walk left unfinished at the deadline ends in the background and says so once (the screen asks again, no timer)', async () => {
    let told = 0;
    const facets = new FacetsCache(app.services.db.sqlite, () => told++);
    expect(facets.get(Date.now() - 1).tagsComplete).toBe(false);
    expect(told).toBe(0);
    await expect.poll(() => told, { timeout: 10_000, interval: 5 }).toBe(1);
    const next = facets.get(Date.now() - 1);
    expect(next.tagsComplete).toBe(true);
    expect(next.tags.filter((t) => t.startsWith('批次'))).toHaveLength(300);
    expect(told).toBe(1);
  });
});
