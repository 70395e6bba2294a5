import type { OrderDetail } from '../../src-shared/contract';
import type { OrderStatus } from '../../src-shared/orders';
import { StatusWords } from '../channels/status-words';
import type { Sqlite } from '../db';
import { confirmationsReader } from '../shipping/confirm-view';
import type { Locale } from '../kernel/i18n';
import { toOrderRow } from './query/rows';
import { SourceWords } from './source-words';

type Raw = Record<string, unknown>;

/**
 * One order's full story for the detail drawer: header, lines, address history, timeline,
 * notes and the customer's other orders. Money is null when the role may not see amounts.
 */
export class OrderDetailReader {
  private readonly order;
  private readonly lines;
  private readonly addresses;
  private readonly events;
  private readonly notes;
  private readonly byCustomer;
  private readonly byNick;
  private readonly confirmations;
  private readonly statusWords;
  private readonly sourceWords;

  constructor(sqlite: Sqlite) {
    this.confirmations = confirmationsReader(sqlite);
    this.statusWords = new StatusWords(sqlite);
    this.sourceWords = new SourceWords(sqlite);
    this.order = sqlite.prepare(
      `SELECT o.*, c.kind AS channel_kind, c.name AS shop_name, w.name AS warehouse_name
       FROM orders o JOIN channels c ON c.id = o.channel_id LEFT JOIN warehouses w ON w.id = o.warehouse_id
       WHERE o.id = ?`,
    );
    this.lines = sqlite.prepare('SELECT * FROM order_lines WHERE order_id = ? ORDER BY line_no, id');
    this.addresses = sqlite.prepare('SELECT * FROM order_addresses WHERE order_id = ? ORDER BY created_at DESC, id DESC');
    // People are shown by their display name (客服小张), the sync and rules as recorded ('system').
    this.events = sqlite.prepare(
      `SELECT e.*, COALESCE(u.display_name, e.actor_name) AS actor_label
       FROM order_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.order_id = ? ORDER BY e.at, e.id`,
    );
    this.notes = sqlite.prepare(
      `SELECT n.*, COALESCE(u.display_name, n.author_name) AS author_label
       FROM order_notes n LEFT JOIN users u ON u.id = n.author_id WHERE n.order_id = ? ORDER BY n.created_at DESC, n.id DESC`,
    );
    const other = `SELECT o.id, o.platform_order_id, c.name AS shop_name, o.status, o.paid_fen, o.created_at
       FROM orders o JOIN channels c ON c.id = o.channel_id`;
    this.byCustomer = sqlite.prepare(`${other} WHERE o.customer_id = ? AND o.id <> ? ORDER BY o.created_at DESC LIMIT 20`);
    // No customer record (POS members, some imports): the same nick in the same shop is the same buyer.
    this.byNick = sqlite.prepare(
      `${other} WHERE o.buyer_nick = ? AND o.channel_id = ? AND o.id <> ? ORDER BY o.created_at DESC LIMIT 20`,
    );
  }

  get(id: string, viewAmounts: boolean, locale: Locale = 'zh-CN'): OrderDetail | null {
    const o = this.order.get(id) as Raw | undefined;
    if (!o) return null;
    const kind = o.channel_kind as string;
    const words = (detail: unknown): unknown => {
      if (!detail || typeof detail !== 'object' || Array.isArray(detail)) return detail;
      const d = { ...(detail as Raw) };
      if (typeof d.source === 'string') d.source = this.sourceWords.text(d.source, locale);
      if (typeof d.platformStatus === 'string') d.platformStatus = this.statusWords.status(kind, d.platformStatus, locale);
      return d;
    };
    const money = (v: unknown) => (viewAmounts ? ((v as number | null) ?? null) : null);
    const others = (o.customer_id
      ? this.byCustomer.all(o.customer_id, id)
      : o.buyer_nick ? this.byNick.all(o.buyer_nick, o.channel_id, id) : []) as Raw[];
    return {
      order: {
        ...toOrderRow(o, viewAmounts),
        refundStatus: (o.refund_status as string | null) ?? null,
        platformStatusText: this.statusWords.status(kind, o.platform_status as string, locale),
        refundStatusText: this.statusWords.refund(kind, o.refund_status as string | null, locale),
        discountFen: money(o.discount_fen),
        platformDiscountFen: money(o.platform_discount_fen),
        postageFen: money(o.postage_fen),
        commissionFen: money(o.commission_fen),
        refundFen: money(o.refund_fen),
        sellerNote: (o.seller_note as string | null) ?? null,
        receiverPhone: (o.receiver_phone as string | null) ?? null,
        district: (o.district as string | null) ?? null,
        addressDetail: (o.address_detail as string | null) ?? null,
        shippedAt: (o.shipped_at as number | null) ?? null,
        completedAt: (o.completed_at as number | null) ?? null,
        customerId: (o.customer_id as string | null) ?? null,
      },
      lines: (this.lines.all(id) as Raw[]).map((l) => ({
        id: l.id as string,
        lineNo: l.line_no as number,
        skuCode: (l.sku_code as string | null) ?? null,
        title: l.title as string,
        spec: (l.spec as string | null) ?? null,
        qty: l.qty as number,
        unitPriceFen: money(l.unit_price_fen),
        discountFen: money(l.discount_fen),
        paidFen: money(l.paid_fen),
        batchNo: (l.batch_no as string | null) ?? null,
        gift: Boolean(l.gift),
        parentLineId: (l.parent_line_id as string | null) ?? null,
        refundStatus: this.statusWords.refund(kind, l.refund_status as string | null, locale),
      })),
      addresses: (this.addresses.all(id) as Raw[]).map((a) => ({
        id: a.id as string,
        receiverName: (a.receiver_name as string | null) ?? null,
        receiverPhone: (a.receiver_phone as string | null) ?? null,
        province: (a.province as string | null) ?? null,
        city: (a.city as string | null) ?? null,
        district: (a.district as string | null) ?? null,
        detail: (a.detail as string | null) ?? null,
        source: this.sourceWords.text(a.source as string, locale),
        createdAt: a.created_at as number,
      })),
      events: (this.events.all(id) as Raw[]).map((e) => ({
        id: e.id as string,
        at: e.at as number,
        type: e.type as string,
        actorName: (e.actor_label as string | null) ?? null,
        fromStatus: (e.from_status as string | null) ?? null,
        toStatus: (e.to_status as string | null) ?? null,
        detail: words(parseJson(e.detail_json)),
      })),
      notes: (this.notes.all(id) as Raw[]).map((n) => ({
        id: n.id as string,
        authorName: (n.author_label as string | null) ?? null,
        body: n.body as string,
        createdAt: n.created_at as number,
      })),
      customerOrders: others.map((c) => ({
        id: c.id as string,
        platformOrderId: c.platform_order_id as string,
        shopName: c.shop_name as string,
        status: c.status as OrderStatus,
        paidFen: money(c.paid_fen),
        createdAt: c.created_at as number,
      })),
      shipping: this.confirmations(id),
    };
  }
}

function parseJson(v: unknown): unknown {
  if (typeof v !== 'string') return null;
  try {
    return JSON.parse(v);
  } catch {
    return v; // kept verbatim rather than lost
  }
}
