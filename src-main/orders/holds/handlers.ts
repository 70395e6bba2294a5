import { ApiError } from '../../../src-shared/errors';
import type { FamilyOrder } from '../../../src-shared/contract/lifecycle';
import type { Permission } from '../../../src-shared/roles';
import type { Database, WriteTx } from '../../db';
import { requireUser, type Handlers } from '../../kernel/call';
import { inWords, OrderActionError } from '../action-error';
import type { OrderFlowServices } from '../flow';
import { personReason, reasonText } from '../lifecycle/handlers';
import type { Reason } from '../lifecycle/types';
import { VersionCheck } from '../versions';
import { ReviewQueue } from './review-queue';

/** Holds and the 审单 queue, and 质检拦截 (frozen batches). */
export function holdsHandlers({ db, flow }: { db: Database; flow: OrderFlowServices }): Pick<
  Handlers, 'orders.holds' | 'orders.hold' | 'orders.releaseHold' | 'orders.releaseHolds' | 'orders.reviewQueue'
  | 'quality.list' | 'quality.freeze' | 'quality.release' | 'quality.orders'
> {
  const { holds, quality, lifecycle } = flow;
  const versions = new VersionCheck(db.sqlite, lifecycle.changes);
  const queue = new ReviewQueue(db.sqlite, holds);
  const statusOf = db.sqlite.prepare('SELECT status FROM orders WHERE id = ?').pluck();
  const versionOf = db.sqlite.prepare('SELECT version FROM orders WHERE id = ?').pluck();
  const head = db.sqlite.prepare('SELECT id, platform_order_id AS platformOrderId, status FROM orders WHERE id = ?');
  const heads = (ids: string[]) => ids.map((id) => head.get(id) as FamilyOrder);
  const qualityOrders = db.sqlite.prepare(
    `SELECT o.id, o.platform_order_id AS platformOrderId, o.status, max(h.released_at IS NULL) AS held
     FROM order_holds h JOIN orders o ON o.id = h.order_id WHERE h.group_id = ? GROUP BY o.id ORDER BY o.platform_order_id`,
  );

  /** One hold released for a person: it must be this order's and still open. */
  function releaseOne(tx: WriteTx, orderId: string, holdId: string, reason: Reason, permissions: readonly Permission[]) {
    const h = holds.get(holdId);
    if (!h || h.orderId !== orderId) throw new OrderActionError('not_found', `订单上没有这个挂起（${holdId}）`, `the order has no hold ${holdId}`, 'holdId');
    if (h.releasedAt !== null) throw new OrderActionError('conflict', '这个挂起已被放行', 'this hold was already released', 'holdId');
    holds.release(tx, holdId, reason, { source: 'person', permissions });
  }

  return {
    'orders.holds': (input) => ({ open: holds.openFor(input.id), history: holds.historyOf(input.id) }),

    'orders.hold': (input, ctx) => {
      requireUser(ctx);
      const reason = personReason(input.reason)!;
      return inWords(ctx, () => db.writes.run(ctx.write(reasonText(input.reason)), (tx) => {
        const ids = [...new Set(input.ids)];
        for (const id of ids) versions.expect(id, input.versions?.[id]);
        for (const id of ids) holds.open(tx, id, { type: 'manual', code: reason.code, ...(reason.params ? { params: reason.params } : {}) });
        return { held: ids.length };
      }));
    },

    'orders.releaseHold': (input, ctx) => {
      const user = requireUser(ctx);
      return inWords(ctx, () => db.writes.run(ctx.write(reasonText(input.reason)), (tx) => {
        versions.expect(input.id, input.expectedVersion);
        releaseOne(tx, input.id, input.holdId, personReason(input.reason)!, user.permissions);
        return { status: statusOf.get(input.id) as never };
      }));
    },

    'orders.releaseHolds': (input, ctx) => {
      const user = requireUser(ctx);
      const reason = personReason(input.reason)!;
      return db.writes.run(ctx.write(reasonText(input.reason)), (tx) => {
        // Two holds of one order in the same batch: the second is checked against the version our first release left.
        const ours = new Map<string, { seen: number; now: number }>();
        return {
          results: input.items.map((it) => {
            try {
              const mine = ours.get(it.id);
              const expected = mine && it.expectedVersion === mine.seen ? mine.now : it.expectedVersion;
              versions.expect(it.id, expected);
              releaseOne(tx, it.id, it.holdId, reason, user.permissions);
              ours.set(it.id, { seen: mine?.seen ?? it.expectedVersion ?? 0, now: versionOf.get(it.id) as number });
              return { id: it.id, holdId: it.holdId, ok: true as const };
            } catch (e) {
              if (!(e instanceof OrderActionError)) throw e;
              return { id: it.id, holdId: it.holdId, ok: false as const, message: ctx.say(e.zh, e.en) };
            }
          }),
        };
      });
    },

    'orders.reviewQueue': (input, ctx) => {
      const user = requireUser(ctx);
      return queue.list(input, user.permissions.includes('orders.viewAmounts'));
    },

    'quality.list': () => ({ holds: quality.all() }),

    'quality.freeze': (input, ctx) => {
      requireUser(ctx);
      return db.writes.run(ctx.write(reasonText(input.reason)), (tx) => {
        const r = quality.freeze(tx, { batchNo: input.batchNo, skuCode: input.skuCode ?? null, reason: personReason(input.reason)! });
        return { id: r.id, held: r.held.length, alreadyLeft: heads(r.alreadyLeft) };
      });
    },

    'quality.release': (input, ctx) => {
      requireUser(ctx);
      const q = quality.get(input.id);
      if (!q) throw new ApiError('not_found', ctx.say(`质检拦截 ${input.id} 不存在`, `quality hold ${input.id} does not exist`), 'id');
      if (q.releasedAt !== null) throw new ApiError('conflict', ctx.say(`批次 ${q.batchNo} 已经放行`, `batch ${q.batchNo} was already released`), 'id');
      return db.writes.run(ctx.write(reasonText(input.reason)), (tx) =>
        quality.release(tx, input.id, personReason(input.reason)!));
    },

    'quality.orders': (input) => ({
      orders: (qualityOrders.all(input.id) as (FamilyOrder & { held: number })[]).map((o) => ({ ...o, held: o.held === 1 })),
    }),
  };
}
