import type { ColumnFilter, OrderGridColumn, OrderQuery } from '../../../src-shared/contract';
import { ApiError } from '../../../src-shared/errors';
import type { SearchCondition, SearchField } from '../search/text-search';
import { planQuick, QUICK_LIST_MAX, type QuickPlan } from '../../../src-shared/quick-search';
import { COLUMNS } from './columns';

export type SqlValue = string | number | null;

/** A parsed grid query turned into SQL text (whitelisted expressions only) plus bound values. */
export interface BuiltQuery {
  /** `WHERE ...` or '' — refers to `orders o` only. */
  where: string;
  /** The same condition as an expression ('1' when there is none). */
  condition: string;
  /** Set when the order is exactly an index's order (one sort column with a (column, id) index). */
  sortIndex: string | null;
  /** That one sort column and its direction (set with sortIndex). */
  sortKey: { expr: string; dir: 'ASC' | 'DESC' } | null;
  params: SqlValue[];
  /** `ORDER BY ...` over `orders o`, always ending in o.id so the order is total. */
  orderBy: string;
  /** The same order as terms (the last is always o.id): for comparing keys outside SQL. */
  sortTerms: SortTerm[];
  /** The same ORDER BY with every term as `+expr`: no index may give the order, so the WHERE picks the plan (few matches, found by the search index, then sorted). */
  orderByUnindexed: string;
  /** Same text + same values = same rows in the same order (cache key). Search terms enter as typed, not as expanded. */
  signature: string;
  /** True when a condition reads the search index (its answer for a row depends on text the change feed cannot replay). */
  searches: boolean;
  /** A cheaper exact count than count(*) over orders, when the filter is one search of the order index. */
  count?: { sql: string; params: SqlValue[] };
}

export interface SortTerm {
  expr: string;
  dir: 'ASC' | 'DESC';
}

/** "Contains" through the search index (src-main/orders/search/); without one, LIKE. */
export interface SearchResolver {
  contains(fields: readonly SearchField[], text: string): SearchCondition | null;
  /** Orders whose number ends with `text` (the order number index); absent: not searched. */
  orderNoEnds?(text: string): SearchCondition | null;
}

export interface BuildOptions {
  /** False for roles without orders.viewAmounts: money columns may not be filtered or sorted. */
  viewAmounts: boolean;
  /** For error messages. */
  say?: (zh: string, en: string) => string;
  /** Answers "contains" on receiver and remarks, and the quick search's text part, from the search index. */
  search?: SearchResolver;
}

/** Columns whose "contains" the search index answers. */
const INDEXED_TEXT: Partial<Record<OrderGridColumn, SearchField>> = { receiverName: 'receiver', buyerRemark: 'buyerRemark' };
/** Quick search's text part looks everywhere a person might remember a word from. */
const QUICK_FIELDS: readonly SearchField[] = ['receiver', 'address', 'buyerRemark', 'sellerNote', 'title'];

/** Bound values, and what stands for them in the cache key (a search's expansion stands as the typed text). */
class Params {
  readonly values: SqlValue[] = [];
  readonly keys: SqlValue[] = [];
  push(...vs: SqlValue[]): void {
    this.values.push(...vs);
    this.keys.push(...vs);
  }
  search(c: SearchCondition, field: string, text: string): string {
    this.values.push(...c.params);
    this.keys.push(`search:${field}:${text}`);
    return c.sql;
  }
}

/** The parsed query: defaults filled in by the contract's zod schema. */
export type ParsedOrderQuery = Required<Pick<OrderQuery, 'filters' | 'sort'>> & Pick<OrderQuery, 'quick'>;

const MAX_CHAR = '\u{10FFFF}';

export function buildOrderQuery(q: ParsedOrderQuery, opts: BuildOptions): BuiltQuery {
  const say = opts.say ?? ((zh: string) => zh);
  const where: string[] = [];
  const params = new Params();
  let searches = false;
  let lastSearch: SearchCondition | null = null;

  for (const [col, filter] of Object.entries(q.filters) as [OrderGridColumn, ColumnFilter | undefined][]) {
    if (!filter) continue;
    const def = COLUMNS[col];
    if (!def) throw new ApiError('invalid_input', say(`不能按列 "${col}" 筛选`, `cannot filter by column "${col}"`), `filters.${col}`);
    if (def.money && !opts.viewAmounts) {
      throw new ApiError('forbidden', say(`当前角色无权按金额列 "${col}" 筛选`, `your role may not filter by amount column "${col}"`), `filters.${col}`);
    }
    if (!def.filters.includes(filter.type)) {
      throw new ApiError(
        'invalid_input',
        say(`列 "${col}" 不支持 ${filter.type} 筛选（可用：${def.filters.join('/')}）`, `column "${col}" has no ${filter.type} filter (use ${def.filters.join('/')})`),
        `filters.${col}`,
      );
    }
    const field = INDEXED_TEXT[col];
    if (field && opts.search && filter.type === 'text' && filter.op === 'contains') {
      const found = opts.search.contains([field], filter.value ?? '');
      if (found) {
        where.push(params.search(found, field, filter.value!));
        searches = true;
        lastSearch = found;
      }
      continue;
    }
    const cond = condition(col, def.expr, filter, params);
    if (cond) where.push(cond);
  }

  const searchOnly = where.length === 1 && lastSearch?.count ? lastSearch.count : undefined;
  const plan = planQuick(q.quick ?? '');
  if (plan) {
    if (plan.list && plan.list.length > QUICK_LIST_MAX) {
      const [max, got] = [QUICK_LIST_MAX, plan.list.length].map((n) => n.toLocaleString('en-US'));
      throw new ApiError('invalid_input', say(`一次最多粘贴 ${max} 个单号（现在 ${got} 个）`, `paste at most ${max} numbers at once (got ${got})`), 'quick');
    }
    if (!plan.list && plan.text.length > 200) {
      throw new ApiError('invalid_input', say(`搜索内容过长（${plan.text.length} 个字符，最多 200）`, `search text too long (${plan.text.length} characters, at most 200)`), 'quick');
    }
    const text = plan.places.includes('text') && opts.search ? opts.search.contains(QUICK_FIELDS, plan.text) : null;
    const ends = plan.places.includes('orderNoEnd') && opts.search?.orderNoEnds ? opts.search.orderNoEnds(plan.text) : null;
    where.push(quickSearch(plan, params, text, ends));
    // Text, an order no.'s end and a line's SKU are read from indexes the change feed cannot replay from "before" values.
    searches ||= text !== null || ends !== null || plan.places.includes('sku');
  }
  const quick = plan !== null;

  const terms: SortTerm[] = [];
  for (const s of q.sort) {
    const def = COLUMNS[s.colId];
    if (!def) throw new ApiError('invalid_input', say(`不能按列 "${s.colId}" 排序`, `cannot sort by column "${s.colId}"`), 'sort');
    if (def.money && !opts.viewAmounts) {
      throw new ApiError('forbidden', say(`当前角色无权按金额列 "${s.colId}" 排序`, `your role may not sort by amount column "${s.colId}"`), 'sort');
    }
    terms.push({ expr: def.expr, dir: s.sort === 'asc' ? 'ASC' : 'DESC' });
  }
  // Newest first by default; o.id breaks ties so every position is exact (paging, export).
  const last = q.sort.at(-1)?.sort ?? 'desc';
  if (!terms.length) terms.push({ expr: 'o.created_at', dir: 'DESC' });
  terms.push({ expr: 'o.id', dir: last === 'asc' ? 'ASC' : 'DESC' });

  const test = where.length ? where.join(' AND ') : '1';
  const whereSql = where.length ? `WHERE ${test}` : '';
  const orderBy = `ORDER BY ${terms.map((t) => `${t.expr} ${t.dir}`).join(', ')}`;
  const only = q.sort.length === 0 ? { colId: 'createdAt' as const, sort: 'desc' as const } : q.sort.length === 1 ? q.sort[0]! : null;
  const sortIndex = only ? (COLUMNS[only.colId].sortIndex ?? null) : null;
  const sortKey = only && sortIndex ? { expr: COLUMNS[only.colId].expr, dir: only.sort === 'asc' ? ('ASC' as const) : ('DESC' as const) } : null;
  return {
    where: whereSql, condition: test, params: params.values, orderBy, sortTerms: terms, sortIndex, sortKey, searches,
    ...(searchOnly && !quick ? { count: searchOnly } : {}),
    orderByUnindexed: `ORDER BY ${terms.map((t) => `+${t.expr} ${t.dir}`).join(', ')}`,
    signature: JSON.stringify([whereSql, params.keys, orderBy]),
  };
}

function condition(col: OrderGridColumn, expr: string, f: ColumnFilter, params: Params): string | null {
  switch (f.type) {
    case 'set':
      return setCondition(col, expr, f.values, params);
    case 'text':
      return textCondition(expr, f, params);
    case 'number':
      return numberCondition(expr, f, params);
    case 'date': {
      const parts: string[] = [];
      if (f.from !== undefined) {
        parts.push(`${expr} >= ?`);
        params.push(f.from);
      }
      if (f.to !== undefined) {
        parts.push(`${expr} < ?`);
        params.push(f.to);
      }
      return parts.length ? parts.join(' AND ') : null;
    }
  }
}

/** Pick list: any of the values; '' stands for "(blank)". An empty list matches nothing, like an unticked list. */
function setCondition(col: OrderGridColumn, expr: string, values: string[], params: Params): string {
  const distinct = [...new Set(values)];
  const blank = distinct.includes('');
  const real = distinct.filter((v) => v !== '');
  const marks = real.map(() => '?').join(', ');
  const parts: string[] = [];
  if (col === 'tags') {
    if (real.length) {
      parts.push(`EXISTS (SELECT 1 FROM json_each(o.tags) jt WHERE jt.value IN (${marks}))`);
      params.push(...real);
    }
    if (blank) parts.push(`o.tags = '[]'`);
  } else if (col === 'channelKind') {
    // Through channels so channel_id's index (channel, paid_at) serves the filter.
    if (real.length) {
      parts.push(`o.channel_id IN (SELECT ck.id FROM channels ck WHERE ck.kind IN (${marks}))`);
      params.push(...real);
    }
  } else {
    if (real.length) {
      parts.push(real.length === 1 ? `${expr} = ?` : `${expr} IN (${marks})`);
      params.push(...real);
    }
    if (blank) parts.push(`(${expr} IS NULL OR ${expr} = '')`);
  }
  if (!parts.length) return '0';
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

/** LIKE with the user's %, _ and \ taken literally. */
function likePattern(v: string, before: string, after: string): string {
  return before + v.replace(/[\\%_]/g, (c) => `\\${c}`) + after;
}

function textCondition(expr: string, f: Extract<ColumnFilter, { type: 'text' }>, params: Params): string | null {
  if (f.op === 'blank') return `(${expr} IS NULL OR ${expr} = '')`;
  if (f.op === 'notBlank') return `(${expr} IS NOT NULL AND ${expr} <> '')`;
  const v = f.value;
  if (v === undefined || v === '') return null; // the grid sends an empty box as "no filter"
  switch (f.op) {
    // Exact: platform ids are exact strings, and = uses the column's index.
    case 'equals':
      params.push(v);
      return `${expr} = ?`;
    case 'notEqual':
      params.push(v);
      return `(${expr} IS NULL OR ${expr} <> ?)`;
    case 'contains':
      params.push(likePattern(v, '%', '%'));
      return `${expr} LIKE ? ESCAPE '\\'`;
    case 'notContains':
      params.push(likePattern(v, '%', '%'));
      return `(${expr} IS NULL OR ${expr} NOT LIKE ? ESCAPE '\\')`;
    case 'startsWith':
      params.push(likePattern(v, '', '%'));
      return `${expr} LIKE ? ESCAPE '\\'`;
    case 'endsWith':
      params.push(likePattern(v, '%', ''));
      return `${expr} LIKE ? ESCAPE '\\'`;
  }
}

function numberCondition(expr: string, f: Extract<ColumnFilter, { type: 'number' }>, params: Params): string | null {
  if (f.op === 'blank') return `${expr} IS NULL`;
  if (f.op === 'notBlank') return `${expr} IS NOT NULL`;
  if (f.op === 'inRange') {
    // Inclusive at both ends (the grid's filter is configured with inRangeInclusive).
    const parts: string[] = [];
    if (f.value !== undefined) {
      parts.push(`${expr} >= ?`);
      params.push(f.value);
    }
    if (f.valueTo !== undefined) {
      parts.push(`${expr} <= ?`);
      params.push(f.valueTo);
    }
    return parts.length ? parts.join(' AND ') : null;
  }
  if (f.value === undefined) return null;
  params.push(f.value);
  switch (f.op) {
    case 'equals':
      return `${expr} = ?`;
    case 'notEqual':
      return `(${expr} IS NULL OR ${expr} <> ?)`;
    case 'lessThan':
      return `${expr} < ?`;
    case 'lessThanOrEqual':
      return `${expr} <= ?`;
    case 'greaterThan':
      return `${expr} > ?`;
    case 'greaterThanOrEqual':
      return `${expr} >= ?`;
  }
}

/**
 * Quick search (what it looks in: `planQuick`), each branch on its own index, so no keystroke
 * reads the whole table: (shop, order no.) for an order no. or its start, one seek per shop; the
 * order number index for its end; phone last four; tracking no. and buyer nick, equal or by
 * prefix; a line's SKU code; the trigram index for text anywhere in receiver, address, remarks or
 * item titles. A pasted list is exact order or tracking numbers.
 */
function quickSearch(plan: QuickPlan, params: Params, text: SearchCondition | null, ends: SearchCondition | null): string {
  // The order no. is unique per shop: (shop, order no.) is the index, one seek per shop.
  const inShops = 'o.channel_id IN (SELECT id FROM channels)';
  if (plan.list) {
    const list = JSON.stringify(plan.list);
    params.push(list, list);
    return `((${inShops} AND o.platform_order_id IN (SELECT value FROM json_each(?))) OR o.tracking_no IN (SELECT value FROM json_each(?)))`;
  }
  const q = plan.text;
  const parts: string[] = [];
  const has = (p: QuickPlan['places'][number]) => plan.places.includes(p);
  if (has('phone4')) {
    params.push(q);
    parts.push('o.phone_last4 = ?');
  }
  // Exact always; by its start only past four characters (a year or a phone's last four would match too much).
  if (has('orderNo') && q.length > 4) {
    params.push(q, q + MAX_CHAR);
    parts.push(`(${inShops} AND o.platform_order_id >= ? AND o.platform_order_id < ?)`);
  } else {
    params.push(q);
    parts.push(`(${inShops} AND o.platform_order_id = ?)`);
  }
  if (ends && ends.sql !== '0') parts.push(params.search(ends, 'orderNoEnd', q));
  if (has('tracking')) {
    params.push(q, q + MAX_CHAR);
    parts.push('(o.tracking_no >= ? AND o.tracking_no < ?)');
  }
  if (has('buyer')) {
    params.push(q, q + MAX_CHAR);
    parts.push('(o.buyer_nick >= ? AND o.buyer_nick < ?)');
  }
  if (has('sku')) {
    params.push(q, q + MAX_CHAR);
    parts.push('o.id IN (SELECT sl.order_id FROM order_lines sl WHERE sl.sku_code >= ? AND sl.sku_code < ?)');
  }
  if (text && text.sql !== '0') parts.push(params.search(text, 'quick', q));
  return `(${parts.join(' OR ')})`;
}
