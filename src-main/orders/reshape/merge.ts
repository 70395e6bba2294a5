import { uuidv7 } from '../../kernel/ids';
import { ORDER_STATUS_LABELS, type OrderStatus } from '../../../src-shared/orders';
import type { Database, WriteTx } from '../../db';
import { OrderActionError } from '../action-error';
import type { Holds } from '../holds/holds';
import type { QualityHolds } from '../holds/quality-holds';
import type { Lifecycle } from '../lifecycle/lifecycle';
import type { Reason } from '../lifecycle/types';
import { OrderReads, RESHAPEABLE, type OrderHead } from './order-reads';

interface MergeDetail {
  /** The member's lines with the line numbers they had. */
  lines: { lineId: string; lineNo: number }[];
  statusBefore: OrderStatus;
  /** Holds copied onto the order that ships everything (released again on unmerge). */
  copiedHolds: string[];
  reason: Reason;
}

const RECOMPUTED_HOLDS = new Set(['review', 'stock']);

/**
 * 合单: orders of the same shop, buyer and address, none shipped, ship as one. The earliest paid
 * order ships everything; the others' lines move to it (each line remembers the platform order
 * that sold it) and they become 已合并, keeping their own money and platform identity.
 * 撤销合单 moves the lines back and sends the members to routing again.
 */
export class Merger {
  readonly reads: OrderReads;

  constructor(
    db: Pick<Database, 'sqlite'>,
    private readonly lifecycle: Lifecycle,
    private readonly holds: Holds,
    private readonly quality: QualityHolds,
    private readonly now: () => number = Date.now,
  ) {
    this.reads = new OrderReads(db.sqlite);
  }

  merge(tx: WriteTx, orderIds: string[], reason: Reason): { primary: string; merged: string[] } {
    const ids = [...new Set(orderIds)];
    if (ids.length < 2) throw new OrderActionError('invalid_input', '合单至少需要两个订单', 'a merge needs at least two orders', 'ids');
    const orders = ids.map((id) => {
      const o = this.reads.order(id);
      if (!o) throw new OrderActionError('not_found', `订单 ${id} 不存在`, `order ${id} does not exist`, 'ids');
      return o;
    });
    this.checkMergeable(orders);
    // The order already shipping others' lines, else the earliest paid, ships everything.
    const primary = orders.find((o) => this.reads.links('merge', o.id).some((l) => l.orderId === o.id))
      ?? [...orders].sort((a, b) => (a.paidAt ?? a.createdAt) - (b.paidAt ?? b.createdAt) || a.createdAt - b.createdAt)[0]!;
    const now = this.now();
    let lineNo = Math.max(0, ...this.reads.linesOf(primary.id).map((l) => l.lineNo));
    const merged: string[] = [];
    for (const m of orders) {
      if (m.id === primary.id) continue;
      const detail: MergeDetail = { lines: [], statusBefore: m.status, copiedHolds: [], reason };
      for (const l of this.reads.linesOf(m.id)) {
        detail.lines.push({ lineId: l.id, lineNo: l.lineNo });
        tx.update('order_lines', l.id, { orderId: primary.id, lineNo: ++lineNo, sourceOrderId: m.id });
      }
      for (const h of this.holds.openFor(m.id)) {
        if (!RECOMPUTED_HOLDS.has(h.type)) {
          detail.copiedHolds.push(this.holds.open(tx, primary.id, { type: h.type, code: h.code, params: { ...h.params, fromOrderId: m.id }, groupId: h.groupId }));
        }
      }
      this.lifecycle.transition(tx, { orderId: m.id, to: 'merged', source: 'system', reason: { code: 'merged', params: { into: primary.id } } });
      tx.update('orders', m.id, { mergedIntoId: primary.id, version: this.reads.order(m.id)!.version + 1, modifiedAt: now });
      for (const h of this.holds.openFor(m.id)) this.holds.release(tx, h.id, { code: 'merged', params: { into: primary.id } });
      tx.insert('order_links', {
        id: uuidv7(), kind: 'merge', orderId: primary.id, otherOrderId: m.id, detailJson: JSON.stringify(detail), createdAt: now,
        createdById: tx.ctx.actor.id, createdByName: tx.ctx.actor.name,
      });
      merged.push(m.id);
    }
    tx.update('orders', primary.id, { version: this.reads.order(primary.id)!.version + 1, modifiedAt: now });
    tx.insert('order_events', event(tx, primary.id, now, 'merged', { with: merged, reason }));
    this.quality.checkOrder(tx, primary.id);
    this.lifecycle.reroute(tx, primary.id, { code: 'merged', params: { with: merged.length } });
    return { primary: primary.id, merged };
  }

  /** A member's id: that member leaves; the merged order's id: every member leaves. */
  unmerge(tx: WriteTx, orderId: string, reason: Reason): { returned: string[] } {
    const o = this.reads.order(orderId);
    if (!o) throw new OrderActionError('not_found', `订单 ${orderId} 不存在`, `order ${orderId} does not exist`, 'id');
    const links = this.reads.links('merge', orderId);
    if (!links.length) throw new OrderActionError('invalid_input', `订单 ${o.platformOrderId} 没有可撤销的合单`, `order ${o.platformOrderId} has no merge to undo`, 'id');
    const primary = this.reads.order(links[0]!.orderId)!;
    if (!RESHAPEABLE.includes(primary.status)) {
      throw new OrderActionError('conflict',
        `合并后的订单 ${primary.platformOrderId} 已是「${ORDER_STATUS_LABELS[primary.status].zh}」，仓库已开始处理，不能撤销合单`,
        `the merged order ${primary.platformOrderId} is already ${ORDER_STATUS_LABELS[primary.status].en}: the warehouse has it, the merge cannot be undone`, 'id');
    }
    const now = this.now();
    const returned: string[] = [];
    for (const l of links) {
      const d = l.detail as unknown as MergeDetail;
      for (const x of d.lines) tx.update('order_lines', x.lineId, { orderId: l.otherOrderId, lineNo: x.lineNo, sourceOrderId: null });
      for (const holdId of d.copiedHolds) this.holds.release(tx, holdId, { code: 'unmerged', params: { orderId: l.otherOrderId } });
      const member = this.reads.order(l.otherOrderId)!;
      tx.update('orders', member.id, { mergedIntoId: null, version: member.version + 1, modifiedAt: now });
      tx.update('order_links', l.id, { reversedAt: now, reversedById: tx.ctx.actor.id, reversedByName: tx.ctx.actor.name });
      // Back to review if it was waiting there; otherwise it is routed afresh (its reservations went with the merge).
      const to: OrderStatus = d.statusBefore === 'pending_review' ? 'pending_review' : 'to_route';
      this.lifecycle.transition(tx, { orderId: member.id, to, source: 'system', reason: { code: 'unmerged', params: { from: primary.id } } });
      this.quality.checkOrder(tx, member.id);
      returned.push(member.id);
    }
    tx.update('orders', primary.id, { version: this.reads.order(primary.id)!.version + 1, modifiedAt: now });
    tx.insert('order_events', event(tx, primary.id, now, 'unmerged', { returned, reason }));
    this.lifecycle.reroute(tx, primary.id, { code: 'unmerged' });
    return { returned };
  }

  private checkMergeable(orders: OrderHead[]): void {
    const [first] = orders;
    for (const o of orders) {
      const no = o.platformOrderId;
      if (!RESHAPEABLE.includes(o.status)) {
        throw new OrderActionError('conflict', `订单 ${no} 是「${ORDER_STATUS_LABELS[o.status].zh}」，只有未进仓库作业的订单可以合单`,
          `order ${no} is ${ORDER_STATUS_LABELS[o.status].en}: only orders the warehouse has not started can be merged`, 'ids');
      }
      if (o.parentOrderId || this.reads.links('split', o.id).length) {
        throw new OrderActionError('invalid_input', `订单 ${no} 已拆单，请先撤销拆单再合单`, `order ${no} is split: undo the split before merging`, 'ids');
      }
      if (o.channelId !== first!.channelId) {
        throw new OrderActionError('invalid_input', `订单 ${no} 来自另一个店铺：只能合并同一店铺的订单`, `order ${no} is from another shop: only one shop's orders merge`, 'ids');
      }
      const sameBuyer = o.customerId && first!.customerId ? o.customerId === first!.customerId : (o.buyerNick ?? '') === (first!.buyerNick ?? '');
      if (!sameBuyer) throw new OrderActionError('invalid_input', `订单 ${no} 的买家不同，不能合单`, `order ${no} has another buyer: it cannot be merged`, 'ids');
      if (o.receiverKey !== first!.receiverKey || o.receiverKey.replaceAll('|', '') === '') {
        throw new OrderActionError('invalid_input', `订单 ${no} 的收货人或地址不同，不能合单`, `order ${no} goes to another receiver or address: it cannot be merged`, 'ids');
      }
    }
  }
}

function event(tx: WriteTx, orderId: string, at: number, type: string, detail: Record<string, unknown>) {
  return {
    id: uuidv7(), orderId, at, type, actorId: tx.ctx.actor.id, actorName: tx.ctx.actor.name, fromStatus: null, toStatus: null,
    detailJson: JSON.stringify(detail),
  };
}
