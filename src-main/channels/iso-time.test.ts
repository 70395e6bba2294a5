import { describe, expect, it } from 'vitest';
import { formatIsoUtc, parseIsoWithOffset } from './iso-time';

describe('ISO 8601 times with an offset', () => {
  it('converts the shop\'s wall clock with its offset to UTC ms', () => {
    expect(parseIsoWithOffset('2008-01-10T11:00:00-05:00')).toBe(Date.UTC(2008, 0, 10, 16, 0, 0));
    expect(parseIsoWithOffset('2024-06-01T10:00:00+08:00')).toBe(Date.UTC(2024, 5, 1, 2, 0, 0));
    expect(parseIsoWithOffset('2024-06-01T02:00:00.250Z')).toBe(Date.UTC(2024, 5, 1, 2, 0, 0, 250));
    expect(parseIsoWithOffset('2024-06-01T10:00:00+0800')).toBe(Date.UTC(2024, 5, 1, 2, 0, 0));
  });

  it('refuses a time without an offset and impossible dates', () => {
    expect(parseIsoWithOffset('2024-06-01T10:00:00')).toBeNull();
    expect(parseIsoWithOffset('2024-06-01 10:00:00')).toBeNull();
    expect(parseIsoWithOffset('2026-02-30T10:00:00+08:00')).toBeNull();
    expect(parseIsoWithOffset('2026-02-28T24:00:00+08:00')).toBeNull();
  });

  it('formats whole seconds in UTC with an explicit offset', () => {
    expect(formatIsoUtc(Date.UTC(2024, 5, 1, 2, 0, 0, 999))).toBe('2024-06-01T02:00:00+00:00');
  });
});
