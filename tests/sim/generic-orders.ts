import { fenToYuan } from '../../src-shared/money';
import type { OrderStatus } from '../../src-shared/orders';
import { item, maskedMobile, maskedName, place, remark } from './fake-cn';
import type { Rand } from './random';
import type { SimOrderBase } from './store';

/** An order of a self-built mall / mini-program, in the neutral model (fen, UTC ms). */
export interface GenericSimLine {
  id: string;
  sku: string;
  title: string;
  spec: string;
  qty: number;
  unitFen: number;
  paidFen: number;
}

export interface GenericSimOrder extends SimOrderBase {
  id: string;
  /** A standard status, or the shop's own word when the test uses a status_map. */
  status: string;
  refundStatus: string;
  createdAt: number;
  paidAt: number | null;
  shippedAt: number | null;
  goodsFen: number;
  discountFen: number;
  postageFen: number;
  paidFen: number;
  /** Which of the two documented money forms this order is sent in. */
  moneyAs: 'fen' | 'yuan';
  buyer: { id: string; nick: string };
  address: { name: string; phone: string; province: string; city: string; district: string; detail: string };
  buyerRemark: string;
  trackingNo: string | null;
  lines: GenericSimLine[];
}

const MIX: OrderStatus[] = ['to_ship', 'to_ship', 'to_ship', 'shipped', 'completed', 'pending_payment', 'cancelled'];

export function makeGenericOrder(r: Rand, modifiedAt: number, taken: (id: string) => boolean): GenericSimOrder {
  let id: string;
  do id = `WX${r.digits(14)}`; while (taken(id));
  const status = r.pick(MIX);
  const createdAt = modifiedAt - r.int(0, 24 * 3600) * 1000;
  const lines: GenericSimLine[] = [];
  for (let i = 0, n = r.pick([1, 1, 2]); i < n; i += 1) {
    const it = item(r);
    const qty = r.pick([1, 2]);
    lines.push({ id: String(i + 1), sku: it.skuCode, title: it.title, spec: it.spec, qty, unitFen: it.unitFen, paidFen: it.unitFen * qty });
  }
  const goodsFen = lines.reduce((s, l) => s + l.paidFen, 0);
  const discountFen = r.chance(0.3) ? Math.min(goodsFen - 1, 300) : 0;
  lines[0]!.paidFen -= Math.min(discountFen, lines[0]!.paidFen);
  const postageFen = r.chance(0.3) ? 800 : 0;
  const where = place(r);
  return {
    id, modifiedAt, status, refundStatus: status === 'cancelled' && r.chance(0.5) ? 'refunded' : 'none', createdAt,
    paidAt: status === 'pending_payment' ? null : createdAt + r.int(5, 300) * 1000,
    shippedAt: status === 'shipped' || status === 'completed' ? Math.min(modifiedAt, createdAt + 3600_000) : null,
    goodsFen, discountFen, postageFen, paidFen: goodsFen - discountFen + postageFen,
    moneyAs: r.chance(0.5) ? 'fen' : 'yuan',
    buyer: { id: `oU7x_${r.digits(10)}`, nick: `用户${r.digits(4)}` },
    address: { name: maskedName(r), phone: maskedMobile(r), ...where },
    buyerRemark: remark(r),
    trackingNo: status === 'shipped' || status === 'completed' ? `SF${r.digits(12)}` : null,
    lines,
  };
}

export function advanceGenericOrder(o: GenericSimOrder, at: number): void {
  const next: Record<string, string> = { pending_payment: 'to_ship', to_ship: 'shipped', shipped: 'completed' };
  if (o.status === 'pending_payment') o.paidAt = at;
  if (o.status === 'to_ship') {
    o.shippedAt = at;
    o.trackingNo = `SF${o.id.slice(-12)}`;
  }
  o.status = next[o.status] ?? o.status;
}

/** ISO 8601 in Beijing time with its offset: "2024-06-01T10:00:00+08:00". */
export function beijingIso(ms: number): string {
  return `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

export function renderGenericOrder(o: GenericSimOrder): Record<string, unknown> {
  const m = (name: string, fen: number) => (o.moneyAs === 'fen' ? { [`${name}_fen`]: fen } : { [`${name}_yuan`]: fenToYuan(fen) });
  const t = (ms: number | null) => (ms === null ? null : beijingIso(ms));
  return {
    id: o.id, status: o.status, refund_status: o.refundStatus,
    created_at: t(o.createdAt), updated_at: t(o.modifiedAt), paid_at: t(o.paidAt), shipped_at: t(o.shippedAt),
    ...m('goods', o.goodsFen), ...m('discount', o.discountFen), ...m('postage', o.postageFen), ...m('paid', o.paidFen),
    buyer: o.buyer, address: o.address, buyer_remark: o.buyerRemark || null, tracking_no: o.trackingNo,
    carrier: o.trackingNo ? '顺丰速运' : null,
    lines: o.lines.map((l) => ({
      id: l.id, sku: l.sku, title: l.title, spec: l.spec, qty: l.qty,
      ...m('unit_price', l.unitFen), ...m('discount', l.unitFen * l.qty - l.paidFen), ...m('paid', l.paidFen),
    })),
  };
}
