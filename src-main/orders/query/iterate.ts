import type { OrderQuery, OrderRow } from '../../../src-shared/contract';
import type { Sqlite } from '../../db';
import { TextSearch } from '../search/text-search';
import { buildOrderQuery } from './build';
import { ROW_JOINS, ROW_SELECT } from './columns';
import { toOrderRow } from './rows';
import { OrderSnapshot } from './snapshot';

export interface IterateOptions {
  /** False for roles without orders.viewAmounts: money comes back null (and may not be filtered/sorted). */
  viewAmounts: boolean;
  /** Rows per chunk (default 1000). */
  chunkSize?: number;
  say?: (zh: string, en: string) => string;
}

/** All rows of a query in sort order, chunk by chunk; `total` is known before the first chunk. */
export interface OrderIteration extends Iterable<OrderRow[]> {
  readonly total: number;
  /** Frees the snapshot; also happens when a for…of loop ends or breaks. Safe to call twice. */
  close(): void;
}

/**
 * Every order matching `query`, in the grid's sort order, without holding them in memory:
 * the matching positions are frozen once (a temp table of rowids), then each chunk is a short
 * read of its own, so nothing keeps the connection busy between chunks (an export can await
 * its file writes while other calls run). Rows changed meanwhile show their newest values;
 * rows deleted meanwhile are skipped.
 */
export function iterateOrders(sqlite: Sqlite, query: OrderQuery, opts: IterateOptions): OrderIteration {
  // The same search index as the grid, so an export holds exactly the rows the grid shows.
  const built = buildOrderQuery({ filters: query.filters ?? {}, sort: query.sort ?? [], quick: query.quick }, { ...opts, search: new TextSearch(sqlite) });
  const snapshot = new OrderSnapshot(sqlite, built);
  const size = Math.max(1, opts.chunkSize ?? 1000);
  // Rows deleted after the snapshot simply drop out of their chunk (inner join).
  const fetch = sqlite.prepare(`SELECT ${ROW_SELECT} FROM json_each(?) p JOIN orders o ON o.rowid = p.value ${ROW_JOINS} ORDER BY p.key`);
  return {
    total: snapshot.total,
    close: () => snapshot.drop(),
    *[Symbol.iterator]() {
      try {
        for (let start = 0; start < snapshot.total; start += size) {
          const ids = snapshot.rowids(start, start + size);
          const rows = ids.length ? (fetch.all(JSON.stringify(ids)) as Record<string, unknown>[]) : [];
          if (rows.length) yield rows.map((r) => toOrderRow(r, opts.viewAmounts));
        }
      } finally {
        snapshot.drop();
      }
    },
  };
}
