import type { PageToken } from '../connector';

/**
 * Increment APIs sorted by modified time, newest first (Taobao, PDD, Douyin), all advise paging
 * from the LAST page back to the first: an order modified while we page leaves the window and
 * shifts the rest toward page 1, so walking backwards sees every order at least once, where
 * walking forwards would skip one per change.
 *
 * First call (token null) probes the first page and reads the platform's total. If that page
 * holds everything, it is the answer. Otherwise the probe's items are dropped and the walk goes
 * last page → first page, one call each; the token is the next page number to fetch.
 */
export interface PagePlan {
  page: number;
  probe: boolean;
}

export function planPage(token: PageToken | null, firstPage: 0 | 1): PagePlan {
  if (token === null) return { page: firstPage, probe: true };
  const m = /^back:(\d+)$/.exec(token);
  if (!m) throw new RangeError(`bad page token ${JSON.stringify(token)}`);
  return { page: Number(m[1]), probe: false };
}

export interface PageOutcome {
  /** Whether the items of the page just fetched belong in the result. */
  keepItems: boolean;
  next: PageToken | null;
}

export function afterPage(plan: PagePlan, total: number, pageSize: number, firstPage: 0 | 1): PageOutcome {
  if (plan.probe) {
    if (total <= pageSize) return { keepItems: true, next: null };
    const lastPage = firstPage + Math.ceil(total / pageSize) - 1;
    return { keepItems: false, next: `back:${lastPage}` };
  }
  return { keepItems: true, next: plan.page > firstPage ? `back:${plan.page - 1}` : null };
}
