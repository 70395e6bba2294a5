import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { oldestFirst } from './sort';

describe('oldestFirst', () => {
  it('orders rows as ORDER BY at, id does in SQLite, ties included', () => {
    const rows = [
      { id: '0190a0b0-0000-7000-8000-00000000000b', at: 5 }, { id: '0190a0b0-0000-7000-8000-00000000000a', at: 5 },
      { id: 'manual-2', at: 1 }, { id: 'Manual-1', at: 1 }, { id: '0190a0b0-0000-7000-8000-000000000001', at: 9 },
    ];
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (id TEXT, at INTEGER)');
    for (const r of rows) db.prepare('INSERT INTO t VALUES (?, ?)').run(r.id, r.at);
    const bySqlite = db.prepare('SELECT id FROM t ORDER BY at, id').pluck().all();
    expect([...rows].sort(oldestFirst((r) => r.at)).map((r) => r.id)).toEqual(bySqlite);
  });
});
