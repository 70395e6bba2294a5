/**
 * Quick search at 1 M orders (issue 15, item 4): each kind of text a person types, through the
 * grid's pager (first block of 100 and its count), next to the same question asked by hand the
 * way one would without our indexes (LIKE over the table). Both sides, p50/p95 over many
 * different texts, three rounds for the spread, `uptime` before and after.
 */
import { execSync } from 'node:child_process';
import { OrdersPager } from '../src-main/orders/query/pager';
import type { Bench } from './index';
import { benchDatabase, platformOrderNo } from './orders-dataset';
import { ms, percentile, samples } from './stats';

const COUNT = Number(process.env.ORDERS_QUICK_BENCH_COUNT ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const N = 30;
const uptime = () => execSync('uptime').toString().trim();

async function run(): Promise<void> {
  console.log(`orders-quick at ${COUNT.toLocaleString()} orders; ${uptime()}`);
  const db = await benchDatabase(COUNT, (s) => console.log(s));
  const sqlite = db.sqlite;
  const no = (i: number) => platformOrderNo((i * 104_729 + 17) % COUNT);
  const skus = sqlite.prepare(`SELECT DISTINCT sku_code FROM order_lines WHERE rowid % 997 = 0 AND sku_code IS NOT NULL LIMIT ${N}`).pluck().all() as string[];
  const cases: { name: string; text: (i: number) => string; byHand: string; param: (t: string) => unknown[] }[] = [
    { name: 'end of an order no. (6 digits)', text: (i) => no(i).slice(-6), byHand: `SELECT count(*) FROM orders WHERE platform_order_id LIKE ?`, param: (t) => [`%${t}`] },
    { name: 'start of an order no. (16 of 19 digits)', text: (i) => no(i).slice(0, 16), byHand: `SELECT count(*) FROM orders WHERE platform_order_id LIKE ?`, param: (t) => [`${t}%`] },
    { name: 'phone last 4 (also an order no.\'s end)', text: (i) => String(1000 + ((i * 37) % 9000)), byHand: `SELECT count(*) FROM orders WHERE phone_last4 = ? OR platform_order_id LIKE '%' || ?`, param: (t) => [t, t] },
    { name: 'SKU code', text: (i) => skus[i % skus.length]!, byHand: `SELECT count(*) FROM orders o WHERE EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.sku_code LIKE ?)`, param: (t) => [`${t}%`] },
    {
      name: '1,000 order numbers pasted', text: (i) => Array.from({ length: 1000 }, (_, k) => no(i * 1000 + k)).join('\n'),
      byHand: `SELECT count(*) FROM orders WHERE platform_order_id IN (SELECT value FROM json_each(?))`, param: (t) => [JSON.stringify(t.split('\n'))],
    },
    { name: 'nothing matches', text: (i) => `ZX${900_000 + i}Q`, byHand: `SELECT count(*) FROM orders WHERE platform_order_id LIKE ? OR tracking_no LIKE ? OR buyer_nick LIKE ?`, param: (t) => [`%${t}%`, `%${t}%`, `%${t}%`] },
  ];
  for (const c of cases) {
    const hand = sqlite.prepare(c.byHand).pluck();
    const rounds: string[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // A fresh pager per round: nothing cached from the round before.
      const pager = new OrdersPager(sqlite);
      const ours = await samples(N, (i) => pager.page({ filters: {}, sort: [], quick: c.text(i + r * N) }, 0, 100, { viewAmounts: true, deadlineAt: Date.now() + 1000 }));
      const byHand = await samples(Math.min(N, 5), (i) => hand.get(...c.param(c.text(i + r * N))));
      rounds.push(`ours p50 ${ms(percentile(ours, 50))} p95 ${ms(percentile(ours, 95))} | by hand (LIKE, no index) p50 ${ms(percentile(byHand, 50))} → ×${(percentile(byHand, 50) / Math.max(0.01, percentile(ours, 50))).toFixed(0)}`);
    }
    console.log(`${c.name}:\n  ${rounds.join('\n  ')}`);
  }
  console.log(uptime());
  db.close();
}

export const ordersQuickBench: Bench = { name: 'orders-quick', what: 'quick search kinds at 1 M orders vs LIKE by hand', run };
