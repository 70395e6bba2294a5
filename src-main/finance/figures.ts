/**
 * The money of one order as finance reads it. Every figure is integer fen; the summary is the
 * sum of these per-order figures, so the detail sheet always adds up to the totals.
 */
export interface OrderMoneyRow {
  paid_fen: number;
  goods_fen: number;
  discount_fen: number;
  platform_discount_fen: number;
  postage_fen: number;
  commission_fen: number | null;
  refund_fen: number;
  commission_bps: number | null;
}

export type CommissionSource = 'platform' | 'rate' | 'none';

export interface OrderFigures {
  goodsFen: number;
  /** Discounts the shop funded (orders.discount_fen minus the platform's part). */
  shopDiscountFen: number;
  /** Discounts the platform funded: the platform pays these to the shop. */
  platformDiscountFen: number;
  postageFen: number;
  paidFen: number;
  commissionFen: number;
  commissionSource: CommissionSource;
  /** Negative: money going back to the buyer. */
  refundFen: number;
  /** What the shop should receive: paid + platform discount − commission + refund(negative). */
  netFen: number;
}

/** rate × paid in fen, rounded half-up (commission is never charged on a negative amount). */
export function commissionByRate(paidFen: number, bps: number): number {
  if (paidFen <= 0 || bps <= 0) return 0;
  return Math.floor((paidFen * bps + 5000) / 10000);
}

export function orderFigures(o: OrderMoneyRow): OrderFigures {
  let commissionFen = 0;
  let commissionSource: CommissionSource = 'none';
  if (o.commission_fen !== null && o.commission_fen !== undefined) {
    commissionFen = o.commission_fen;
    commissionSource = 'platform';
  } else if (o.commission_bps !== null && o.commission_bps !== undefined) {
    commissionFen = commissionByRate(o.paid_fen, o.commission_bps);
    commissionSource = 'rate';
  }
  const refundFen = o.refund_fen ? -Math.abs(o.refund_fen) : 0;
  const platformDiscountFen = o.platform_discount_fen;
  return {
    goodsFen: o.goods_fen,
    shopDiscountFen: o.discount_fen - platformDiscountFen,
    platformDiscountFen,
    postageFen: o.postage_fen,
    paidFen: o.paid_fen,
    commissionFen,
    commissionSource,
    refundFen,
    netFen: o.paid_fen + platformDiscountFen - commissionFen + refundFen,
  };
}

export interface ShopTotals {
  channelId: string;
  shopName: string;
  channelKind: string;
  commissionBps: number | null;
  orderCount: number;
  goodsFen: number;
  shopDiscountFen: number;
  platformDiscountFen: number;
  postageFen: number;
  paidFen: number;
  commissionFen: number;
  refundFen: number;
  netFen: number;
}

const SUMMED = ['goodsFen', 'shopDiscountFen', 'platformDiscountFen', 'postageFen', 'paidFen', 'commissionFen', 'refundFen', 'netFen'] as const;

export function emptyTotals(channelId: string, shopName: string, channelKind: string, commissionBps: number | null): ShopTotals {
  return {
    channelId, shopName, channelKind, commissionBps, orderCount: 0,
    goodsFen: 0, shopDiscountFen: 0, platformDiscountFen: 0, postageFen: 0, paidFen: 0, commissionFen: 0, refundFen: 0, netFen: 0,
  };
}

export function addTo(t: ShopTotals, f: OrderFigures): void {
  t.orderCount += 1;
  for (const k of SUMMED) t[k] += f[k];
}

export function grandTotal(shops: readonly ShopTotals[], label: string): ShopTotals {
  const all = emptyTotals('', label, '', null);
  for (const s of shops) {
    all.orderCount += s.orderCount;
    for (const k of SUMMED) all[k] += s[k];
  }
  return all;
}
