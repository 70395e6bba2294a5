import { describe, expect, it } from 'vitest';
import { halfLife, halfLifeGroups, median } from './half-life';

const H = 3_600_000;

describe('half-life definitions', () => {
  it('median of closed durations: the middle, or the floor of the two middles', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([1, 2, 4])).toBe(2);
    expect(median([1, 2, 4, 7])).toBe(3);
  });

  it('half-life: when ⌈n/2⌉ of the cohort had closed; open ones never count', () => {
    expect(halfLife(4, [1 * H, 3 * H])).toBe(3 * H);
    expect(halfLife(5, [1 * H, 3 * H])).toBeNull();
    expect(halfLife(5, [1 * H, 3 * H, 9 * H])).toBe(9 * H);
    expect(halfLife(0, [])).toBeNull();
  });

  it('groups by key and by opening day, largest group first', () => {
    const day = (d: number, h: number) => Date.UTC(2026, 10, d, h);
    const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const g = halfLifeGroups([
      { openedAt: day(1, 1), closedAt: day(1, 3), key: 'a' },
      { openedAt: day(1, 2), closedAt: null, key: 'a' },
      { openedAt: day(2, 1), closedAt: day(2, 2), key: 'a' },
      { openedAt: day(2, 1), closedAt: day(2, 5), key: 'b' },
    ], dayOf, (k) => k.toUpperCase());
    expect(g.map((x) => [x.key, x.label, x.opened, x.closed, x.medianCloseMs, x.halfLifeMs])).toEqual([['a', 'A', 3, 2, 1.5 * H, 2 * H], ['b', 'B', 1, 1, 4 * H, 4 * H]]);
    expect(g[0]!.days).toEqual([
      { day: '2026-11-01', opened: 2, closed: 1, medianCloseMs: 2 * H, halfLifeMs: 2 * H },
      { day: '2026-11-02', opened: 1, closed: 1, medianCloseMs: 1 * H, halfLifeMs: 1 * H },
    ]);
  });
});
