import type { Sqlite } from '../connection';
import type { SyncedTable, Value } from './synced-table';

/**
 * A synced table's rows in stored order, `batch` at a time, each batch read from where the one
 * before ended (by rowid, or by parent and id for a table stored under a parent): no id list in
 * memory, no OFFSET to skip again. The caller may write between batches.
 */
export function* walkRows(sqlite: Sqlite, t: SyncedTable, batch: number): Generator<Record<string, Value>[]> {
  const key = t.storedKeySql;
  const select = `SELECT ${key.map((k, i) => `${k} AS "__k${i}"`).join(', ')}, * FROM "${t.name}"`;
  const first = sqlite.prepare(`${select} ORDER BY ${key.join(', ')} LIMIT ?`);
  const next = sqlite.prepare(`${select} WHERE (${key.join(', ')}) > (${key.map(() => '?').join(', ')}) ORDER BY ${key.join(', ')} LIMIT ?`);
  for (let after: Value[] | null = null; ;) {
    const rows = (after ? next.all(...after, batch) : first.all(batch)) as Record<string, Value>[];
    if (!rows.length) return;
    const last = rows[rows.length - 1]!;
    after = key.map((_, i) => last[`__k${i}`]!);
    for (const r of rows) for (let i = 0; i < key.length; i++) delete r[`__k${i}`];
    yield rows;
    if (rows.length < batch) return;
  }
}
