import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../connection';

export type Value = string | number | bigint | Buffer | null;

/**
 * A table whose changes are synced: the write path builds its SQL from the drizzle schema
 * (so columns are whitelisted by construction) and converts rows between JS keys and columns.
 */
export class SyncedTable<T extends SQLiteTable = SQLiteTable> {
  readonly name: string;
  /** JS key → SQL column name */
  private readonly columns: Map<string, string>;
  /** SQL column name → the value an insert that leaves it out stores (its default, else null). */
  private readonly defaults = new Map<string, Value>();
  readonly idColumn: string;
  /**
   * For a table stored under a parent (order_events: WITHOUT ROWID, keyed by order then id): the
   * parent's column. Its rows are found by parent and id, nothing indexes the id alone, and they
   * are never changed (only a sync refusal deletes one again, knowing its parent).
   */
  readonly underColumn: string | null;
  private readonly statements = new Map<string, Statement<unknown[]>>();

  constructor(
    private readonly sqlite: Sqlite,
    readonly table: T,
    readonly idKey = 'id',
    /** Fields never copied into the audit log (secrets, hashes). */
    readonly redact: readonly string[] = [],
    /** The parent field the rows are stored under, if any (see underColumn). */
    under?: string,
  ) {
    this.name = getTableName(table);
    const cols = Object.entries(getTableColumns(table));
    this.columns = new Map(cols.map(([key, col]) => [key, col.name]));
    for (const [, col] of cols) this.defaults.set(col.name, col.hasDefault && col.default !== undefined && typeof col.default !== 'object' ? toSql(col.default) : null);
    this.idColumn = this.column(idKey);
    this.underColumn = under ? this.column(under) : null;
  }

  /** SQL for the key the rows are stored by (rowid, or parent then id): what a full walk sorts by. */
  get storedKeySql(): string[] {
    return this.underColumn ? [`"${this.underColumn}"`, `"${this.idColumn}"`] : ['rowid'];
  }

  hasColumn(name: string): boolean {
    return this.defaults.has(name);
  }

  /** The given fields as SQL column → SQL value (what the sync log carries). */
  sqlValues(row: Record<string, unknown>): Record<string, Value> {
    const out: Record<string, Value> = {};
    for (const [k, v] of Object.entries(row)) if (v !== undefined) out[this.column(k)] = toSql(v);
    return out;
  }

  /** A new row as stored: the given fields plus the defaults of those left out, so every replica stores the same row. */
  insertedValues(row: Record<string, unknown>): Record<string, Value> {
    const out: Record<string, Value> = {};
    for (const [col, d] of this.defaults) out[col] = d;
    return Object.assign(out, this.sqlValues(row));
  }

  /**
   * The stored row by SQL column name, or null. `values` (by SQL column) gives the parent of a
   * row stored under one (values without it: null; none at all: a programming error).
   */
  getRaw(id: string, values?: Record<string, unknown> | null): Record<string, Value> | null {
    if (this.underColumn) {
      if (values === undefined) throw new Error(`${this.name}: a row is found by its ${this.underColumn} and ${this.idColumn}`);
      const parent = values?.[this.underColumn];
      if (typeof parent !== 'string') return null;
      return (this.stmt('selectUnder', () => `SELECT * FROM "${this.name}" WHERE "${this.underColumn}" = ? AND "${this.idColumn}" = ?`).get(parent, id) as Record<string, Value> | undefined) ?? null;
    }
    return (this.stmt('select', () => `SELECT * FROM "${this.name}" WHERE "${this.idColumn}" = ?`).get(id) as Record<string, Value> | undefined) ?? null;
  }

  /** Inserts by SQL column name (remote changes); callers pass only columns this table has. */
  insertRaw(values: Record<string, Value>): void {
    const cols = Object.keys(values).sort();
    const sql = () => `INSERT INTO "${this.name}" (${cols.map((c) => `"${this.checked(c)}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
    this.stmt(`rawins:${cols.join(',')}`, sql).run(...cols.map((c) => values[c] ?? null));
  }

  updateRaw(id: string, values: Record<string, Value>): void {
    this.changeable();
    const cols = Object.keys(values).filter((c) => c !== this.idColumn).sort();
    if (!cols.length) return;
    const sql = () => `UPDATE "${this.name}" SET ${cols.map((c) => `"${this.checked(c)}" = ?`).join(', ')} WHERE "${this.idColumn}" = ?`;
    this.stmt(`rawupd:${cols.join(',')}`, sql).run(...cols.map((c) => values[c] ?? null), id);
  }

  /** Rows stored under a parent are never changed: refuses, loudly, what would scan the table. */
  private changeable(): void {
    if (this.underColumn) throw new Error(`${this.name} rows are never changed (stored under ${this.underColumn}, with no index on ${this.idColumn} alone)`);
  }

  private checked(col: string): string {
    if (!this.defaults.has(col)) throw new Error(`${this.name}: unknown column "${col}"`);
    return col;
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

  /** The row by JS key, or null; `values` (by SQL column) as for getRaw. */
  get(id: string, values?: Record<string, unknown> | null): Record<string, unknown> | null {
    if (this.underColumn) {
      const raw = this.getRaw(id, values);
      return raw ? this.fromStored(raw) : null;
    }
    const raw = this.stmt('select', () => `SELECT * FROM "${this.name}" WHERE "${this.column(this.idKey)}" = ?`).get(id) as
      | Record<string, unknown>
      | undefined;
    return raw ? this.fromStored(raw) : null;
  }

  /** The row and its rowid in one read (an update of orders feeds the change feed, keyed by rowid). */
  getWithRowid(id: string): { row: Record<string, unknown>; rowid: number } | null {
    this.changeable();
    const raw = this.stmt('selectRowid', () => `SELECT rowid AS "__rowid", * FROM "${this.name}" WHERE "${this.column(this.idKey)}" = ?`).get(id) as
      | Record<string, unknown>
      | undefined;
    return raw ? { row: this.fromStored(raw), rowid: raw.__rowid as number } : null;
  }

  /** Inserts the given fields; fields left out take the column default. Returns the new row's rowid. */
  insert(row: Record<string, unknown>): number {
    // One pass for keys and values: this runs for every row every poll and import writes.
    const keys: string[] = [];
    const values: Value[] = [];
    for (const k of Object.keys(row)) {
      const v = row[k];
      if (v === undefined) continue;
      keys.push(k);
      values.push(toSql(v));
    }
    const shape = keys.join(',');
    let s = this.statements.get(`insert:${shape}`);
    if (!s) {
      const cols = keys.map((k) => `"${this.column(k)}"`); // refuses unknown fields loudly
      s = this.stmt(`insert:${shape}`, () => `INSERT INTO "${this.name}" (${cols.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`);
    }
    return Number(s.run(...values).lastInsertRowid);
  }

  /** The row's rowid (what derived tables such as the search index are keyed by). */
  rowidOf(id: string): number | undefined {
    this.changeable();
    return this.stmt('rowid', () => `SELECT rowid FROM "${this.name}" WHERE "${this.column(this.idKey)}" = ?`).pluck().get(id) as number | undefined;
  }

  update(id: string, patch: Record<string, unknown>): void {
    this.changeable();
    const keys = Object.keys(patch).filter((k) => k !== this.idKey).sort();
    if (!keys.length) return;
    const sql = () => `UPDATE "${this.name}" SET ${keys.map((k) => `"${this.column(k)}" = ?`).join(', ')} WHERE "${this.column(this.idKey)}" = ?`;
    this.stmt(`update:${keys.join(',')}`, sql).run(...keys.map((k) => toSql(patch[k])), id);
  }

  /** Deletes the row; one stored under a parent is found by `values` (by SQL column), as for getRaw. */
  delete(id: string, values?: Record<string, unknown> | null): void {
    if (this.underColumn) {
      const parent = values?.[this.underColumn];
      if (typeof parent !== 'string') throw new Error(`${this.name}: a row is deleted by its ${this.underColumn} and ${this.idColumn}`);
      this.stmt('deleteUnder', () => `DELETE FROM "${this.name}" WHERE "${this.underColumn}" = ? AND "${this.idColumn}" = ?`).run(parent, id);
      return;
    }
    this.stmt('delete', () => `DELETE FROM "${this.name}" WHERE "${this.column(this.idKey)}" = ?`).run(id);
  }

  /** A row as stored (by SQL column) as the write path's callers see it (by JS key). */
  fromStored(raw: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, col] of this.columns) out[key] = raw[col] ?? null;
    return out;
  }
}

export function toSql(v: unknown): Value {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || Buffer.isBuffer(v)) return v;
  return JSON.stringify(v);
}
