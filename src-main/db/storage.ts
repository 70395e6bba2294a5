import type { Sqlite } from './connection';

/** Bytes a table takes, its indexes included (SQLite's dbstat), and per index. */
export interface TableBytes {
  table: string;
  bytes: number;
  parts: { name: string; bytes: number }[];
}

/**
 * Where the file's pages go, per table (each index and FTS5 shadow table counted with the table
 * it belongs to), largest first: the figure behind "bytes per order" (issue 9, item 8).
 */
export function storageByTable(sqlite: Sqlite): TableBytes[] {
  const rows = sqlite
    .prepare(`SELECT s.name, coalesce(m.tbl_name, s.name) AS tbl, sum(s.pgsize) AS bytes FROM dbstat s LEFT JOIN sqlite_master m ON m.name = s.name GROUP BY s.name`)
    .all() as { name: string; tbl: string; bytes: number }[];
  const byTable = new Map<string, TableBytes>();
  for (const r of rows) {
    // FTS5 keeps its index in shadow tables named after it.
    const table = /^(order_search|line_search|order_no_search)_(data|idx|config|docsize|content)$/.test(r.tbl) ? r.tbl.replace(/_(data|idx|config|docsize|content)$/, '') : r.tbl;
    const e = byTable.get(table) ?? { table, bytes: 0, parts: [] };
    e.bytes += r.bytes;
    e.parts.push({ name: r.name, bytes: r.bytes });
    byTable.set(table, e);
  }
  return [...byTable.values()].sort((a, b) => b.bytes - a.bytes);
}

/** Which helper's share a table is (issue 9, item 8): the grid's tables, the audit chain, the sync log, the rest. */
export function storageOwner(table: string): 'grid' | 'audit' | 'outbox' | 'other' {
  if (table === 'audit_log') return 'audit';
  if (table === 'outbox' || table === 'sync_log' || table === 'sync_unknown') return 'outbox';
  if (/^(orders|order_.*|customers|line_search)$/.test(table)) return 'grid';
  return 'other';
}
