import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { keyComparator, type SortKey } from './keys';
import { beforeSql, SortWindows, type BoundTerm } from './windows';

/**
 * A window's bounds are tested on every match of a pass, in SQL: the test must say "sorts
 * before this key" exactly as ORDER BY sorts (ties broken by the next term, NULLs first ascending
 * and last descending), and never be NULL (the pass negates it). Few distinct values, so ties and
 * NULLs are everywhere; NOT NULL columns take the plain comparisons.
 */
const db = new Database(':memory:');
db.exec(`CREATE TABLE orders (n INTEGER NOT NULL, t TEXT, m INTEGER, id TEXT PRIMARY KEY NOT NULL)`);
let seed = 7;
const rnd = (k: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % k);
const insert = db.prepare('INSERT INTO orders (n, t, m, id) VALUES (?, ?, ?, ?)');
for (let i = 0; i < 400; i++) insert.run(rnd(4), rnd(5) === 0 ? null : ['a', 'b', 'c'][rnd(3)]!, rnd(4) === 0 ? null : rnd(3), `id-${String(i).padStart(3, '0')}`);
afterAll(() => db.close());

const ROWS = db.prepare('SELECT rowid, n, t, m, id FROM orders').raw().all() as [number, number, string | null, number | null, string][];
const column = { 'o.n': 1, 'o.t': 2, 'o.m': 3, 'o.id': 4 } as const;
type Expr = keyof typeof column;

/** Sorts on these terms (the last is always the id); notNull as the schema says. */
const SORTS: [Expr, 'ASC' | 'DESC'][][] = [
  [['o.n', 'DESC'], ['o.id', 'DESC']],
  [['o.n', 'ASC'], ['o.id', 'ASC']],
  [['o.t', 'ASC'], ['o.id', 'ASC']],
  [['o.t', 'DESC'], ['o.id', 'DESC']],
  [['o.n', 'ASC'], ['o.m', 'DESC'], ['o.t', 'ASC'], ['o.id', 'DESC']],
  [['o.m', 'ASC'], ['o.n', 'DESC'], ['o.id', 'ASC']],
];

describe('beforeSql', () => {
  it('is true exactly for rows that sort before the key, and never NULL, with and without NULLs in the columns', () => {
    let checked = 0;
    for (const sort of SORTS) {
      const terms: BoundTerm[] = sort.map(([expr, dir]) => ({ expr, dir, notNull: expr === 'o.n' || expr === 'o.id' }));
      const cmp = keyComparator(terms);
      const keyOf = (r: (typeof ROWS)[number]): SortKey => terms.map((t) => r[column[t.expr as Expr]]);
      // Bounds: keys of existing rows, and keys whose last term falls between ids (as a sample's may not).
      const bounds = [...ROWS.filter((_, i) => i % 13 === 0).map(keyOf), ...ROWS.filter((_, i) => i % 29 === 0).map((r) => [...keyOf(r).slice(0, -1), 'id-1'])];
      for (const key of bounds) {
        const params: unknown[] = [];
        const sql = beforeSql(terms, key, params);
        const got = db.prepare(`SELECT o.rowid, (${sql}) FROM orders o ORDER BY o.rowid`).raw().all(...params) as [number, number | null][];
        const want = ROWS.map((r) => [r[0], cmp(keyOf(r), key) < 0 ? 1 : 0]);
        expect({ sort: sort.join(' '), key, got }).toEqual({ sort: sort.join(' '), key, got: want });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('SortWindows', () => {
  /**
   * A sample that misjudges every time: the sampled stretches (rowids 1, 101, 201 …) hold keys
   * packed around the middle value, the other rows are spread evenly. Blocks anywhere in the order
   * must still be the right rows at the right places (a wider window, never a wrong one).
   */
  it('gives the right rows at every depth even when the sample misplaces the window every time', () => {
    const w = new Database(':memory:');
    try {
      w.exec('CREATE TABLE orders (amount REAL NOT NULL, id TEXT PRIMARY KEY NOT NULL)');
      const add = w.prepare('INSERT INTO orders (rowid, amount, id) VALUES (?, ?, ?)');
      const N = 3200;
      for (let r = 1; r <= N; r++) add.run(r, (r - 1) % 100 === 0 ? 500 + r / 1e6 : (r * 7919) % 1000, `id-${String(r).padStart(5, '0')}`);
      const built = {
        where: '', condition: '1', params: [], sortIndex: null, sortKey: null, searches: false, signature: 'test',
        orderBy: 'ORDER BY o.amount ASC, o.id ASC', orderByUnindexed: 'ORDER BY +o.amount ASC, +o.id ASC',
        sortTerms: [{ expr: 'o.amount', dir: 'ASC' as const }, { expr: 'o.id', dir: 'ASC' as const }],
      };
      const truth = w.prepare('SELECT o.rowid FROM orders o ORDER BY o.amount, o.id').pluck().all() as number[];
      for (const start of [0, 40, 800, 1580, 1600, 1650, 2400, 3150]) {
        const windows = new SortWindows(w, built, 10, 1);
        expect({ start, rows: windows.rowids(start, start + 50, { total: N, exact: true }) }).toEqual({ start, rows: truth.slice(start, start + 50) });
        windows.drop();
      }
    } finally {
      w.close();
    }
  });
});
