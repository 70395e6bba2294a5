/**
 * Demo workspace generation: orders/s through the write path's bulk insert (rows + outbox +
 * one audit record per batch) against a baseline in the same run: raw better-sqlite3 prepared
 * inserts of exactly the same rows into the same schema, in transactions of the same size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src-main/db';
import { walkRows } from '../src-main/db/write-path/table-walk';
import { DEFAULT_DEMO_SEED, generateDemoWorkspace } from '../src-main/demo/generate';
import { DEMO_NOW, keepAsCache } from './demo-dataset';
import type { Bench } from './index';
import { line } from './stats';
import { createOrderFlow } from '../src-main/orders/flow';

const ORDERS = Number(process.env.BENCH_DEMO_ORDERS ?? 100_000);
const TABLES = ['channels', 'warehouses', 'skus', 'customers', 'orders', 'order_lines', 'order_addresses', 'order_events', 'order_notes'];

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'orderhub-bench-demo-'));
  const oursFile = join(dir, 'ours.db');
  try {
    const db = await openDatabase(oursFile);
    const cpu0 = process.cpuUsage();
    const r = await generateDemoWorkspace(db, createOrderFlow(db).lifecycle, { orders: ORDERS, seed: DEFAULT_DEMO_SEED, now: DEMO_NOW });
    const oursCpu = cpuMs(cpu0);
    const counts = Object.fromEntries(TABLES.map((t) => [t, db.sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]));
    const rows = Object.values(counts).reduce((s, n) => s + n, 0);
    console.log(`generated ${ORDERS.toLocaleString('en-US')} orders = ${rows.toLocaleString('en-US')} rows (${TABLES.map((t) => `${t} ${counts[t]}`).join(', ')})`);
    console.log(`ours: ${(r.ms / 1000).toFixed(1)} s wall, ${(oursCpu / 1000).toFixed(1)} s CPU → ${Math.round(ORDERS / (r.ms / 1000)).toLocaleString('en-US')} orders/s`);

    // Baseline: the same rows, read back in chunks, inserted raw (timed: the inserts only).
    const raw = await openDatabase(join(dir, 'raw.db'));
    let rawMs = 0;
    let rawCpu = 0;
    const perOrder = rows / ORDERS;
    const chunk = Math.round(2000 * perOrder); // the same transaction size as the generator's batches
    for (const t of TABLES) {
      const cols = (db.sqlite.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
      const insert = raw.sqlite.prepare(`INSERT INTO ${t} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      for (const rows of walkRows(db.sqlite, db.writes.table(t), chunk)) {
        const batch = rows.map((r) => cols.map((c) => r[c]));
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        raw.sqlite.transaction(() => {
          for (const values of batch) insert.run(...values);
        }).immediate();
        rawMs += performance.now() - t0;
        rawCpu += cpuMs(c0);
      }
    }
    console.log(`baseline: raw prepared inserts of the same ${rows.toLocaleString('en-US')} rows: ${(rawMs / 1000).toFixed(1)} s wall, ${(rawCpu / 1000).toFixed(1)} s CPU → ${Math.round(ORDERS / (rawMs / 1000)).toLocaleString('en-US')} orders/s`);
    line('demo generation (wall)', r.ms / 1000, rawMs / 1000, 's');
    line('demo generation (CPU)', oursCpu / 1000, rawCpu / 1000, 's');
    raw.close();
    keepAsCache(db, oursFile, ORDERS); // the export benchmark reads this replica
    if (db.sqlite.open) db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const demoGenerateBench: Bench = {
  name: 'demo-generate',
  what: `demo workspace generation (${ORDERS.toLocaleString('en-US')} orders) vs raw better-sqlite3 inserts of the same rows`,
  run,
};
