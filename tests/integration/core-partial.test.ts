import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempCore, until, type TempCore } from '../helpers/temp-core';

/**
 * Issue 9 item 3: a read past the deadline answers with what is ready. The grid's tuning makes a
 * couple of thousand demo orders behave like millions: no time for the grid (deadline 0), blocks
 * past row 50 "deep", counts in chunks of 100 rows, a walk looks at the deadline after 256 entries. One reader and no spare, so a held reader
 * (a deliberately slow read: its thread blocked as by a long query) is the only one there is.
 */
let core: TempCore;
let db: Database.Database;
let ops: string;
const saved = { ...process.env };

beforeAll(async () => {
  Object.assign(process.env, { ORDERHUB_GRID_DEADLINE_MS: '0', ORDERHUB_GRID_DEEP_ROW: '50', ORDERHUB_GRID_COUNT_CHUNK_ROWS: '100', ORDERHUB_GRID_PROBE_ROWS: '256' });
  core = await tempCore({ writer: { demoOrders: 1500 }, readers: 1, maxSpareReaders: 0, warmSpareReaders: 0, readDeadlineMs: 1000 });
  ops = await core.login('ops');
  const owner = await core.login('owner');
  await until(() => core.call('setup.status', {}, owner), (s) => s.seeding === null, 120_000, 200);
  db = new Database(join(core.dataDir, 'orderhub.db'), { readonly: true });
}, 180_000);

afterAll(async () => {
  process.env = saved;
  db?.close();
  await core?.dispose();
});

describe('a read past the deadline on the core', () => {
  it('the grid answers a first block partly — its first rows in order, the count marked as an estimate — and whole when asked again', async () => {
    // "Province contains …": no index serves it (the count scans the table). A value whose matches
    // are sparse along the date index, so the walk meets fewer than a block before its first check.
    const sparse = (v: string) => {
      const near = db.prepare(`SELECT count(*) FROM (SELECT province FROM orders ORDER BY created_at DESC, id DESC LIMIT 256) WHERE instr(province, ?) > 0`).pluck().get(v) as number;
      const all = db.prepare(`SELECT count(*) FROM orders WHERE instr(province, ?) > 0`).pluck().get(v) as number;
      return near > 0 && near < 30 && all > 60;
    };
    const value = ['江', '广', '山', '河', '湖', '四', '福', '安', '北', '西', '南', '东'].find(sparse)!;
    expect(value).toBeDefined();
    const query = { filters: { province: { type: 'text' as const, op: 'contains' as const, value } }, sort: [] };
    const want = db.prepare(`SELECT id FROM orders WHERE instr(province, ?) > 0 ORDER BY created_at DESC, id DESC`).pluck().all(value) as string[];

    const first = await core.call('orders.page', { ...query, startRow: 0, endRow: 40 }, ops);
    expect(first.partial).toBe(true);
    expect(first.totalExact).toBe(false);
    expect(first.rows.length).toBeGreaterThan(0);
    expect(first.rows.length).toBeLessThan(40);
    expect(first.rows.map((r) => r.id)).toEqual(want.slice(0, first.rows.length)); // a true prefix of the block

    const again = await core.call('orders.page', { ...query, startRow: 0, endRow: 40 }, ops);
    expect(again.partial).toBeUndefined();
    expect(again.rows.map((r) => r.id)).toEqual(want.slice(0, 40));
    const exact = await until(() => core.call('orders.page', { ...query, startRow: 0, endRow: 1 }, ops), (r) => r.totalExact, 30_000, 200);
    expect(exact.total).toBe(want.length);
  }, 60_000);

  it('a read that timed out is not started again: the same request picks up the answer that finished in the background', async () => {
    const ask = (endRow: number) => core.post('orders.page', { startRow: 0, endRow }, ops);
    const want = db.prepare('SELECT id FROM orders ORDER BY created_at DESC, id DESC LIMIT 7').pluck().all() as string[];

    // Holds far longer than the deadline (1 s + 0.2 s grace) so a loaded machine's delays cannot end them early.
    let hold = core.front.hold('reader-1', 4000);
    const late = await ask(7);
    expect(late.body).toMatchObject({ error: { code: 'timeout' } });
    await hold; // the reader is free again: the read it owed runs and finishes in the background

    // The reader is held again: only an answer already finished can come back now.
    hold = core.front.hold('reader-1', 8000);
    const picked = await ask(7);
    expect('data' in picked.body && (picked.body.data as { rows: { id: string }[] }).rows.map((r) => r.id)).toEqual(want);
    expect(picked.ms).toBeLessThan(1000);
    // Another request (a different block) has nothing finished to pick up: it waits, then times out.
    expect((await ask(8)).body).toMatchObject({ error: { code: 'timeout' } });
    // An answer serves once: the same request again reads afresh (and waits for the held reader).
    expect((await ask(7)).body).toMatchObject({ error: { code: 'timeout' } });
    await hold;
  }, 60_000);
});

describe('新建真实工作区 under the core', () => {
  it('is offered (setup.status, answered by a reader) only where the host can switch, and the writer asks the host', async () => {
    let asked = 0;
    const other = await tempCore({ onStartReal: () => void asked++ });
    try {
      const owner = await other.login('owner');
      expect((await other.call('setup.status', {}, owner)).canStartReal).toBe(true);
      expect(await other.call('setup.startReal', {}, owner)).toEqual({ ok: true });
      await until(() => asked, (n) => n === 1, 10_000, 50);
    } finally {
      await other.dispose();
    }
    expect((await core.call('setup.status', {}, ops)).canStartReal).toBe(false); // this file's core: no switching host
  }, 60_000);
});
