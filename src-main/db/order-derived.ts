import type { Statement } from 'better-sqlite3';
import type { Sqlite } from './connection';

type Row = Record<string, unknown>;

/**
 * Grid-visible order fields the change feed keeps from before an update or delete (JS key →
 * order_changes column; the same names as on orders). Everything a grid filter, sort or quick
 * search reads (src-main/orders/query/columns.ts, build.ts, and the LIKE form of a search in
 * src-main/orders/search/text-search.ts).
 */
export const CHANGE_FIELDS: Record<string, string> = {
  id: 'id', channelId: 'channel_id', platformOrderId: 'platform_order_id', status: 'status', buyerNick: 'buyer_nick',
  receiverName: 'receiver_name', province: 'province', city: 'city', paidFen: 'paid_fen', goodsFen: 'goods_fen',
  createdAt: 'created_at', paidAt: 'paid_at', promisedShipAt: 'promised_ship_at', warehouseId: 'warehouse_id',
  urgency: 'urgency', tags: 'tags', trackingNo: 'tracking_no', hold: 'hold', buyerRemark: 'buyer_remark', phoneLast4: 'phone_last4',
  district: 'district', addressDetail: 'address_detail', sellerNote: 'seller_note',
};
/** Searchable order text (the index's receiver, address and remark columns are made of these). */
const TEXT_FIELDS = ['receiverName', 'province', 'city', 'district', 'addressDetail', 'buyerRemark', 'sellerNote'];
const PAD = '\u0001\u0001';
/** The change feed keeps about this many entries (it is read by caches that fell at most this far behind). */
const FEED_KEEP = 20_000;
/**
 * A transaction adding more orders than this (an import batch, a backfill page, the demo) is one
 * "anything may have moved" entry: no cache replays that many changes (it rebuilds instead).
 */
const FEED_BULK = 500;

/** An order's text as the search index holds it: what migration 0009_orders_search and `indexOrders` compute in SQL. */
function orderText(r: Row): (string | null)[] {
  const s = (k: string) => (r[k] === null || r[k] === undefined ? null : String(r[k]));
  const pad = (v: string | null) => (v === null ? null : v + PAD);
  const address = ['province', 'city', 'district', 'addressDetail'].map((k) => s(k) ?? '').join('') + PAD;
  return [pad(s('receiverName')), address, pad(s('buyerRemark')), pad(s('sellerNote'))];
}

/**
 * What orders and order_lines writes owe to the tables derived from them, kept by the write
 * path (not triggers: any trigger on orders makes every insert keep a statement journal, which
 * costs more than the insert): the grid's change feed (order_changes) at each write, and the
 * trigram search indexes (order_search, line_search, order_no_search) once per transaction, before it commits.
 */
export class OrderDerived {
  private s: ReturnType<OrderDerived['prepare']> | null = null;
  private sinceBound = 0;

  constructor(private readonly sqlite: Sqlite) {}

  /** One transaction's worth of pending index work. */
  begin(): OrderDerivedTx {
    return new OrderDerivedTx(this);
  }

  /** @internal */
  get st() {
    return (this.s ??= this.prepare());
  }

  /** @internal a feed entry; the oldest are dropped now and then. */
  feed(rowid: number | null, op: string, textChanged: boolean, before: Row | null): void {
    const st = this.st;
    if (before) st.feedBefore.run(rowid, op, textChanged ? 1 : 0, ...Object.keys(CHANGE_FIELDS).map((k) => sqlValue(before[k])));
    else st.feed.run(rowid, op, textChanged ? 1 : 0);
    if (++this.sinceBound >= 1000) {
      this.sinceBound = 0;
      st.bound.run(FEED_KEEP);
    }
  }

  private prepare() {
    const q = this.sqlite;
    const cols = Object.values(CHANGE_FIELDS);
    return {
      feed: q.prepare('INSERT INTO order_changes (order_rowid, op, text_changed) VALUES (?, ?, ?)'),
      feedBefore: q.prepare(`INSERT INTO order_changes (order_rowid, op, text_changed, ${cols.join(', ')}) VALUES (?, ?, ?, ${cols.map(() => '?').join(', ')})`),
      bound: q.prepare(`DELETE FROM order_changes WHERE seq <= (SELECT seq FROM sqlite_sequence WHERE name = 'order_changes') - ?`),
      orderRowid: q.prepare('SELECT rowid FROM orders WHERE id = ?').pluck(),
      unindexOrders: q.prepare(`INSERT INTO order_search (order_search, rowid, receiver, address, buyer_remark, seller_note)
        SELECT 'delete', value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?)`),
      indexOrders: q.prepare(`INSERT INTO order_search (rowid, receiver, address, buyer_remark, seller_note)
        SELECT o.rowid, o.receiver_name || char(1, 1),
          coalesce(o.province, '') || coalesce(o.city, '') || coalesce(o.district, '') || coalesce(o.address_detail, '') || char(1, 1),
          o.buyer_remark || char(1, 1), o.seller_note || char(1, 1)
        FROM json_each(?) p JOIN orders o ON o.rowid = p.value`),
      unindexNos: q.prepare(`INSERT INTO order_no_search (order_no_search, rowid, order_no) SELECT 'delete', value ->> 0, (value ->> 1) || char(1) FROM json_each(?)`),
      indexNos: q.prepare(`INSERT INTO order_no_search (rowid, order_no) SELECT o.rowid, o.platform_order_id || char(1) FROM json_each(?) p JOIN orders o ON o.rowid = p.value`),
      unindexLines: q.prepare(`INSERT INTO line_search (line_search, rowid, title) SELECT 'delete', value ->> 0, value ->> 1 FROM json_each(?)`),
      indexLines: q.prepare(`INSERT INTO line_search (rowid, title) SELECT l.rowid, l.title || char(1, 1) FROM json_each(?) p JOIN order_lines l ON l.rowid = p.value`),
    };
  }
}

/** Per write transaction: the rows whose search text changed, with the text they were indexed under. */
export class OrderDerivedTx {
  /** rowid → its indexed text at the start of the transaction; null when it was not indexed (added in it). */
  private readonly orders = new Map<number, (string | null)[] | null>();
  private readonly lines = new Map<number, string | null>();
  /** rowid → the order number it was indexed under at the start (null: added in this transaction). */
  private readonly orderNos = new Map<number, string | null>();
  /** Orders added in this transaction: their lines' arrival is not news to the feed. */
  private readonly newOrders = new Set<string>();
  /** Past FEED_BULK new orders the feed gets one 'all' entry instead of one per change. */
  private bulk = false;

  constructor(private readonly d: OrderDerived) {}

  inserted(entity: string, row: Row, rowid: number): void {
    if (entity === 'orders') {
      this.newOrders.add(String(row.id));
      if (!this.bulk && this.newOrders.size > FEED_BULK) {
        this.bulk = true;
        this.d.feed(null, 'all', true, null);
      }
      if (!this.bulk) this.d.feed(rowid, 'insert', true, null);
      if (!this.orders.has(rowid)) this.orders.set(rowid, null);
      if (!this.orderNos.has(rowid)) this.orderNos.set(rowid, null);
    } else if (entity === 'order_lines') {
      if (!this.lines.has(rowid)) this.lines.set(rowid, null);
      this.lineNews(String(row.orderId));
    }
  }

  /** `current` is the whole row before the update; `after` the fields that changed. */
  updated(entity: string, current: Row, after: Row, rowid: number): void {
    const changed = Object.keys(after);
    if (entity === 'orders') {
      const text = changed.some((k) => TEXT_FIELDS.includes(k));
      if (text && !this.orders.has(rowid)) this.orders.set(rowid, orderText(current));
      if (changed.includes('platformOrderId') && !this.orderNos.has(rowid)) this.orderNos.set(rowid, String(current.platformOrderId));
      if (!this.bulk && (text || changed.some((k) => k in CHANGE_FIELDS))) this.d.feed(rowid, 'update', text, current);
    } else if (entity === 'order_lines' && (changed.includes('title') || changed.includes('orderId') || changed.includes('skuCode'))) {
      if (changed.includes('title') || changed.includes('orderId')) {
        if (!this.lines.has(rowid)) this.lines.set(rowid, `${String(current.title)}${PAD}`);
      }
      // A line's SKU is searched (quick search) through order_lines' own index: only the feed needs news.
      this.lineNews(String(current.orderId));
      if (after.orderId !== undefined) this.lineNews(String(after.orderId));
    }
  }

  deleted(entity: string, current: Row, rowid: number): void {
    if (entity === 'orders') {
      if (!this.orders.has(rowid)) this.orders.set(rowid, orderText(current));
      if (!this.orderNos.has(rowid)) this.orderNos.set(rowid, String(current.platformOrderId));
      if (!this.bulk) this.d.feed(rowid, 'delete', true, current);
    } else if (entity === 'order_lines') {
      if (!this.lines.has(rowid)) this.lines.set(rowid, `${String(current.title)}${PAD}`);
      this.lineNews(String(current.orderId));
    }
  }

  /** Brings the search index up to date with this transaction's writes (one statement each way per table). */
  finish(): void {
    const st = this.d.st;
    if (this.orders.size) {
      const old = [...this.orders].filter(([, t]) => t !== null).map(([r, t]) => [r, ...t!]);
      if (old.length) st.unindexOrders.run(JSON.stringify(old));
      st.indexOrders.run(JSON.stringify([...this.orders.keys()]));
    }
    if (this.orderNos.size) {
      const old = [...this.orderNos].filter(([, n]) => n !== null);
      if (old.length) st.unindexNos.run(JSON.stringify(old));
      st.indexNos.run(JSON.stringify([...this.orderNos.keys()]));
    }
    if (this.lines.size) {
      const old = [...this.lines].filter(([, t]) => t !== null).map(([r, t]) => [r, t]);
      if (old.length) st.unindexLines.run(JSON.stringify(old));
      st.indexLines.run(JSON.stringify([...this.lines.keys()]));
    }
  }

  /** A line's title changed: orders searched by item title may have moved. */
  private lineNews(orderId: string): void {
    if (this.bulk || this.newOrders.has(orderId)) return;
    const rowid = this.d.st.orderRowid.get(orderId) as number | undefined;
    if (rowid !== undefined) this.d.feed(rowid, 'text', true, null);
  }
}

function sqlValue(v: unknown): string | number | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' || typeof v === 'number') return v;
  return JSON.stringify(v);
}
