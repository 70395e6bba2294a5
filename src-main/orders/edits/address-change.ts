import { uuidv7 } from '../../kernel/ids';
import type { AddressInput } from '../../../src-shared/contract/lifecycle';
import { isPreShipment, ORDER_STATUS_LABELS, type OrderStatus } from '../../../src-shared/orders';
import type { Database, WriteTx } from '../../db';
import { OrderActionError } from '../action-error';
import type { Lifecycle } from '../lifecycle/lifecycle';
import type { Reason } from '../lifecycle/types';

/**
 * A person changes the receiver address. The new one wins (order_addresses keeps every earlier
 * one); after payment it is flagged for the pick list; a routed order is routed again.
 */
export class AddressChange {
  private readonly order;
  private readonly versionOf;

  constructor(db: Pick<Database, 'sqlite'>, private readonly lifecycle: Lifecycle, private readonly now: () => number = Date.now) {
    this.order = db.sqlite.prepare(
      `SELECT platform_order_id AS no, status, version, paid_at AS paidAt, receiver_name AS receiverName, receiver_phone AS receiverPhone,
         province, city, district, address_detail AS detail FROM orders WHERE id = ?`,
    );
    this.versionOf = db.sqlite.prepare('SELECT version FROM orders WHERE id = ?').pluck();
  }

  change(tx: WriteTx, orderId: string, a: Required<AddressInput>, reason: Reason | undefined): { version: number } {
    const o = this.order.get(orderId) as { no: string; status: OrderStatus; version: number; paidAt: number | null } & Record<string, string | null> | undefined;
    if (!o) throw new OrderActionError('not_found', `订单 ${orderId} 不存在`, `order ${orderId} does not exist`, 'id');
    if (!isPreShipment(o.status)) {
      throw new OrderActionError('conflict', `订单 ${o.no} 已是「${ORDER_STATUS_LABELS[o.status].zh}」，包裹已离开仓库，不能再改地址`,
        `order ${o.no} is already ${ORDER_STATUS_LABELS[o.status].en}: the parcel has left, the address cannot change`, 'id');
    }
    const now = this.now();
    const next = {
      receiverName: a.receiverName, receiverPhone: a.receiverPhone, province: a.province, city: a.city || null,
      district: a.district || null, detail: a.detail,
    };
    const before = { receiverName: o.receiverName, receiverPhone: o.receiverPhone, province: o.province, city: o.city, district: o.district, detail: o.detail };
    const version = o.version + 1;
    tx.insert('order_addresses', { id: uuidv7(), orderId, ...next, source: 'person', createdAt: now });
    tx.update('orders', orderId, {
      receiverName: next.receiverName, receiverPhone: next.receiverPhone, phoneLast4: last4(next.receiverPhone), province: next.province,
      city: next.city, district: next.district, addressDetail: next.detail, version, modifiedAt: now,
      ...(o.paidAt !== null ? { addressChangedAt: now } : {}),
    });
    tx.insert('order_events', {
      id: uuidv7(), orderId, at: now, type: 'address_changed', actorId: tx.ctx.actor.id, actorName: tx.ctx.actor.name,
      fromStatus: null, toStatus: null, detailJson: JSON.stringify({ before, after: next, afterPayment: o.paidAt !== null, ...(reason ? { reason } : {}) }),
    });
    if (o.status === 'to_route' || o.status === 'to_ship') this.lifecycle.reroute(tx, orderId, { code: 'address_changed' });
    return { version: this.versionOf.get(orderId) as number };
  }
}

function last4(phone: string): string | null {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}
