import { ApiError } from '../../src-shared/errors';
import { requireUser, type Handlers } from '../kernel/call';
import type { Database } from '../db';
import { OrderDetailReader } from './detail-service';

/** The order drawer: one order's full story (deep-linkable by id). */
export function orderDetailHandlers({ db }: { db: Database }): Pick<Handlers, 'orders.get'> {
  const reader = new OrderDetailReader(db.sqlite);
  return {
    'orders.get': (input, ctx) => {
      const user = requireUser(ctx);
      const detail = reader.get(input.id, user.permissions.includes('orders.viewAmounts'), ctx.locale);
      if (!detail) throw new ApiError('not_found', ctx.say(`订单 ${input.id} 不存在`, `order ${input.id} does not exist`), 'id');
      return detail;
    },
  };
}
