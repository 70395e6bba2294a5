import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../src-main/app';
import { openDatabase } from '../src-main/db';
import { createLogger } from '../src-main/log';
import { launchBrowser } from '../tests/helpers/browser';
import { startHost } from '../tests/helpers/host-process';
import type { Bench } from './index';
import { BENCH_PASSWORD, cachedBoardDataDir, generateOrders } from './exceptions-dataset';
import { line, ms } from './stats';

const ORDERS = Number(process.env.BENCH_BOARD_ORDERS ?? 1_000_000);
const EXCEPTIONS = Number(process.env.BENCH_BOARD_EXCEPTIONS ?? 50_000);
const DAY_ORDERS = Number(process.env.BENCH_DETECT_ORDERS ?? 60_000);
const RUNS = Number(process.env.BENCH_EXCEPTIONS_RUNS ?? 5);
/** Share of the day's orders already late when the detectors first look (a bad day: 5 %). */
const LATE = Number(process.env.BENCH_DETECT_LATE ?? 0.05);
const HOUR = 3_600_000;
const spread = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `min ${s[0]!.toFixed(1)} / median ${s[Math.floor(s.length / 2)]!.toFixed(1)} / max ${s[s.length - 1]!.toFixed(1)} ms`;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The same figures as board.get, as hand-written SQL over the same counters and indexes: counts by
 * severity and age bucket, by type and by owner; the half-life and median per opening day (window
 * functions); overdue / at-risk / on-track counts and the top 10; low stock; connection health.
 */
function handWrittenBoard(s: import('better-sqlite3').Database, now: number): unknown[] {
  const day = 86_400_000;
  const offset = 8 * HOUR; // Asia/Shanghai
  const since = Math.floor((now + offset) / day) * day - offset - 29 * day;
  return [
    s.prepare(`SELECT severity, CASE WHEN ? - opened_hour * 3600000 < 7200000 THEN 'lt2h' WHEN ? - opened_hour * 3600000 < 86400000 THEN 'lt24h'
      WHEN ? - opened_hour * 3600000 < 259200000 THEN 'lt3d' WHEN ? - opened_hour * 3600000 < 604800000 THEN 'lt7d' ELSE 'older' END AS bucket, sum(n)
      FROM exception_counts WHERE state = 'open' GROUP BY 1, 2`).all(now, now, now, now),
    s.prepare(`SELECT state, type, sum(n) FROM exception_counts GROUP BY state, type`).all(),
    s.prepare(`SELECT owner_key, sum(n), sum(CASE WHEN severity = 'critical' THEN n ELSE 0 END) FROM exception_owner_counts WHERE state = 'open' GROUP BY owner_key ORDER BY 2 DESC LIMIT 12`).all(),
    s.prepare(`WITH c AS (SELECT (opened_at + ?) / ? AS d, closed_at - opened_at AS dur FROM exceptions INDEXED BY exceptions_opened_idx WHERE opened_at >= ?),
      r AS (SELECT d, dur, count(*) OVER (PARTITION BY d) AS n, row_number() OVER (PARTITION BY d ORDER BY dur IS NULL, dur) AS k,
        count(dur) OVER (PARTITION BY d) AS m FROM c)
      SELECT d, max(n) AS opened, max(m) AS closed, max(CASE WHEN k = (n + 1) / 2 THEN dur END) AS halfLife,
        (max(CASE WHEN k = (m + 1) / 2 THEN dur END) + max(CASE WHEN k = m / 2 + 1 THEN dur END)) / 2 AS median FROM r GROUP BY d ORDER BY d`).all(offset, day, since),
    s.prepare(`WITH c AS (SELECT closed_at - opened_at AS dur FROM exceptions INDEXED BY exceptions_opened_idx WHERE opened_at >= ?),
      r AS (SELECT dur, count(*) OVER () AS n, row_number() OVER (ORDER BY dur IS NULL, dur) AS k FROM c) SELECT max(CASE WHEN k = (n + 1) / 2 THEN dur END) FROM r`).get(now - 7 * day),
    s.prepare('SELECT count(*) FROM orders INDEXED BY orders_sla_idx WHERE sla_due_at IS NOT NULL AND sla_due_at < ?').pluck().get(now),
    s.prepare('SELECT count(*) FROM orders INDEXED BY orders_sla_idx WHERE sla_due_at IS NOT NULL AND sla_due_at >= ? AND sla_due_at < ?').pluck().get(now, now + 2 * HOUR),
    s.prepare('SELECT count(*) FROM orders INDEXED BY orders_sla_idx WHERE sla_due_at IS NOT NULL AND sla_due_at >= ?').pluck().get(now + 2 * HOUR),
    s.prepare(`SELECT o.id, o.platform_order_id, c.name, o.status, o.sla_due_at,
        (SELECT e.id || e.owner_role FROM exceptions e WHERE e.order_id = o.id AND e.state <> 'closed' LIMIT 1)
      FROM orders o INDEXED BY orders_sla_idx JOIN channels c ON c.id = o.channel_id WHERE o.sla_due_at IS NOT NULL AND o.sla_due_at < ? ORDER BY o.sla_due_at, o.id LIMIT 10`).all(now),
    s.prepare(`SELECT * FROM (SELECT ss.sku_code, ss.qty AS safety,
        coalesce((SELECT sum(l.on_hand) FROM stock_latest l WHERE l.sku_code = ss.sku_code), 0)
        - coalesce((SELECT sum(r.qty) FROM stock_reservations r WHERE r.sku_code = ss.sku_code AND r.released_at IS NULL), 0) AS free FROM safety_stock ss)
      WHERE free < safety ORDER BY free - safety LIMIT 8`).all(),
    s.prepare(`SELECT c.id, c.name, c.paused, s.state, s.last_success_at, s.last_error, (SELECT count(*) FROM channel_quarantine q WHERE q.channel_id = c.id AND q.resolved_at IS NULL)
      FROM channels c LEFT JOIN channel_state s ON s.channel_id = c.id`).all(),
  ];
}

const boardBench: Bench = {
  name: 'exceptions-board',
  what: `risk board at ${ORDERS.toLocaleString()} orders / ${EXCEPTIONS.toLocaleString()} exceptions: board.get vs hand-written SQL over the same counters, and sign-in → board drawn in Chromium`,
  async run() {
    const source = await cachedBoardDataDir(ORDERS, EXCEPTIONS, console.log);
    // Each run works on a copy: signing in and the background loops write to the workspace.
    const dir = mkdtempSync(join(tmpdir(), 'orderhub-bench-board-'));
    cpSync(source, dir, { recursive: true });
    try {
      const app = await openApp({ dataDir: dir, log: createLogger(dir, { console: false }), channels: { autostart: false }, risk: { autostart: false } });
      const token = (await app.api.dispatch('auth.login', { username: 'owner', password: BENCH_PASSWORD }, null) as { data: { token: string } }).data.token;
      const ours: number[] = [];
      const raw: number[] = [];
      for (let i = 0; i < RUNS + 1; i++) {
        const t0 = performance.now();
        const r = await app.api.dispatch('board.get', {}, token);
        const t1 = performance.now();
        if ('error' in r) throw new Error(r.error.message);
        handWrittenBoard(app.services.db.sqlite, Date.now());
        const t2 = performance.now();
        if (i === 0) {
          const b = (r as { data: { exceptions: { open: number }; orders: { overdue: number; atRisk: number } } }).data;
          console.log(`board: ${b.exceptions.open.toLocaleString()} open exceptions, ${b.orders.overdue.toLocaleString()} overdue, ${b.orders.atRisk.toLocaleString()} at risk (first call, cold: ${ms(t1 - t0)})`);
          continue;
        }
        ours.push(t1 - t0);
        raw.push(t2 - t1);
      }
      console.log(`board.get through the dispatcher: ${spread(ours)}`);
      console.log(`hand-written aggregate SQL:        ${spread(raw)}`);
      line('board.get vs hand-written SQL (median)', median(ours), median(raw));
      app.close();

      // In Chromium: the built renderer through the headless host, as a person signs in.
      const host = await startHost([], { dataDir: dir });
      const browser = await launchBrowser();
      const drawn: number[] = [];
      try {
        for (let i = 0; i < Math.max(3, Math.min(RUNS, 5)); i++) {
          const page = await browser.newPage();
          await page.goto(`${host.url}/#/`);
          await page.locator('#login-username').fill('owner');
          await page.locator('#login-password').fill(BENCH_PASSWORD);
          const t = performance.now();
          await page.locator('button[type=submit]').click();
          await page.locator('[data-testid="board"][data-drawn="drawn"]').waitFor({ timeout: 60_000 });
          await page.getByTestId('chart-severity-age').locator('canvas').waitFor();
          await page.getByTestId('overdue-top').locator('tbody tr').first().waitFor();
          drawn.push(performance.now() - t);
          await page.evaluate(() => sessionStorage.clear());
          await page.close();
        }
      } finally {
        await browser.close();
        await host.stop();
      }
      console.log(`sign-in → board fully drawn (Chromium, headless host): ${spread(drawn)}  (target ≤ 2000 ms)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

const detectBench: Bench = {
  name: 'exceptions-detectors',
  what: `every detector over a ${DAY_ORDERS.toLocaleString()}-order day (batched, yielding): total time, the longest loop stall, the event-loop lag a timer sees`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'orderhub-bench-detect-'));
    try {
      const now = Date.now();
      const db = await openDatabase(join(dir, 'orderhub.db'));
      db.sqlite.prepare(`INSERT INTO channels (id, kind, name, config_json, paused, created_at, updated_at) VALUES ('ch-0', 'taobao', '店', '{}', 1, 0, 0), ('ch-1', 'taobao', '店2', '{}', 1, 0, 0), ('ch-2', 'taobao', '店3', '{}', 1, 0, 0), ('ch-3', 'taobao', '店4', '{}', 1, 0, 0), ('ch-4', 'taobao', '店5', '{}', 1, 0, 0)`).run();
      for (const w of ['wh-hz', 'wh-nb', 'wh-jx']) db.sqlite.prepare('INSERT INTO warehouses (id, code, name, created_at, updated_at) VALUES (?, ?, ?, 0, 0)').run(w, w, w);
      // One peak day, all still open and watched; LATE of them past their SLA clock (the first pass opens those).
      generateOrders(db, DAY_ORDERS, 1, now, 21, LATE);
      db.close();
      const app = await openApp({ dataDir: dir, ownerPassword: BENCH_PASSWORD, log: createLogger(dir, { console: false }), channels: { autostart: false }, risk: { autostart: false } });
      const token = (await app.api.dispatch('auth.login', { username: 'owner', password: BENCH_PASSWORD }, null) as { data: { token: string } }).data.token;
      const runs: { total: number; stall: number; lag: number; opened: number; orders: number; calls: number[] }[] = [];
      for (let i = 0; i < Math.max(2, Math.min(RUNS, 3)); i++) {
        let lag = 0;
        let last = performance.now();
        const probe = setInterval(() => {
          const t = performance.now();
          lag = Math.max(lag, t - last - 10);
          last = t;
        }, 10);
        // Meanwhile a person keeps using the app: the 异常 tabs' counts every 50 ms, each answer timed.
        const calls: number[] = [];
        let running = true;
        const person = (async () => {
          while (running) {
            const t = performance.now();
            await app.api.dispatch('exceptions.counts', {}, token);
            calls.push(performance.now() - t);
            await new Promise((r) => setTimeout(r, 50));
          }
        })();
        const t0 = performance.now();
        const r = await app.services.risk.exceptions.runner.runPass();
        const total = performance.now() - t0;
        running = false;
        await person;
        clearInterval(probe);
        runs.push({ total, stall: r.longestBatchMs, lag, opened: r.opened, orders: r.orders, calls });
      }
      for (const [i, r] of runs.entries()) {
        console.log(`pass ${i + 1}${i === 0 ? ' (opens)' : ' (steady)'}: ${r.orders.toLocaleString()} orders, ${r.opened.toLocaleString()} opened, ${ms(r.total)} total (target ≤ 10000 ms), longest batch ${ms(r.stall)}, worst timer lag ${ms(r.lag)}`);
        console.log(`   a person's calls meanwhile: ${r.calls.length}, answered in ${spread(r.calls)}`);
      }
      app.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export const exceptionBenches: Bench[] = [boardBench, detectBench];
