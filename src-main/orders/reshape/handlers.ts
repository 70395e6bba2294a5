import type { Database } from '../../db';
import { requireUser, type Handlers } from '../../kernel/call';
import { inWords } from '../action-error';
import type { OrderFlowServices } from '../flow';
import { personReason, reasonText } from '../lifecycle/handlers';
import type { Reason } from '../lifecycle/types';
import { VersionCheck } from '../versions';

type Raw = Record<string, unknown>;

const BY_HAND: Reason = { code: 'by_hand' };

/** 拆单 / 合单 and their reversal, and today's 可合单 candidates. */
export function reshapeHandlers({ db, flow }: { db: Database; flow: OrderFlowServices }): Pick<
  Handlers, 'orders.split' | 'orders.unsplit' | 'orders.merge' | 'orders.unmerge' | 'orders.mergeCandidates'
> {
  const { splitter, merger, lifecycle } = flow;
  const versions = new VersionCheck(db.sqlite, lifecycle.changes);
  const candidates = db.sqlite.prepare(
    `SELECT o.id, o.platform_order_id, o.status, o.version, o.paid_fen, o.paid_at, o.receiver_name, o.buyer_nick, o.merge_group,
       o.channel_id, c.name AS shop_name
     FROM orders o JOIN channels c ON c.id = o.channel_id
     WHERE o.status IN ('pending_review', 'to_route', 'to_ship') AND o.merge_group IS NOT NULL AND o.parent_order_id IS NULL
     ORDER BY o.paid_at, o.id LIMIT 5000`,
  );

  return {
    'orders.split': (input, ctx) => {
      requireUser(ctx);
      return inWords(ctx, () => db.writes.run(ctx.write(reasonText(input.reason)), (tx) => {
        versions.expect(input.id, input.expectedVersion);
        return splitter.split(tx, input.id, input.parts, personReason(input.reason) ?? BY_HAND, 'person');
      }));
    },
    'orders.unsplit': (input, ctx) => {
      requireUser(ctx);
      return inWords(ctx, () => db.writes.run(ctx.write(reasonText(input.reason)), (tx) => {
        versions.expect(input.id, input.expectedVersion);
        return splitter.unsplit(tx, input.id, personReason(input.reason) ?? BY_HAND);
      }));
    },
    'orders.merge': (input, ctx) => {
      requireUser(ctx);
      return inWords(ctx, () => db.writes.run(ctx.write(reasonText(input.reason)), (tx) => {
        for (const id of input.ids) versions.expect(id, input.versions?.[id]);
        return merger.merge(tx, input.ids, personReason(input.reason) ?? BY_HAND);
      }));
    },
    'orders.unmerge': (input, ctx) => {
      requireUser(ctx);
      return inWords(ctx, () => db.writes.run(ctx.write(reasonText(input.reason)), (tx) => {
        versions.expect(input.id, input.expectedVersion);
        return merger.unmerge(tx, input.id, personReason(input.reason) ?? BY_HAND);
      }));
    },
    'orders.mergeCandidates': (_input, ctx) => {
      const user = requireUser(ctx);
      const money = user.permissions.includes('orders.viewAmounts');
      const groups = new Map<string, Raw[]>();
      for (const r of candidates.all() as Raw[]) {
        // Only one shop's orders merge: a cross-shop candidate group splits by shop.
        const key = `${r.merge_group as string}|${r.channel_id as string}`;
        groups.set(key, [...(groups.get(key) ?? []), r]);
      }
      return {
        groups: [...groups.values()].filter((g) => g.length > 1).map((g) => ({
          orders: g.map((r) => ({
            id: r.id as string, platformOrderId: r.platform_order_id as string, status: r.status as never, shopName: r.shop_name as string,
            version: r.version as number, paidFen: money ? (r.paid_fen as number) : null, paidAt: (r.paid_at as number | null) ?? null,
            receiverName: (r.receiver_name as string | null) ?? null, buyerNick: (r.buyer_nick as string | null) ?? null,
          })),
        })),
      };
    },
  };
}
