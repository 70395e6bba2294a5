import { describe, expect, it } from 'vitest';
import { formatInZone, parseWallClock } from './time';

describe('time at the edges', () => {
  it('reads Beijing wall-clock strings as UTC ms', () => {
    expect(parseWallClock('2026-05-31 14:16:18')).toBe(Date.UTC(2026, 4, 31, 6, 16, 18));
    expect(parseWallClock('2026/01/01 00:00')).toBe(Date.UTC(2025, 11, 31, 16, 0, 0));
    expect(parseWallClock('2026-03-01')).toBe(Date.UTC(2026, 1, 28, 16));
  });

  it('refuses impossible dates', () => {
    expect(parseWallClock('2026-02-30 10:00:00')).toBeNull();
    expect(parseWallClock('2026-13-01')).toBeNull();
    expect(parseWallClock('2026-01-01 24:00:00')).toBeNull();
    expect(parseWallClock('not a date')).toBeNull();
  });

  it('displays in the workspace zone', () => {
    expect(formatInZone(Date.UTC(2026, 9, 31, 16, 10, 0))).toBe('2026-11-01 00:10:00');
    expect(formatInZone(Date.UTC(2026, 9, 31, 16, 10, 0), 'UTC')).toBe('2026-10-31 16:10:00');
  });
});
