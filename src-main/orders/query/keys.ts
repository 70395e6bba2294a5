import type { SortTerm } from './build';

/** A row's sort key as SQLite computed it: one value per ORDER BY term (the last is the id). */
export type SortKey = (string | number | null)[];

/**
 * SQLite's ORDER BY, outside SQL: NULL first, then numbers, then text by bytes (UTF-8, the
 * BINARY collation); each term in its direction. Used to place a changed row among cached
 * anchors and positions without asking the database again.
 */
export function keyComparator(terms: readonly SortTerm[]): (a: SortKey, b: SortKey) => number {
  const dirs = terms.map((t) => (t.dir === 'DESC' ? -1 : 1));
  return (a, b) => {
    for (let i = 0; i < dirs.length; i++) {
      const c = compareValues(a[i] ?? null, b[i] ?? null);
      if (c) return c * dirs[i]!;
    }
    return 0;
  };
}

export function compareValues(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number') return typeof b === 'number' ? (a < b ? -1 : a > b ? 1 : 0) : -1;
  if (typeof b === 'number') return 1;
  return compareText(a, b);
}

/** Code point order equals UTF-8 byte order (UTF-16 unit order does not, past the surrogates). */
function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
