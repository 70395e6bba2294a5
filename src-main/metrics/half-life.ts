import type { HalfLifeDay, HalfLifeGroup } from '../../src-shared/contract/board';

/** One exception as the half-life reads it: when it opened and closed (null: still open), and its group. */
export interface CohortRow {
  openedAt: number;
  closedAt: number | null;
  key: string;
}

/** Median of sorted integers: the middle one, or the floor of the mean of the two middle ones. */
export function median(sorted: number[]): number | null {
  const n = sorted.length;
  if (!n) return null;
  return n % 2 ? sorted[(n - 1) / 2]! : Math.floor((sorted[n / 2 - 1]! + sorted[n / 2]!) / 2);
}

/**
 * Half-life of a cohort of `opened` exceptions whose closed ones took `durations` (sorted): the
 * time by which half of the cohort (⌈n/2⌉) had closed; null while fewer than that have.
 */
export function halfLife(opened: number, durations: number[]): number | null {
  if (!opened) return null;
  const k = Math.ceil(opened / 2);
  return durations.length >= k ? durations[k - 1]! : null;
}

function figures(rows: CohortRow[]): { opened: number; closed: number; medianCloseMs: number | null; halfLifeMs: number | null } {
  const durations = rows.filter((r) => r.closedAt !== null).map((r) => r.closedAt! - r.openedAt).sort((a, b) => a - b);
  return { opened: rows.length, closed: durations.length, medianCloseMs: median(durations), halfLifeMs: halfLife(rows.length, durations) };
}

/** Per group: the cohort's figures and, per opening day (workspace zone), the day's. Groups largest first. */
export function halfLifeGroups(rows: CohortRow[], dayOf: (ms: number) => string, label: (key: string) => string | null): HalfLifeGroup[] {
  const byKey = new Map<string, CohortRow[]>();
  for (const r of rows) {
    const list = byKey.get(r.key);
    if (list) list.push(r);
    else byKey.set(r.key, [r]);
  }
  return [...byKey].map(([key, list]) => {
    const byDay = new Map<string, CohortRow[]>();
    for (const r of list) {
      const d = dayOf(r.openedAt);
      const l = byDay.get(d);
      if (l) l.push(r);
      else byDay.set(d, [r]);
    }
    const days: HalfLifeDay[] = [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, l]) => ({ day, ...figures(l) }));
    return { key, label: label(key), ...figures(list), days };
  }).sort((a, b) => b.opened - a.opened || a.key.localeCompare(b.key));
}
