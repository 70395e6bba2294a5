import { createHash } from 'node:crypto';
import type { Sqlite } from '../../src-main/db';
import { TABLES } from '../../src-main/db/tables';
import type { SqlValue } from '../../src-shared/sync/protocol';

type Rows = Map<string, Map<string, Record<string, SqlValue>>>;

const SYNCED = Object.entries(TABLES).filter(([, e]) => e.class === 'synced').map(([n, e]) => ({ name: n, id: e.idKey === 'channelId' ? 'channel_id' : 'id' }));

/** A replica's synced tables as table → id → columns (the shape the cloud keeps). */
export function replicaRows(sqlite: Sqlite): Rows {
  const out: Rows = new Map();
  for (const t of SYNCED) {
    const m = new Map<string, Record<string, SqlValue>>();
    for (const r of sqlite.prepare(`SELECT * FROM "${t.name}"`).all() as Record<string, SqlValue>[]) m.set(String(r[t.id]), r);
    if (m.size) out.set(t.name, m);
  }
  return out;
}

/** One hash over every synced row, independent of row and key order: equal replicas hash equal. */
export function rowsHash(rows: Rows): string {
  const h = createHash('sha256');
  for (const table of [...rows.keys()].sort()) {
    const m = rows.get(table)!;
    if (!m.size) continue;
    h.update(`#${table}\n`);
    for (const id of [...m.keys()].sort()) {
      const r = m.get(id)!;
      h.update(JSON.stringify(Object.keys(r).sort().map((k) => [k, normal(r[k] ?? null)])) + '\n');
    }
  }
  return h.digest('hex');
}

const normal = (v: SqlValue): SqlValue => (typeof v === 'boolean' ? (v ? 1 : 0) : v);
