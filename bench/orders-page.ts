/**
 * orders.page over 5,000,000 orders: p95 of the grid's blocks next to the hand-written SQL of
 * the same question, measured in the same run on the same replica; and the process RSS with
 * the replica open after scrolling the whole grid in blocks of 100.
 */
import type { Statement } from 'better-sqlite3';
import type { OrderRow } from '../src-shared/contract';
import { orderFacets } from '../src-main/orders/facets';
import { buildOrderQuery, type ParsedOrderQuery } from '../src-main/orders/query/build';
import { ROW_JOINS, ROW_SELECT } from '../src-main/orders/query/columns';
import { OrdersPager } from '../src-main/orders/query/pager';
import type { Bench } from './index';
import { benchDatabase, platformOrderNo } from './orders-dataset';
import { line, mb, ms, percentile, samples, timeIt } from './stats';

const COUNT = Number(process.env.ORDERS_PAGE_BENCH_COUNT ?? 5_000_000);
const DEEP = Math.floor(COUNT * 0.8);
const log = (s: string) => console.log(s);
const p95 = (xs: number[]) => percentile(xs, 95);
const opts = { viewAmounts: true };

async function run(): Promise<void> {
  const db = await benchDatabase(COUNT, log);
  const sqlite = db.sqlite;
  try {
    // The hand-written side keeps its prepared statements too, so only the SQL differs.
    const prepared = new Map<string, Statement>();
    const prep = (sql: string) => prepared.get(sql) ?? prepared.set(sql, sqlite.prepare(sql)).get(sql)!;
    const hand = (where: string, orderBy: string, offset: number, ...params: unknown[]) => {
      const rows = prep(`SELECT ${ROW_SELECT} FROM orders o ${ROW_JOINS} ${where} ${orderBy} LIMIT 100 OFFSET ${offset}`).all(...params);
      const total = prep(`SELECT count(*) AS n FROM orders o ${where}`).get(...params) as { n: number };
      return { rows, total: total.n };
    };
    // Warm the page cache the same way for both sides.
    sqlite.prepare('SELECT count(*) FROM orders').get();

    // 1. First page: one filter (status) + sort on an indexed column (paid time, newest first).
    const first: ParsedOrderQuery = { filters: { status: { type: 'set', values: ['to_ship'] } }, sort: [{ colId: 'paidAt', sort: 'desc' }] };
    const pager = new OrdersPager(sqlite);
    const cold = await timeIt(() => new OrdersPager(sqlite).page(first, 0, 100, opts));
    const base1Run = () => hand(`WHERE o.status = 'to_ship'`, 'ORDER BY o.paid_at DESC, o.id DESC', 0);
    for (let i = 0; i < 3; i++) (pager.page(first, 0, 100, opts), base1Run()); // both sides read the same pages once
    const ours1 = await samples(30, () => pager.page(first, 0, 100, opts));
    const base1 = await samples(30, base1Run);
    const coldTotal = pager.page(first, 0, 1, opts).total;
    line(`first page, status=to_ship by paid desc (p95)`, p95(ours1), p95(base1));
    console.log(`  (p50 ours ${ms(percentile(ours1, 50))}, hand-written ${ms(percentile(base1, 50))})`);
    console.log(`  (${coldTotal.toLocaleString()} matching; first call with nothing cached: ${ms(cold)})`);
    // Broad filters: the first call pays for the count; later blocks and repeats hit the cache.
    const broad: [string, ParsedOrderQuery, string][] = [
      ['one platform (taobao), paid desc', { filters: { channelKind: { type: 'set', values: ['taobao'] } }, sort: [{ colId: 'paidAt', sort: 'desc' }] },
        `WHERE o.channel_id IN (SELECT id FROM channels WHERE kind = 'taobao') ORDER BY o.paid_at DESC, o.id DESC`],
      ['status completed, newest first', { filters: { status: { type: 'set', values: ['completed'] } }, sort: [] },
        `WHERE o.status = 'completed' ORDER BY o.created_at DESC, o.id DESC`],
      ['everything, amount desc', { filters: {}, sort: [{ colId: 'paidFen', sort: 'desc' }] }, 'ORDER BY o.paid_fen DESC, o.id DESC'],
    ];
    for (const [label, q, sql] of broad) {
      const p = new OrdersPager(sqlite);
      const coldMs = await timeIt(() => p.page(q, 0, 100, opts));
      const warm = await samples(20, () => p.page(q, 0, 100, opts));
      const [where, order] = sql.includes('WHERE') ? [sql.slice(0, sql.indexOf(' ORDER BY')), sql.slice(sql.indexOf('ORDER BY'))] : ['', sql];
      const baseCold = await timeIt(() => hand(where, order, 0));
      console.log(`  first page, ${label}: cold ${ms(coldMs)} (hand-written ${ms(baseCold)}), warm p95 ${ms(p95(warm))}`);
      p.clear();
    }

    // 2. A page deep in the unfiltered grid (default sort: newest first).
    const all: ParsedOrderQuery = { filters: {}, sort: [] };
    const deepPager = new OrdersPager(sqlite);
    const build = await timeIt(() => deepPager.page(all, DEEP, DEEP + 100, opts));
    const ours2 = await samples(30, (i) => deepPager.page(all, DEEP + i * 100, DEEP + i * 100 + 100, opts));
    const base2 = await samples(5, (i) => hand('', 'ORDER BY o.created_at DESC, o.id DESC', DEEP + i * 100));
    line(`page at row ${DEEP.toLocaleString()} (p95)`, p95(ours2), p95(base2));
    const covering = await samples(3, (i) => sqlite.prepare(`SELECT o.rowid FROM orders o ORDER BY o.created_at DESC, o.id DESC LIMIT 100 OFFSET ${DEEP + i * 100}`).all());
    console.log(`  (p50 ours ${ms(percentile(ours2, 50))}; an id-only OFFSET on the covering index, for comparison: ${ms(percentile(covering, 50))})`);
    console.log(`  (first visit to row ${DEEP.toLocaleString()}, placing keyset anchors along the way: ${ms(build)})`);
    // A deep block under a filter: served from a position snapshot of the matching rows.
    const done: ParsedOrderQuery = { filters: { status: { type: 'set', values: ['completed'] } }, sort: [{ colId: 'paidFen', sort: 'desc' }] };
    const snapPager = new OrdersPager(sqlite);
    const doneTotal = snapPager.page(done, 0, 1, opts).total;
    const at = Math.floor(doneTotal * 0.8);
    const snapBuild = await timeIt(() => snapPager.page(done, at, at + 100, opts));
    const snapBlocks = await samples(30, (i) => snapPager.page(done, at + i * 100, at + i * 100 + 100, opts));
    console.log(`  status=completed by amount (${doneTotal.toLocaleString()} rows), block at ${at.toLocaleString()}: first ${ms(snapBuild)} (position snapshot), then p95 ${ms(p95(snapBlocks))}`);
    snapPager.clear();
    checkSame(deepPager.page(all, DEEP, DEEP + 100, opts).rows, hand('', 'ORDER BY o.created_at DESC, o.id DESC', DEEP).rows);

    // 3. Exact platform order number (quick search), a different order each time.
    const pick = (i: number) => platformOrderNo(Math.floor(((i * 7_654_321) % COUNT)));
    const ours3 = await samples(200, (i) => pager.page({ filters: {}, sort: [], quick: pick(i) }, 0, 100, opts));
    // The same question by hand: order no, or nick / tracking no prefix (what quick search asks).
    const same = 'WHERE (o.platform_order_id = ? OR (o.buyer_nick >= ? AND o.buyer_nick < ?) OR (o.tracking_no >= ? AND o.tracking_no < ?))';
    const base3 = await samples(200, (i) => hand(same, 'ORDER BY o.created_at DESC, o.id DESC', 0, pick(i), pick(i), `${pick(i)}\u{10FFFF}`, pick(i), `${pick(i)}\u{10FFFF}`));
    const bare3 = await samples(200, (i) => hand('WHERE o.platform_order_id = ?', 'ORDER BY o.created_at DESC, o.id DESC', 0, pick(i)));
    line('exact order-number search (p95)', p95(ours3), p95(base3));
    console.log(`  (p50 ours ${ms(percentile(ours3, 50))}, same query by hand ${ms(percentile(base3, 50))}; a bare platform_order_id = ? lookup: p95 ${ms(p95(bare3))})`);

    const facets = await samples(5, () => orderFacets(sqlite));
    console.log(`orders.facets (pick lists incl. every tag in use): p95 ${ms(p95(facets))}`);

    // 4. Scroll the whole grid in blocks of 100 (every 10th block), RSS sampled along the way.
    const scroll = new OrdersPager(sqlite);
    const rss: number[] = [];
    const blockTimes: number[] = [];
    const scrollStart = performance.now();
    for (let start = 0, i = 0; start < COUNT; start += 1000, i++) {
      const t = performance.now();
      const got = scroll.page(all, start, start + 100, opts);
      blockTimes.push(performance.now() - t);
      if (got.rows.length !== Math.min(100, COUNT - start)) throw new Error(`block at ${start}: ${got.rows.length} rows`);
      if (i % 100 === 0) rss.push(process.memoryUsage.rss());
    }
    rss.push(process.memoryUsage.rss());
    console.log(
      `scroll end to end: ${blockTimes.length.toLocaleString()} blocks in ${((performance.now() - scrollStart) / 1000).toFixed(1)} s, ` +
        `block p50 ${ms(percentile(blockTimes, 50))} p95 ${ms(p95(blockTimes))} max ${ms(Math.max(...blockTimes))}`,
    );
    console.log(`main-process RSS with the ${COUNT.toLocaleString()}-order replica open: peak ${mb(Math.max(...rss))}, after scrolling ${mb(rss.at(-1)!)}`);
    const cq = buildOrderQuery(all, opts);
    console.log(`  (SQL of the default grid: SELECT … FROM orders o ${cq.where} ${cq.orderBy})`);
    for (const p of [pager, deepPager, scroll]) p.clear();
  } finally {
    db.close();
  }
}

function checkSame(ours: OrderRow[], theirs: unknown[]): void {
  const a = ours.map((r) => r.id).join();
  const b = (theirs as { id: string }[]).map((r) => r.id).join();
  if (a !== b) throw new Error('deep page differs from the hand-written query');
}

export const ordersPageBench: Bench = {
  name: 'orders-page',
  what: `orders.page over ${COUNT.toLocaleString()} orders vs hand-written SQL; RSS after scrolling end to end`,
  run,
};
