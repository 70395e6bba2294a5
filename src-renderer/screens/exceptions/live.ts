/**
 * How the board, the 异常 workspace and the metrics learn that exceptions changed. Their queries
 * all start with RISK_KEY, so one invalidation refreshes whatever is on screen without a reload.
 * A person's own actions call `riskChanged` at once; everyone else's — another session's action,
 * a detector pass, a team sync pull — arrives as the core's pushed `exceptions.changed` event,
 * subscribed in `useRiskEvents`.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { onEvent } from '../../api/events';
import { refresh } from '../../api/refresh';

export const RISK_KEY = 'risk';

const listeners = new Set<() => void>();

/** Refresh every risk query (the board, exception lists and counts, metrics, desktop notices). */
export function riskChanged(qc: QueryClient): void {
  void refresh(qc, [RISK_KEY]);
  for (const l of listeners) l();
}

/** Subscribes a callback (desktop notices) to risk changes. */
export function onRiskChanged(fn: () => void): () => void {
  listeners.add(fn);
  return () => void listeners.delete(fn);
}

/** A detector pass commits in batches: the screens refresh at most this often while events keep coming. */
const EVENT_REFRESH_MS = 500;

/** Mounted once in the shell: exceptions changed elsewhere (pushed by the core) refresh the risk screens. */
export function useRiskEvents(): void {
  const qc = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const fire = () => {
      timer = null;
      last = Date.now();
      riskChanged(qc);
    };
    const off = onEvent('exceptions.changed', () => {
      if (!timer) timer = setTimeout(fire, Math.max(0, last + EVENT_REFRESH_MS - Date.now()));
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [qc]);
}
