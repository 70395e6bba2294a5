import type { Hold, QueueRow } from '../../../src-shared/contract/lifecycle';
import type { ChannelKind, OrderHold, OrderStatus } from '../../../src-shared/orders';
import type { Sqlite } from '../../db';
import type { Holds } from './holds';

type Raw = Record<string, unknown>;

const ROW = `o.id, o.platform_order_id, c.name AS shop_name, c.kind AS channel_kind, o.status, o.version, o.paid_fen, o.paid_at,
  o.buyer_nick, o.receiver_name, o.sla_due_at`;

/**
 * The 审单 queue: open holds by type and reason, oldest first, and the orders waiting in 待审核
 * without a hold (the machine works without rules: a person moves them on from here).
 */
export class ReviewQueue {
  private readonly buckets;
  private readonly unheld;
  private readonly unheldRows;
  private readonly byType;
  private readonly byTypeCount;
  private readonly all;
  private readonly allCount;

  constructor(sqlite: Sqlite, private readonly holds: Holds) {
    this.buckets = sqlite.prepare('SELECT type, code, count(*) AS n FROM order_holds WHERE released_at IS NULL GROUP BY type, code ORDER BY type, n DESC');
    this.unheld = sqlite.prepare(`SELECT count(*) FROM orders WHERE status = 'pending_review' AND hold IS NULL`).pluck();
    this.unheldRows = sqlite.prepare(
      `SELECT ${ROW} FROM orders o JOIN channels c ON c.id = o.channel_id
       WHERE o.status = 'pending_review' AND o.hold IS NULL ORDER BY o.paid_at, o.id LIMIT ? OFFSET ?`,
    );
    const held = `FROM order_holds h JOIN orders o ON o.id = h.order_id JOIN channels c ON c.id = o.channel_id
       WHERE h.released_at IS NULL AND h.type = @type AND (@code IS NULL OR h.code = @code)`;
    this.byType = sqlite.prepare(`SELECT ${ROW}, h.id AS hold_id ${held} ORDER BY h.opened_at, h.id LIMIT @limit OFFSET @offset`);
    this.byTypeCount = sqlite.prepare(`SELECT count(*) ${held}`).pluck();
    const any = `FROM order_holds h JOIN orders o ON o.id = h.order_id JOIN channels c ON c.id = o.channel_id WHERE h.released_at IS NULL`;
    this.all = sqlite.prepare(`SELECT ${ROW}, h.id AS hold_id ${any} ORDER BY h.opened_at, h.id LIMIT ? OFFSET ?`);
    this.allCount = sqlite.prepare(`SELECT count(*) ${any}`).pluck();
  }

  list(q: { type?: OrderHold | null; code?: string; offset: number; limit: number }, viewAmounts: boolean) {
    const buckets = (this.buckets.all() as { type: OrderHold; code: string; n: number }[]).map((b) => ({ type: b.type, code: b.code, count: b.n }));
    const waiting = this.unheld.get() as number;
    const allBuckets = [...buckets, { type: null, code: null, count: waiting }];
    let raw: Raw[];
    let total: number;
    if (q.type === null) {
      raw = this.unheldRows.all(q.limit, q.offset) as Raw[];
      total = waiting;
    } else if (q.type) {
      raw = this.byType.all({ type: q.type, code: q.code ?? null, limit: q.limit, offset: q.offset }) as Raw[];
      total = this.byTypeCount.get({ type: q.type, code: q.code ?? null }) as number;
    } else {
      raw = this.all.all(q.limit, q.offset) as Raw[];
      total = this.allCount.get() as number;
    }
    const rows: QueueRow[] = raw.map((r) => ({
      id: r.id as string,
      platformOrderId: r.platform_order_id as string,
      shopName: r.shop_name as string,
      channelKind: r.channel_kind as ChannelKind,
      status: r.status as OrderStatus,
      version: r.version as number,
      paidFen: viewAmounts ? (r.paid_fen as number) : null,
      paidAt: (r.paid_at as number | null) ?? null,
      buyerNick: (r.buyer_nick as string | null) ?? null,
      receiverName: (r.receiver_name as string | null) ?? null,
      slaDueAt: (r.sla_due_at as number | null) ?? null,
      hold: r.hold_id ? (this.holds.get(r.hold_id as string) as Hold) : null,
    }));
    return { buckets: allBuckets, rows, total };
  }
}
