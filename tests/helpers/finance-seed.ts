import { uuidv7 } from 'uuidv7';
import type { Database } from '../../src-main/db';
import { Lifecycle } from '../../src-main/orders/lifecycle/lifecycle';
import type { ChannelKind, OrderStatus } from '../../src-shared/orders';

/**
 * Writes shops and paid orders straight through the write path's bulk insert, for finance
 * tests and the finance benchmark: fast, deterministic, with every money column filled.
 */
const ctx = { actor: { id: null, name: 'test-seed' }, call: 'test.seed', reason: 'finance fixtures' };

export function seedChannel(db: Database, c: { name: string; kind: ChannelKind; commissionBps?: number | null }): string {
  const id = uuidv7();
  const now = Date.now();
  db.writes.run(ctx, (tx) => tx.insert('channels', { id, kind: c.kind, name: c.name, commissionBps: c.commissionBps ?? null, createdAt: now, updatedAt: now }));
  return id;
}

export interface SeedLine {
  skuCode?: string | null;
  title: string;
  qty: number;
  unitPriceFen: number;
  discountFen?: number;
  paidFen: number;
  refundFen?: number;
}

export interface SeedOrder {
  channelId: string;
  platformOrderId: string;
  status?: OrderStatus;
  platformStatus?: string;
  paidAt: number | null;
  completedAt?: number | null;
  goodsFen: number;
  discountFen?: number;
  platformDiscountFen?: number;
  postageFen?: number;
  paidFen: number;
  commissionFen?: number | null;
  refundFen?: number;
  buyerNick?: string | null;
  receiverName?: string | null;
  buyerRemark?: string | null;
  sellerNote?: string | null;
  lines: SeedLine[];
}

export function seedOrders(db: Database, list: readonly SeedOrder[]): void {
  const now = Date.now();
  for (let i = 0; i < list.length; i += 2000) {
    const batch = list.slice(i, i + 2000);
    const orders: Record<string, unknown>[] = [];
    const lines: Record<string, unknown>[] = [];
    for (const o of batch) {
      const id = uuidv7();
      const created = (o.paidAt ?? now) - 60_000;
      orders.push({
        id, channelId: o.channelId, platformOrderId: o.platformOrderId, status: o.status ?? 'completed',
        platformStatus: o.platformStatus ?? '交易成功', goodsFen: o.goodsFen, discountFen: o.discountFen ?? 0,
        platformDiscountFen: o.platformDiscountFen ?? 0, postageFen: o.postageFen ?? 0, paidFen: o.paidFen,
        commissionFen: o.commissionFen ?? null, refundFen: o.refundFen ?? 0, refundStatus: o.refundFen ? '退款成功' : null,
        createdAt: created, paidAt: o.paidAt, completedAt: o.completedAt ?? null, platformUpdatedAt: created,
        buyerNick: o.buyerNick ?? null, receiverName: o.receiverName ?? null, buyerRemark: o.buyerRemark ?? null,
        sellerNote: o.sellerNote ?? null, ingestedAt: now, modifiedAt: now,
      });
      o.lines.forEach((l, n) =>
        lines.push({
          id: uuidv7(), orderId: id, lineNo: n + 1, skuCode: l.skuCode ?? null, title: l.title, qty: l.qty,
          unitPriceFen: l.unitPriceFen, discountFen: l.discountFen ?? 0, paidFen: l.paidFen, refundFen: l.refundFen ?? 0,
          refundStatus: l.refundFen ? '退款成功' : null,
        }),
      );
    }
    const lifecycle = new Lifecycle(db);
    db.writes.run(ctx, (tx) => {
      lifecycle.insertHistoric(tx, orders, 'finance fixtures');
      tx.insertMany('order_lines', lines, 'finance fixtures');
    });
  }
}

/** A small deterministic PRNG so fixtures are the same on every run. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n plausible orders in [from, to): 1–3 lines, shop and platform discounts, some refunds. */
export function randomOrders(channelIds: readonly string[], n: number, from: number, to: number, seed = 1): SeedOrder[] {
  const rnd = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const out: SeedOrder[] = [];
  for (let i = 0; i < n; i++) {
    const lines: SeedLine[] = [];
    for (let k = int(1, 3); k > 0; k--) {
      const qty = int(1, 4);
      const unit = int(100, 30_000);
      lines.push({ skuCode: `SKU-${int(1, 500)}`, title: `商品${int(1, 500)}`, qty, unitPriceFen: unit, paidFen: qty * unit });
    }
    const goods = lines.reduce((s, l) => s + l.paidFen, 0);
    const discount = rnd() < 0.4 ? int(0, Math.floor(goods / 10)) : 0;
    const platformDiscount = discount ? int(0, discount) : 0;
    const postage = rnd() < 0.3 ? int(0, 1_200) : 0;
    const paid = goods - discount + postage;
    const refund = rnd() < 0.08 ? int(1, paid) : 0;
    const paidAt = from + Math.floor(rnd() * (to - from));
    out.push({
      channelId: channelIds[i % channelIds.length]!,
      // 19-digit ids like Taobao's: they must survive as text in both formats.
      platformOrderId: String(2450000000000000000n + BigInt(seed) * 10_000_000n + BigInt(i)),
      paidAt,
      completedAt: rnd() < 0.7 ? paidAt + int(1, 10) * 86_400_000 : null,
      goodsFen: goods, discountFen: discount, platformDiscountFen: platformDiscount, postageFen: postage, paidFen: paid,
      commissionFen: rnd() < 0.3 ? Math.floor(paid * 0.02) : null,
      refundFen: refund,
      buyerNick: `买家${int(1, 9999)}`,
      lines,
    });
  }
  return out;
}
