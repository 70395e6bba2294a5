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

const FOCUS_RETURN_MS = 3_000;

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

  /** The running return of the focus to the row (one at a time): stops it. */
  const stopReturn = useRef<() => void>(() => {});
  /** Whether this close already started the return (after-close must not restart one the person ended). */
  const returnStarted = useRef(false);
  useEffect(() => () => stopReturn.current(), []); // the screen left: no timer touches a gone grid

  /**
   * The keyboard goes back to the grid row the drawer was about. The closing drawer, the page's own
   * inputs or a live change reloading that row's block can take the focus right after (it was found
   * on a search box 130 ms later), and the drawer's "after close" does not always come, so from the
   * moment it is asked to close, for 3 s, the focus is put back on the row whenever it is elsewhere,
   * until the person clicks, presses a key or changes a field (text pasted or dictated into the
   * search box sends no key): then it is theirs.
   */
  const returnFocus = useCallback(() => {
    const id = row.current;
    stopReturn.current();
    if (!api || !id) return;
    returnStarted.current = true;
    const until = Date.now() + FOCUS_RETURN_MS;
    let stopped = false;
    const theirs = ['pointerdown', 'keydown', 'input'] as const;
    const stop = () => {
      stopped = true;
      for (const type of theirs) window.removeEventListener(type, stop, true);
    };
    stopReturn.current = stop;
    for (const type of theirs) window.addEventListener(type, stop, true);
    const focus = () => {
      if (stopped) return;
      if (Date.now() > until) return stop();
      const index = api.getRowNode(id)?.rowIndex;
      const onRow = document.activeElement?.closest('.ag-row')?.getAttribute('row-index') === String(index);
      if (index != null && !onRow && !document.activeElement?.closest('.ant-drawer')) {
        api.ensureIndexVisible(index);
        api.setFocusedCell(index, 'platformOrderId');
      }
      setTimeout(focus, 100);
    };
    setTimeout(focus, 0);
  }, [api]);

  const close = useCallback(() => {
    trail.current = [];
    navigate(null);
    returnFocus();
  }, [navigate, returnFocus]);

  /** After the drawer has closed (when that event comes): the same return, if closing did not start it (a link, Back). */
  const closed = useCallback(() => {
    if (!returnStarted.current) returnFocus();
  }, [returnFocus]);

  useEffect(() => {
    if (!openId) return;
    returnStarted.current = false;
    stopReturn.current(); // a drawer opened again: the focus stays where it is
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
