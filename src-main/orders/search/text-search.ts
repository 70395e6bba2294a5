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
 * The index answers a query fast while it names few trigrams and they hold few documents; past
 * these (a one-character surname matching thousands of trigrams, a word in half of all addresses)
 * the same question is asked as LIKE, row by row: the grid then pages by walking its sort's
 * index (matches are dense, a block fills at once) and counts in chunks under the deadline.
 */
export const MAX_TERMS = 300;
export const MAX_DOCS = 60_000;

/** A condition over `orders o` with its bound values, in the order its `?` marks appear. */
export interface SearchCondition {
  sql: string;
  params: string[];
}

/**
 * "Contains" over the trigram index (FTS5). Three or more characters: one phrase query, which
 * with trigrams means "these characters, in a row". One or two characters (a surname, a
 * district): every indexed value ends in two padding characters, so each place the query
 * occurs starts some trigram; the index's vocabulary lists those trigrams (a range seek), and
 * the query becomes their union. Matches equal LIKE '%q%' (ASCII case-insensitive; the index
 * folds case of other scripts too).
 */
export class TextSearch {
  private readonly terms: Record<'order' | 'line', Statement>;
  private readonly docs: Record<'order' | 'line', Statement>;

  private readonly maxTerms: number;
  private readonly maxDocs: number;

  constructor(sqlite: Sqlite, limits: { maxTerms?: number; maxDocs?: number } = {}) {
    this.maxTerms = limits.maxTerms ?? MAX_TERMS;
    this.maxDocs = limits.maxDocs ?? MAX_DOCS;
    const range = (vocab: string) => sqlite.prepare(`SELECT term, doc FROM ${vocab} WHERE term >= ? AND term < ? LIMIT ${this.maxTerms + 1}`).raw();
    const one = (vocab: string) => sqlite.prepare(`SELECT doc FROM ${vocab} WHERE term = ?`).pluck();
    this.terms = { order: range('order_search_terms'), line: range('line_search_terms') };
    this.docs = { order: one('order_search_terms'), line: one('line_search_terms') };
  }

  /** Orders whose fields contain `text`; null when the text is empty (no filter). */
  contains(fields: readonly SearchField[], text: string): SearchCondition | null {
    const q = clean(text);
    if (!q) return null;
    const orderCols = fields.filter((f): f is Exclude<SearchField, 'title'> => f !== 'title').map((f) => ORDER_COLUMNS[f]);
    const parts: string[] = [];
    const params: string[] = [];
    if (orderCols.length) {
      const m = this.match('order', orderCols, q);
      if (m === 'scan') parts.push(scanOrders(orderCols, params, q));
      else if (m) {
        parts.push('o.rowid IN (SELECT rowid FROM order_search WHERE order_search MATCH ?)');
        params.push(m);
      }
    }
    if (fields.includes('title')) {
      const m = this.match('line', ['title'], q);
      if (m === 'scan') {
        parts.push(`EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.title LIKE ? ESCAPE '\\')`);
        params.push(likeContains(q));
      } else if (m) {
        parts.push('o.id IN (SELECT l.order_id FROM order_lines l WHERE l.rowid IN (SELECT rowid FROM line_search WHERE line_search MATCH ?))');
        params.push(m);
      }
    }
    if (!parts.length) return { sql: '0', params: [] };
    return { sql: parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`, params };
  }

  /** The MATCH text; '' when nothing can match; 'scan' when the index would be slower than reading rows. */
  private match(index: 'order' | 'line', columns: string[], q: string): string | 'scan' {
    const scope = columns.length === 1 ? `${columns[0]} : ` : `{${columns.join(' ')}} : `;
    const chars = [...q].map(fold);
    if (chars.length >= 3) {
      // At most as many documents as its rarest trigram is in (any column: an upper bound).
      let fewest = Infinity;
      for (let i = 0; i + 3 <= chars.length && fewest > 0; i++) fewest = Math.min(fewest, (this.docs[index].get(chars.slice(i, i + 3).join('')) as number | undefined) ?? 0);
      if (fewest === 0) return '';
      return fewest > this.maxDocs ? 'scan' : scope + quote(q);
    }
    const folded = chars.join('');
    const terms = this.terms[index].all(folded, folded + '\u{10FFFF}') as [string, number][];
    if (!terms.length) return '';
    if (terms.length > this.maxTerms || terms.reduce((n, [, d]) => n + d, 0) > this.maxDocs) return 'scan';
    return `${scope}(${terms.map(([t]) => quote(t)).join(' OR ')})`;
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

/** The same question without the index (a short query matching thousands of different trigrams). */
function scanOrders(columns: string[], params: string[], q: string): string {
  const expr: Record<string, string> = {
    receiver: 'o.receiver_name',
    address: `(coalesce(o.province, '') || coalesce(o.city, '') || coalesce(o.district, '') || coalesce(o.address_detail, ''))`,
    buyer_remark: 'o.buyer_remark',
    seller_note: 'o.seller_note',
  };
  const parts = columns.map((c) => {
    params.push(likeContains(q));
    return `${expr[c]} LIKE ? ESCAPE '\\'`;
  });
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}
