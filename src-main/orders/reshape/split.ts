import { uuidv7 } from '../../kernel/ids';
import { ORDER_STATUS_LABELS } from '../../../src-shared/orders';
import type { Database, WriteTx } from '../../db';
import { OrderActionError } from '../action-error';
import type { Holds } from '../holds/holds';
import type { QualityHolds } from '../holds/quality-holds';
import type { Lifecycle } from '../lifecycle/lifecycle';
import type { Reason, TriggerSource } from '../lifecycle/types';
import { OrderReads, RESHAPEABLE, share, type LineRow, type OrderHead } from './order-reads';

export interface SplitPart {
  /** Lines (not gifts: a gift follows its line) and how many of each go to this part. */
  lines: { lineId: string; qty: number }[];
}

interface SplitDetail {
  /** Whole lines moved, with the line number they had. */
  moved: { lineId: string; lineNo: number }[];
  /** Quantity cut from a line into a new line of the part. */
  cut: { fromLineId: string; lineId: string; qty: number; discountFen: number; paidFen: number; refundFen: number }[];
  reason: Reason;
}

/** Holds a person or the platform opened travel with the lines; review and stock are decided again by the rules. */
const RECOMPUTED_HOLDS = new Set(['review', 'stock']);

/**
 * 拆单: lines (or quantities of a line) of an order go to new part orders that ship on their own.
 * Parts are OrderHub's orders (no money of their own: the amounts stay with the platform order),
 * named after it (`<order no.>#2`), and enter routing again; the original is routed again too.
 * 撤销拆单 brings a part's lines back and leaves the part 已合并 into its original.
 */
export class Splitter {
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

  split(tx: WriteTx, orderId: string, parts: SplitPart[], reason: Reason, source: TriggerSource = 'person'): { parts: string[] } {
    const o = this.reads.order(orderId);
    if (!o) throw new OrderActionError('not_found', `订单 ${orderId} 不存在`, `order ${orderId} does not exist`, 'id');
    this.checkSplittable(o);
    const lines = this.reads.linesOf(orderId);
    const plan = planSplit(o, lines, parts);
    const created: string[] = [];
    for (const part of plan) created.push(this.createPart(tx, o, lines, part, reason, source));
    const now = this.now();
    tx.update('orders', o.id, { version: o.version + 1, modifiedAt: now });
    tx.insert('order_events', event(tx, o.id, now, 'split', { parts: created, reason }));
    this.lifecycle.reroute(tx, o.id, { code: 'split', params: { parts: created.length } });
    return { parts: created };
  }

  /** A part id: that part comes back; the original's id: every part comes back. */
  unsplit(tx: WriteTx, orderId: string, reason: Reason): { returned: string[] } {
    const o = this.reads.order(orderId);
    if (!o) throw new OrderActionError('not_found', `订单 ${orderId} 不存在`, `order ${orderId} does not exist`, 'id');
    const links = this.reads.links('split', orderId).filter((l) => l.orderId === orderId || l.otherOrderId === orderId);
    if (!links.length) throw new OrderActionError('invalid_input', `订单 ${o.platformOrderId} 没有可撤销的拆单`, `order ${o.platformOrderId} has no split to undo`, 'id');
    const rootId = links[0]!.orderId;
    const root = this.reads.order(rootId)!;
    for (const l of links) {
      const part = this.reads.order(l.otherOrderId)!;
      for (const x of [root, part]) {
        if (!RESHAPEABLE.includes(x.status)) {
          throw new OrderActionError('conflict',
            `订单 ${x.platformOrderId} 已是「${ORDER_STATUS_LABELS[x.status].zh}」，仓库已开始处理，不能撤销拆单`,
            `order ${x.platformOrderId} is already ${ORDER_STATUS_LABELS[x.status].en}: the warehouse has it, the split cannot be undone`, 'id');
        }
      }
    }
    const now = this.now();
    for (const l of links) this.returnPart(tx, root, l, now);
    tx.update('orders', root.id, { version: this.reads.order(root.id)!.version + 1, modifiedAt: now });
    tx.insert('order_events', event(tx, root.id, now, 'unsplit', { parts: links.map((l) => l.otherOrderId), reason }));
    this.lifecycle.reroute(tx, root.id, { code: 'unsplit' });
    return { returned: links.map((l) => l.otherOrderId) };
  }

  private checkSplittable(o: OrderHead): void {
    if (!RESHAPEABLE.includes(o.status)) {
      throw new OrderActionError('conflict', `订单 ${o.platformOrderId} 是「${ORDER_STATUS_LABELS[o.status].zh}」，只有待审核、待分仓、待发货的订单可以拆单`,
        `order ${o.platformOrderId} is ${ORDER_STATUS_LABELS[o.status].en}: only orders pending review, to route or to ship can be split`, 'id');
    }
    if (o.parentOrderId) {
      throw new OrderActionError('invalid_input', `订单 ${o.platformOrderId} 本身是拆出的子单，请从原订单拆分`,
        `order ${o.platformOrderId} is itself a split part: split the original order`, 'id');
    }
    if (this.reads.links('merge', o.id).length) {
      throw new OrderActionError('invalid_input', `订单 ${o.platformOrderId} 是合并后的订单，请先撤销合单`,
        `order ${o.platformOrderId} is a merged order: undo the merge first`, 'id');
    }
  }

  private createPart(tx: WriteTx, o: OrderHead, lines: LineRow[], part: PlannedPart, reason: Reason, source: TriggerSource): string {
    const full = this.reads.full.get(o.id) as Record<string, unknown>;
    const now = this.now();
    const id = uuidv7();
    let n = 2;
    while (this.reads.platformOrderIdTaken(o.channelId, `${o.platformOrderId}#${n}`)) n++;
    const row = {
      id, channelId: o.channelId, platformOrderId: `${o.platformOrderId}#${n}`, platformStatus: full.platform_status, refundStatus: null,
      // The money stays with the platform order: a part only ships.
      goodsFen: 0, discountFen: 0, platformDiscountFen: 0, postageFen: 0, paidFen: 0, commissionFen: 0, refundFen: 0,
      createdAt: full.created_at, paidAt: full.paid_at, platformUpdatedAt: full.platform_updated_at, promisedShipAt: full.promised_ship_at,
      urgency: full.urgency, tags: full.tags, buyerRemark: full.buyer_remark, sellerNote: full.seller_note, customerId: full.customer_id,
      buyerNick: full.buyer_nick, receiverName: full.receiver_name, receiverPhone: full.receiver_phone, phoneLast4: full.phone_last4,
      province: full.province, city: full.city, district: full.district, addressDetail: full.address_detail,
      addressChangedAt: full.address_changed_at, parentOrderId: o.id, version: 1, ingestedAt: now, modifiedAt: now,
    } as Record<string, unknown> & { id: string; channelId: string; paidAt: number | null; customerId: string | null };
    const detail: SplitDetail = { moved: [], cut: [], reason };
    this.lifecycle.admit(tx, row, [], {
      phase: full.platform_phase as never, source, status: o.status === 'pending_review' ? 'pending_review' : 'to_route',
      eventType: 'split_created', eventDetail: { fromOrderId: o.id, fromPlatformOrderId: o.platformOrderId, reason },
      // The lines are in the part before review and routing look at it.
      before: () => {
        let lineNo = 1;
        for (const { line, qty } of part.take) {
          if (qty === line.qty) {
            detail.moved.push({ lineId: line.id, lineNo: line.lineNo });
            tx.update('order_lines', line.id, { orderId: id, lineNo: lineNo++, sourceOrderId: line.sourceOrderId ?? o.id });
            // A gift goes where its whole line goes.
            for (const g of lines.filter((l) => l.gift && l.parentLineId === line.id)) {
              detail.moved.push({ lineId: g.id, lineNo: g.lineNo });
              tx.update('order_lines', g.id, { orderId: id, lineNo: lineNo++, sourceOrderId: g.sourceOrderId ?? o.id });
            }
          } else {
            const cut = {
              fromLineId: line.id, lineId: uuidv7(), qty, discountFen: share(line.discountFen, qty, line.qty),
              paidFen: share(line.paidFen, qty, line.qty), refundFen: share(line.refundFen, qty, line.qty),
            };
            detail.cut.push(cut);
            tx.update('order_lines', line.id, {
              qty: line.qty - qty, discountFen: line.discountFen - cut.discountFen, paidFen: line.paidFen - cut.paidFen, refundFen: line.refundFen - cut.refundFen,
            });
            line.qty -= qty;
            line.discountFen -= cut.discountFen;
            line.paidFen -= cut.paidFen;
            line.refundFen -= cut.refundFen;
            tx.insert('order_lines', {
              id: cut.lineId, orderId: id, lineNo: lineNo++, platformLineId: line.platformLineId, skuCode: line.skuCode, title: line.title,
              spec: line.spec, qty, unitPriceFen: line.unitPriceFen, discountFen: cut.discountFen, paidFen: cut.paidFen, batchNo: line.batchNo,
              gift: false, parentLineId: null, sourceOrderId: line.sourceOrderId ?? o.id, splitFromLineId: line.id,
              refundStatus: line.refundStatus, refundFen: cut.refundFen,
            });
          }
        }
        for (const h of this.holds.openFor(o.id)) {
          if (!RECOMPUTED_HOLDS.has(h.type)) this.holds.open(tx, id, { type: h.type, code: h.code, params: { ...h.params, fromOrderId: o.id }, groupId: h.groupId });
        }
        this.quality.checkOrder(tx, id);
      },
    });
    tx.insert('order_links', {
      id: uuidv7(), kind: 'split', orderId: o.id, otherOrderId: id, detailJson: JSON.stringify(detail), createdAt: now,
      createdById: tx.ctx.actor.id, createdByName: tx.ctx.actor.name,
    });
    return id;
  }

  private returnPart(tx: WriteTx, root: OrderHead, link: { id: string; otherOrderId: string; detail: Record<string, unknown> }, now: number): void {
    const d = link.detail as unknown as SplitDetail;
    const partId = link.otherOrderId;
    for (const m of d.moved) tx.update('order_lines', m.lineId, { orderId: root.id, lineNo: m.lineNo, sourceOrderId: null });
    const rootLines = new Map(this.reads.linesOf(root.id).map((l) => [l.id, l]));
    for (const c of d.cut) {
      const from = rootLines.get(c.fromLineId);
      const cut = this.reads.linesOf(partId).find((l) => l.id === c.lineId);
      if (!from || !cut) continue;
      tx.update('order_lines', from.id, {
        qty: from.qty + cut.qty, discountFen: from.discountFen + cut.discountFen, paidFen: from.paidFen + cut.paidFen, refundFen: from.refundFen + cut.refundFen,
      });
      from.qty += cut.qty;
      from.discountFen += cut.discountFen;
      from.paidFen += cut.paidFen;
      from.refundFen += cut.refundFen;
      tx.delete('order_lines', cut.id);
    }
    // The part is dissolved into its original: 已合并, its holds released (its lines are back where they came from).
    this.lifecycle.transition(tx, { orderId: partId, to: 'merged', source: 'system', reason: { code: 'unsplit', params: { into: root.id } } });
    const part = this.reads.order(partId)!;
    tx.update('orders', partId, { mergedIntoId: root.id, version: part.version + 1, modifiedAt: now });
    for (const h of this.holds.openFor(partId)) this.holds.release(tx, h.id, { code: 'unsplit', params: { into: root.id } });
    tx.update('order_links', link.id, { reversedAt: now, reversedById: tx.ctx.actor.id, reversedByName: tx.ctx.actor.name });
  }
}

interface PlannedPart {
  take: { line: LineRow; qty: number }[];
}

/** Checks a split request against the order's lines; every refusal names the line and the number. */
export function planSplit(o: Pick<OrderHead, 'platformOrderId'>, lines: LineRow[], parts: SplitPart[]): PlannedPart[] {
  const byId = new Map(lines.map((l) => [l.id, l]));
  const taken = new Map<string, number>();
  if (!parts.length) throw new OrderActionError('invalid_input', '请至少拆出一个子单', 'name at least one part to split off', 'parts');
  const planned = parts.map((p, i) => {
    if (!p.lines.length) throw new OrderActionError('invalid_input', `第 ${i + 1} 个子单没有商品`, `part ${i + 1} has no lines`, `parts.${i}.lines`);
    return {
      take: p.lines.map((x, j) => {
        const line = byId.get(x.lineId);
        const field = `parts.${i}.lines.${j}`;
        if (!line) throw new OrderActionError('invalid_input', `商品行 ${x.lineId} 不属于订单 ${o.platformOrderId}`, `line ${x.lineId} is not on order ${o.platformOrderId}`, field);
        if (line.gift) {
          throw new OrderActionError('invalid_input', `赠品「${line.title}」不能单独拆出：赠品跟随它的主商品`,
            `the gift "${line.title}" cannot be split off alone: a gift follows its line`, field);
        }
        if (!Number.isInteger(x.qty) || x.qty < 1) throw new OrderActionError('invalid_input', `「${line.title}」的数量 ${x.qty} 无效`, `quantity ${x.qty} of "${line.title}" is not valid`, field);
        const sum = (taken.get(line.id) ?? 0) + x.qty;
        if (sum > line.qty) {
          throw new OrderActionError('invalid_input', `「${line.title}」共 ${line.qty} 件，拆出了 ${sum} 件`,
            `"${line.title}" has ${line.qty}, ${sum} were split off`, field);
        }
        taken.set(line.id, sum);
        return { line, qty: x.qty };
      }),
    };
  });
  const leftOver = lines.some((l) => !l.gift && l.qty > (taken.get(l.id) ?? 0));
  if (!leftOver) {
    throw new OrderActionError('invalid_input', `订单 ${o.platformOrderId} 的商品不能全部拆走：原订单至少保留一件`,
      `order ${o.platformOrderId} cannot give away every line: the original keeps at least one`, 'parts');
  }
  return planned;
}

function event(tx: WriteTx, orderId: string, at: number, type: string, detail: Record<string, unknown>) {
  return {
    id: uuidv7(), orderId, at, type, actorId: tx.ctx.actor.id, actorName: tx.ctx.actor.name, fromStatus: null, toStatus: null,
    detailJson: JSON.stringify(detail),
  };
}
