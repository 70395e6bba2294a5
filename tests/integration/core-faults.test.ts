import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, PDD_HEADER, pddRow, utf8Bom } from '../helpers/import-fixtures';
import { tempCore, until, type TempCore } from '../helpers/temp-core';
import { startTaobaoSim, type TaobaoSim } from '../sim/taobao';

/**
 * Long work in the core: imports run in job workers in short transactions, stop between batches
 * when cancelled, and a worker killed mid-import or mid-poll leaves nothing half-written while the
 * core restarts what died and keeps answering.
 */
const ROWS = 20_000;

const pddFile = (prefix: string, n: number) =>
  utf8Bom(csv([PDD_HEADER, ...Array.from({ length: n }, (_, i) =>
    pddRow({ time: '2026-05-18 09:30:00', title: '横幅', id: `${prefix}-${String(i).padStart(15, '0')}`, status: '待发货', goods: '10', paid: '10', qty: '1' }))]));

/** Orders of one file, and any of them without a line (half-written). */
function fileOrders(db: Database.Database, prefix: string) {
  const total = db.prepare('SELECT count(*) FROM orders WHERE platform_order_id LIKE ?').pluck().get(`${prefix}-%`) as number;
  const distinct = db.prepare('SELECT count(DISTINCT platform_order_id) FROM orders WHERE platform_order_id LIKE ?').pluck().get(`${prefix}-%`) as number;
  const lineless = db.prepare(`SELECT count(*) FROM orders o WHERE o.platform_order_id LIKE ? AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)`).pluck().get(`${prefix}-%`) as number;
  return { total, distinct, lineless };
}

describe('imports in job workers', () => {
  let core: TempCore;
  let db: Database.Database;
  let owner: string;
  let shop: string;
  beforeAll(async () => {
    core = await tempCore();
    owner = await core.login('owner');
    db = new Database(join(core.dataDir, 'orderhub.db'), { readonly: true });
    // A file goes only into a shop someone chose (issue 15, item 7): the first small file creates it.
    const first = await core.call('imports.upload', { fileName: 'shop.csv', contentBase64: pddFile('SHOP', 1).toString('base64'), newShop: { name: '拼多多（文件导入）', kind: 'pdd' } }, owner);
    shop = (await until(() => status(first.jobId), (j) => j.state === 'done' || j.state === 'failed', 60_000, 100)).channelId!;
  }, 120_000);
  afterAll(async () => {
    db?.close();
    await core?.dispose();
  });

  const status = (jobId: string) => core.call('imports.status', { jobId }, owner);

  it('cancelling stops the import between batches: what was written is whole, the rest is not started', async () => {
    const { jobId } = await core.call('imports.upload', { fileName: 'cancel.csv', contentBase64: pddFile('CAN', ROWS).toString('base64'), channelId: shop }, owner);
    await until(() => status(jobId), (j) => j.rowsImported >= 1000, 60_000, 100);
    await core.call('imports.cancel', { jobId }, owner);
    const job = await until(() => status(jobId), (j) => j.state !== 'importing' && j.state !== 'reading' && j.state !== 'queued', 20_000, 100);
    expect(job.state).toBe('cancelled');
    expect(job.rowsImported).toBeLessThan(ROWS);
    const orders = fileOrders(db, 'CAN');
    expect(orders).toEqual({ total: job.rowsImported, distinct: job.rowsImported, lineless: 0 });
  }, 90_000);

  it('a job worker killed mid-import leaves only whole batches; the job says it was interrupted and importing again completes it', async () => {
    const file = pddFile('KIL', ROWS).toString('base64');
    const { jobId } = await core.call('imports.upload', { fileName: 'kill.csv', contentBase64: file, channelId: shop }, owner);
    await until(() => status(jobId), (j) => j.rowsImported >= 2000, 60_000, 100);
    const worker = core.front.workers().find((w) => w.role === 'job' && w.inflight > 0)!;
    expect(worker).toBeTruthy();
    await core.front.crash(worker.name, 'in-transaction');

    const job = await until(() => status(jobId), (j) => j.state === 'failed', 20_000, 100);
    expect(job.message).toMatch(/中断/);
    const partial = fileOrders(db, 'KIL');
    expect(partial.total).toBe(job.rowsImported); // the counts commit with their batch
    expect(partial.total).toBeLessThan(ROWS);
    expect(partial.lineless).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    // The core keeps answering and runs the next job on a fresh worker; nothing is doubled.
    const again = await core.call('imports.upload', { fileName: 'kill.csv', contentBase64: file, channelId: shop }, owner);
    const done = await until(() => status(again.jobId), (j) => j.state === 'done' || j.state === 'failed', 90_000, 200);
    expect(done).toMatchObject({ state: 'done', rowsImported: ROWS - partial.total, rowsUnchanged: partial.total });
    expect(fileOrders(db, 'KIL')).toEqual({ total: ROWS, distinct: ROWS, lineless: 0 });
  }, 180_000);
});

describe('the writer and the backfill\'s job worker killed mid-poll', () => {
  const ORDERS = 3000;
  let sim: TaobaoSim;
  let core: TempCore;
  let db: Database.Database;
  beforeAll(async () => {
    sim = await startTaobaoSim({ seed: 11 });
    sim.store.generate(ORDERS, { from: Date.now() - 30 * 3600_000, to: Date.now() - 5 * 60_000, seed: 11 });
    core = await tempCore({ writer: { channels: { autostart: true, tickMs: 200 } } });
    db = new Database(join(core.dataDir, 'orderhub.db'), { readonly: true });
  }, 120_000);
  afterAll(async () => {
    db?.close();
    await core?.dispose();
    await sim?.stop();
  });

  it('the core restarts both; the backfill resumes where its last committed page left it, nothing twice, no gap', async () => {
    const ops = await core.login('ops');
    await core.call('workspace.setCustomEndpoints', { enabled: true }, await core.login('owner')); // the simulator is on 127.0.0.1
    const shop = await core.call('channels.create', {
      kind: 'taobao', name: '断电测试店', config: { ...sim.credentials, endpoint: sim.url, backfillFrom: Date.now() - 31 * 3600_000, pollIntervalSeconds: 2 },
    }, ops);
    const count = () => db.prepare('SELECT count(*) FROM orders').pluck().get() as number;
    await until(count, (n) => n >= 300, 60_000, 50);
    await core.front.crash('writer', 'now');

    // While the writer is down, the front and the readers still answer.
    expect((await fetch(`${core.url}/healthz`)).status).toBe(200);
    const page = await core.post('orders.page', { startRow: 0, endRow: 20 }, ops);
    expect(page.status).toBe(200);

    await until(() => core.front.status().writer, (s) => s === 'ready', 60_000, 100);

    // The backfill itself runs in a job worker (the writer hands long catch-ups over): kill that one too.
    const n = await until(count, (c) => c >= 1200, 120_000, 50);
    const poller = core.front.workers().find((w) => w.role === 'job' && w.inflight > 0);
    expect(poller).toBeTruthy();
    await core.front.crash(poller!.name, 'in-transaction');
    expect(count()).toBeLessThan(ORDERS); // killed mid-backfill, not after it
    expect(n).toBeGreaterThan(0);

    await until(count, (c) => c >= ORDERS, 120_000, 200);
    const ids = db.prepare('SELECT platform_order_id FROM orders').pluck().all() as string[];
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(sim.store.all().map((o) => o.id)));
    expect(db.prepare('SELECT count(*) FROM order_lines l LEFT JOIN orders o ON o.id = l.order_id WHERE o.id IS NULL').pluck().get()).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)`).pluck().get()).toBe(0);
    const coverage = await core.call('channels.coverage', { id: shop.id, from: Date.now() - 31 * 3600_000, to: Date.now() }, ops);
    expect(coverage.gaps).toBe(0);
    const owner = await core.login('owner');
    expect(await core.call('audit.verify', {}, owner)).toMatchObject({ ok: true });
  }, 240_000);
});
