import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, type Database as Db } from '../src-main/db';
import { createLogger } from '../src-main/log';
import { compile } from '../src-main/rules/decide';
import { openReplayConnection, orderPages } from '../src-main/rules/dry-run';
import { DryRunJobs } from '../src-main/rules/dry-run-jobs';
import { createRulesServices } from '../src-main/rules/services';
import type { Rule } from '../src-shared/rules';
import type { Bench } from './index';
import { cachedRulesDatabase, generateRulesOrders } from './rules-dataset';

const PEAK = Number(process.env.BENCH_RULES_PEAK ?? 60_000);
const PAST = Number(process.env.BENCH_RULES_PAST ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RULES_RUNS ?? 3);
const TX = 100; // orders per write transaction, as a poll page
/** BENCH_RULES_BY_ORDER=1: the one-order path (review() then route() per order) instead of the page path. */
const BY_ORDER = process.env.BENCH_RULES_BY_ORDER === '1';
const ctx = { actor: { id: null, name: 'bench' }, call: 'bench.rules' };

/** A merchant's realistic set: five review rules, two tagging rules, three routing rules. */
export const BENCH_RULES: Rule[] = [
  { id: 'remark', name: '留言审核', stage: 'review', priority: 1, enabled: true, when: { '==': [{ var: 'hasRemark' }, true] }, actions: [{ type: 'hold', reason: 'buyer_remark' }] },
  { id: 'big', name: '大额审核', stage: 'review', priority: 2, enabled: true, when: { '>': [{ var: 'paidFen' }, 250_000] }, actions: [{ type: 'hold', reason: 'amount_over' }] },
  { id: 'village', name: '偏远地址', stage: 'review', priority: 3, enabled: true, when: { in: ['村', { var: 'address' }] }, actions: [{ type: 'hold', reason: 'address_keyword' }] },
  { id: 'dup', name: '疑似重复', stage: 'review', priority: 4, enabled: true, when: { '==': [{ var: 'duplicateSuspect' }, true] }, actions: [{ type: 'hold', reason: 'suspect_duplicate' }] },
  { id: 'black', name: '黑名单', stage: 'review', priority: 5, enabled: true, when: { '==': [{ var: 'customer.blacklisted' }, true] }, actions: [{ type: 'hold', reason: 'blacklisted' }] },
  { id: 'new', name: '新客', stage: 'review', priority: 6, enabled: true, when: { '==': [{ var: 'customer.firstOrder' }, true] }, actions: [{ type: 'addTag', tag: '新客' }] },
  { id: 'vip', name: 'VIP', stage: 'review', priority: 7, enabled: true, when: { '==': [{ var: 'customer.grade' }, 'A'] }, actions: [{ type: 'addTag', tag: 'VIP' }, { type: 'setUrgency', urgency: 'yellow' }] },
  { id: 'south', name: '华南北京走宁波', stage: 'route', priority: 1, enabled: true, when: { in: [{ var: 'province' }, ['广东省', '北京市']] }, actions: [{ type: 'assignWarehouse', warehouseId: 'wh-nb', fallback: true }] },
  { id: 's001', name: 'S001 拆单', stage: 'route', priority: 2, enabled: true, when: { in: ['S001', { var: 'spus' }] }, actions: [{ type: 'splitByWarehouse', warehouseIds: ['wh-hz', 'wh-jx'] }] },
  { id: 'bulk', name: '多件嘉兴', stage: 'route', priority: 3, enabled: true, when: { '>=': [{ var: 'totalQty' }, 6] }, actions: [{ type: 'assignWarehouse', warehouseId: 'wh-jx', fallback: true }] },
];

const spread = (xs: number[]) => `min ${Math.min(...xs).toFixed(2)} / median ${[...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(2)} / max ${Math.max(...xs).toFixed(2)}`;

interface Row { id: string; [k: string]: unknown }

/** Raw baseline: the peak day's orders and lines, inserted with prepared statements in the same transaction size. */
async function rawInsert(orders: Row[], lines: Row[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'orderhub-bench-rules-raw-'));
  const db = await openDatabase(join(dir, 'raw.db'));
  try {
    const s = db.sqlite;
    s.pragma('foreign_keys = OFF'); // the baseline skips the customer/warehouse checks: a conservative (faster) baseline
    s.prepare(`INSERT INTO channels (id, kind, name, config_json, paused, created_at, updated_at) VALUES ('ch-bench', 'taobao', 'raw', '{}', 1, 0, 0)`).run();
    const oCols = Object.keys(orders[0]!);
    const lCols = Object.keys(lines[0]!);
    const o = s.prepare(`INSERT INTO orders (${oCols.join(', ')}) VALUES (${oCols.map((c) => `@${c}`).join(', ')})`);
    const l = s.prepare(`INSERT INTO order_lines (${lCols.join(', ')}) VALUES (${lCols.map((c) => `@${c}`).join(', ')})`);
    const byOrder = new Map<string, Row[]>();
    for (const r of lines) {
      const k = r.order_id as string;
      byOrder.set(k, [...(byOrder.get(k) ?? []), r]);
    }
    const page = s.transaction((rows: Row[]) => {
      for (const r of rows) {
        o.run(r);
        for (const x of byOrder.get(r.id) ?? []) l.run(x);
      }
    });
    const t = performance.now();
    for (let i = 0; i < orders.length; i += TX) page.immediate(orders.slice(i, i + TX));
    return performance.now() - t;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One peak day: every order through review + routing + reservation, through the write path. */
async function peakOnce(): Promise<{ ours: number; raw: number; placed: number; held: number; waiting: number; written: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'orderhub-bench-rules-'));
  const db: Db = await openDatabase(join(dir, 'orderhub.db'));
  try {
    const day = Date.UTC(2026, 10, 10, 16); // 11-11 00:00 Beijing
    generateRulesOrders(db, PEAK, day, day + 86_400_000);
    const orders = db.sqlite.prepare('SELECT * FROM orders ORDER BY paid_at, id').all() as Row[];
    const lines = db.sqlite.prepare('SELECT * FROM order_lines').all() as Row[];
    const r = createRulesServices({ db, zone: 'Asia/Shanghai', dataDir: dir, log: createLogger(dir, { console: false }), lifecycle: null, holds: null, now: () => day + 3_600_000 });
    db.writes.run(ctx, (tx) => r.engine.rules.save(tx, BENCH_RULES, { baseVersion: 0, note: null, by: { id: null, name: 'bench' }, now: day, say: (zh) => zh }));
    const ids = orders.map((o) => o.id);
    const before = db.sqlite.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
    let placed = 0;
    let held = 0;
    const t = performance.now();
    for (let i = 0; i < ids.length; i += TX) {
      db.writes.run(ctx, (tx) => {
        if (BY_ORDER) {
          for (const id of ids.slice(i, i + TX)) {
            const review = r.engine.review(tx, id)!;
            if (review.holds.length) {
              held++;
              continue;
            }
            if (r.fulfilment.route(tx, id)!.placed) placed++;
          }
          return;
        }
        // A poll page: reviewed and routed as one page (what ingestion does).
        for (const x of r.fulfilment.reviewAndRoute(tx, ids.slice(i, i + TX)).values()) {
          if (x.review.holds.length) held++;
          else if (x.route?.placed) placed++;
        }
      });
    }
    const ours = performance.now() - t;
    const written = (db.sqlite.prepare('SELECT count(*) FROM outbox').pluck().get() as number) - before;
    const waiting = db.sqlite.prepare('SELECT count(*) FROM stock_waits').pluck().get() as number;
    const raw = await rawInsert(orders, lines);
    return { ours, raw, placed, held, waiting, written };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function peakDay(): Promise<void> {
  const ratios: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const x = await peakOnce();
    const rate = (ms: number) => Math.round((PEAK / ms) * 1000);
    ratios.push((x.raw / x.ours) * 100);
    console.log(`run ${i + 1}: ours ${rate(x.ours)} orders/s (${(x.ours / 1000).toFixed(1)} s: review + routing + reservation, ${x.written.toLocaleString()} rows written with audit + outbox; ${x.placed} placed, ${x.held} held for review, ${x.waiting} waiting)`);
    console.log(`       raw better-sqlite3 inserts of the same ${PEAK.toLocaleString()} orders + lines: ${rate(x.raw)} orders/s (${(x.raw / 1000).toFixed(1)} s)  → ratio ${((x.raw / x.ours) * 100).toFixed(1)} %`);
  }
  console.log(`ratio ours/raw over ${RUNS} runs: ${spread(ratios)} %  (target ≥ 30 %)`);
}

/**
 * The dry run over the cached past orders, as a person starts it: the job (facts, decisions,
 * counts, the first 200, every row into the CSV) as the job worker runs it, here on this thread
 * so the event loop's longest stall is measured too. Then the bare read: the same pages through
 * the same reader (`orderPages`: order columns, lines), nothing evaluated, nothing written.
 */
async function dryRunPast(): Promise<void> {
  const { db, file, data } = await cachedRulesDatabase(PAST, (s) => console.log(s));
  db.close();
  const dir = mkdtempSync(join(tmpdir(), 'orderhub-bench-dry-run-'));
  const main = new Database(file, { readonly: true });
  const jobs = new DryRunJobs({ sqlite: main, zone: 'Asia/Shanghai', dir, log: createLogger(dir, { console: false }), compiledAt: () => compile(1, BENCH_RULES) });
  const firsts: number[] = [];
  const totals: number[] = [];
  const scans: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      console.log(`       load before: ${loadAverage()}`);
      let maxLag = 0;
      let last = performance.now();
      const timer = setInterval(() => {
        const now = performance.now();
        maxLag = Math.max(maxLag, now - last - 10);
        last = now;
      }, 10);
      const t = performance.now();
      const cpu = process.cpuUsage();
      const id = jobs.start({ version: 1, from: data.from, to: data.to, locale: 'zh-CN' });
      await jobs.wait(id);
      const total = performance.now() - t;
      const used = process.cpuUsage(cpu);
      clearInterval(timer);
      const job = jobs.status(id)!;
      const csv = jobs.csv(id)!;
      const held = job.counts['hold:buyer_remark'] ?? 0;
      // Baseline: the same pages read through the same reader, nothing evaluated.
      const read = openReplayConnection(file); // the connection the job reads on
      const s = performance.now();
      let orders = 0;
      let lines = 0;
      for (const page of orderPages(read, data, 1000)) {
        orders += page.rows.length;
        for (const l of page.lines.values()) lines += l.length;
      }
      const scan = performance.now() - s;
      read.close();
      firsts.push(job.firstResultMs ?? NaN);
      totals.push(total / 1000);
      scans.push(scan / 1000);
      console.log(`run ${i + 1}: ${job.state}, ${job.processed.toLocaleString()} orders replayed; first results after ${job.firstResultMs} ms; finished in ${(total / 1000).toFixed(1)} s `
        + `(CPU ${((used.user + used.system) / 1e6).toFixed(1)} s; ${csv.rows.toLocaleString()} CSV rows, ${(csv.content.length / 1e6).toFixed(0)} MB; ${held.toLocaleString()} held for a buyer remark); event loop blocked at most ${maxLag.toFixed(0)} ms`);
      console.log(`       bare read of the same ${orders.toLocaleString()} orders + ${lines.toLocaleString()} lines through the same pages: ${(scan / 1000).toFixed(1)} s → dry run takes ${(total / scan).toFixed(1)}× the read`);
      console.log(`       load after: ${loadAverage()}`);
    }
  } finally {
    await jobs.closeAll();
    main.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`first results (ms): ${spread(firsts)} (target ≤ 1000);  total (s): ${spread(totals)} (target ≤ 60);  bare read (s): ${spread(scans)}`);
}

const loadAverage = () => loadavg().map((x) => x.toFixed(2)).join(', ');

export const rulesBenches: Bench[] = [
  { name: 'rules-peak-day', what: `${PEAK.toLocaleString()}-order peak day through review + routing + reservation vs raw inserts of the same orders`, run: peakDay },
  { name: 'rules-dry-run', what: `dry run of ${PAST.toLocaleString()} past orders: first results, total, responsiveness`, run: dryRunPast },
];
