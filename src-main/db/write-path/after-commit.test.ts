import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderUpserter } from '../../ingest/order-upsert';
import { createOrderFlow } from '../../orders/flow';
import { order } from '../../../tests/helpers/channel-fixtures';
import { openDatabase, type Committed, type Database as Db } from '../index';

const ctx = { actor: { id: null, name: 't' }, call: 'test' };

describe('after-commit listeners', () => {
  let dir: string;
  let db: Db;
  let other: Database.Database;
  let heard: Committed[];
  let seenByOthers: number[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'orderhub-after-commit-'));
    db = await openDatabase(join(dir, 'orderhub.db'));
    other = new Database(join(dir, 'orderhub.db'), { readonly: true });
    heard = [];
    seenByOthers = [];
    db.writes.run(ctx, (tx) => tx.insert('channels', { id: 'ch', kind: 'taobao', name: '店', configJson: '{}', paused: false, createdAt: 0, updatedAt: 0 }));
    db.writes.onCommit((c) => {
      heard.push(c);
      // Another connection (a reader) already sees what the event announces.
      seenByOthers.push(other.prepare('SELECT count(*) FROM orders').pluck().get() as number);
    });
  });
  afterEach(() => {
    other.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const upsert = (id: string) => (tx: Parameters<Parameters<Db['writes']['run']>[1]>[0]) =>
    new OrderUpserter(db.sqlite, createOrderFlow(db)).upsert(tx, 'ch', order(id), { source: 'test', payload: '{}' });

  it('hear the changed orders once the transaction committed, with child rows counted for their order', () => {
    db.writes.run(ctx, upsert('A1'));
    expect(heard).toHaveLength(1);
    const id = db.sqlite.prepare(`SELECT id FROM orders WHERE platform_order_id = 'A1'`).pluck().get() as string;
    expect([...heard[0]!.orderIds]).toEqual([id]);
    expect(heard[0]!.entities.get('order_lines')?.size).toBe(1);
    expect(seenByOthers).toEqual([1]);

    db.writes.run(ctx, (tx) => tx.insert('order_notes', { id: 'n1', orderId: id, authorName: 't', body: '备注', createdAt: 1 }));
    expect([...heard[1]!.orderIds]).toEqual([id]);
  });

  it('hear nothing from a transaction that rolled back', () => {
    expect(() => db.writes.run(ctx, (tx) => {
      upsert('B1')(tx);
      throw new Error('refused while writing');
    })).toThrow('refused');
    expect(heard).toEqual([]);
    expect(other.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(0);
  });

  it('hear a nested write with its outer transaction, and not a nested write that rolled back', () => {
    db.writes.run(ctx, (tx) => {
      upsert('C1')(tx);
      db.writes.run(ctx, upsert('C2'));
      try {
        db.writes.run(ctx, (inner) => {
          upsert('C3')(inner);
          throw new Error('inner refused');
        });
      } catch {
        // the outer transaction goes on without C3
      }
      expect(heard).toEqual([]); // nothing before the outer commit
    });
    expect(heard).toHaveLength(1);
    const ids = db.sqlite.prepare(`SELECT id FROM orders WHERE platform_order_id IN ('C1', 'C2') ORDER BY platform_order_id`).pluck().all();
    expect([...heard[0]!.orderIds].sort()).toEqual([...ids].sort());
    expect(seenByOthers).toEqual([2]);
  });

  it('a failing listener does not turn a committed write into a failed one', () => {
    db.writes.onCommit(() => {
      throw new Error('listener broke');
    });
    expect(() => db.writes.run(ctx, upsert('D1'))).not.toThrow();
    expect(heard).toHaveLength(1);
  });
});

describe('two connections of one PC (the core\'s writer and a job worker)', () => {
  it('the second logs to the sync log once the first enrolled the PC, and its clock stamps never go back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orderhub-two-conns-'));
    const writer = await openDatabase(join(dir, 'orderhub.db'));
    const job = await openDatabase(join(dir, 'orderhub.db')); // opened before the PC joined a team
    try {
      writer.writes.syncLog.setEnabled(true);
      const stamps: string[] = [];
      for (let i = 0; i < 20; i++) {
        const wp = i % 2 ? job.writes : writer.writes;
        wp.run(ctx, (tx) => tx.insert('warehouses', { id: `w${i}`, code: `W${i}`, name: `仓${i}`, createdAt: i, updatedAt: i }));
        stamps.push(writer.sqlite.prepare('SELECT hlc FROM outbox ORDER BY seq DESC LIMIT 1').pluck().get() as string);
      }
      expect(writer.sqlite.prepare(`SELECT count(*) FROM outbox WHERE entity = 'warehouses'`).pluck().get()).toBe(20);
      expect([...stamps].sort()).toEqual(stamps);
      expect(new Set(stamps).size).toBe(20);
    } finally {
      job.close();
      writer.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
