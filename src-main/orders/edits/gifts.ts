import { uuidv7 } from '../../kernel/ids';
import type { SkuHit } from '../../../src-shared/contract/lifecycle';
import { isPreShipment, type OrderStatus } from '../../../src-shared/orders';
import type { Database, WriteTx } from '../../db';
import { OrderActionError } from '../action-error';
import type { Lifecycle } from '../lifecycle/lifecycle';

interface GiftLine {
  id: string;
  orderId: string;
  skuCode: string | null;
  title: string;
  gift: number;
  status: OrderStatus;
  version: number;
  no: string;
}

/**
 * Gifts stand in for each other within their gift group (skus.gift_group): when a gift is out of
 * stock, the others of the group are offered with the latest stock count on hand, and a person
 * picks one. (Stock here is the latest snapshot, before reservations: the routing decides the rest.)
 */
export class GiftSubstitutes {
  private readonly line;
  private readonly group;
  private readonly peers;
  private readonly sku;
  private readonly versionOf;

  constructor(db: Pick<Database, 'sqlite'>, private readonly lifecycle: Lifecycle, private readonly now: () => number = Date.now) {
    const { sqlite } = db;
    this.line = sqlite.prepare(
      `SELECT l.id, l.order_id AS orderId, l.sku_code AS skuCode, l.title, l.gift, o.status, o.version, o.platform_order_id AS no
       FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE l.id = ? AND l.order_id = ?`,
    );
    this.group = sqlite.prepare('SELECT gift_group FROM skus WHERE code = ?').pluck();
    this.peers = sqlite.prepare(
      `SELECT s.code, s.title, s.spec, s.price_fen AS priceFen, s.gift_group AS giftGroup,
         (SELECT sum(l.on_hand) FROM stock_latest l WHERE l.sku_code = s.code) AS onHand
       FROM skus s WHERE s.gift_group = ? AND s.code <> ? ORDER BY onHand IS NULL, onHand DESC, s.code LIMIT 50`,
    );
    this.sku = sqlite.prepare('SELECT code, title, spec FROM skus WHERE code = ?');
    this.versionOf = sqlite.prepare('SELECT version FROM orders WHERE id = ?').pluck();
  }

  substitutes(orderId: string, lineId: string): (SkuHit & { onHand: number | null })[] {
    const l = this.giftLine(orderId, lineId);
    const group = l.skuCode ? (this.group.get(l.skuCode) as string | null | undefined) : null;
    if (!group) return [];
    return this.peers.all(group, l.skuCode) as (SkuHit & { onHand: number | null })[];
  }

  replace(tx: WriteTx, orderId: string, lineId: string, skuCode: string): { version: number } {
    const l = this.giftLine(orderId, lineId);
    if (!isPreShipment(l.status)) {
      throw new OrderActionError('conflict', `订单 ${l.no} 已发出，不能再换赠品`, `order ${l.no} has left: its gift cannot change`, 'lineId');
    }
    if (!this.substitutes(orderId, lineId).some((s) => s.code === skuCode)) {
      throw new OrderActionError('invalid_input', `${skuCode} 不是同组赠品，不能替换「${l.title}」`, `${skuCode} is not in the gift group of "${l.title}"`, 'skuCode');
    }
    const s = this.sku.get(skuCode) as { code: string; title: string; spec: string | null };
    const now = this.now();
    const version = l.version + 1;
    tx.update('order_lines', lineId, { skuCode: s.code, title: s.title, spec: s.spec });
    tx.update('orders', orderId, { version, modifiedAt: now });
    tx.insert('order_events', {
      id: uuidv7(), orderId, at: now, type: 'gift_replaced', actorId: tx.ctx.actor.id, actorName: tx.ctx.actor.name, fromStatus: null, toStatus: null,
      detailJson: JSON.stringify({ lineId, from: { skuCode: l.skuCode, title: l.title }, to: { skuCode: s.code, title: s.title } }),
    });
    // Another SKU to reserve: a routed order is routed again.
    if (l.status === 'to_route' || l.status === 'to_ship') this.lifecycle.reroute(tx, orderId, { code: 'gift_replaced' });
    return { version: this.versionOf.get(orderId) as number };
  }

  private giftLine(orderId: string, lineId: string): GiftLine {
    const l = this.line.get(lineId, orderId) as GiftLine | undefined;
    if (!l) throw new OrderActionError('not_found', `订单上没有这一行商品（${lineId}）`, `the order has no line ${lineId}`, 'lineId');
    if (!l.gift) throw new OrderActionError('invalid_input', `「${l.title}」不是赠品`, `"${l.title}" is not a gift`, 'lineId');
    return l;
  }
}
