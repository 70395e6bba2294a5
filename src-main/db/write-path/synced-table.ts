import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../connection';

type Value = string | number | bigint | Buffer | null;

/**
 * A table whose changes are synced: the write path builds its SQL from the drizzle schema
 * (so columns are whitelisted by construction) and converts rows between JS keys and columns.
 */
export class SyncedTable<T extends SQLiteTable = SQLiteTable> {
  readonly name: string;
  /** JS key → SQL column name */
  private readonly columns: Map<string, string>;
  private readonly statements = new Map<string, Statement<unknown[]>>();

  constructor(
    private readonly sqlite: Sqlite,
    readonly table: T,
    readonly idKey = 'id',
    /** Fields never copied into the audit log (secrets, hashes). */
    readonly redact: readonly string[] = [],
  ) {
    this.name = getTableName(table);
    this.columns = new Map(Object.entries(getTableColumns(table)).map(([key, col]) => [key, col.name]));
    this.column(idKey);
  }

  /** Statements are prepared on first use: a database being opened by an older app may lack the table. */
  private stmt(key: string, sql: () => string): Statement<unknown[]> {
    let s = this.statements.get(key);
    if (!s) {
      s = this.sqlite.prepare(sql());
      this.statements.set(key, s);
    }
    return s;
  }

  column(key: string): string {
    const c = this.columns.get(key);
    if (!c) throw new Error(`${this.name}: unknown field "${key}"`);
    return c;
  }

  get(id: string): Record<string, unknown> | null {
    const raw = this.stmt('select', () => `SELECT * FROM "${this.name}" WHERE "${this.column(this.idKey)}" = ?`).get(id) as
      | Record<string, unknown>
      | undefined;
    return raw ? this.fromColumns(raw) : null;
  }

  /** Inserts the given fields; fields left out take the column default. Returns the new row's rowid. */
  insert(row: Record<string, unknown>): number {
    const keys = Object.keys(row).filter((k) => row[k] !== undefined);
    const sql = () => {
      const cols = keys.map((k) => `"${this.column(k)}"`); // refuses unknown fields loudly
      return `INSERT INTO "${this.name}" (${cols.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`;
    };
    return Number(this.stmt(`insert:${keys.join(',')}`, sql).run(...keys.map((k) => toSql(row[k]))).lastInsertRowid);
  }

  /** The row's rowid (what derived tables such as the search index are keyed by). */
  rowidOf(id: string): number | undefined {
    return this.stmt('rowid', () => `SELECT rowid FROM "${this.name}" WHERE "${this.column(this.idKey)}" = ?`).pluck().get(id) as number | undefined;
  }

  update(id: string, patch: Record<string, unknown>): void {
    const keys = Object.keys(patch).filter((k) => k !== this.idKey).sort();
    if (!keys.length) return;
    const sql = () => `UPDATE "${this.name}" SET ${keys.map((k) => `"${this.column(k)}" = ?`).join(', ')} WHERE "${this.column(this.idKey)}" = ?`;
    this.stmt(`update:${keys.join(',')}`, sql).run(...keys.map((k) => toSql(patch[k])), id);
  }

  delete(id: string): void {
    this.stmt('delete', () => `DELETE FROM "${this.name}" WHERE "${this.column(this.idKey)}" = ?`).run(id);
  }

  private fromColumns(raw: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, col] of this.columns) out[key] = raw[col] ?? null;
    return out;
  }
}

function toSql(v: unknown): Value {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || Buffer.isBuffer(v)) return v;
  return JSON.stringify(v);
}
