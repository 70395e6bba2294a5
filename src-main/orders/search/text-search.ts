import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../../db';

/** What a "contains" search can look in: the order's receiver, full address and remarks, and its lines' titles. */
export type SearchField = 'receiver' | 'address' | 'buyerRemark' | 'sellerNote' | 'title';
export const ALL_SEARCH_FIELDS: readonly SearchField[] = ['receiver', 'address', 'buyerRemark', 'sellerNote', 'title'];

/** The order_search column behind each order field (the migration 0009_orders_search). */
const ORDER_COLUMNS: Record<Exclude<SearchField, 'title'>, string> = {
  receiver: 'receiver', address: 'address', buyerRemark: 'buyer_remark', sellerNote: 'seller_note',
};

/** Indexed values end in this pair (see the migration); user text never contains it. */
const PAD = '\u0001';
/**
 * The index answers a query fast while it names few trigrams and matches few orders; past these
 * (a one-character surname in a million names, a word in half of all addresses) the same
 * question is asked as LIKE, row by row: the grid then pages by walking its sort's index
 * (matches are dense, a block fills at once) and counts in chunks under the deadline.
 */
export const MAX_TERMS = 300;
/** Characters of an order number's end asked of the index; a longer end is checked on the rows it finds. */
export const ORDER_NO_TAIL = 8;
export const MAX_DOCS = 60_000;
/** Rows read to judge how common a text is: this many spread-out stretches of this many rows. */
const SAMPLE_RANGES = 8;
const SAMPLE_ROWS = 128;

/** A condition over `orders o` with its bound values, in the order its `?` marks appear. */
export interface SearchCondition {
  sql: string;
  params: string[];
  /** When the condition is the order index alone: how many orders match, counted in the index (no order row read). */
  count?: { sql: string; params: string[] };
}

/**
 * "Contains" over the trigram index (FTS5). Three or more characters: one phrase query, which
 * with trigrams means "these characters, in a row". One or two characters (a surname, a
 * district): every indexed value ends in two padding characters, so each place the query
 * occurs starts some trigram; the index's vocabulary lists those trigrams (a range seek), and
 * the query becomes their union. Matches equal LIKE '%q%' (ASCII case-insensitive; the index
 * folds case of other scripts too). How common the text is comes from a small sample of rows
 * (the vocabulary's own counts read every document of a term, which is what must be avoided).
 */
export class TextSearch {
  private readonly terms: Record<'order' | 'line', Statement>;
  private readonly maxRowid: Statement;
  private readonly maxLineRowid: Statement;
  private readonly maxTerms: number;
  private readonly maxDocs: number;
  private readonly samples = new Map<string, Statement>();

  constructor(
    private readonly sqlite: Sqlite,
    limits: { maxTerms?: number; maxDocs?: number } = {},
  ) {
    this.maxTerms = limits.maxTerms ?? MAX_TERMS;
    this.maxDocs = limits.maxDocs ?? MAX_DOCS;
    const range = (vocab: string) => sqlite.prepare(`SELECT term FROM ${vocab} WHERE term >= ? AND term < ? LIMIT ${Math.max(0, this.maxTerms) + 1}`).pluck();
    this.terms = { order: range('order_search_terms'), line: range('line_search_terms') };
    this.maxRowid = sqlite.prepare('SELECT max(rowid) FROM orders').pluck();
    this.maxLineRowid = sqlite.prepare('SELECT max(rowid) FROM order_lines').pluck();
  }

  /** Orders whose fields contain `text`; null when the text is empty (no filter). */
  contains(fields: readonly SearchField[], text: string): SearchCondition | null {
    const q = clean(text);
    if (!q) return null;
    const orderCols = fields.filter((f): f is Exclude<SearchField, 'title'> => f !== 'title').map((f) => ORDER_COLUMNS[f]);
    const parts: string[] = [];
    const params: string[] = [];
    if (orderCols.length) {
      const like = scanOrders(orderCols, q);
      const m = this.common(like) ? 'scan' : this.match('order', orderCols, q);
      if (m === 'scan') {
        parts.push(like.sql);
        params.push(...like.params);
      } else if (m) {
        parts.push('o.rowid IN (SELECT rowid FROM order_search WHERE order_search MATCH ?)');
        params.push(m);
      }
    }
    if (fields.includes('title')) {
      const like = { sql: `EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.title LIKE ? ESCAPE '\\')`, params: [likeContains(q)] };
      const m = this.common({ sql: `l.title LIKE ? ESCAPE '\\'`, params: like.params }, 'lines') ? 'scan' : this.match('line', ['title'], q);
      if (m === 'scan') {
        parts.push(like.sql);
        params.push(...like.params);
      } else if (m) {
        parts.push('o.id IN (SELECT l.order_id FROM order_lines l WHERE l.rowid IN (SELECT rowid FROM line_search WHERE line_search MATCH ?))');
        params.push(m);
      }
    }
    if (!parts.length) return { sql: '0', params: [] };
    if (parts.length === 1 && parts[0]!.startsWith('o.rowid IN (SELECT rowid FROM order_search')) {
      // Every index row is an order (the write path keeps them in step): count the index alone.
      return { sql: parts[0]!, params, count: { sql: 'SELECT count(*) FROM order_search WHERE order_search MATCH ?', params } };
    }
    return { sql: parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`, params };
  }

  /**
   * Orders whose number ends with `text` (index order_no_search: each number is followed by
   * U+0001, so the phrase text + U+0001 can only match at the end). Two characters or more.
   * A long text asks the index for its last TAIL characters only (digits repeat: a phrase of
   * many digit trigrams reads long posting lists) and checks the whole end on those few rows.
   */
  orderNoEnds(text: string): SearchCondition | null {
    const q = clean(text);
    const chars = [...q];
    if (chars.length < 2) return null;
    const tail = chars.slice(-ORDER_NO_TAIL).join('');
    const match = 'o.rowid IN (SELECT rowid FROM order_no_search WHERE order_no_search MATCH ?)';
    const phrase = `order_no : ${quote(tail + PAD)}`;
    if (tail === q) return { sql: match, params: [phrase] };
    return { sql: `(${match} AND substr(o.platform_order_id, -${chars.length}) = ?)`, params: [phrase, q] };
  }

  /** True when, judging by a sample of the table (orders, or lines for titles), more than MAX_DOCS rows match. */
  private common(like: SearchCondition, table: 'orders' | 'lines' = 'orders'): boolean {
    const max = ((table === 'orders' ? this.maxRowid : this.maxLineRowid).get() as number | null) ?? 0;
    if (max === 0) return false;
    const key = `${table}:${like.sql}`;
    let st = this.samples.get(key);
    if (!st) {
      const from = table === 'orders' ? 'orders o' : 'order_lines l';
      const r = table === 'orders' ? 'o.rowid' : 'l.rowid';
      st = this.sqlite.prepare(`SELECT count(*) FROM ${from} NOT INDEXED WHERE (${like.sql}) AND ${r} > ? AND ${r} <= ?`).pluck();
      this.samples.set(key, st);
    }
    const step = Math.max(SAMPLE_ROWS, Math.floor(max / SAMPLE_RANGES));
    let hits = 0;
    let read = 0;
    for (let at = 0; at < max; at += step) {
      hits += st.get(...like.params, at, at + SAMPLE_ROWS) as number;
      read += Math.min(SAMPLE_ROWS, max - at);
    }
    return (hits / Math.max(1, read)) * max > this.maxDocs;
  }

  /** The MATCH text; '' when nothing can match; 'scan' when a short query names too many trigrams. */
  private match(index: 'order' | 'line', columns: string[], q: string): string | 'scan' {
    const scope = columns.length === 1 ? `${columns[0]} : ` : `{${columns.join(' ')}} : `;
    const chars = [...q].map(fold);
    if (chars.length >= 3) return scope + quote(q);
    const folded = chars.join('');
    const terms = this.terms[index].all(folded, folded + '\u{10FFFF}') as string[];
    if (!terms.length) return '';
    if (terms.length > this.maxTerms) return 'scan';
    return `${scope}(${terms.map(quote).join(' OR ')})`;
  }
}

/** The user's text as searched: padding characters removed (they would match the padding). */
export function clean(text: string): string {
  return text.split(PAD).join('');
}

function quote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** The index folds case as Unicode lower case does, one character for one. */
function fold(c: string): string {
  const l = c.toLowerCase();
  return [...l].length === 1 ? l : c;
}

export function likeContains(v: string): string {
  return `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The same question without the index, as LIKE over the order's own columns. */
function scanOrders(columns: string[], q: string): SearchCondition {
  const expr: Record<string, string> = {
    receiver: 'o.receiver_name',
    address: `(coalesce(o.province, '') || coalesce(o.city, '') || coalesce(o.district, '') || coalesce(o.address_detail, ''))`,
    buyer_remark: 'o.buyer_remark',
    seller_note: 'o.seller_note',
  };
  const parts = columns.map((c) => `${expr[c]} LIKE ? ESCAPE '\\'`);
  return { sql: parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`, params: columns.map(() => likeContains(q)) };
}
