import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../index';

const ctx = { actor: { id: 'u1', name: 'ops' }, call: 'orders.setUrgency' };
const remote = { call: 'orders.setUrgency', actorId: 'u2', actorName: 'li', origin: 'pc-b #7' };
const stamp = (wall: number, node = 'b') => `${String(wall).padStart(15, '0')}-00000-${node}`;

describe('the outbox is the sync log; remote changes apply through the write path', () => {
  let dir: string;
  let db: Database;
  const rows = () => db.sqlite.prepare('SELECT entity, entity_id AS id, op, values_json AS v, hlc, call, actor_id AS actor FROM outbox ORDER BY seq').all() as {
    entity: string; id: string; op: string; v: string | null; hlc: string; call: string; actor: string | null;
  }[];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'orderhub-synclog-'));
    db = await openDatabase(join(dir, 'orderhub.db'));
    db.writes.run(ctx, (tx) => tx.insert('warehouses', { id: 'w1', code: 'HZ', name: '杭州仓', city: null, createdAt: 1, updatedAt: 1 }));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('alone (not in a team) nothing is logged; in a team every change carries its values, clock stamp, call and actor; a delete is a tombstone', () => {
    expect(rows()).toEqual([]);
    db.writes.syncLog.setEnabled(true);
    db.writes.run(ctx, (tx) => {
      tx.insert('warehouses', { id: 'w2', code: 'SH', name: '上海仓', createdAt: 2, updatedAt: 2 });
      tx.update('warehouses', 'w1', { name: '杭州一仓', updatedAt: 3 });
      tx.update('warehouses', 'w1', { name: '杭州一仓' }); // no change: no record
      tx.delete('warehouses', 'w2');
    });
    const r = rows();
    expect(r.map((x) => x.op)).toEqual(['insert', 'update', 'delete']);
    expect(JSON.parse(r[0]!.v!)).toEqual({ id: 'w2', code: 'SH', name: '上海仓', city: null, created_at: 2, updated_at: 2 });
    expect(JSON.parse(r[1]!.v!)).toEqual({ name: '杭州一仓', updated_at: 3 });
    expect(r[2]!.v).toBeNull();
    expect(r.every((x) => x.call === 'orders.setUrgency' && x.actor === 'u1')).toBe(true);
    expect([...r.map((x) => x.hlc)].sort()).toEqual(r.map((x) => x.hlc)); // stamps increase
    expect(db.writes.syncLog.compact(db.writes.syncLog.lastSeq())).toBe(3);
    expect(rows()).toEqual([]);
  });

  it('a remote value older than a local change not yet acknowledged loses that field only; a newer one wins', () => {
    db.writes.syncLog.setEnabled(true);
    db.writes.run(ctx, (tx) => tx.update('warehouses', 'w1', { name: '本机改名' }));
    const mine = rows()[0]!.hlc;
    const older = Number(mine.slice(0, 15)) - 1000;
    db.writes.run(ctx, (tx) => {
      expect(tx.applyRemote({ ...remote, table: 'warehouses', row: 'w1', op: 'update', hlc: stamp(older), values: { name: '远端旧名', city: '杭州' } })).toBe('applied');
    });
    expect(db.sqlite.prepare('SELECT name, city FROM warehouses WHERE id = ?').get('w1')).toEqual({ name: '本机改名', city: '杭州' });
    db.writes.run(ctx, (tx) => tx.applyRemote({ ...remote, table: 'warehouses', row: 'w1', op: 'update', hlc: stamp(older + 60_000), values: { name: '远端新名' } }));
    expect(db.sqlite.prepare('SELECT name FROM warehouses WHERE id = ?').pluck().get('w1')).toBe('远端新名');
    // Remote changes are not logged again, and are audited as remote with the other PC's actor and call.
    expect(rows()).toHaveLength(1);
    const audit = db.sqlite.prepare(`SELECT action, actor_name AS who, call, reason FROM audit_log WHERE action LIKE 'remote_%' ORDER BY seq`).all();
    expect(audit).toEqual([
      { action: 'remote_update', who: 'li', call: 'orders.setUrgency', reason: 'sync: pc-b #7' },
      { action: 'remote_update', who: 'li', call: 'orders.setUrgency', reason: 'sync: pc-b #7' },
    ]);
    expect(db.writes.verifyAudit().ok).toBe(true);
  });

  it('a newer app\'s fields and tables are kept (sync_unknown), never a crash', () => {
    db.writes.run(ctx, (tx) => {
      expect(tx.applyRemote({ ...remote, table: 'warehouses', row: 'w1', op: 'update', hlc: stamp(5e12), values: { city: '宁波', dock_count: 12 } })).toBe('applied');
      expect(tx.applyRemote({ ...remote, table: 'aftersales_tickets', row: 't1', op: 'insert', hlc: stamp(5e12), values: { id: 't1', reason: 'broken' } })).toBe('unknown');
    });
    expect(db.sqlite.prepare('SELECT city FROM warehouses WHERE id = ?').pluck().get('w1')).toBe('宁波');
    const kept = db.sqlite.prepare('SELECT entity, field, value_json AS v FROM sync_unknown ORDER BY entity, field').all();
    expect(kept).toEqual([
      { entity: 'aftersales_tickets', field: 'id', v: '"t1"' },
      { entity: 'aftersales_tickets', field: 'reason', v: '"broken"' },
      { entity: 'warehouses', field: 'dock_count', v: '12' },
    ]);
  });

  it('an update for a row this PC never had, or one breaking a constraint, is a conflict that changes nothing', () => {
    db.writes.run(ctx, (tx) => {
      expect(tx.applyRemote({ ...remote, table: 'warehouses', row: 'nope', op: 'update', hlc: stamp(5e12), values: { name: 'x' } })).toBe('conflict');
      expect(tx.applyRemote({ ...remote, table: 'warehouses', row: 'w9', op: 'insert', hlc: stamp(5e12), values: { id: 'w9', code: 'HZ', name: 'dup', created_at: 1, updated_at: 1 } })).toBe('conflict');
    });
    expect(db.sqlite.prepare('SELECT count(*) FROM warehouses').pluck().get()).toBe(1);
  });
});
