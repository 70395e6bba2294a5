import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReaderWorld } from '../../src-main/app';
import { ReadOnlyWriteError } from '../../src-main/db';
import { LocalEvents } from '../../src-main/kernel/events';
import { createLogger } from '../../src-main/log';
import { CALL_NAMES, contract, runsOf } from '../../src-shared/contract';
import { startTaobaoSim, type TaobaoSim } from '../sim/taobao';
import { openEvents, tempCore, until, type TempCore } from '../helpers/temp-core';

/**
 * The core's front against real worker threads and a real SQLite file: it keeps answering while
 * the writer and a reader are busy, routes reads to read-only workers, forwards their audit records,
 * and pushes committed changes to the sessions allowed to see them.
 */
let core: TempCore;
let db: Database.Database;
let sim: TaobaoSim;
let owner: string;
let service: string;
let ops: string;

beforeAll(async () => {
  sim = await startTaobaoSim({ seed: 5 });
  core = await tempCore({ readDeadlineMs: 700, writer: { demoOrders: 1500 } });
  owner = await core.login('owner');
  service = await core.login('service');
  ops = await core.login('ops');
  await core.call('workspace.setCustomEndpoints', { enabled: true }, owner); // the simulator is on 127.0.0.1
  // The demo orders fill in behind (a job worker); wait until they are all there.
  await until(() => core.call('setup.status', {}, null), (s) => s.seeding === null, 120_000, 200);
  db = new Database(join(core.dataDir, 'orderhub.db'), { readonly: true });
}, 180_000);

afterAll(async () => {
  db?.close();
  await core?.dispose();
  await sim?.stop();
});

const firstOrderId = () => db.prepare('SELECT id FROM orders ORDER BY created_at DESC LIMIT 1').pluck().get() as string;

describe('the front of the core', () => {
  it('answers /healthz and a second user\'s first page while the writer waits on a long transaction and a reader is stuck', async () => {
    // Another connection holds the write lock for 3 s: the writer's next transaction waits for it.
    const blocker = new Database(join(core.dataDir, 'orderhub.db'));
    blocker.exec('BEGIN IMMEDIATE');
    const release = setTimeout(() => blocker.exec('ROLLBACK'), 3000);
    const write = core.post('orders.addNote', { orderIds: [firstOrderId()], body: '写入线程等锁时提交' }, ops);
    const stuck = core.front.hold('reader-1', 3000); // reader-1 blocked as by a slow query
    try {
      const health: number[] = [];
      const pages: number[] = [];
      for (let i = 0; i < 15; i++) {
        let t = performance.now();
        const h = await fetch(`${core.url}/healthz`);
        health.push(performance.now() - t);
        expect(h.status).toBe(200);
        t = performance.now();
        const p = await core.post('orders.page', { startRow: 0, endRow: 100 }, service);
        pages.push(p.ms);
        expect(p.status).toBe(200);
        expect((p.body as { data: { rows: unknown[] } }).data.rows).toHaveLength(100);
      }
      // Far below the 3 s the writer and reader-1 are blocked for: nobody waited on them.
      expect(Math.max(...health)).toBeLessThan(800);
      expect(Math.max(...pages)).toBeLessThan(800);
      const w = await write;
      expect(w.status).toBe(200);
      expect(w.ms).toBeGreaterThan(1500); // the write itself did wait for the lock
    } finally {
      clearTimeout(release);
      if (blocker.inTransaction) blocker.exec('ROLLBACK');
      blocker.close();
      await stuck;
    }
  });

  it('a read past its deadline answers timeout and warms a spare reader; later reads go to it while both readers are stuck', async () => {
    const holds = [core.front.hold('reader-1', 8000), core.front.hold('reader-2', 8000)];
    try {
      const late = await core.post('orders.page', { startRow: 0, endRow: 50 }, owner);
      expect(late.status).toBe(504);
      expect(late.body).toMatchObject({ error: { code: 'timeout' } });
      expect(late.ms).toBeLessThan(3000); // deadline 0.7 s + grace, not the 8 s hold
      // The read that ran long started a spare; both readers are now stuck past the deadline: the next read goes to it.
      await until(() => core.front.status().spareReaders, (n) => n >= 1, 30_000);
      const served = await core.post('orders.page', { startRow: 0, endRow: 50 }, service);
      expect(served.status).toBe(200);
      expect(served.ms).toBeLessThan(3000); // the warm spare answered, not a reader after its 8 s
    } finally {
      await Promise.all(holds);
    }
  }, 60_000);

  it('a reader never writes: every read call leaves the file untouched, and a reader\'s connection refuses writes', async () => {
    const version = () => db.pragma('data_version', { simple: true }) as number;
    const before = version();
    const reads = CALL_NAMES.filter((n) => runsOf(contract[n]) === 'read');
    expect(reads).toEqual(expect.arrayContaining([
      'orders.page', 'orders.facets', 'orders.get', 'views.list', 'audit.list', 'imports.jobs',
      'board.get', 'metrics.funnel', 'exceptions.list', 'exceptions.counts', 'stock.page', 'orders.reviewQueue', 'rules.list',
    ]));
    const day = 86_400_000;
    const range = { from: Date.now() - 30 * day, to: Date.now() };
    const samples: Record<string, unknown> = {
      'orders.get': { id: firstOrderId() }, 'orders.page': { startRow: 0, endRow: 10 }, 'orders.holds': { id: firstOrderId() },
      'metrics.halfLife': range, 'metrics.onTime': range, 'metrics.funnel': range, 'rules.get': { version: 1 },
    };
    const answers: Record<string, number> = {};
    for (const name of reads) answers[name] = (await core.post(name, samples[name] ?? {}, owner)).status;
    expect(version()).toBe(before); // no commit by anybody while only reads ran
    // Each answered from its read-only connection (a write attempt there would be a 500).
    expect(Object.entries(answers).filter(([, status]) => status >= 500)).toEqual([]);
    expect(answers['board.get']).toBe(200);

    const reader = openReaderWorld({ dataDir: core.dataDir, log: createLogger(core.dataDir, { console: false }), events: new LocalEvents(), forward: async () => {} });
    try {
      expect(() => reader.db.writes.run({ actor: { id: null, name: 't' }, call: 'orders.page' }, () => 1)).toThrow(ReadOnlyWriteError);
      expect(() => reader.db.sqlite.prepare(`INSERT INTO meta (key, value) VALUES ('x', 'y')`).run()).toThrow(/readonly/i);
    } finally {
      reader.close();
    }
  });

  it('every ERP call runs on the writer: the odbc addon must load in one thread only', () => {
    const elsewhere = CALL_NAMES.filter((n) => n.startsWith('erp.') && runsOf(contract[n]) !== 'write');
    expect(CALL_NAMES.some((n) => n.startsWith('erp.'))).toBe(true);
    expect(elsewhere).toEqual([]);
  });

  it('an upload\'s JSON bytes are handed to the worker that runs the call (the front neither copies nor parses them)', async () => {
    const csv = Buffer.from('订单号,收件人,商品\nA-1,张三,保温杯\nA-2,李四,茶叶\n').toString('base64');
    const bytes = new Uint8Array(Buffer.from(JSON.stringify({ fileName: 'orders.csv', contentBase64: csv })));
    const r = await core.front.dispatchJson('imports.preview', bytes, owner);
    expect(r).toMatchObject({ data: { headers: ['订单号', '收件人', '商品'], rows: [['A-1', '张三', '保温杯'], ['A-2', '李四', '茶叶']] } });
    expect(bytes.byteLength).toBe(0); // transferred, not cloned
    // A small Buffer is a view into Node's shared pool: it is copied, and the pool stays whole.
    const pooled = Buffer.from(JSON.stringify({ fileName: 'orders.csv', contentBase64: csv }));
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength);
    expect(await core.front.dispatchJson('imports.preview', pooled, owner)).toMatchObject({ data: { rows: [['A-1', '张三', '保温杯'], ['A-2', '李四', '茶叶']] } });
    expect(pooled.toString()).toContain('orders.csv');
    const broken = await core.front.dispatchJson('imports.preview', new Uint8Array(Buffer.from('{"fileName": "a.csv", ')), owner);
    expect(broken).toMatchObject({ error: { code: 'invalid_input' } });
    const refused = await core.front.dispatchJson('imports.preview', new Uint8Array(Buffer.from(JSON.stringify({ fileName: 'a.csv', contentBase64: csv }))), service);
    expect(refused).toMatchObject({ error: { code: 'forbidden' } });
  });

  it("every call of a session that is not a read tells the readers it wrote (its next reads are not answers asked before)", async () => {
    const reads = (core.front as unknown as { reads: { wrote(token: string): void } }).reads;
    const told: string[] = [];
    const wrote = reads.wrote.bind(reads);
    reads.wrote = (token) => (told.push(token), wrote(token));
    try {
      await core.call('imports.sources', {}, owner); // a read
      expect(told).toEqual([]);
      const folder = mkdtempSync(join(tmpdir(), 'orderhub-front-source-'));
      const saved = await core.call('imports.saveSource', { folder, schedule: 'on-arrival', enabled: false }, owner); // the writer
      expect(told).toEqual([owner]);
      expect((await core.call('imports.sources', {}, owner)).map((s) => s.id)).toContain(saved.id);
      await core.call('imports.deleteSource', { id: saved.id }, owner);
      expect(told).toEqual([owner, owner]);
    } finally {
      reads.wrote = wrote;
    }
  });

  it('a refusal on a reader is audited by the writer before the refusal is answered', async () => {
    const r = await core.post('audit.list', {}, service); // runs on a reader; service lacks audit.view
    expect(r.status).toBe(403);
    const last = db.prepare(`SELECT actor_name AS actor, entity, entity_id AS entityId, action FROM audit_log ORDER BY seq DESC LIMIT 1`).get();
    expect(last).toEqual({ actor: 'service', entity: 'api', entityId: 'audit.list', action: 'forbidden' });
  });

  it('events arrive after the commit, only to sessions whose role may see them', async () => {
    const opsStream = await openEvents(core.url, ops);
    const serviceStream = await openEvents(core.url, service);
    try {
      const id = firstOrderId();
      const notesBefore = db.prepare('SELECT count(*) FROM order_notes WHERE order_id = ?').pluck().get(id) as number;
      await core.call('orders.addNote', { orderIds: [id], body: '推送测试' }, ops);
      const changed = await until(() => serviceStream.events.find((e) => e.name === 'orders.changed' && (e.data as { ids: string[] }).ids.includes(id)), Boolean, 10_000);
      expect(changed).toBeTruthy();
      // Delivered after the commit: the note is there for anyone reading now.
      expect(db.prepare('SELECT count(*) FROM order_notes WHERE order_id = ?').pluck().get(id)).toBe(notesBefore + 1);
      await until(() => opsStream.events.some((e) => e.name === 'orders.changed'), Boolean, 10_000);

      // A shop's polling state: ops (channels.view) hears it, customer service does not.
      const shop = await core.call('channels.create', { kind: 'taobao', name: '推送测试店', config: { ...sim.credentials, endpoint: sim.url } }, ops);
      await core.call('channels.pollNow', { id: shop.id }, ops);
      await until(() => opsStream.events.filter((e) => e.name === 'channels.health' && (e.data as { channelId: string }).channelId === shop.id).length, (n) => n >= 2, 10_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(serviceStream.events.some((e) => e.name === 'channels.health')).toBe(false);
    } finally {
      opsStream.close();
      serviceStream.close();
    }
  });

  it('the event stream needs a live session, and ends when that session ends', async () => {
    expect((await openEvents(core.url, null)).status).toBe(401);
    expect((await openEvents(core.url, 'forged-token')).status).toBe(401);
    const token = await core.login('finance');
    const stream = await openEvents(core.url, token);
    expect(stream.status).toBe(200);
    let ended = false;
    void stream.closed.then(() => (ended = true));
    await core.call('auth.logout', {}, token);
    await until(() => ended, Boolean, 5000);
    expect((await openEvents(core.url, token)).status).toBe(401);

    // Disabling a user ends their open stream too.
    const warehouse = await core.login('warehouse');
    const second = await openEvents(core.url, warehouse);
    let secondEnded = false;
    void second.closed.then(() => (secondEnded = true));
    const users = await core.call('users.list', {}, owner);
    await core.call('users.update', { id: users.find((u) => u.username === 'warehouse')!.id, disabled: true }, owner);
    await until(() => secondEnded, Boolean, 5000);
  });
});
