import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../../db';
import type { BuiltQuery, SortTerm } from './build';
import type { CountAnswer } from './count';
import { keyComparator, type SortKey } from './keys';
import { OrderSnapshot, type RowMove } from './snapshot';

/** Sampled stretches of the table (rowid ranges) used to place a window. */
const SAMPLE_RANGES = 32;
const SAMPLE_ROWS = 2000;
/** Rows a window covers at least on each side of the block asked for (scrolling stays inside it). */
export const WINDOW_REACH = 20_000;
/** Cached windows per view. */
const MAX_WINDOWS = 6;

/** A sort term, and whether its expression is a column that can hold no NULL (simpler, cheaper tests). */
export type BoundTerm = SortTerm & { notNull?: boolean };

/** One stretch of the sorted matches: those with key in [lo, hi), starting at grid position `start`. */
interface Window {
  lo: SortKey | null;
  hi: SortKey | null;
  start: number;
  snap: OrderSnapshot;
}

/**
 * Deep blocks of a big result in an order no index gives (4 M completed orders by amount):
 * instead of sorting every match (tens of seconds at 5 M), a window of the sorted matches is
 * placed around the block asked for. A sample of the matches' sort keys (a few spread-out rowid
 * ranges) says which keys border that position; one pass over the table then counts the
 * matches before the window and collects those inside it; only those are sorted. Blocks inside
 * the window are a primary-key range; order changes shift its start or are merged into it.
 */
export class SortWindows {
  private windows: Window[] = [];
  /** The exact number of matches, counted by the last pass over the table (see takeCount). */
  private counted: number | null = null;
  private readonly cmp: (a: SortKey, b: SortKey) => number;
  private readonly terms: BoundTerm[];
  private readonly sample: Statement;
  private readonly maxRowid: Statement;

  constructor(
    private readonly sqlite: Sqlite,
    private readonly built: BuiltQuery,
    private readonly reach = WINDOW_REACH,
    private readonly sampleRows = SAMPLE_ROWS,
  ) {
    this.cmp = keyComparator(built.sortTerms);
    // A pass tests every match against the window's bounds: on NOT NULL columns without the NULL cases.
    const required = new Set((sqlite.prepare(`SELECT 'o.' || name FROM pragma_table_info('orders') WHERE "notnull"`).pluck().all() as string[]));
    this.terms = built.sortTerms.map((t) => ({ ...t, notNull: required.has(t.expr) }));
    const keys = built.sortTerms.map((t) => t.expr).join(', ');
    this.sample = sqlite.prepare(`SELECT ${keys} FROM orders o NOT INDEXED WHERE (${built.condition}) AND o.rowid > ? AND o.rowid <= ?`).raw();
    this.maxRowid = sqlite.prepare('SELECT max(rowid) FROM orders').pluck();
  }

  /** True when a window already holds the block [start, end). */
  covers(start: number, end: number): boolean {
    return this.windows.some((w) => this.holds(w, start, end));
  }

  /**
   * Rowids at grid positions [start, end), given the count (an estimate places the window as
   * well; a pass then counts every match, see takeCount).
   */
  rowids(start: number, end: number, count: CountAnswer): number[] {
    let w = this.windows.find((x) => this.holds(x, start, end));
    if (!w) {
      w = this.place(start, end, count);
      this.windows.unshift(w);
      for (const old of this.windows.splice(MAX_WINDOWS)) old.snap.drop();
    }
    return w.snap.rowids(start - w.start, end - w.start);
  }

  /**
   * The exact number of matches a pass counted since the last call (null: no pass since, or the
   * count it was given was exact), as of the read that made it: the pager takes it as the view's
   * count instead of counting again.
   */
  takeCount(): number | null {
    const n = this.counted;
    this.counted = null;
    return n;
  }

  /** Changed orders: a move before a window shifts its start; one inside it is merged in. */
  apply(moves: readonly RowMove[]): void {
    for (const w of [...this.windows]) {
      let shift = 0;
      const inside: RowMove[] = [];
      for (const m of moves) {
        const was = m.before!.member && this.before(m.before!.key, w.lo);
        const now = m.after.member && this.before(m.after.key, w.lo);
        shift += Number(now) - Number(was);
        const wasIn = m.before!.member && this.within(w, m.before!.key);
        const isIn = m.after.member && this.within(w, m.after.key);
        if (wasIn || isIn) inside.push({ rowid: m.rowid, before: { member: wasIn, key: m.before!.key }, after: { member: isIn, key: m.after.key } });
      }
      w.start += shift;
      if (inside.length && !w.snap.apply(inside)) this.dropWindow(w);
    }
  }

  /** The windows' temp tables (for diagnostics). */
  get tables(): string[] {
    return this.windows.map((w) => w.snap.table);
  }

  drop(): void {
    for (const w of this.windows) w.snap.drop();
    this.windows = [];
  }

  private dropWindow(w: Window): void {
    w.snap.drop();
    this.windows = this.windows.filter((x) => x !== w);
  }

  /** The window's rows reach the block (or the window reaches the end of the matches). */
  private holds(w: Window, start: number, end: number): boolean {
    return w.start <= start && (start - w.start + (end - start) <= w.snap.total || (w.hi === null && start - w.start < w.snap.total));
  }

  private place(start: number, end: number, count: CountAnswer): Window {
    const keys = this.sampleKeys();
    const n = Math.max(count.total, 1);
    // Where the block sits among the matches, with room for sampling error and for scrolling.
    const spread = 4 * Math.sqrt(0.25 / Math.max(1, keys.length)) + this.reach / n;
    let [qLo, qHi] = [start / n - spread, end / n + spread];
    for (let attempt = 0; ; attempt++) {
      const lo = qLo <= 0 || !keys.length ? null : keys[Math.min(keys.length - 1, Math.floor(qLo * keys.length))]!;
      const hi = qHi >= 1 || !keys.length ? null : keys[Math.min(keys.length - 1, Math.ceil(qHi * keys.length))]!;
      const { before, inside, total: counted } = this.pass(lo, hi, count.exact ? count.total : null, start / n > 0.5);
      this.counted = counted;
      const w: Window = { lo, hi, start: before, snap: new OrderSnapshot(this.sqlite, this.built, inside) };
      if (this.holds(w, start, end)) return w;
      const shortAtStart = before > start;
      // Already open on the side that fell short: there are no more rows there (the block lies past
      // the last match, or the count was off).
      if (shortAtStart ? lo === null : hi === null) return w;
      // The sample misjudged: widen toward the side that fell short and pass again. From the third
      // miss that side is opened entirely: a bigger window, never one that misses the block (its
      // rows would be read at the wrong positions).
      w.snap.drop();
      const open = attempt >= 2;
      if (shortAtStart) qLo = open ? 0 : qLo - (2 * spread + (before - start) / n);
      else qHi = open ? 1 : qHi + 2 * spread + (end - before - w.snap.total) / n;
    }
  }

  /** The matches' sort keys in a spread-out sample of the table, sorted. */
  private sampleKeys(): SortKey[] {
    const max = (this.maxRowid.get() as number | null) ?? 0;
    const keys: SortKey[] = [];
    const step = Math.max(this.sampleRows, Math.floor(max / SAMPLE_RANGES));
    for (let at = 0; at < max; at += step) keys.push(...(this.sample.all(...this.built.params, at, at + this.sampleRows) as SortKey[]));
    return keys.sort(this.cmp);
  }

  /**
   * One pass over the table: how many matches sort before `lo`, and the rowids of those in
   * [lo, hi) collected in sort order (the aggregate's ORDER BY is the query's, on the values the
   * pass reads), so the window is not read from the table again to be sorted. Each row is tested
   * against as few bounds as it can be:
   * - the count not exact yet: every match is counted too (`total`, then the view's count);
   * - the window in the first half: rows after `hi` are dropped at once (one test each);
   * - past the half, with the exact count: rows before `lo` are dropped at once and only the
   *   others are counted; before = the exact count − those.
   */
  private pass(lo: SortKey | null, hi: SortKey | null, exact: number | null, late: boolean): { before: number; inside: string; total: number | null } {
    const { condition, params: filterParams } = this.built;
    // The sort terms are whitelisted expressions without ? marks: the marks stay in text order.
    const order = this.built.sortTerms.map((t) => `${t.expr} ${t.dir}`).join(', ');
    const bound = (key: SortKey | null, none: string, params: unknown[]) => (key ? beforeSql(this.terms, key, params) : none);
    const run = (sql: string, params: unknown[]) => this.sqlite.prepare(sql).raw().get(...params) as [number, string, number | null];
    const [head, tail]: [unknown[], unknown[]] = [[], []];
    if (exact !== null && late) {
      // SELECT's ? marks, then the filter's, then the WHERE's bound.
      const sql = `SELECT count(*), json_group_array(o.rowid ORDER BY ${order}) FILTER (WHERE ${bound(hi, '1', head)})
        FROM orders o NOT INDEXED WHERE (${condition}) AND NOT (${bound(lo, '0', tail)})`;
      const [notBefore, inside] = run(sql, [...head, ...filterParams, ...tail]);
      return { before: exact - notBefore, inside, total: null };
    }
    if (exact !== null) {
      const sql = `SELECT count(*) FILTER (WHERE ${bound(lo, '0', head)}), json_group_array(o.rowid ORDER BY ${order}) FILTER (WHERE NOT (${bound(lo, '0', head)}))
        FROM orders o NOT INDEXED WHERE (${condition}) AND (${bound(hi, '1', tail)})`;
      const [before, inside] = run(sql, [...head, ...filterParams, ...tail]);
      return { before, inside, total: null };
    }
    const sql = `SELECT count(*) FILTER (WHERE ${bound(lo, '0', head)}), json_group_array(o.rowid ORDER BY ${order}) FILTER (WHERE NOT (${bound(lo, '0', head)}) AND (${bound(hi, '1', head)})), count(*)
      FROM orders o NOT INDEXED WHERE ${condition}`;
    const [before, inside, total] = run(sql, [...head, ...filterParams]);
    return { before, inside, total };
  }

  private before(key: SortKey, bound: SortKey | null): boolean {
    return bound !== null && this.cmp(key, bound) < 0;
  }

  private within(w: Window, key: SortKey): boolean {
    return !this.before(key, w.lo) && (w.hi === null || this.cmp(key, w.hi) < 0);
  }
}

/**
 * SQL that is true when a row sorts before `key` in the query's order (NULL first ascending,
 * last descending, as SQLite sorts); the key's values are bound as parameters, pushed in the
 * order their ? marks appear. before(i) = lt(i) OR (eq(i) AND before(i + 1)).
 */
export function beforeSql(terms: readonly BoundTerm[], key: SortKey, params: unknown[], i = 0): string {
  const { expr, dir, notNull } = terms[i]!;
  const v = key[i] ?? null;
  // A column without NULLs compared with a value: plain < > =, which are never NULL either.
  const plain = notNull && v !== null;
  let lt: string;
  if (v === null) lt = dir === 'ASC' ? '0' : `(${expr} IS NOT NULL)`;
  else {
    lt = plain ? `${expr} ${dir === 'ASC' ? '<' : '>'} ?` : dir === 'ASC' ? `(${expr} IS NULL OR ${expr} < ?)` : `(${expr} IS NOT NULL AND ${expr} > ?)`;
    params.push(v);
  }
  if (i === terms.length - 1) return lt;
  // IS, not =: a NULL must make the test false, never NULL (NOT would keep it NULL).
  let eq: string;
  if (v === null) eq = `${expr} IS NULL`;
  else {
    eq = plain ? `${expr} = ?` : `${expr} IS ?`;
    params.push(v);
  }
  return `(${lt} OR (${eq} AND ${beforeSql(terms, key, params, i + 1)}))`;
}
