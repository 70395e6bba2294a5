/**
 * The grid while a poller writes (issue 9, item 6): warm views at 5 M orders, then a "poller"
 * writes every tick through the write path (new orders at the top, status changes, amount
 * changes) and the same blocks are read again. Only what a change can move is adjusted, so
 * blocks stay warm; the cold cost each view would pay if every change dropped its caches (as
 * before) is printed next to it. The writes run inside one transaction that is rolled back at
 * the end, so the cached replica is left as it was.
 */
import { execSync } from 'node:child_process';
import { SYSTEM_ACTOR } from '../src-main/db';
import type { ParsedOrderQuery } from '../src-main/orders/query/build';
import { OrdersPager } from '../src-main/orders/query/pager';
import type { Bench } from './index';
import { benchDatabase, CHANNELS, T_END } from './orders-dataset';
import { ms, percentile, timeIt } from './stats';

const COUNT = Number(process.env.ORDERS_PAGE_BENCH_COUNT ?? 5_000_000);
const TICKS = Number(process.env.BENCH_LIVE_TICKS ?? 20);
const opts = { viewAmounts: true };

async function run(): Promise<void> {
  console.log(`load: ${execSync('uptime').toString().trim()}`);
  const db = await benchDatabase(COUNT, (s) => console.log(s));
  const sqlite = db.sqlite;
  const views: [string, ParsedOrderQuery, number][] = [
    ['everything, newest first, row 4,000,000 (anchors)', { filters: {}, sort: [] }, Math.floor(COUNT * 0.8)],
    ['completed by amount, row 3,500,000 (windows)', { filters: { status: { type: 'set', values: ['completed'] } }, sort: [{ colId: 'paidFen', sort: 'desc' }] }, Math.floor(COUNT * 0.7)],
    ['to ship by paid time, first block', { filters: { status: { type: 'set', values: ['to_ship'] } }, sort: [{ colId: 'paidAt', sort: 'desc' }] }, 0],
    ['receiver contains 王芳, first block', { filters: { receiverName: { type: 'text', op: 'contains', value: '王芳' } }, sort: [] }, 0],
  ];
  sqlite.exec('BEGIN');
  const pager = new OrdersPager(sqlite);
  try {
    const cold = new Map<string, number>();
    for (const [label, q, at] of views) cold.set(label, await timeIt(() => pager.page(q, at, at + 100, opts)));
    // What each view holds: its position tables (snapshot, windows) or its keyset anchors.
    const positions = () => views.map(([, q]) => {
      const c = pager.cached(q, opts);
      return c?.positions ?? (c?.anchors ? `${c.anchors} anchors` : null);
    });
    const before = positions();
    const times = new Map<string, number[]>(views.map(([l]) => [l, []]));
    let serial = 0;
    let written = 0;
    const recent = sqlite.prepare(`SELECT id FROM orders WHERE status IN ('to_ship', 'paid', 'picking') ORDER BY created_at DESC LIMIT 2000`).pluck().all() as string[];
    const done = sqlite.prepare(`SELECT id FROM orders WHERE status = 'completed' AND rowid % 1000 = 3 LIMIT 2000`).pluck().all() as string[];
    for (let tick = 0; tick < TICKS; tick++) {
      // One poll: a few new orders, status moves, an amount corrected.
      db.writes.run({ actor: SYSTEM_ACTOR, call: 'bench.poll' }, (tx) => {
        for (let k = 0; k < 5; k++) {
          const t = T_END + (++serial) * 60_000;
          tx.insert('orders', {
            id: `live-${serial}`, channelId: CHANNELS[serial % CHANNELS.length]![0], platformOrderId: `L${serial}`, status: 'to_ship', platformStatus: 'X',
            goodsFen: 5000, paidFen: 4900, createdAt: t, paidAt: t, platformUpdatedAt: t, version: 1, ingestedAt: t, modifiedAt: t, receiverName: '王芳',
          });
        }
        for (let k = 0; k < 10; k++) tx.update('orders', recent[(tick * 10 + k) % recent.length]!, { status: 'shipped', modifiedAt: T_END + tick });
        tx.update('orders', done[tick % done.length]!, { paidFen: 1000 + tick, modifiedAt: T_END + tick });
        written += 16;
      });
      for (const [label, q, at] of views) times.get(label)!.push(await timeIt(() => pager.page(q, at, at + 100, opts)));
    }
    const after = positions();
    console.log(`${TICKS} polls, ${written} order writes (new orders at the top, status moves, amount changes), each followed by the same blocks:`);
    for (const [i, [label]] of views.entries()) {
      const t = times.get(label)!;
      const kept = before[i] === null ? 'no positions cached: shallow blocks' : before[i] === after[i] || (before[i]!.endsWith('anchors') && after[i]?.endsWith('anchors')) ? 'positions kept' : 'positions rebuilt';
      console.log(`  ${label}: after each poll p50 ${ms(percentile(t, 50))}, p95 ${ms(percentile(t, 95))}, max ${ms(Math.max(...t))} (${kept}); cold ${ms(cold.get(label)!)} — what every poll cost when a change dropped all caches`);
    }
    // The answers are still the hand-written query's.
    const check = (q: ParsedOrderQuery, where: string, order: string, at: number) => {
      const got = pager.page(q, at, at + 50, opts).rows.map((r) => r.id).join();
      const want = (sqlite.prepare(`SELECT o.id FROM orders o ${where} ${order} LIMIT 50 OFFSET ${at}`).pluck().all() as string[]).join();
      if (got !== want) throw new Error(`after the writes, block at ${at} differs from the hand-written query`);
    };
    check(views[2]![1], `WHERE o.status = 'to_ship'`, 'ORDER BY o.paid_at DESC, o.id DESC', 0);
    check(views[3]![1], `WHERE instr(o.receiver_name, '王芳') > 0`, 'ORDER BY o.created_at DESC, o.id DESC', 0);
    check(views[0]![1], '', 'ORDER BY o.created_at DESC, o.id DESC', 1000);
    console.log('  blocks checked against the hand-written query after the writes');
  } finally {
    pager.clear();
    sqlite.exec('ROLLBACK');
    db.close();
  }
  console.log(`load: ${execSync('uptime').toString().trim()}`);
}

export const ordersLiveBench: Bench = { name: 'orders-live', what: 'warm grid views while a poller writes every tick (5 M orders)', run };
