import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * A pushed event says these queries changed: invalidate them, including one whose first fetch is
 * still in flight. react-query lets such a fetch stand (it has no data to cancel it for), so a job
 * that ended while its status was being fetched would stay "running" on screen: that fetch is
 * cancelled and asked again.
 */
export async function refresh(qc: QueryClient, queryKey: QueryKey): Promise<void> {
  await qc.cancelQueries({ queryKey, predicate: (q) => q.state.data === undefined && q.state.fetchStatus === 'fetching' });
  await qc.invalidateQueries({ queryKey });
}
