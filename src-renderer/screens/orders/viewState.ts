/** What a saved view holds, read from and applied to the grid. */
import type { ColumnState, GridApi } from 'ag-grid-community';
import type { OrderRow } from '../../../src-shared/contract/orders';
import { MONEY_COLUMNS, toContractSort } from './gridModels';

export interface GridViewState {
  version: 1;
  columnState: ColumnState[];
  filterModel: Record<string, unknown>;
  quick: string;
}

export function readViewState(api: GridApi<OrderRow>, quick: string): GridViewState {
  return { version: 1, columnState: api.getColumnState(), filterModel: api.getFilterModel() ?? {}, quick };
}

/**
 * Applies a saved state; a view from an older column set keeps working (unknown columns are
 * skipped by the grid). A shared view may filter or sort on amounts: for a role that cannot
 * see amounts those parts are left out (the server would refuse them), the rest still applies.
 */
export function applyViewState(api: GridApi<OrderRow>, state: unknown, canAmounts: boolean): string {
  const s = (state ?? {}) as Partial<GridViewState>;
  const allowed = (colId: string) => canAmounts || !MONEY_COLUMNS.has(colId);
  if (Array.isArray(s.columnState)) {
    const columnState = s.columnState.map((c) => (allowed(c.colId) ? c : { ...c, hide: true, sort: null }));
    api.applyColumnState({ state: columnState, applyOrder: true, defaultState: { sort: null } });
  }
  const filters = s.filterModel && typeof s.filterModel === 'object' ? Object.fromEntries(Object.entries(s.filterModel).filter(([k]) => allowed(k))) : null;
  api.setFilterModel(filters);
  return typeof s.quick === 'string' ? s.quick : '';
}

/** The sort the grid shows now, in the order people clicked it (for export and the server). */
export function currentSort(api: GridApi<OrderRow>) {
  const sorted = api.getColumnState().filter((c) => c.sort).sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0));
  return toContractSort(sorted.map((c) => ({ colId: c.colId, sort: c.sort })));
}

const LAST_VIEW_KEY = (userId: string) => `orderhub.orders.view.${userId}`;
export const lastView = {
  get: (userId: string) => localStorage.getItem(LAST_VIEW_KEY(userId)),
  set: (userId: string, id: string | null) => (id ? localStorage.setItem(LAST_VIEW_KEY(userId), id) : localStorage.removeItem(LAST_VIEW_KEY(userId))),
};
