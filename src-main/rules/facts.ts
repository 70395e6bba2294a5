import type { PlatformPhase } from '../../src-shared/orders';
import type { Sqlite } from '../db';
import { signature } from '../ingest/steps/duplicate-check';
import { zoneClock } from './zone-clock';

/** One order line as routing sees it. */
export interface FactLine {
  id: string;
  skuCode: string | null;
  qty: number;
  gift: boolean;
  title: string;
}

/**
 * The documented order shape (src-main/rules/README.md) conditions read. Everything here is
 * a function of the stored data and the order's own times, never of the wall clock, so the
 * dry run and the real run see the same facts for the same order.
 */
export interface OrderFacts {
  orderId: string;
  platformOrderId: string;
  status: string;
  /** The order's decision time: paid time, or created time for orders without one. */
  at: number;
  paidAt: number | null;
  paidFen: number;
  goodsFen: number;
  discountFen: number;
  postageFen: number;
  skus: string[];
  spus: string[];
  totalQty: number;
  lineCount: number;
  maxLineQty: number;
  hasGift: boolean;
  remark: string | null;
  hasRemark: boolean;
  sellerNote: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  address: string | null;
  shopId: string;
  channelKind: string;
  customer: {
    id: string | null;
    grade: 'A' | 'B' | 'C' | null;
    previousOrders: number;
    previousSpentFen: number;
    firstOrder: boolean;
    blacklisted: boolean;
  };
  duplicateSuspect: boolean;
  tags: string[];
  platformPhase: PlatformPhase;
  paidHour: number;
  paidMinuteOfDay: number;
  paidWeekday: number;
  lines: FactLine[];
}

/** The orders columns facts are built from (the dry run's batch query selects the same). */
export const ORDER_FACT_COLUMNS = `o.id, o.platform_order_id AS platformOrderId, o.status, o.platform_phase AS platformPhase,
  o.paid_at AS paidAt, o.created_at AS createdAt, o.paid_fen AS paidFen, o.goods_fen AS goodsFen, o.discount_fen AS discountFen,
  o.postage_fen AS postageFen, o.buyer_remark AS remark, o.seller_note AS sellerNote, o.province, o.city, o.district,
  o.address_detail AS address, o.channel_id AS shopId, c.kind AS channelKind, o.customer_id AS customerId, cu.grade,
  o.buyer_nick AS buyerNick, o.tags`;
export const ORDER_FACT_FROM = 'orders o JOIN channels c ON c.id = o.channel_id LEFT JOIN customers cu ON cu.id = o.customer_id';

export interface OrderFactRow {
  id: string;
  platformOrderId: string;
  status: string;
  platformPhase: PlatformPhase;
  paidAt: number | null;
  createdAt: number;
  paidFen: number;
  goodsFen: number;
  discountFen: number;
  postageFen: number;
  remark: string | null;
  sellerNote: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  address: string | null;
  shopId: string;
  channelKind: string;
  customerId: string | null;
  grade: 'A' | 'B' | 'C' | null;
  buyerNick: string | null;
  tags: string;
}

const DUPLICATE_WINDOW_MS = 10 * 60_000;

/** Builds OrderFacts from SQLite: one order (the real run) or a batch (the dry run), by the same code. */
export class FactsReader {
  private readonly order;
  private readonly lines;
  private readonly historyByCustomer;
  private readonly historyByNick;
  private readonly dupByCustomer;
  private readonly dupByNick;
  private readonly linesForSig;
  private readonly blacklistRows;
  private blacklist: { customers: Set<string>; nicks: Set<string> } | null = null;
  private readonly clock;

  constructor(sqlite: Sqlite, zone: string) {
    this.clock = zoneClock(zone);
    this.order = sqlite.prepare(`SELECT ${ORDER_FACT_COLUMNS} FROM ${ORDER_FACT_FROM} WHERE o.id = ?`);
    this.lines = sqlite.prepare('SELECT id, sku_code AS skuCode, qty, gift, title FROM order_lines WHERE order_id = ? ORDER BY line_no, id');
    this.historyByCustomer = sqlite.prepare(
      'SELECT count(*) AS n, coalesce(sum(paid_fen), 0) AS fen FROM orders WHERE customer_id = ? AND created_at <= ? AND (created_at < ? OR id < ?)',
    );
    this.historyByNick = sqlite.prepare(
      'SELECT count(*) AS n, coalesce(sum(paid_fen), 0) AS fen FROM orders WHERE buyer_nick = ? AND channel_id = ? AND created_at <= ? AND (created_at < ? OR id < ?)',
    );
    const dupWhere = `AND channel_id = ? AND created_at BETWEEN ? AND ? AND (created_at < ? OR id < ?) AND id <> ? AND status NOT IN ('cancelled', 'closed')`;
    this.dupByCustomer = sqlite.prepare(`SELECT id FROM orders WHERE customer_id = ? ${dupWhere} LIMIT 20`).pluck();
    this.dupByNick = sqlite.prepare(`SELECT id FROM orders WHERE buyer_nick = ? ${dupWhere} LIMIT 20`).pluck();
    this.linesForSig = sqlite.prepare('SELECT sku_code AS skuCode, title, qty, gift FROM order_lines WHERE order_id = ?');
    this.blacklistRows = sqlite.prepare('SELECT customer_id AS customerId, buyer_nick AS buyerNick FROM buyer_blacklist');
  }

  /** The blacklist is read once per run (call again after it changes). */
  refreshBlacklist(): void {
    const customers = new Set<string>();
    const nicks = new Set<string>();
    for (const r of this.blacklistRows.all() as { customerId: string | null; buyerNick: string | null }[]) {
      if (r.customerId) customers.add(r.customerId);
      if (r.buyerNick) nicks.add(r.buyerNick);
    }
    this.blacklist = { customers, nicks };
  }

  forOrder(orderId: string): OrderFacts | null {
    const row = this.order.get(orderId) as OrderFactRow | undefined;
    if (!row) return null;
    return this.build(row, this.lines.all(orderId) as RawLine[]);
  }

  build(row: OrderFactRow, rawLines: RawLine[]): OrderFacts {
    if (!this.blacklist) this.refreshBlacklist();
    const lines: FactLine[] = rawLines.map((l) => ({ id: l.id, skuCode: l.skuCode, qty: l.qty, gift: Boolean(l.gift), title: l.title }));
    const skus = unique(lines.map((l) => l.skuCode).filter((s): s is string => !!s));
    const at = row.paidAt ?? row.createdAt;
    const t = this.clock(at);
    const history = row.customerId
      ? (this.historyByCustomer.get(row.customerId, row.createdAt, row.createdAt, row.id) as { n: number; fen: number })
      : row.buyerNick
        ? (this.historyByNick.get(row.buyerNick, row.shopId, row.createdAt, row.createdAt, row.id) as { n: number; fen: number })
        : { n: 0, fen: 0 };
    const known = Boolean(row.customerId || row.buyerNick);
    const bl = this.blacklist!;
    return {
      orderId: row.id,
      platformOrderId: row.platformOrderId,
      status: row.status,
      at,
      paidAt: row.paidAt,
      paidFen: row.paidFen,
      goodsFen: row.goodsFen,
      discountFen: row.discountFen,
      postageFen: row.postageFen,
      skus,
      spus: unique(skus.map((s) => s.split('-')[0]!)),
      totalQty: lines.reduce((n, l) => n + l.qty, 0),
      lineCount: lines.length,
      maxLineQty: lines.reduce((n, l) => Math.max(n, l.qty), 0),
      hasGift: lines.some((l) => l.gift),
      remark: row.remark,
      hasRemark: Boolean(row.remark?.trim()),
      sellerNote: row.sellerNote,
      province: row.province,
      city: row.city,
      district: row.district,
      address: row.address,
      shopId: row.shopId,
      channelKind: row.channelKind,
      customer: {
        id: row.customerId,
        grade: row.grade,
        previousOrders: history.n,
        previousSpentFen: history.fen,
        firstOrder: known && history.n === 0,
        blacklisted: (row.customerId !== null && bl.customers.has(row.customerId)) || (row.buyerNick !== null && bl.nicks.has(row.buyerNick)),
      },
      duplicateSuspect: this.duplicate(row, rawLines),
      tags: parseTags(row.tags),
      platformPhase: row.platformPhase,
      paidHour: t.hour,
      paidMinuteOfDay: t.minuteOfDay,
      paidWeekday: t.weekday,
      lines,
    };
  }

  /** 疑似重复: an earlier order (within 10 minutes, same shop, same buyer) with the same items. */
  private duplicate(row: OrderFactRow, lines: RawLine[]): boolean {
    if (!lines.length || (!row.customerId && !row.buyerNick)) return false;
    const args = [row.shopId, row.createdAt - DUPLICATE_WINDOW_MS, row.createdAt, row.createdAt, row.id, row.id];
    const ids = (row.customerId ? this.dupByCustomer.all(row.customerId, ...args) : this.dupByNick.all(row.buyerNick, ...args)) as string[];
    if (!ids.length) return false;
    const sig = signature(lines.map((l) => ({ ...l, gift: Boolean(l.gift) })));
    return ids.some((id) => signature((this.linesForSig.all(id) as RawLine[]).map((l) => ({ ...l, gift: Boolean(l.gift) }))) === sig);
  }
}

export interface RawLine {
  id: string;
  orderId?: string;
  skuCode: string | null;
  qty: number;
  gift: number | boolean;
  title: string;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function parseTags(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
