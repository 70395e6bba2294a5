import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEvents, tempCore, until, type TempCore } from '../helpers/temp-core';

/**
 * Long exports on the real core: the export runs on a job worker while the screen asks the writer
 * for its counts (jobs.progress) and cancels it (jobs.cancel). The job worker relays its counts to
 * the writer and learns of the cancel from the writer's answer.
 */
let core: TempCore;
let finance: string;
let ops: string;
let month: string;
let orders: number;
const scratch = mkdtempSync(join(tmpdir(), 'orderhub-progress-tmp-'));
const previousTmp = process.env.TMPDIR;

beforeAll(async () => {
  // The core's workers write export parts under their TMPDIR: this file's own, so "no half file" can be checked.
  process.env.TMPDIR = scratch;
  core = await tempCore({ writer: { demoOrders: 2500 } });
  finance = await core.login('finance');
  ops = await core.login('ops');
  await until(() => core.call('setup.status', {}, null), (s) => s.seeding === null, 240_000, 250);
  const db = new Database(join(core.dataDir, 'orderhub.db'), { readonly: true });
  // The month (Beijing time) holding the most paid orders: a file of several thousand rows.
  const top = db.prepare(
    `SELECT strftime('%Y-%m', (paid_at + 8 * 3600000) / 1000, 'unixepoch') AS month, count(*) AS n FROM orders
     WHERE paid_at IS NOT NULL GROUP BY month ORDER BY n DESC LIMIT 1`,
  ).get() as { month: string; n: number };
  db.close();
  month = top.month;
  orders = top.n;
}, 300_000);

afterAll(async () => {
  await core?.dispose();
  if (previousTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previousTmp;
  rmSync(scratch, { recursive: true, force: true });
});

const parts = () => readdirSync(scratch).filter((f) => f.startsWith('orderhub-finance-') || f.startsWith('orderhub-export-'));

describe('long exports on the core show counts and can be cancelled', () => {
  it('the finance export reports rows written of the total while it runs, and finishes with the same total', async () => {
    expect(orders).toBeGreaterThan(500);
    const jobId = 'finance-progress-0001';
    const running = core.post('exports.finance', { month, format: 'xlsx', jobId }, finance);
    const seen = await until(() => core.call('jobs.progress', { id: jobId }, finance), (p) => !!p && p.done > 0, 60_000, 5);
    // Another person cannot read it.
    expect(await core.call('jobs.progress', { id: jobId }, ops)).toBeNull();
    const { body } = await running;
    expect('data' in body).toBe(true);
    const file = (body as { data: { orderCount: number; lineCount: number } }).data;
    expect(file.orderCount).toBe(orders);
    // The total the screen showed is the rows the file holds: shops + total row + orders + lines.
    expect(seen!.total).toBeGreaterThan(file.orderCount + file.lineCount);
    expect(seen!.done).toBeLessThanOrEqual(seen!.total!);
    expect(await core.call('jobs.progress', { id: jobId }, finance)).toBeNull();
  });

  it('an export announces itself to the screens (jobs.progress events: started, moving on, done), so they need not poll for its counts', async () => {
    type Announced = { jobId: string; kind: string; state: string; progress: number };
    const stream = await openEvents(core.url, finance);
    const jobId = 'finance-events-0001';
    const { body } = await core.post('exports.finance', { month, format: 'csv', jobId }, finance);
    expect('data' in body).toBe(true);
    const mine = () => stream.events.filter((e) => e.name === 'jobs.progress' && (e.data as Announced).jobId === jobId).map((e) => e.data as Announced);
    await until(() => mine(), (m) => m.some((e) => e.state !== 'running'), 10_000, 20);
    await new Promise((r) => setTimeout(r, 500)); // long enough for a second announcement of the end to arrive, were one sent
    const seen = mine();
    stream.close();
    expect(seen[0]).toEqual({ jobId, kind: 'export', state: 'running', progress: 0 });
    expect(seen.at(-1)).toMatchObject({ kind: 'export', state: 'done' });
    // The counts only move forward, and nothing is announced twice as done.
    const progress = seen.map((e) => e.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(seen.filter((e) => e.state !== 'running')).toHaveLength(1);
  });

  it('cancelling the finance export stops it between batches: a refusal that says so, no file, no audit record', async () => {
    const audited = () => {
      const db = new Database(join(core.dataDir, 'orderhub.db'), { readonly: true });
      const n = db.prepare(`SELECT count(*) AS n FROM audit_log WHERE entity = 'finance_export'`).get() as { n: number };
      db.close();
      return n.n;
    };
    const before = audited();
    const jobId = 'finance-cancel-0001';
    const running = core.post('exports.finance', { month, format: 'csv', jobId }, finance);
    await until(() => core.call('jobs.progress', { id: jobId }, finance), (p) => !!p && p.done > 0, 60_000, 5);
    // Another person cannot stop it.
    expect(await core.call('jobs.cancel', { id: jobId }, ops)).toEqual({ cancelled: false });
    // Hold the writer so the export waits on its next count: the cancel is answered before the file can end.
    const held = core.front.hold('writer', 500);
    expect(await core.call('jobs.cancel', { id: jobId }, finance)).toEqual({ cancelled: true });
    await held;
    const { body } = await running;
    expect(body).toMatchObject({ error: { code: 'conflict' } });
    expect((body as { error: { message: string } }).error.message).toMatch(/^导出已取消（已写 [\d,]+ 行，未保存）$/);
    expect(audited()).toBe(before);
    expect(parts()).toEqual([]);
  });

  it("an order export's counts and cancel also reach the job worker it runs on", async () => {
    const jobId = 'orders-cancel-0001';
    const stream = await openEvents(core.url, ops);
    const running = core.post('orders.export', { format: 'xlsx', jobId }, ops);
    const seen = await until(() => core.call('jobs.progress', { id: jobId }, ops), (p) => !!p && p.done > 0, 60_000, 5);
    expect(seen!.total).toBe(2500);
    const held = core.front.hold('writer', 500);
    expect(await core.call('jobs.cancel', { id: jobId }, ops)).toEqual({ cancelled: true });
    await held;
    const { body } = await running;
    expect(body).toMatchObject({ error: { code: 'conflict' } });
    expect(parts()).toEqual([]);
    // The screen hears that it stopped (the job worker announces it; the writer's copy of the counts does not announce again).
    const ends = () => stream.events.filter((e) => e.name === 'jobs.progress' && (e.data as { jobId: string }).jobId === jobId && (e.data as { state: string }).state !== 'running');
    await until(ends, (m) => m.length > 0, 10_000, 20);
    await new Promise((r) => setTimeout(r, 500)); // as above: a second end would show
    const ended = ends();
    stream.close();
    expect(ended.map((e) => (e.data as { state: string }).state)).toEqual(['cancelled']);
  });
});
