import { BULK_MAX, type OrderQuery } from '../../../src-shared/contract/orders';
import { ApiError } from '../../../src-shared/errors';
import type { Sqlite } from '../../db';
import { TextSearch } from '../search/text-search';
import { buildOrderQuery } from './build';

/**
 * "Select all N matching" (issue 15, item 5): the ids of every order the grid's query matches,
 * across pages, for a bulk action. Read in no particular order and stopped one past the bulk
 * limit, so a query matching millions costs no more than finding 5,001 of them; past the limit
 * it is refused with the count, never cut short silently.
 */
export function matchingIds(
  sqlite: Sqlite, query: OrderQuery, opts: { viewAmounts: boolean; say: (zh: string, en: string) => string },
): { ids: string[]; total: number; versions: Record<string, number> } {
  const built = buildOrderQuery({ filters: query.filters ?? {}, sort: [], quick: query.quick }, { ...opts, search: new TextSearch(sqlite) });
  // With each order's version now: the person confirms these orders as they are at this moment.
  const rows = sqlite.prepare(`SELECT o.id, o.version FROM orders o ${built.where} LIMIT ${BULK_MAX + 1}`).raw().all(...built.params) as [string, number][];
  const ids = rows.map((r) => r[0]);
  if (ids.length > BULK_MAX) {
    const max = BULK_MAX.toLocaleString('en-US');
    throw new ApiError('invalid_input', opts.say(`一次最多批量处理 ${max} 单，当前筛选超过 ${max} 单，请再缩小范围`, `a bulk action takes at most ${max} orders and more than ${max} match; narrow the filters`), 'filters');
  }
  return { ids, total: ids.length, versions: Object.fromEntries(rows) };
}
