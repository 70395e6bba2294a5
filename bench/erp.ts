/**
 * ERP bridge over real ODBC (psqlODBC → a throwaway PostgreSQL with K3 WISE-shaped tables):
 *  1. stock snapshot of N SKU × warehouse rows (default 100 k) through the bridge (fetch, sum,
 *     write changed counts into erp_stock_latest plus one synced erp_stock_changes row per batch of
 *     up to 20 k, settle the reservation ledger) vs a bare `odbc` fetch of
 *     the same query into memory — target ours ≥ 50 % of bare speed (time ratio ≤ 2×). Three
 *     cases: the first snapshot (every count new, so written), a 5-minute delta and a nightly full
 *     snapshot (~1 % of the counts changed: what runs every day);
 *  2. push of 1 k orders (2 lines each) into the staging tables vs the same inserts issued
 *     directly through `odbc` (one transaction per order) — target ≥ 50 %;
 *  3. an order reaching 待发货 → its row in the ERP with the default schedule (the scheduler's
 *     push check every 10 s) — target ≤ 60 s.
 * `BENCH_ERP_ROWS` / `BENCH_ERP_ORDERS` / `BENCH_RUNS` change the sizes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import odbc from 'odbc';
import { openApp, type App } from '../src-main/app';
import { createLogger } from '../src-main/log';
import { mapped, orderPayload } from '../src-main/erp/push/order-payload';
import { PRESETS } from '../src-main/erp/presets';
import type { PushOrdersMapping } from '../src-shared/erp';
import { hubOrders, hubSetup, K3_DDL, stagingDdl } from '../tests/helpers/erp-fixtures';
import { odbcHome } from '../tests/helpers/odbc';
import { startPostgres, type PgCluster } from '../tests/helpers/postgres';
import type { Bench } from './index';
import { percentile, timeIt } from './stats';

const ROWS = Number(process.env.BENCH_ERP_ROWS ?? 100_000);
const ORDERS = Number(process.env.BENCH_ERP_ORDERS ?? 1000);
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 3));
const CTX = { actor: { id: null, name: 'bench' }, call: 'bench.erp' };
const k3 = PRESETS.find((p) => p.preset === 'k3wise')!;
const STOCK_SQL = (k3.mappings.stock as { sql: string }).sql;

/** This process's CPU time (main thread + the driver's threads) spent in fn: what load on the machine cannot inflate. */
const cpu: number[] = [];
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const c = process.cpuUsage();
  const ms = await timeIt(fn);
  const d = process.cpuUsage(c);
  cpu.push((d.user + d.system) / 1000);
  return ms;
}

function spread(label: string, ours: number[], bare: number[], cpuOurs: number[], cpuBare: number[]): void {
  const ratios = ours.map((o, i) => bare[i]! / o);
  const fmt = (xs: number[]) => `min ${Math.min(...xs).toFixed(0)} / median ${percentile(xs, 50).toFixed(0)} / max ${Math.max(...xs).toFixed(0)} ms`;
  console.log(`${label}\n  ours ${fmt(ours)} (CPU median ${percentile(cpuOurs, 50).toFixed(0)} ms)\n  bare ${fmt(bare)} (CPU median ${percentile(cpuBare, 50).toFixed(0)} ms)\n  speed ours/bare per run: ${ratios.map((r) => `${(r * 100).toFixed(0)} %`).join(', ')} (target ≥ 50 %)`);
}
const take = () => cpu.splice(0, cpu.length);
const split = (xs: number[]) => ({ even: xs.filter((_, i) => i % 2 === 0), odd: xs.filter((_, i) => i % 2 === 1) });

function seedStock(pg: PgCluster, db: string, rows: number): void {
  const items = Math.ceil(rows / 2);
  pg.psql(`${K3_DDL}
    INSERT INTO t_MeasureUnit VALUES (1, 'D', '袋', 1);
    INSERT INTO t_ICItem (FItemID, FNumber, FName, FModel, FUnitID, FDeleted) SELECT 1000 + g, 'SKU' || lpad(g::text, 6, '0'), '商品 ' || g, '500克', 1, 0 FROM generate_series(1, ${items}) g;
    INSERT INTO t_Stock (FItemID, FNumber, FName) VALUES (50, 'WH01', '杭州成品仓'), (51, 'WH02', '宁波保税仓');
    INSERT INTO ICInventory (FItemID, FBatchNo, FStockID, FQty) SELECT 1000 + g, 'B1', 50 + w, (g * 7 + w) % 500 FROM generate_series(1, ${items}) g, generate_series(0, 1) w;
    ANALYZE;`, db);
}

async function bareFetch(cs: string): Promise<number> {
  const c = await odbc.connect(cs);
  try {
    const rows = await c.query(STOCK_SQL);
    return rows.length;
  } finally {
    await c.close();
  }
}

async function snapshotBench(app: App, pg: PgCluster, connId: string, cs: string): Promise<void> {
  const erp = app.services.erp;
  const sqlite = app.services.db.sqlite;
  await erp.pull(connId, 'warehouses', { full: true, trigger: 'manual', ctx: CTX });
  const reset = () => sqlite.exec(`DELETE FROM erp_stock_changes; DELETE FROM erp_stock_applied; DELETE FROM outbox WHERE entity = 'erp_stock_changes'; DELETE FROM erp_stock_latest;`);
  const first = { ours: [] as number[], bare: [] as number[] };
  const steady = { ours: [] as number[], bare: [] as number[] };
  let counts = null;
  for (let i = 0; i < RUNS; i++) {
    reset();
    first.bare.push(await timed(() => bareFetch(cs)));
    first.ours.push(await timed(async () => (counts = await erp.pull(connId, 'stock', { full: true, trigger: 'manual', ctx: CTX }))));
  }
  const firstCpu = split(take());
  console.log(`stock pull counts (first snapshot): ${JSON.stringify(counts)}`);
  for (let i = 0; i < RUNS; i++) {
    // 5-minute delta: 1 % of the counts changed in the ERP since the last pull.
    pg.psql(`UPDATE ICInventory SET FQty = FQty + 1 WHERE FItemID % 100 = ${i}`, 'bench');
    steady.bare.push(await timed(() => bareFetch(cs)));
    steady.ours.push(await timed(async () => (counts = await erp.pull(connId, 'stock', { full: false, trigger: 'manual', ctx: CTX }))));
  }
  const steadyCpu = split(take());
  console.log(`stock pull counts (delta): ${JSON.stringify(counts)}`);
  const nightly = { ours: [] as number[], bare: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    // The nightly full snapshot: ~1 % of the counts changed since the last pull, and what the ERP no longer lists is zeroed.
    pg.psql(`UPDATE ICInventory SET FQty = FQty + 1 WHERE FItemID % 100 = ${50 + i}`, 'bench');
    nightly.bare.push(await timed(() => bareFetch(cs)));
    nightly.ours.push(await timed(async () => (counts = await erp.pull(connId, 'stock', { full: true, trigger: 'manual', ctx: CTX }))));
  }
  const nightlyCpu = split(take());
  console.log(`stock pull counts (nightly full): ${JSON.stringify(counts)}`);
  spread(`stock snapshot, ${ROWS} SKU × warehouse rows, first snapshot (every count written)`, first.ours, first.bare, firstCpu.odd, firstCpu.even);
  spread(`stock snapshot, ${ROWS} rows, 5-minute delta (~1 % changed)`, steady.ours, steady.bare, steadyCpu.odd, steadyCpu.even);
  spread(`stock snapshot, ${ROWS} rows, nightly full snapshot (~1 % changed)`, nightly.ours, nightly.bare, nightlyCpu.odd, nightlyCpu.even);
}

async function pushBench(app: App, pg: PgCluster, connId: string, cs: string): Promise<void> {
  const erp = app.services.erp;
  const sqlite = app.services.db.sqlite;
  const { channelId } = hubSetup(app.services.db, []);
  hubOrders(app.services.db, channelId, Array.from({ length: ORDERS }, (_, i) => ({
    lines: [{ sku: `SKU${String(1 + (i % 5000)).padStart(6, '0')}`, qty: 1 + (i % 3), title: `五香牛肉干 ${i}` }, { sku: `SKU${String(1 + ((i * 7) % 5000)).padStart(6, '0')}`, qty: 2 }],
    warehouseCode: 'WH01', remark: i % 5 ? null : '请尽快发货 王喆',
  })));
  const m = k3.mappings.orders as PushOrdersMapping;
  const payloads = erp.sources.load(erp.sources.pendingOrderIds(connId, Date.now(), ORDERS + 10)).map((o) => orderPayload(o, m, 'Asia/Shanghai'));
  const reset = () => {
    pg.psql('TRUNCATE hub_order_line, hub_order RESTART IDENTITY', 'bench');
    sqlite.exec('DELETE FROM erp_pushes; DELETE FROM erp_locks;');
  };
  const bareInserts = async () => {
    const c = await odbc.connect(cs);
    try {
      for (const p of payloads) {
        if ('reason' in p) continue;
        const head = mapped(p.header, m.header.columns);
        await c.beginTransaction();
        await c.query(`INSERT INTO ${m.header.table} (${head.cols.join(', ')}) VALUES (${head.cols.map(() => '?').join(', ')})`, head.vals as (string | number)[]);
        for (const l of p.lines) {
          const line = mapped(l, m.lines.columns);
          await c.query(`INSERT INTO ${m.lines.table} (${line.cols.join(', ')}) VALUES (${line.cols.map(() => '?').join(', ')})`, line.vals as (string | number)[]);
        }
        await c.commit();
      }
    } finally {
      await c.close();
    }
  };
  const ours: number[] = [];
  const bare: number[] = [];
  let counts = null;
  for (let i = 0; i < RUNS; i++) {
    reset();
    bare.push(await timed(bareInserts));
    reset();
    ours.push(await timed(async () => (counts = await erp.push(connId, 'manual', CTX))));
  }
  const pushCpu = split(take());
  console.log(`push counts: ${JSON.stringify(counts)}; ERP rows ${pg.psql('SELECT count(*) FROM hub_order', 'bench').trim()} orders, ${pg.psql('SELECT count(*) FROM hub_order_line', 'bench').trim()} lines`);
  spread(`order push, ${ORDERS} orders × 2 lines (one transaction per order)`, ours, bare, pushCpu.odd, pushCpu.even);
}

async function latencyBench(dataDir: string, pg: PgCluster): Promise<void> {
  // The app as users run it: default schedule, real clock, scheduler started with the app.
  const app = await openApp({ dataDir, log: createLogger(dataDir, { console: false }), channels: { autostart: false } });
  try {
    const { channelId } = hubSetup(app.services.db, []);
    const waits: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await new Promise((r) => setTimeout(r, 1000 + i * 3100)); // land at different points of the 10 s push cycle
      const [id] = hubOrders(app.services.db, channelId, [{ lines: [{ sku: 'SKU000001', qty: 1 }], warehouseCode: 'WH01' }]);
      const t0 = Date.now();
      while (pg.psql(`SELECT count(*) FROM hub_order WHERE ext_order_no = '${id}'`, 'bench').trim() !== '1') {
        if (Date.now() - t0 > 120_000) throw new Error('order never reached the ERP');
        await new Promise((r) => setTimeout(r, 100));
      }
      waits.push(Date.now() - t0);
    }
    console.log(`待发货 → ERP row with the default schedule (push check every ${app.services.erp.store.list()[0]!.schedule.pushSeconds} s): ${waits.map((w) => `${(w / 1000).toFixed(1)} s`).join(', ')} (target ≤ 60 s)`);
  } finally {
    app.close();
  }
}

async function run(): Promise<void> {
  console.log(`uptime: ${execFileSync('uptime').toString().trim()}`);
  const home = odbcHome();
  const pg = await startPostgres();
  const dataDir = mkdtempSync(join(tmpdir(), 'orderhub-bench-erp-'));
  try {
    await pg.createDatabase('bench');
    seedStock(pg, 'bench', ROWS);
    pg.psql(stagingDdl('pg'), 'bench');
    const cs = pg.odbc('bench');
    const app = await openApp({ dataDir, log: createLogger(dataDir, { console: false }), erp: { autostart: false }, channels: { autostart: false } });
    let connId: string;
    try {
      connId = app.services.erp.store.create(CTX, { name: 'K3 bench', connectionString: cs, preset: 'k3wise', readOnly: false }).id;
      // The push bench measures orders alone (locks are a separate lane with their own writes).
      app.services.db.writes.run(CTX, (tx) => tx.delete('erp_mappings', sqliteId(app, connId, 'locks')));
      const only = process.env.BENCH_ERP_ONLY;
      if (!only || only === 'snapshot') await snapshotBench(app, pg, connId, cs);
      if (!only || only === 'push') await pushBench(app, pg, connId, cs);
    } finally {
      app.close();
    }
    if (!process.env.BENCH_ERP_ONLY || process.env.BENCH_ERP_ONLY === 'latency') await latencyBench(dataDir, pg);
    console.log(`uptime: ${execFileSync('uptime').toString().trim()}`);
  } finally {
    await pg.stop();
    home.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function sqliteId(app: App, connectionId: string, kind: string): string {
  return app.services.db.sqlite.prepare('SELECT id FROM erp_mappings WHERE connection_id = ? AND kind = ?').pluck().get(connectionId, kind) as string;
}

export const erpBench: Bench = { name: 'erp', what: 'ERP bridge over psqlODBC: 100 k stock snapshot, 1 k order push, 待发货 → ERP latency', run };
