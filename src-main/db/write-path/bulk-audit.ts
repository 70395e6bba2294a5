import { createHash } from 'node:crypto';
import type { Sqlite } from '../connection';
import type { SyncedTable } from './synced-table';

/**
 * Bulk writes (demo generation, large imports) get ONE audit record per batch, and that record
 * carries a hash per row: the chain proves every row as it was inserted without paying for a
 * full before/after record per row. A row's hash covers the values of the fields it was
 * inserted with, as SQLite stores them; `verifyBulkRows` recomputes it from the table, undoing
 * the row's later audited changes, so a row edited behind the write path's back is found.
 */
export interface BulkAuditBody {
  summary: string;
  count: number;
  /** Rows grouped by the fields they were inserted with (one group unless rows differ). */
  rowHashes: { fields: string[]; rows: string }[];
}

/** 128 bits of SHA-256 (base64url, 22 characters): a second row that matches it cannot be made. */
export function rowHash(entity: string, fields: readonly string[], row: Record<string, unknown>): string {
  const values = fields.map((f) => canonicalValue(row[f]));
  return createHash('sha256').update(JSON.stringify([entity, ...values])).digest().subarray(0, 16).toString('base64url');
}

/** A value as SQLite stores it (the write path's conversion), in a form JSON can carry. */
function canonicalValue(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  if (Buffer.isBuffer(v)) return `b64:${v.toString('base64')}`;
  if (typeof v === 'object') return JSON.stringify(v);
  return v;
}

/** The batch record's body: `rows` is "id hash;id hash;…" (compact: the ids are UUIDs). */
export function bulkBody(entity: string, idKey: string, rows: readonly Record<string, unknown>[], summary: string): BulkAuditBody {
  const groups = new Map<string, { fields: string[]; rows: string[] }>();
  for (const row of rows) {
    const fields = Object.keys(row).filter((k) => row[k] !== undefined);
    const sig = fields.join(',');
    let g = groups.get(sig);
    if (!g) groups.set(sig, (g = { fields, rows: [] }));
    g.rows.push(`${String(row[idKey])} ${rowHash(entity, fields, row)}`);
  }
  return { summary, count: rows.length, rowHashes: [...groups.values()].map((g) => ({ fields: g.fields, rows: g.rows.join(';') })) };
}

export interface RowBreak {
  seq: number;
  entity: string;
  id: string;
  problem: 'changed' | 'missing' | 'unverifiable';
}

/**
 * Checks every row that a bulk record lists against its hash. The row as inserted is rebuilt
 * from the row as it is now by undoing its later audited changes (newest first): updates put
 * back their `before` fields, a delete gives back the whole row, an insert means it did not
 * exist before. A field whose earlier value the audit log redacted cannot be rebuilt.
 */
export function verifyBulkRows(sqlite: Sqlite, table: (entity: string) => SyncedTable | null): { checked: number; broken: RowBreak[] } {
  const records = sqlite
    .prepare(`SELECT seq, entity, after_json AS afterJson FROM audit_log WHERE action = 'bulk_insert' ORDER BY seq`)
    .iterate() as IterableIterator<{ seq: number; entity: string; afterJson: string | null }>;
  const later = sqlite.prepare(`SELECT seq, action, before_json AS beforeJson FROM audit_log WHERE entity = ? AND entity_id = ? AND seq > ? ORDER BY seq DESC`);
  const broken: RowBreak[] = [];
  let checked = 0;
  for (const rec of records) {
    const body = rec.afterJson ? (JSON.parse(rec.afterJson) as Partial<BulkAuditBody>) : {};
    const t = table(rec.entity);
    if (!t || !Array.isArray(body.rowHashes)) continue; // an older summary record: nothing per row to check
    for (const group of body.rowHashes) {
      for (const pair of group.rows ? group.rows.split(';') : []) {
        const [id, hash] = pair.split(' ') as [string, string];
        checked++;
        let row: Record<string, unknown> | null = t.get(id);
        let unverifiable = false;
        for (const ch of later.all(rec.entity, id, rec.seq) as { seq: number; action: string; beforeJson: string | null }[]) {
          const before = ch.beforeJson ? (JSON.parse(ch.beforeJson) as Record<string, unknown>) : null;
          if (ch.action === 'insert') row = null;
          else if (ch.action === 'delete') row = before;
          else if (ch.action === 'update' && row && before) row = { ...row, ...before };
          if (before && group.fields.some((f) => before[f] === '[redacted]')) unverifiable = true;
        }
        if (!row) broken.push({ seq: rec.seq, entity: rec.entity, id, problem: 'missing' });
        else if (unverifiable) broken.push({ seq: rec.seq, entity: rec.entity, id, problem: 'unverifiable' });
        else if (rowHash(rec.entity, group.fields, row) !== hash) broken.push({ seq: rec.seq, entity: rec.entity, id, problem: 'changed' });
      }
    }
  }
  return { checked, broken };
}
