import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getTableName } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { SYNCED_TABLES } from '../../src-main/db/tables';
import * as schema from '../../src-main/db/schema';

/**
 * House-plan invariant 3, checked on the source: outside the write path, nothing writes a
 * synced table with a bare drizzle insert/update/delete or raw INSERT/UPDATE/DELETE SQL.
 */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.ts$/.test(f) && !/\.test\.ts$/.test(f) ? [p] : [];
  });
}

describe('one write path', () => {
  const synced = SYNCED_TABLES.map((t) => getTableName(t.table));
  const exportName = Object.fromEntries(Object.entries(schema).filter(([, v]) => synced.includes(getTableName(v as never) as string)).map(([k, v]) => [getTableName(v as never), k]));
  const files = sourceFiles('src-main').filter((f) => !f.includes(join('db', 'write-path')) && !f.includes(join('db', 'migrations')));

  it.each(synced)('no bare writes to %s outside the write path', (table) => {
    const offenders: string[] = [];
    const drizzleName = exportName[table];
    const raw = new RegExp(`(INSERT\\s+(OR\\s+\\w+\\s+)?INTO|UPDATE|DELETE\\s+FROM)\\s+["\`]?${table}["\`]?\\b`, 'i');
    const viaDrizzle = drizzleName ? new RegExp(`\\.(insert|update|delete)\\(\\s*${drizzleName}\\s*\\)`) : null;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      if (raw.test(text) || viaDrizzle?.test(text)) offenders.push(f);
    }
    expect(offenders).toEqual([]);
  });
});

describe('one writer of orders.status (house-plan invariant 9)', () => {
  const files = sourceFiles('src-main').filter((f) => !f.includes(join('db', 'write-path')));

  it('only the state machine asks the write path for the key to orders.status', () => {
    const claimers = files.filter((f) => /\.claim\(/.test(readFileSync(f, 'utf8')));
    expect(claimers).toEqual([join('src-main', 'orders', 'lifecycle', 'lifecycle.ts')]);
  });

  it('a write of orders.status without the key is refused, whichever write it is', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { openDatabase } = await import('../../src-main/db');
    const dir = mkdtempSync(join(tmpdir(), 'orderhub-guard-'));
    const db = await openDatabase(join(dir, 'orderhub.db'));
    try {
      const ctx = { actor: { id: null, name: 'test' }, call: 'test' };
      const row = {
        id: 'o1', channelId: 'c1', platformOrderId: '1', status: 'shipped', platformStatus: 'x', goodsFen: 1, paidFen: 1, createdAt: 1,
        platformUpdatedAt: 1, ingestedAt: 1, modifiedAt: 1,
      };
      db.writes.run(ctx, (tx) => tx.insert('channels', { id: 'c1', kind: 'taobao', name: 's', createdAt: 0, updatedAt: 0 }));
      const refused = /orders\.status is written only by its owner/;
      expect(() => db.writes.run(ctx, (tx) => tx.insert('orders', row))).toThrow(refused);
      expect(() => db.writes.run(ctx, (tx) => tx.insertMany('orders', [row], 'x'))).toThrow(refused);
      expect(() => db.writes.run(ctx, (tx) => tx.insertAggregate('orders', row, []))).toThrow(refused);
      const key = db.writes.claim('orders', 'status');
      db.writes.run(ctx, (tx) => tx.insert('orders', row, key));
      expect(() => db.writes.run(ctx, (tx) => tx.update('orders', 'o1', { status: 'completed' }))).toThrow(refused);
      // Other fields of the order are written as before; nothing was half-written by the refusals.
      db.writes.run(ctx, (tx) => tx.update('orders', 'o1', { urgency: 'red' }));
      expect(db.sqlite.prepare('SELECT status, urgency FROM orders').all()).toEqual([{ status: 'shipped', urgency: 'red' }]);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
