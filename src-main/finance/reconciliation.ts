import type { FinanceBasis } from '../../src-shared/contract/finance';
import { StatusWords } from '../channels/status-words';
import type { Sqlite } from '../db';
import type { Locale } from '../kernel/i18n';
import { addTo, emptyTotals, orderFigures, type OrderFigures, type OrderMoneyRow, type ShopTotals } from './figures';

/** The month being reconciled: orders whose basis time falls in [from, to). */
export interface Period {
  from: number;
  to: number;
  basis: FinanceBasis;
}

/** The time column a basis reads; from the enum only, never from input text. */
const BASIS_COLUMN: Record<FinanceBasis, string> = { paid: 'o.paid_at', completed: 'o.completed_at' };

export interface OrderDetail extends OrderFigures {
  shopName: string;
  channelKind: string;
  platformOrderId: string;
  status: string;
  /** The platform's status and refund words as the merchant reads them, in the export's language (交易成功 / Completed, not TRADE_FINISHED). */
  platformStatus: string;
  refundStatus: string | null;
  createdAt: number;
  paidAt: number | null;
  completedAt: number | null;
  buyerNick: string | null;
  receiverName: string | null;
  buyerRemark: string | null;
  sellerNote: string | null;
}

export interface LineDetail {
  shopName: string;
  platformOrderId: string;
  lineNo: number;
  skuCode: string | null;
  title: string;
  spec: string | null;
  qty: number;
  unitPriceFen: number;
  discountFen: number;
  paidFen: number;
  refundStatus: string | null;
  /** Negative, like the order's refund. */
  refundFen: number;
  gift: boolean;
}

type Raw = OrderMoneyRow & Record<string, unknown>;

/**
 * Reads the orders and lines behind a month's reconciliation. Rows are iterated from
 * SQLite (the paid/completed indexes), never loaded all at once.
 */
export class Reconciliation {
  private readonly words: StatusWords;

  constructor(private readonly sqlite: Sqlite) {
    this.words = new StatusWords(sqlite);
  }

  private where(p: Period): string {
    const col = BASIS_COLUMN[p.basis];
    return `${col} >= @from AND ${col} < @to`;
  }

  /** Data rows the month's file will hold: one per shop plus the total row, one per order, one per line. */
  rowCount(p: Period): number {
    const r = this.sqlite.prepare(
      `SELECT COUNT(DISTINCT o.channel_id) AS shops, COUNT(*) AS orders, COALESCE(SUM((SELECT COUNT(*) FROM order_lines l WHERE l.order_id = o.id)), 0) AS lines
       FROM orders o WHERE ${this.where(p)}`,
    ).get({ from: p.from, to: p.to }) as { shops: number; orders: number; lines: number };
    return r.shops + 1 + r.orders + r.lines;
  }

  /** Per-shop totals, in shop-name order; every shop with orders in the period. */
  summary(p: Period): ShopTotals[] {
    const byShop = new Map<string, ShopTotals>();
    const stmt = this.sqlite.prepare(
      `SELECT o.channel_id, c.name AS shop_name, c.kind AS channel_kind, c.commission_bps,
         o.goods_fen, o.discount_fen, o.platform_discount_fen, o.postage_fen, o.paid_fen, o.commission_fen, o.refund_fen
       FROM orders o JOIN channels c ON c.id = o.channel_id WHERE ${this.where(p)}`,
    );
    for (const r of stmt.iterate({ from: p.from, to: p.to }) as Iterable<Raw>) {
      const id = r['channel_id'] as string;
      let t = byShop.get(id);
      if (!t) {
        t = emptyTotals(id, r['shop_name'] as string, r['channel_kind'] as string, r.commission_bps);
        byShop.set(id, t);
      }
      addTo(t, orderFigures(r));
    }
    return [...byShop.values()].sort((a, b) => a.shopName.localeCompare(b.shopName, 'zh-CN') || a.channelId.localeCompare(b.channelId));
  }

  /** Every order of the period with its figures, in basis-time order. */
  *orders(p: Period, locale: Locale = 'zh-CN'): Generator<OrderDetail> {
    const col = BASIS_COLUMN[p.basis];
    const stmt = this.sqlite.prepare(
      `SELECT c.name AS shop_name, c.kind AS channel_kind, c.commission_bps, o.platform_order_id, o.status, o.platform_status,
         o.refund_status, o.created_at, o.paid_at, o.completed_at, o.buyer_nick, o.receiver_name, o.buyer_remark, o.seller_note,
         o.goods_fen, o.discount_fen, o.platform_discount_fen, o.postage_fen, o.paid_fen, o.commission_fen, o.refund_fen
       FROM orders o JOIN channels c ON c.id = o.channel_id WHERE ${this.where(p)} ORDER BY ${col}, o.id`,
    );
    for (const r of stmt.iterate({ from: p.from, to: p.to }) as Iterable<Raw>) {
      yield {
        ...orderFigures(r),
        shopName: r['shop_name'] as string,
        channelKind: r['channel_kind'] as string,
        platformOrderId: r['platform_order_id'] as string,
        status: r['status'] as string,
        platformStatus: this.words.status(r['channel_kind'] as string, r['platform_status'] as string, locale),
        refundStatus: this.words.refund(r['channel_kind'] as string, r['refund_status'] as string | null, locale),
        createdAt: r['created_at'] as number,
        paidAt: r['paid_at'] as number | null,
        completedAt: r['completed_at'] as number | null,
        buyerNick: r['buyer_nick'] as string | null,
        receiverName: r['receiver_name'] as string | null,
        buyerRemark: r['buyer_remark'] as string | null,
        sellerNote: r['seller_note'] as string | null,
      };
    }
  }

  /** Every line of those orders, in the same order. */
  *lines(p: Period, locale: Locale = 'zh-CN'): Generator<LineDetail> {
    const col = BASIS_COLUMN[p.basis];
    const stmt = this.sqlite.prepare(
      `SELECT c.name AS shop_name, c.kind AS channel_kind, o.platform_order_id, l.line_no, l.sku_code, l.title, l.spec, l.qty, l.unit_price_fen,
         l.discount_fen, l.paid_fen, l.refund_status, l.refund_fen, l.gift
       FROM orders o JOIN channels c ON c.id = o.channel_id JOIN order_lines l ON l.order_id = o.id
       WHERE ${this.where(p)} ORDER BY ${col}, o.id, l.line_no`,
    );
    for (const r of stmt.iterate({ from: p.from, to: p.to }) as Iterable<Record<string, unknown>>) {
      const refund = (r['refund_fen'] as number) || 0;
      yield {
        shopName: r['shop_name'] as string,
        platformOrderId: r['platform_order_id'] as string,
        lineNo: r['line_no'] as number,
        skuCode: r['sku_code'] as string | null,
        title: r['title'] as string,
        spec: r['spec'] as string | null,
        qty: r['qty'] as number,
        unitPriceFen: r['unit_price_fen'] as number,
        discountFen: r['discount_fen'] as number,
        paidFen: r['paid_fen'] as number,
        refundStatus: this.words.refund(r['channel_kind'] as string, r['refund_status'] as string | null, locale),
        refundFen: refund ? -Math.abs(refund) : 0,
        gift: !!r['gift'],
      };
    }
  }
}
