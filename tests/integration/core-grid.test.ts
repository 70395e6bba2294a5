import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, runsOf } from '../../src-shared/contract';
import { csv, PDD_HEADER, pddRow, utf8Bom } from '../helpers/import-fixtures';
import { openEvents, tempCore, until, type TempCore } from '../helpers/temp-core';

/**
 * main's grid (trigram search, cached positions kept by the change feed) and hardening (keyed audit
 * chain) under the core's split: the grid is read on read-only workers, the rows come from a job
 * worker's import and the writer, and each connection that writes keys the same chain.
 */
let core: TempCore;
let db: Database.Database;
let owner: string;
let ops: string;

beforeAll(async () => {
  core = await tempCore({ writer: { demoOrders: 400 } });
  owner = await core.login('owner');
  ops = await core.login('ops');
  await until(() => core.call('setup.status', {}, null), (s) => s.seeding === null, 120_000, 200);
  db = new Database(join(core.dataDir, 'orderhub.db'), { readonly: true });
}, 180_000);

afterAll(async () => {
  db?.close();
  await core?.dispose();
});

const page = (input: { quick?: string }) => core.call('orders.page', { startRow: 0, endRow: 100, ...input }, ops);

describe('the grid on the core', () => {
  it('a reader\'s search and cached counts follow orders a job worker imported and notes the writer added', async () => {
    expect(runsOf(contract['orders.page'])).toBe('read');
    // Cached on the readers before the import: nothing matches, and the whole grid's count.
    const before = await page({});
    expect((await page({ quick: '琉璃盏' })).total).toBe(0);

    const file = utf8Bom(csv([PDD_HEADER, ...['A', 'B', 'C'].map((s) =>
      pddRow({ time: '2026-05-18 09:30:00', title: `琉璃盏摆件${s}`, id: `GRID-${s}-000000000001`, status: '待发货', goods: '10', paid: '10', qty: '1' }))]));
    const { jobId } = await core.call('imports.upload', { fileName: 'grid.csv', contentBase64: file.toString('base64') }, owner);
    const job = await until(() => core.call('imports.status', { jobId }, owner), (j) => j.state === 'done' || j.state === 'failed', 60_000, 100);
    expect(job).toMatchObject({ state: 'done', rowsImported: 3 });

    // Every reader sees them: the trigram index was kept by the job worker's write path.
    for (let i = 0; i < 4; i++) {
      const found = await page({ quick: '琉璃盏' });
      expect(found).toMatchObject({ total: 3, totalExact: true });
      expect(found.rows.map((r) => r.platformOrderId).sort()).toEqual(['GRID-A-000000000001', 'GRID-B-000000000001', 'GRID-C-000000000001']);
      expect((await page({})).total).toBe(before.total + 3);
    }
    // One character (no trigram): its own bounded answer still finds them.
    const one = await page({ quick: '盏' });
    expect(one.rows.filter((r) => r.platformOrderId.startsWith('GRID-'))).toHaveLength(3);

    // The writer adds a note to one of them; the next read still counts all three.
    const id = found0();
    await core.call('orders.addNote', { orderIds: [id], body: '琉璃易碎，轻放' }, ops);
    expect((await page({ quick: '琉璃盏' })).total).toBe(3);
  }, 120_000);

  it('the audit chain written by the writer and by job workers verifies as one keyed chain, rows included', async () => {
    const check = await core.call('audit.verify', { rows: true }, owner); // itself a job
    expect(check).toMatchObject({ ok: true, broken: [] });
    expect(check.keyedFrom).not.toBeNull();
    // The checkpoint beside the database is at the chain's end (no connection wrote an older head last).
    const last = db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
    expect(check.checkpoint?.seq).toBe(last);
  }, 60_000);
});

describe('rule dry runs on the core', () => {
  it('a draft replayed over every paid order runs on a job worker; the writer answers its status, counts and CSV', async () => {
    const to = Date.now() + 86_400_000;
    const paid = db.prepare('SELECT count(*) FROM orders WHERE paid_at >= 0 AND paid_at < ?').pluck().get(to) as number;
    expect(paid).toBeGreaterThan(100);
    const rules = [{ id: 'all', name: '全部试标', stage: 'review' as const, priority: 1, enabled: true, when: { '>=': [{ var: 'paidFen' }, 0] }, actions: [{ type: 'addTag' as const, tag: '试跑' }] }];
    const stream = await openEvents(core.url, owner);
    const { jobId } = await core.call('rules.dryRun', { rules, from: 0, to }, owner);
    // The screen has no timer: it asks again when the job's progress event says it ended.
    const ended = await until(() => stream.events.find((e) => e.name === 'jobs.progress' && (e.data as { jobId: string; state: string }).jobId === jobId && (e.data as { state: string }).state !== 'running'), Boolean, 60_000);
    stream.close();
    expect(ended?.data).toMatchObject({ kind: 'dryRun', state: 'done', progress: 1 });
    const job = await core.call('rules.dryRunStatus', { jobId }, owner);
    expect(job).toMatchObject({ state: 'done', processed: paid, total: paid });
    expect(job.counts['tag:试跑']).toBe(paid);
    const csv = await core.call('rules.dryRunCsv', { jobId }, owner);
    expect(csv.rows).toBe(paid);
    expect(Buffer.from(csv.contentBase64, 'base64').toString('utf8')).toContain('全部试标');
    // A dry run only reads: no order carries the tag.
    expect(db.prepare(`SELECT count(*) FROM orders WHERE tags LIKE '%试跑%'`).pluck().get()).toBe(0);
  }, 90_000);
});

function found0(): string {
  return db.prepare(`SELECT id FROM orders WHERE platform_order_id = 'GRID-A-000000000001'`).pluck().get() as string;
}
