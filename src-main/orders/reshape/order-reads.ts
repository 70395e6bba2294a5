import type { OrderStatus } from '../../../src-shared/orders';
import type { Sqlite } from '../../db';

export interface OrderHead {
  id: string;
  channelId: string;
  platformOrderId: string;
  status: OrderStatus;
  version: number;
  parentOrderId: string | null;
  mergedIntoId: string | null;
  customerId: string | null;
  buyerNick: string | null;
  receiverKey: string;
  paidAt: number | null;
  createdAt: number;
}

export interface LineRow {
  id: string;
  orderId: string;
  lineNo: number;
  platformLineId: string | null;
  skuCode: string | null;
  title: string;
  spec: string | null;
  qty: number;
  unitPriceFen: number;
  discountFen: number;
  paidFen: number;
  batchNo: string | null;
  gift: number;
  parentLineId: string | null;
  sourceOrderId: string | null;
  splitFromLineId: string | null;
  refundStatus: string | null;
  refundFen: number;
}

/** Where split and merge may act: before the warehouse starts on the order. */
export const RESHAPEABLE: readonly OrderStatus[] = ['pending_review', 'to_route', 'to_ship'];

/** The reads split and merge share. */
export class OrderReads {
  private readonly head;
  private readonly lines;
  private readonly activeLinks;
  private readonly linkOf;
  private readonly pidTaken;
  readonly full;

  constructor(sqlite: Sqlite) {
    this.head = sqlite.prepare(
      `SELECT id, channel_id AS channelId, platform_order_id AS platformOrderId, status, version, parent_order_id AS parentOrderId,
         merged_into_id AS mergedIntoId, customer_id AS customerId, buyer_nick AS buyerNick, paid_at AS paidAt, created_at AS createdAt,
         coalesce(receiver_name, '') || '|' || coalesce(receiver_phone, '') || '|' || coalesce(province, '') || '|' ||
           coalesce(city, '') || '|' || coalesce(district, '') || '|' || coalesce(address_detail, '') AS receiverKey
       FROM orders WHERE id = ?`,
    );
    this.full = sqlite.prepare('SELECT * FROM orders WHERE id = ?');
    this.lines = sqlite.prepare(
      `SELECT id, order_id AS orderId, line_no AS lineNo, platform_line_id AS platformLineId, sku_code AS skuCode, title, spec, qty,
         unit_price_fen AS unitPriceFen, discount_fen AS discountFen, paid_fen AS paidFen, batch_no AS batchNo, gift,
         parent_line_id AS parentLineId, source_order_id AS sourceOrderId, split_from_line_id AS splitFromLineId,
         refund_status AS refundStatus, refund_fen AS refundFen
       FROM order_lines WHERE order_id = ? ORDER BY line_no, id`,
    );
    this.activeLinks = sqlite.prepare(
      `SELECT id, order_id AS orderId, other_order_id AS otherOrderId, detail_json AS detail FROM order_links
       WHERE kind = @kind AND (order_id = @id OR other_order_id = @id) AND reversed_at IS NULL ORDER BY created_at, id`,
    );
    this.linkOf = sqlite.prepare('SELECT * FROM order_links WHERE id = ?');
    this.pidTaken = sqlite.prepare('SELECT 1 FROM orders WHERE channel_id = ? AND platform_order_id = ?').pluck();
  }

  order(id: string): OrderHead | null {
    return (this.head.get(id) as OrderHead | undefined) ?? null;
  }

  linesOf(orderId: string): LineRow[] {
    return this.lines.all(orderId) as LineRow[];
  }

  /** Active split or merge links that name the order on either side. */
  links(kind: 'split' | 'merge', orderId: string): { id: string; orderId: string; otherOrderId: string; detail: Record<string, unknown> }[] {
    return (this.activeLinks.all({ kind, id: orderId }) as { id: string; orderId: string; otherOrderId: string; detail: string }[])
      .map((l) => ({ ...l, detail: JSON.parse(l.detail) as Record<string, unknown> }));
  }

  platformOrderIdTaken(channelId: string, platformOrderId: string): boolean {
    return this.pidTaken.get(channelId, platformOrderId) === 1;
  }
}

/** Splits an amount in proportion to a quantity, the remainder staying with the rest. */
export function share(amountFen: number, qty: number, ofQty: number): number {
  return Math.round((amountFen * qty) / ofQty);
}
