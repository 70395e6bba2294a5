import { hash } from 'node:crypto';
import type { Sqlite } from '../connection';
import type { SyncedTable, Value } from './synced-table';

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
  /**
   * Rows grouped by the fields they were inserted with (one group unless rows differ). `rows` is
   * one entry per row, space-separated: the row's id (a UUID as `u` + its 16 bytes in base64url,
   * any other id as `s` + the id URI-encoded) followed by its 22-character hash.
   */
  rowHashes: { fields: string[]; rows: string }[];
}

const HASH_CHARS = 22;
const DASH = 45;

/**
 * ~45 bytes a row instead of ~60: at 10+ rows an order that is most of what the record weighs.
 * A UUID (36 characters, dashes where UUIDs have them, lowercase hex digits: the form our ids take)
 * is read digit by digit into one reused buffer: a regex, a replace and a Buffer per row cost
 * several times as much.
 */
export function encodeId(id: string): string {
  return uuidBytes(id, ID_BYTES) ? `u${ID_BYTES.toString('base64url')}` : `s${encodeURIComponent(id)}`;
}

const ID_BYTES = Buffer.alloc(16);

/** The 16 bytes of a lowercase UUID into `into`; false for anything else. */
function uuidBytes(id: string, into: Buffer): boolean {
  if (id.length !== 36) return false;
  let at = 0;
  for (let i = 0; i < 36; i += 2) {
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (id.charCodeAt(i) !== DASH) return false;
      i--; // the group after a dash starts one character on
      continue;
    }
    const hi = hexDigit(id.charCodeAt(i));
    const lo = hexDigit(id.charCodeAt(i + 1));
    if (hi < 0 || lo < 0) return false;
    into[at++] = hi * 16 + lo;
  }
  return true;
}

/** 0–15 for 0-9 and a-f; -1 otherwise (an uppercase UUID keeps its text form, as records already written have it). */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

export function decodeId(code: string): string {
  if (code.startsWith('s')) return decodeURIComponent(code.slice(1));
  const hex = Buffer.from(code.slice(1), 'base64url').toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * 128 bits of SHA-256 (base64url, 22 characters): a second row that matches it cannot be made.
 * The one-shot hash is ~3× cheaper per row than a Hash object; the first 16 bytes' encoding is the
 * digest's first 21 characters and a 22nd that keeps only its top two bits.
 */
export function rowHash(entity: string, fields: readonly string[], row: Record<string, unknown>): string {
  return hashInto([entity], fields, row);
}

/** rowHash with `values` = [entity] reused from row to row (a batch hashes thousands). */
function hashInto(values: unknown[], fields: readonly string[], row: Record<string, unknown>): string {
  values.length = 1;
  for (const f of fields) values.push(canonicalValue(row[f]));
  const digest = hash('sha256', JSON.stringify(values), 'base64url');
  return digest.slice(0, 21) + BASE64URL[BASE64URL.indexOf(digest[21]!) & 0b110000];
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

interface Group {
  fields: string[];
  rows: string[];
}

/** The batch record's body. */
export function bulkBody(entity: string, idKey: string, rows: readonly Record<string, unknown>[], summary: string): BulkAuditBody {
  const groups = new Map<string, Group>();
  const values: unknown[] = [entity];
  let last: Group | null = null;
  for (const row of rows) {
    const keys = Object.keys(row);
    // Rows of a batch nearly always have the fields of the row before: no signature to build.
    if (!last || !sameFields(last.fields, keys, row)) {
      const fields = keys.filter((k) => row[k] !== undefined);
      const sig = fields.join(',');
      last = groups.get(sig) ?? null;
      if (!last) groups.set(sig, (last = { fields, rows: [] }));
    }
    last.rows.push(encodeId(String(row[idKey])) + hashInto(values, last.fields, row));
  }
  return { summary, count: rows.length, rowHashes: [...groups.values()].map((g) => ({ fields: g.fields, rows: g.rows.join(' ') })) };
}

/** The row's keys are exactly `fields`, in order, none of them undefined. */
function sameFields(fields: readonly string[], keys: readonly string[], row: Record<string, unknown>): boolean {
  if (keys.length !== fields.length) return false;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== fields[i] || row[keys[i]!] === undefined) return false;
  return true;
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
export function verifyBulkRows(sqlite: Sqlite, tables: readonly SyncedTable[]): { checked: number; broken: RowBreak[] } {
  const byName = new Map(tables.map((t) => [t.name, t]));
  // Bulk records have no entity id: the entity index finds a table's first one in one seek.
  const listsRows = sqlite.prepare(`SELECT 1 FROM audit_log WHERE entity = ? AND entity_id IS NULL AND action = 'bulk_insert' LIMIT 1`).pluck();
  const under = tables.filter((t) => t.underColumn && listsRows.get(t.name) !== undefined);
  try {
    // Built before the walk over the records starts (no writes while it reads), and only for tables
    // a record lists: a check that lists none of their rows pays nothing for them.
    const finders = new Map(under.map((t) => [t, underFinder(sqlite, t)]));
    return checkListedRows(sqlite, (entity) => {
      const t = byName.get(entity);
      return t ? (finders.get(t) ?? ((id: string) => t.get(id))) : null;
    });
  } finally {
    for (const t of under) sqlite.prepare(`DROP TABLE IF EXISTS temp."${tempName(t)}"`).run();
  }
}

type Finder = (id: string) => Record<string, unknown> | null;

function checkListedRows(sqlite: Sqlite, finder: (entity: string) => Finder | null): { checked: number; broken: RowBreak[] } {
  const records = sqlite
    .prepare(`SELECT seq, entity, after_json AS afterJson FROM audit_log WHERE action = 'bulk_insert' ORDER BY seq`)
    .iterate() as IterableIterator<{ seq: number; entity: string; afterJson: string | null }>;
  const later = sqlite.prepare(`SELECT seq, action, before_json AS beforeJson FROM audit_log WHERE entity = ? AND entity_id = ? AND seq > ? ORDER BY seq DESC`);
  // Joining a team replaces this PC's synced rows wholesale (WritePath.resetReplica, audited as
  // one record): rows inserted before that are gone by design, not by tampering.
  const resetAt = (sqlite.prepare(`SELECT max(seq) FROM audit_log WHERE action = 'replica_reset'`).pluck().get() as number | null) ?? 0;
  const broken: RowBreak[] = [];
  let checked = 0;
  for (const rec of records) {
    if (rec.seq < resetAt) continue;
    const body = rec.afterJson ? (JSON.parse(rec.afterJson) as Partial<BulkAuditBody>) : {};
    if (!Array.isArray(body.rowHashes)) continue; // an older summary record: nothing per row to check
    const find = finder(rec.entity);
    if (!find) continue;
    for (const group of body.rowHashes) {
      for (const entry of group.rows ? group.rows.split(' ') : []) {
        const id = decodeId(entry.slice(0, -HASH_CHARS));
        const hash = entry.slice(-HASH_CHARS);
        checked++;
        let row: Record<string, unknown> | null = find(id);
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

const tempName = (t: SyncedTable) => `verify_ids_${t.name}`;

/**
 * Rows stored under a parent (the order timeline, address history) have no index on their id
 * alone. For this check, one sorted pass copies each row's id and parent into a temporary index
 * (in SQLite's temp store, not the replica), so a listed row is two seeks away as it was before.
 * At 1 M demo orders the check took 208 s (max RSS 368 MB) against 153 s before the tables moved;
 * walking the table per 500 k listed rows instead took 375 s and 1.2 GB.
 */
function underFinder(sqlite: Sqlite, t: SyncedTable): Finder {
  const temp = tempName(t);
  sqlite.prepare(`DROP TABLE IF EXISTS temp."${temp}"`).run();
  sqlite.prepare(`CREATE TEMP TABLE "${temp}" (id TEXT NOT NULL, parent TEXT NOT NULL, PRIMARY KEY (id, parent)) WITHOUT ROWID`).run();
  sqlite.prepare(`INSERT INTO temp."${temp}" SELECT "${t.idColumn}", "${t.underColumn}" FROM main."${t.name}" ORDER BY 1, 2`).run();
  // Two seeks from JS: the same as one join statement measured 17 µs a row against 6 µs.
  const parentOf = sqlite.prepare(`SELECT parent FROM temp."${temp}" WHERE id = ? LIMIT 1`).pluck();
  return (id) => {
    const parent = parentOf.get(id) as string | undefined;
    return parent === undefined ? null : t.get(id, { [t.underColumn!]: parent });
  };
}
