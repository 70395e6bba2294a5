/**
 * Drill-down links into the orders grid (#12 §2: every chart opens the orders it counts):
 * `#/orders?drill=<json>` carries set filters on whitelisted columns and a sort; the grid applies
 * them once when it is ready, instead of the last saved view.
 */
import type { GridApi } from 'ag-grid-community';
import { ORDER_GRID_COLUMNS, type OrderGridColumn, type OrderRow } from '../../../src-shared/contract/orders';

export interface Drill {
  /** Pick-list filters: column → the values to keep. */
  sets?: Partial<Record<OrderGridColumn, string[]>>;
  /** Date filters: inclusive workspace days (YYYY-MM-DD). */
  dates?: Partial<Record<OrderGridColumn, { from: string; to: string }>>;
  sort?: { colId: OrderGridColumn; sort: 'asc' | 'desc' };
}

export const ordersLink = (d: Drill) => `/orders?drill=${encodeURIComponent(JSON.stringify(d))}`;

export function readDrill(search: string): Drill | null {
  const raw = new URLSearchParams(search).get('drill');
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as Drill;
    const sets = Object.fromEntries(Object.entries(d.sets ?? {}).filter(([k, v]) => (ORDER_GRID_COLUMNS as readonly string[]).includes(k) && Array.isArray(v)));
    const dates = Object.fromEntries(Object.entries(d.dates ?? {}).filter(([k, v]) => (ORDER_GRID_COLUMNS as readonly string[]).includes(k) && /^\d{4}-\d{2}-\d{2}$/.test(v?.from ?? '') && /^\d{4}-\d{2}-\d{2}$/.test(v?.to ?? '')));
    const sort = d.sort && (ORDER_GRID_COLUMNS as readonly string[]).includes(d.sort.colId) ? d.sort : undefined;
    return { sets, dates, ...(sort ? { sort } : {}) };
  } catch {
    return null;
  }
}

export function applyDrill(api: GridApi<OrderRow>, d: Drill): void {
  api.setFilterModel({
    ...Object.fromEntries(Object.entries(d.sets ?? {}).map(([k, values]) => [k, { filterType: 'set', values }])),
    // The grid's date filter: an inclusive range of days, as its own inRange model.
    ...Object.fromEntries(Object.entries(d.dates ?? {}).map(([k, r]) => [k, { filterType: 'date', type: 'inRange', dateFrom: `${r!.from} 00:00:00`, dateTo: `${r!.to} 00:00:00` }])),
  });
  api.applyColumnState({ state: d.sort ? [{ colId: d.sort.colId, sort: d.sort.sort }] : [], defaultState: { sort: null } });
}
