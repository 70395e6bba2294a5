/** Ctrl+C on the grid: the selected rows (visible columns, header first), else the focused cell. */
import type { Column, GridApi, IRowNode } from 'ag-grid-community';
import type { OrderRow } from '../../../src-shared/contract/orders';
import { toTsv, tsvCell } from './clipboard';
import { DISPLAY_ONLY } from './columns';

const text = (api: GridApi<OrderRow>, node: IRowNode<OrderRow>, col: Column) => api.getCellValue({ rowNode: node, colKey: col, useFormatter: true });

/** What would be copied right now, and how many rows it holds (0 = one cell, null = nothing). */
export function copyText(api: GridApi<OrderRow>): { text: string; rows: number } | null {
  const nodes = api.getSelectedNodes().filter((n) => n.data).sort((a, b) => (a.rowIndex ?? 0) - (b.rowIndex ?? 0));
  if (nodes.length) {
    const cols = api.getAllDisplayedColumns().filter((c) => !DISPLAY_ONLY(c.getColId()));
    const headers = cols.map((c) => api.getDisplayNameForColumn(c, null));
    return { text: toTsv(headers, nodes.map((n) => cols.map((c) => text(api, n, c)))), rows: nodes.length };
  }
  const focused = api.getFocusedCell();
  const node = focused ? api.getDisplayedRowAtIndex(focused.rowIndex) : undefined;
  if (!focused || !node?.data || DISPLAY_ONLY(focused.column.getColId())) return null;
  return { text: tsvCell(text(api, node, focused.column)), rows: 0 };
}
