/**
 * How the board, the 异常 workspace and the metrics learn that exceptions changed. Their queries
 * all start with RISK_KEY, so one invalidation refreshes whatever is on screen without a reload.
 * Today a person's own actions call `riskChanged`; when the core's pushed events reach the
 * renderer (`onEvent('exceptions.changed' | 'orders.changed')`), `useRiskEvents` is the one
 * place to subscribe them.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

export const RISK_KEY = 'risk';

const listeners = new Set<() => void>();

/** Refresh every risk query (the board, exception lists and counts, metrics, desktop notices). */
export function riskChanged(qc: QueryClient): void {
  void qc.invalidateQueries({ queryKey: [RISK_KEY] });
  for (const l of listeners) l();
}

/** Subscribes a callback (desktop notices) to risk changes. */
export function onRiskChanged(fn: () => void): () => void {
  listeners.add(fn);
  return () => void listeners.delete(fn);
}

/** Mounted once in the shell: focus returning to the window counts as "something may have changed". */
export function useRiskEvents(): void {
  const qc = useQueryClient();
  useEffect(() => {
    const onFocus = () => riskChanged(qc);
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [qc]);
}
