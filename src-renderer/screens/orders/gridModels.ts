/**
 * AG Grid's filter and sort models → the contract's `filters` / `sort`. Pure, so the mapping
 * is unit-tested without a browser. Columns the server does not know are dropped here rather
 * than sent and refused: the grid may carry display-only columns ('#', the checkbox).
 */
import { ORDER_GRID_COLUMNS, type ColumnFilter, type OrderGridColumn, type OrderQuery } from '../../../src-shared/contract/orders';
import { parseWallClock } from '../../../src-shared/time';

/** Money columns: people type yuan, the server compares fen. */
export const MONEY_COLUMNS: ReadonlySet<string> = new Set(['paidFen', 'goodsFen']);
const KNOWN: ReadonlySet<string> = new Set(ORDER_GRID_COLUMNS);
const DAY = 86_400_000;

/** Our own pick-list filter's model. */
export interface SetFilterModel { filterType: 'set'; values: string[] }

type AgModel = Record<string, unknown> & { filterType?: string; type?: string };

export function isGridColumn(colId: string): colId is OrderGridColumn {
  return KNOWN.has(colId);
}

/** yuan as typed (12.5) → fen (1250); rounding absorbs binary noise such as 0.1 + 0.2. */
export function yuanInputToFen(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 100) : undefined;
}

/** "2026-05-01 00:00:00" (the date filter's format) → UTC ms of that day's start in the workspace zone. */
function dayStart(text: unknown): number | undefined {
  if (typeof text !== 'string' || text.length < 10) return undefined;
  return parseWallClock(text.slice(0, 10)) ?? undefined;
}

function mapOne(colId: string, m: AgModel): ColumnFilter | null {
  switch (m.filterType) {
    case 'set': {
      const values = Array.isArray(m.values) ? (m.values as unknown[]).filter((v): v is string => typeof v === 'string') : [];
      return values.length ? { type: 'set', values } : null;
    }
    case 'text': {
      const op = m.type as Extract<ColumnFilter, { type: 'text' }>['op'];
      if (op === 'blank' || op === 'notBlank') return { type: 'text', op };
      const value = typeof m.filter === 'string' ? m.filter.trim() : m.filter == null ? '' : String(m.filter);
      return value ? { type: 'text', op, value } : null;
    }
    case 'number': {
      const op = m.type as Extract<ColumnFilter, { type: 'number' }>['op'];
      if (op === 'blank' || op === 'notBlank') return { type: 'number', op };
      const money = MONEY_COLUMNS.has(colId);
      const conv = (v: unknown) => (money ? yuanInputToFen(v) : typeof v === 'number' ? v : undefined);
      const value = conv(m.filter);
      if (value === undefined) return null;
      if (op === 'inRange') {
        const valueTo = conv(m.filterTo);
        return valueTo === undefined ? null : { type: 'number', op, value, valueTo };
      }
      return { type: 'number', op, value };
    }
    case 'date': {
      const from = dayStart(m.dateFrom);
      if (from === undefined) return null;
      // Whole days in the workspace zone; the contract's `to` is exclusive, so an end day counts fully.
      switch (m.type) {
        case 'equals': return { type: 'date', from, to: from + DAY };
        case 'lessThan': return { type: 'date', to: from };
        case 'greaterThan': return { type: 'date', from: from + DAY };
        case 'inRange': {
          const to = dayStart(m.dateTo);
          return to === undefined ? { type: 'date', from } : { type: 'date', from: Math.min(from, to), to: Math.max(from, to) + DAY };
        }
        default: return null;
      }
    }
    default:
      return null;
  }
}

export function toContractFilters(model: Record<string, unknown> | null | undefined): NonNullable<OrderQuery['filters']> {
  const out: Partial<Record<OrderGridColumn, ColumnFilter>> = {};
  for (const [colId, m] of Object.entries(model ?? {})) {
    if (!isGridColumn(colId) || !m || typeof m !== 'object') continue;
    const f = mapOne(colId, m as AgModel);
    if (f) out[colId] = f;
  }
  return out;
}

export function toContractSort(model: readonly { colId: string; sort: 'asc' | 'desc' | null | undefined }[] | null | undefined): NonNullable<OrderQuery['sort']> {
  return (model ?? [])
    .filter((s): s is { colId: OrderGridColumn; sort: 'asc' | 'desc' } => isGridColumn(s.colId) && (s.sort === 'asc' || s.sort === 'desc'))
    .slice(0, 4);
}

/** The query the server sees for the grid's current state (also what export sends). */
export function toOrderQuery(filterModel: Record<string, unknown> | null | undefined, sortModel: Parameters<typeof toContractSort>[0], quick: string): OrderQuery {
  const q = quick.trim();
  return { filters: toContractFilters(filterModel), sort: toContractSort(sortModel), ...(q ? { quick: q } : {}) };
}
