import { ERP_PULL_FIELDS, type ErpPullKind, type ErpReason, type PullMapping } from '../../../src-shared/erp';
import type { Param, Row } from '../odbc/session';

export type Values = Record<string, string | number | null>;
export type Read = { values: Values; reason: null } | { values: Values; reason: ErpReason; field: string; value: string };

/** The statement a pull mapping runs: the SQL as written, or a SELECT built from whitelisted names. */
export function pullStatement(kind: ErpPullKind, m: PullMapping): { sql: string; params: Param[] } {
  if (m.mode === 'sql') return { sql: m.sql, params: m.params };
  const cols = ERP_PULL_FIELDS[kind]
    .filter((f) => m.columns[f.key])
    .map((f) => `${m.columns[f.key]} AS ${f.key}`);
  return { sql: `SELECT ${cols.join(', ')} FROM ${m.table}`, params: [] };
}

/** Required fields the result does not have at all (a missing alias): a mapping problem, not a row problem. */
export function missingFields(kind: ErpPullKind, columns: string[]): string[] {
  const have = new Set(columns.map((c) => c.toLowerCase()));
  return ERP_PULL_FIELDS[kind].filter((f) => f.required && !have.has(f.key.toLowerCase())).map((f) => f.key);
}

/** Result column names as the driver gives them (PostgreSQL folds aliases to lower case). */
export function columnLookup(kind: ErpPullKind, sample: Row): Map<string, string> {
  const byLower = new Map(Object.keys(sample).map((k) => [k.toLowerCase(), k]));
  const out = new Map<string, string>();
  for (const f of ERP_PULL_FIELDS[kind]) {
    const col = byLower.get(f.key.toLowerCase());
    if (col) out.set(f.key, col);
  }
  return out;
}

const text = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  const s = (typeof v === 'string' ? v : String(v)).trim();
  return s === '' ? null : s;
};

/** A quantity from a decimal(28,10) column arrives as a JS number (or text, or BigInt): whole units only. */
function quantity(v: unknown): { ok: number } | { bad: 'not_a_number' | 'not_whole' } {
  const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  if (!Number.isFinite(n)) return { bad: 'not_a_number' };
  const r = Math.round(n);
  if (Math.abs(n - r) > 1e-6) return { bad: 'not_whole' };
  return { ok: r };
}

/** One ERP row → our fields, or the reason it cannot be used (naming the field and the value). */
export function readRow(kind: ErpPullKind, row: Row, cols: Map<string, string>): Read {
  return compileReader(kind, cols)(row);
}

/**
 * The reader of one result shape, built once per pull: which column feeds which field and how it is
 * coerced are settled here, so each of 100 k rows runs a flat loop instead of looking them up again.
 */
export function compileReader(kind: ErpPullKind, cols: Map<string, string>): (row: Row) => Read {
  const fields = ERP_PULL_FIELDS[kind].map((f) => ({ key: f.key, col: cols.get(f.key) ?? null, required: f.required === true, qty: f.key === 'qty' }));
  return (row) => {
    const values: Values = {};
    for (const f of fields) {
      const raw = f.col === null ? null : row[f.col];
      if (f.qty) {
        if (raw === null || raw === undefined) return reject(values, 'missing_value', f.key, '');
        const q = quantity(raw);
        if ('bad' in q) return reject(values, q.bad, f.key, String(raw));
        values.qty = q.ok;
        continue;
      }
      const t = text(raw);
      if (f.required && t === null) return reject(values, 'missing_value', f.key, '');
      values[f.key] = t;
    }
    return { values, reason: null };
  };
}

function reject(values: Values, code: 'missing_value' | 'not_a_number' | 'not_whole', field: string, value: string): Read {
  return { values, reason: { code, params: { field, value } }, field, value };
}

/** What an ERP row looked like, for the reject list and the preview (BigInt and Dates made readable). */
export function plainRow(row: Row): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'string' ? v : String(v);
  }
  return out;
}
