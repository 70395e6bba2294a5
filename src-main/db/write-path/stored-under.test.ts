import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { oneOrderDb, type OneOrderDb } from '../../../tests/helpers/one-order-db';
import type { Database } from '../index';
import { formatStamp } from './hlc';
import type { RemoteChange } from './remote-apply';

const ctx = { actor: { id: null, name: '测试' }, call: 'test' };

/** The order timeline (and address history) is stored under its order (WITHOUT ROWID, keyed by order_id then id). */
describe('order_events: stored under the order, found by order and id', () => {
  let world: OneOrderDb;
  let db: Database;
  let orderId: string;
  beforeEach(async () => {
    world = await oneOrderDb('stored-under', ctx);
    ({ db, orderId } = world);
  });
  afterEach(() => world.close());

  const event = (id: string, at = 5) => ({ id, orderId, at, type: 'note', actorId: null, actorName: '测试', fromStatus: null, toStatus: null, detailJson: '{"body":"到了"}' });
  const remote = (op: RemoteChange['op'], id: string, values: Record<string, unknown> | null): RemoteChange =>
    ({ table: 'order_events', row: id, op, hlc: formatStamp(Date.now(), 0, 'other'), values, call: 'orders.note', actorId: null, actorName: '另一台', origin: 'device other' });
  const timeline = () => db.sqlite.prepare('SELECT id, type FROM order_events WHERE order_id = ? ORDER BY at, id').all(orderId) as { id: string; type: string }[];

  it('the timeline and the address history are each one b-tree with no index of their own, an order\'s rows one range of its key', () => {
    for (const table of ['order_events', 'order_addresses']) {
      const sql = db.sqlite.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).pluck().get(table) as string;
      expect(sql).toMatch(/PRIMARY KEY\(`order_id`, `id`\)/);
      expect(sql).toMatch(/WITHOUT ROWID\s*$/);
      expect(db.sqlite.prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = ?`).pluck().get(table)).toBe(0);
      const plan = db.sqlite.prepare(`EXPLAIN QUERY PLAN SELECT * FROM ${table} WHERE order_id = ?`).all('x') as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toMatch(new RegExp(`SEARCH ${table} USING PRIMARY KEY \\(order_id=\\?\\)`));
      expect(db.writes.table(table).underColumn).toBe('order_id');
    }
    expect(timeline().map((e) => e.type)).toEqual(['ingested']);
  });

  it('another PC\'s event is applied once; an update is refused; a delete needs the order (the undo of a refused insert has it)', () => {
    const values = { id: 'ev-remote', order_id: orderId, at: 7, type: 'note', actor_id: null, actor_name: '另一台', from_status: null, to_status: null, detail_json: '{}' };
    expect(db.writes.run(ctx, (tx) => tx.applyRemote(remote('insert', 'ev-remote', values)))).toBe('applied');
    expect(db.writes.run(ctx, (tx) => tx.applyRemote(remote('insert', 'ev-remote', values)))).toBe('unchanged');
    expect(timeline().map((e) => e.id)).toContain('ev-remote');

    expect(db.writes.run(ctx, (tx) => tx.applyRemote(remote('update', 'ev-remote', { type: 'tampered' })))).toBe('conflict');
    expect(db.writes.run(ctx, (tx) => tx.applyRemote(remote('delete', 'ev-remote', null)))).toBe('conflict');
    expect(timeline().find((e) => e.id === 'ev-remote')?.type).toBe('note');

    expect(db.writes.run(ctx, (tx) => tx.applyRemote(remote('delete', 'ev-remote', values)))).toBe('applied');
    expect(timeline().map((e) => e.id)).not.toContain('ev-remote');
  });

  it('the write path refuses to change or delete an event by its id alone, instead of scanning the table', () => {
    db.writes.run(ctx, (tx) => tx.insert('order_events', event('ev-1')));
    expect(() => db.writes.run(ctx, (tx) => tx.update('order_events', 'ev-1', { type: 'x' }))).toThrow(/found by its order_id and id/);
    expect(() => db.writes.run(ctx, (tx) => tx.delete('order_events', 'ev-1'))).toThrow(/found by its order_id and id/);
    expect(timeline().find((e) => e.id === 'ev-1')?.type).toBe('note');
  });

  it('bulk-audited events are found for their check without an index on the id; one edited or deleted behind the write path is reported', () => {
    // No bulk record lists an event yet: the check builds no lookup for the timeline (13–19 s at 1 M orders).
    const prepared = vi.spyOn(db.sqlite, 'prepare');
    expect(db.writes.verifyAudit({ rows: true })).toMatchObject({ ok: true, rows: { checked: 0, broken: [] } });
    expect(prepared.mock.calls.map(([sql]) => sql).filter((sql) => /CREATE TEMP TABLE/.test(sql))).toEqual([]);

    db.writes.run(ctx, (tx) => tx.insertMany('order_events', [1, 2, 3, 4, 5].map((n) => event(`ev-${n}`, n)), 'five notes'));
    expect(db.writes.verifyAudit({ rows: true })).toMatchObject({ ok: true, rows: { checked: 5, broken: [] } });
    expect(prepared.mock.calls.map(([sql]) => sql).filter((sql) => /CREATE TEMP TABLE/.test(sql))).toEqual([expect.stringContaining('verify_ids_order_events')]);

    db.sqlite.prepare(`UPDATE order_events SET type = 'cancelled' WHERE id = 'ev-2'`).run();
    db.sqlite.prepare(`DELETE FROM order_events WHERE id = 'ev-4'`).run();
    const again = db.writes.verifyAudit({ rows: true });
    expect(again.ok).toBe(false);
    expect(again.rows!.broken.map((b) => [b.id, b.problem])).toEqual([['ev-2', 'changed'], ['ev-4', 'missing']]);
    // The lookup lives only for the check: nothing is left in the temp store.
    expect(db.sqlite.prepare(`SELECT name FROM temp.sqlite_master`).pluck().all()).toEqual([]);
  });

  it('the first PC of a team queues every event with its values, walking the table by its key', () => {
    db.writes.run(ctx, (tx) => tx.insertMany('order_events', [1, 2, 3].map((n) => event(`ev-${n}`, n)), 'three notes'));
    db.writes.syncLog.setEnabled(true);
    db.writes.queueSnapshot(2); // batches of two: the walk goes on from where each batch ended
    const queued = db.sqlite.prepare(`SELECT entity_id AS id, values_json AS v FROM outbox WHERE entity = 'order_events' ORDER BY seq`).all() as { id: string; v: string }[];
    expect(queued.map((q) => q.id).sort()).toEqual(timeline().map((e) => e.id).sort());
    expect(queued.map((q) => q.id)).toHaveLength(4);
    expect(JSON.parse(queued.find((q) => q.id === 'ev-2')!.v)).toMatchObject({ id: 'ev-2', order_id: orderId, at: 2, type: 'note' });
    expect(Object.keys(JSON.parse(queued[0]!.v) as object).some((k) => k.startsWith('__'))).toBe(false);
  });
});
