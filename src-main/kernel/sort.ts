/**
 * Oldest first by a time, ties broken by id, as `ORDER BY <time>, id` would (ids compared as
 * SQLite's BINARY collation does, for the ASCII ids we store). For the few rows a look-up returns:
 * sorting them here spares SQLite a sorter per statement when its index cannot give the id tie-break.
 */
export function oldestFirst<T extends { id: string }>(at: (row: T) => number): (a: T, b: T) => number {
  return (a, b) => at(a) - at(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
