import type { OrderStatus } from '../../src-shared/orders';
import type { Sqlite } from '../db';

/**
 * What the bridge reads from the hub's own data: which orders to push and what is reserved.
 * Everything that depends on order statuses and reservations lives here, so when the lifecycle's
 * new statuses and the reservation ledger (helpers "lifecycle" / "rules") land, this is the one
 * module to re-point: today an order is "at 待发货" while its status is one of PUSH_STATUSES, and
 * an open order's lines are its reservations.
 */
export const PUSH_STATUSES: readonly OrderStatus[] = ['to_ship', 'picking', 'packed', 'handed_over'];
/** Orders whose lines hold stock (stand-in for the reservation ledger). */
export const RESERVING_STATUSES: readonly OrderStatus[] = ['to_ship', 'picking', 'packed'];
export const SHIPPED_STATUSES: readonly OrderStatus[] = ['handed_over', 'shipped', 'delivered', 'completed'];
/** Gone from the ERP's point of view; a merged-away order's lines now ship (and are pushed) with the order it merged into. */
export const CANCELLED_STATUSES: readonly OrderStatus[] = ['cancelled', 'closed', 'merged'];

const list = (s: readonly string[]) => s.map((x) => `'${x}'`).join(', ');

export interface HubOrder {
  id: string;
  version: number;
  status: OrderStatus;
  platformOrderId: string;
  channelKind: string;
  createdAt: number;
  paidAt: number | null;
  paidFen: number;
  buyerRemark: string | null;
  sellerNote: string | null;
  warehouseCode: string | null;
  lines: HubLine[];
}

export interface HubLine {
  lineNo: number;
  platformLineId: string | null;
  skuCode: string | null;
  title: string;
  qty: number;
  unitPriceFen: number;
  paidFen: number;
  batchNo: string | null;
}

export interface ReservedLine {
  orderId: string;
  lineNo: number;
  skuCode: string;
  warehouseCode: string | null;
  batchNo: string | null;
  qty: number;
  status: OrderStatus;
}

export class HubSources {
  private readonly pending;
  private readonly pendingCount;
  private readonly reserved;
  private readonly locksToEnd;
  private readonly shipped;

  constructor(private readonly sqlite: Sqlite) {
    const candidates = `
      SELECT o.id FROM orders o LEFT JOIN erp_pushes p ON p.connection_id = @c AND p.order_id = o.id
       WHERE o.status IN (${list(PUSH_STATUSES)})
         AND (p.order_id IS NULL OR (p.order_version <> o.version AND p.state <> 'cancelled') OR (p.state = 'failed' AND p.next_attempt_at <= @now))
      UNION ALL
      SELECT p.order_id FROM erp_pushes p JOIN orders o ON o.id = p.order_id
       WHERE p.connection_id = @c AND p.state = 'pushed' AND o.status IN (${list(CANCELLED_STATUSES)})`;
    this.pending = sqlite.prepare(`${candidates} LIMIT @limit`).pluck();
    this.pendingCount = sqlite.prepare(`SELECT count(*) FROM (${candidates})`).pluck();
    this.reserved = sqlite.prepare(
      `SELECT o.id AS orderId, l.line_no AS lineNo, l.sku_code AS skuCode, w.code AS warehouseCode, l.batch_no AS batchNo, l.qty, o.status
         FROM orders o JOIN order_lines l ON l.order_id = o.id LEFT JOIN warehouses w ON w.id = o.warehouse_id
        WHERE o.status IN (${list(RESERVING_STATUSES)}) AND l.sku_code IS NOT NULL AND l.qty > 0`,
    );
    this.locksToEnd = sqlite.prepare('SELECT o.id, o.status FROM orders o WHERE o.id = ?');
    this.shipped = sqlite.prepare(
      `SELECT o.id AS orderId, p.ext_order_no AS extOrderNo, l.sku_code AS skuCode, sum(l.qty) AS qty
         FROM erp_pushes p JOIN orders o ON o.id = p.order_id JOIN order_lines l ON l.order_id = o.id
        WHERE p.connection_id = ? AND p.state = 'pushed' AND o.status IN (${list(SHIPPED_STATUSES)}) AND l.sku_code IS NOT NULL
        GROUP BY o.id, l.sku_code`,
    );
  }

  /** Orders to push now: new at 待发货, changed since their push, failed and due again, or cancelled after a push. */
  pendingOrderIds(connectionId: string, now: number, limit: number): string[] {
    return this.pending.all({ c: connectionId, now, limit }) as string[];
  }

  backlog(connectionId: string, now: number): number {
    return this.pendingCount.get({ c: connectionId, now }) as number;
  }

  load(ids: string[]): HubOrder[] {
    if (!ids.length) return [];
    const marks = ids.map(() => '?').join(',');
    const heads = this.sqlite.prepare(
      `SELECT o.id, o.version, o.status, o.platform_order_id AS platformOrderId, c.kind AS channelKind, o.created_at AS createdAt, o.paid_at AS paidAt,
              o.paid_fen AS paidFen, o.buyer_remark AS buyerRemark, o.seller_note AS sellerNote, w.code AS warehouseCode
         FROM orders o JOIN channels c ON c.id = o.channel_id LEFT JOIN warehouses w ON w.id = o.warehouse_id WHERE o.id IN (${marks})`,
    ).all(...ids) as Omit<HubOrder, 'lines'>[];
    const lines = this.sqlite.prepare(
      `SELECT order_id AS orderId, line_no AS lineNo, platform_line_id AS platformLineId, sku_code AS skuCode, title, qty,
              unit_price_fen AS unitPriceFen, paid_fen AS paidFen, batch_no AS batchNo
         FROM order_lines WHERE order_id IN (${marks}) ORDER BY order_id, line_no`,
    ).all(...ids) as (HubLine & { orderId: string })[];
    const byOrder = new Map<string, HubLine[]>();
    for (const { orderId, ...l } of lines) {
      let arr = byOrder.get(orderId);
      if (!arr) byOrder.set(orderId, (arr = []));
      arr.push(l);
    }
    const order = new Map(ids.map((id, i) => [id, i]));
    return heads.map((h) => ({ ...h, lines: byOrder.get(h.id) ?? [] })).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  }

  /** Every open order line that holds stock (the reservation ledger's stand-in). */
  reservedLines(): ReservedLine[] {
    return this.reserved.all() as ReservedLine[];
  }

  orderStatus(id: string): OrderStatus | null {
    return ((this.locksToEnd.get(id) as { status: OrderStatus } | undefined)?.status) ?? null;
  }

  /** Our shipped quantities per pushed order and SKU, for reconciliation against ERP sales outbound. */
  shippedLines(connectionId: string): { orderId: string; extOrderNo: string; skuCode: string; qty: number }[] {
    return this.shipped.all(connectionId) as { orderId: string; extOrderNo: string; skuCode: string; qty: number }[];
  }
}
