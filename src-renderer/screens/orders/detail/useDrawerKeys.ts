/**
 * The order drawer's keys (issue 15, item 6): ↑/↓ open the previous/next order of the grid,
 * Backspace goes back from a customer's other order to the one it was opened from, and closing
 * (Esc) puts the keyboard back on the grid row the drawer was about.
 */
import type { GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useRef } from 'react';
import type { OrderRow } from '../../../../src-shared/contract/orders';

/** Keys typed into a field (a note, a search) are the field's, not the drawer's. */
function typing(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
}

export function useDrawerKeys(api: GridApi<OrderRow> | null, openId: string | null, navigate: (id: string | null) => void) {
  // Orders opened from "this customer's other orders", oldest first; the grid row is the first.
  const trail = useRef<string[]>([]);
  // The grid row the drawer belongs to: ↑/↓ move from it, closing returns to it.
  const row = useRef<string | null>(null);

  const openFromGrid = useCallback((id: string) => {
    trail.current = [];
    row.current = id;
    navigate(id);
  }, [navigate]);

  const openFromDrawer = useCallback((id: string) => {
    if (openId) trail.current.push(openId);
    navigate(id);
  }, [openId, navigate]);

  const close = useCallback(() => {
    trail.current = [];
    navigate(null);
  }, [navigate]);

  /** After the drawer has closed (and handed the focus back to what had it): the grid row it was about. */
  const closed = useCallback(() => {
    const index = row.current ? api?.getRowNode(row.current)?.rowIndex : null;
    if (api && index != null) {
      api.ensureIndexVisible(index);
      api.setFocusedCell(index, 'platformOrderId');
    }
  }, [api]);

  useEffect(() => {
    if (!openId) return;
    row.current ??= openId; // opened by a link (#/orders/<id>)
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || typing(e)) return;
      if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && api && row.current) {
        const index = api.getRowNode(row.current)?.rowIndex;
        if (index == null) return;
        const next = api.getDisplayedRowAtIndex(index + (e.key === 'ArrowDown' ? 1 : -1));
        if (!next?.data) return;
        e.preventDefault();
        api.ensureIndexVisible(next.rowIndex!);
        openFromGrid(next.data.id);
      } else if (e.key === 'Backspace' && trail.current.length) {
        e.preventDefault();
        navigate(trail.current.pop()!);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openId, api, navigate, openFromGrid]);

  return { openFromGrid, openFromDrawer, close, closed };
}
