import type { GridApi } from 'ag-grid-community';
import { useEffect, useRef } from 'react';
import type { OrderRow } from '../../../src-shared/contract/orders';
import { onConnection, onEvent } from '../../api/events';

/** A refresh re-asks every loaded block: during a big import, at most one per this long. */
const MIN_GAP_MS = 1000;

/**
 * The grid follows pushed changes: an orders.changed event reloads the loaded blocks (rows keep
 * their place; changed ones update, new ones appear), at once for the first event and then at
 * most once a second while changes keep coming. A reconnect reloads too (events were missed).
 */
export function useLiveGrid(api: GridApi<OrderRow> | null, onRefresh: () => void): void {
  const after = useRef(onRefresh);
  after.current = onRefresh;
  useEffect(() => {
    if (!api) return;
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      timer = null;
      last = Date.now();
      if (!api.isDestroyed()) {
        api.refreshInfiniteCache();
        after.current();
      }
    };
    const changed = () => {
      if (timer) return;
      const wait = last + MIN_GAP_MS - Date.now();
      if (wait <= 0) refresh();
      else timer = setTimeout(refresh, wait);
    };
    const offs = [onEvent('orders.changed', changed), onConnection((s) => s === 'connected' && changed())];
    return () => {
      offs.forEach((off) => off());
      if (timer) clearTimeout(timer);
    };
  }, [api]);
}
