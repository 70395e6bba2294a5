import { describe, expect, it } from 'vitest';
import { parseWallClock } from '../../src-shared/time';
import { monthOf, monthRange, previousMonth } from './month';

describe('month boundaries in the workspace zone', () => {
  it('starts a Shanghai month at 00:00 +08:00', () => {
    const { from, to } = monthRange('2026-10', 'Asia/Shanghai');
    expect(from).toBe(Date.parse('2026-10-01T00:00:00+08:00'));
    expect(to).toBe(Date.parse('2026-11-01T00:00:00+08:00'));
  });

  it('puts 23:30 on the 31st in October and 00:10 on the 1st in November', () => {
    const late = parseWallClock('2026-10-31 23:30:00')!;
    const early = parseWallClock('2026-11-01 00:10:00')!;
    const oct = monthRange('2026-10', 'Asia/Shanghai');
    expect(late >= oct.from && late < oct.to).toBe(true);
    expect(early >= oct.to).toBe(true);
    expect(monthOf(late, 'Asia/Shanghai')).toBe('2026-10');
    expect(monthOf(early, 'Asia/Shanghai')).toBe('2026-11');
  });

  it('wraps December into the next year', () => {
    expect(monthRange('2026-12', 'Asia/Shanghai').to).toBe(Date.parse('2027-01-01T00:00:00+08:00'));
    expect(previousMonth(Date.parse('2027-01-03T10:00:00+08:00'), 'Asia/Shanghai')).toBe('2026-12');
    // 2026-02-01 03:00 +08:00 is still January 31st in UTC, but February in Shanghai.
    expect(previousMonth(Date.parse('2026-02-01T03:00:00+08:00'), 'Asia/Shanghai')).toBe('2026-01');
  });

  it('follows a DST zone', () => {
    expect(monthRange('2026-04', 'Europe/Berlin').from).toBe(Date.parse('2026-04-01T00:00:00+02:00'));
    expect(monthRange('2026-03', 'Europe/Berlin').from).toBe(Date.parse('2026-03-01T00:00:00+01:00'));
  });
});
