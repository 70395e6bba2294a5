/**
 * Finance export of a month with 60 k orders (about 120 k lines): time and peak RSS of the
 * streamed CSV and XLSX files, against a baseline in the same run: a bare SQLite pass over
 * the same orders and lines (what reading alone costs). The API call is measured too; it
 * returns the file as base64, so it holds one file in memory on top of the stream.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../src-main/app';
import { monthRange } from '../src-main/finance/month';
import { createLogger } from '../src-main/log';
import { randomOrders, seedChannel, seedOrders } from '../tests/helpers/finance-seed';
import type { Bench } from './index';
import { line, mb, ms, peakRss, timeIt } from './stats';

const ORDERS = 60_000;

async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'orderhub-bench-finance-'));
  const app = await openApp({ dataDir, demo: true, demoOrders: 0, log: createLogger(dataDir, { console: false }), channels: { autostart: false } });
  try {
    const db = app.services.db;
    const shops = [
      seedChannel(db, { name: '淘宝旗舰店', kind: 'taobao', commissionBps: 500 }),
      seedChannel(db, { name: '拼多多专营店', kind: 'pdd', commissionBps: 60 }),
      seedChannel(db, { name: '抖店', kind: 'douyin' }),
    ];
    const oct = monthRange('2026-10', 'Asia/Shanghai');
    const seedMs = await timeIt(() => seedOrders(db, randomOrders(shops, ORDERS, oct.from, oct.to, 7)));
    const lines = db.sqlite.prepare('SELECT count(*) FROM order_lines').pluck().get() as number;
    console.log(`seeded ${ORDERS} orders / ${lines} lines in ${ms(seedMs)}`);

    const scan = () => {
      let n = 0;
      for (const _ of db.sqlite.prepare('SELECT * FROM orders o JOIN channels c ON c.id = o.channel_id WHERE o.paid_at >= ? AND o.paid_at < ? ORDER BY o.paid_at, o.id').iterate(oct.from, oct.to)) n++;
      for (const _ of db.sqlite.prepare('SELECT * FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.paid_at >= ? AND o.paid_at < ? ORDER BY o.paid_at, o.id, l.line_no').iterate(oct.from, oct.to)) n++;
      return n;
    };
    scan(); // warm the page cache, as the export below will find it
    const baseline = await timeIt(scan);
    console.log(`baseline: SQLite pass over the month's orders and lines ${ms(baseline)}`);

    const input = { month: '2026-10', basis: 'paid', encoding: 'utf8bom' } as const;
    for (const format of ['csv', 'xlsx'] as const) {
      const before = process.memoryUsage.rss();
      const t0 = performance.now();
      const { result, peakBytes } = await peakRss(() => app.services.finance.exporter.write(join(dataDir, `bench.${format}`), { ...input, format }, 'zh-CN'));
      const took = performance.now() - t0;
      line(`streamed ${format} to file (${result.rows} rows, ${mb(result.bytes)})`, took, baseline);
      console.log(`  peak RSS ${mb(peakBytes)} (+${mb(peakBytes - before)} over the ${mb(before)} before it)`);
    }

    const owner = await app.api.dispatch('auth.login', { username: 'finance', password: 'orderhub-demo' }, null);
    const token = 'data' in owner ? (owner.data as { token: string }).token : null;
    const before = process.memoryUsage.rss();
    const t0 = performance.now();
    const { result, peakBytes } = await peakRss(() => app.api.dispatch('exports.finance', { ...input, format: 'xlsx' }, token));
    const took = performance.now() - t0;
    if ('error' in result) throw new Error(result.error.message);
    line('exports.finance xlsx through the dispatcher (base64 reply)', took, baseline);
    console.log(`  peak RSS ${mb(peakBytes)} (+${mb(peakBytes - before)}); reply ${mb((result.data as { contentBase64: string }).contentBase64.length)} of base64`);
  } finally {
    app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const financeBenches: Bench[] = [
  { name: 'finance-export', what: `monthly reconciliation of ${ORDERS / 1000} k orders: streamed CSV/XLSX vs a bare SQLite pass`, run },
];
