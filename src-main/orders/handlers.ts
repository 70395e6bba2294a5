import { requireUser, type Handlers } from '../kernel/call';
import type { Database } from '../db';
import { FacetsCache } from './facets';
import { OrdersPager } from './query/pager';

/** The orders grid: blocks of rows for AG Grid's infinite model, and the pick-list values. */
export function ordersHandlers({ db }: { db: Database }): Pick<Handlers, 'orders.page' | 'orders.facets'> {
  const pager = new OrdersPager(db.sqlite);
  const facets = new FacetsCache(db.sqlite);
  return {
    'orders.page': (input, ctx) => {
      const user = requireUser(ctx);
      const { startRow, endRow, ...query } = input;
      return pager.page(query, startRow, endRow, { viewAmounts: user.permissions.includes('orders.viewAmounts'), say: ctx.say, deadlineAt: ctx.deadlineAt });
    },
    'orders.facets': (_input, ctx) => facets.get(ctx.deadlineAt),
  };
}
