import type { Connector, ConnectorContext, FetchedOrder } from '../../src-main/channels/connector';

/**
 * Drives a connector the simple way a test needs: consecutive windows of the platform's
 * maximum width over [from, to), every page of each. (The real poller adds overlap,
 * retries and the ledger.)
 */
export async function fetchAll(
  connector: Connector, ctx: ConnectorContext, from: number, to: number,
): Promise<{ items: FetchedOrder[]; windows: number; pages: number; platformTotals: number[] }> {
  const items: FetchedOrder[] = [];
  const platformTotals: number[] = [];
  let windows = 0;
  let pages = 0;
  for (let start = from; start < to; start += connector.limits.maxWindowMs) {
    const window = { from: start, to: Math.min(to, start + connector.limits.maxWindowMs) };
    windows += 1;
    let token: string | null = null;
    do {
      const page = await connector.fetchPage(ctx, window, token);
      pages += 1;
      items.push(...page.items);
      if (token === null && page.platformTotal !== undefined) platformTotals.push(page.platformTotal);
      token = page.next;
    } while (token !== null);
  }
  return { items, windows, pages, platformTotals };
}

/** How many times each platform order id arrived. */
export function countById(items: FetchedOrder[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const it of items) {
    const id = it.platformOrderId ?? '(none)';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
