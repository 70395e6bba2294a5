/**
 * The pick list's content (#11 §1), pure: lines grouped by SKU (bin, total quantity, how many
 * orders) in walking order, then each order with its lines and each gift under its parent line.
 */
import type { Urgency } from '../../../src-shared/orders';

export interface PickOrderRow {
  id: string;
  orderNo: string;
  shopName: string;
  receiverName: string | null;
  place: string;
  urgency: Urgency;
  paidAt: number | null;
  addressChangedAt: number | null;
  buyerRemark: string | null;
  carrier: string | null;
}

export interface PickLineRow {
  id: string;
  orderId: string;
  skuCode: string | null;
  title: string;
  spec: string | null;
  qty: number;
  gift: boolean;
  parentLineId: string | null;
}

export interface SkuTotal {
  skuCode: string;
  title: string;
  spec: string | null;
  bin: string | null;
  qty: number;
  orders: number;
  /** Every unit of this SKU on the list is a gift. */
  giftOnly: boolean;
}

export interface PickLine {
  skuCode: string;
  title: string;
  spec: string | null;
  bin: string | null;
  qty: number;
  gifts: { skuCode: string; title: string; qty: number; bin: string | null }[];
}

export interface PickOrder extends PickOrderRow {
  /** The address changed after payment: printed in red so the packer checks the label. */
  addressChanged: boolean;
  lines: PickLine[];
}

export interface PickListModel {
  skus: SkuTotal[];
  orders: PickOrder[];
  units: number;
}

/** A line without a SKU code still has to be picked: it is grouped under its title. */
const skuOf = (l: PickLineRow): string => l.skuCode ?? `（无编码）${l.title}`;

/** Bins sort as people read them: A-2 before A-10; SKUs without a bin go last. */
const binOrder = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'zh-CN', { numeric: true });

export function buildPickList(orders: PickOrderRow[], lines: PickLineRow[], bins: ReadonlyMap<string, string>): PickListModel {
  const byOrder = new Map<string, PickLineRow[]>();
  for (const l of lines) {
    const list = byOrder.get(l.orderId);
    if (list) list.push(l);
    else byOrder.set(l.orderId, [l]);
  }
  const totals = new Map<string, SkuTotal & { seen: string | null }>();
  let units = 0;
  for (const l of lines) {
    const code = skuOf(l);
    let t = totals.get(code);
    if (!t) {
      t = { skuCode: code, title: l.title, spec: l.spec, bin: l.skuCode ? (bins.get(l.skuCode) ?? null) : null, qty: 0, orders: 0, giftOnly: true, seen: null };
      totals.set(code, t);
    }
    t.qty += l.qty;
    units += l.qty;
    if (!l.gift) t.giftOnly = false;
    // Lines arrive grouped by order, so one "last order seen" counts each order once.
    if (t.seen !== l.orderId) {
      t.orders += 1;
      t.seen = l.orderId;
    }
  }
  const skus = [...totals.values()]
    .map(({ seen: _seen, ...t }) => t)
    .sort((a, b) => binOrder(a.bin, b.bin) || a.skuCode.localeCompare(b.skuCode));

  const pickOrders = orders.map((o): PickOrder => {
    const own = byOrder.get(o.id) ?? [];
    const parents = own.filter((l) => !l.gift || !l.parentLineId || !own.some((p) => p.id === l.parentLineId));
    const line = (l: PickLineRow): PickLine => ({
      skuCode: skuOf(l), title: l.title, spec: l.spec, bin: l.skuCode ? (bins.get(l.skuCode) ?? null) : null, qty: l.qty,
      gifts: own.filter((g) => g.gift && g.parentLineId === l.id)
        .map((g) => ({ skuCode: skuOf(g), title: g.title, qty: g.qty, bin: g.skuCode ? (bins.get(g.skuCode) ?? null) : null })),
    });
    return {
      ...o,
      addressChanged: o.addressChangedAt !== null && o.paidAt !== null && o.addressChangedAt > o.paidAt,
      lines: parents.map(line),
    };
  });
  return { skus, orders: pickOrders, units };
}
