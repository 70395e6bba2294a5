import { describe, expect, it } from 'vitest';
import { presetOf, presetRange } from './datePresets';

const ZONE = 'Asia/Shanghai';
// 2026-03-01 00:30 in Beijing is still 2026-02-28 in UTC: the workspace's day decides.
const EARLY_MARCH = Date.UTC(2026, 1, 28, 16, 30);

describe('date presets in the workspace zone', () => {
  it('today and yesterday are Beijing days, across a month end', () => {
    expect(presetRange('today', EARLY_MARCH, ZONE)).toEqual({ from: '2026-03-01', to: '2026-03-01' });
    expect(presetRange('yesterday', EARLY_MARCH, ZONE)).toEqual({ from: '2026-02-28', to: '2026-02-28' });
  });
  it('last 7 days include today; this month runs to today; last month is whole', () => {
    expect(presetRange('last7', EARLY_MARCH, ZONE)).toEqual({ from: '2026-02-23', to: '2026-03-01' });
    expect(presetRange('thisMonth', EARLY_MARCH, ZONE)).toEqual({ from: '2026-03-01', to: '2026-03-01' });
    expect(presetRange('lastMonth', EARLY_MARCH, ZONE)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('lastMonth', Date.UTC(2026, 0, 15), ZONE)).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });
  it('a range is recognised as its preset, a custom one is not', () => {
    expect(presetOf({ from: '2026-02-01', to: '2026-02-28' }, EARLY_MARCH, ZONE)).toBe('lastMonth');
    expect(presetOf({ from: '2026-02-02', to: '2026-02-28' }, EARLY_MARCH, ZONE)).toBeNull();
  });
});
