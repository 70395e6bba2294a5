import { describe, expect, it } from 'vitest';
import { confirmBackoff } from './sender';

describe('发货回传 retry waits', () => {
  it('double from 30 s up to an hour, and never less than the shop asked', () => {
    expect([1, 2, 3, 4].map((n) => confirmBackoff(n))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(confirmBackoff(40)).toBe(3_600_000);
    expect(confirmBackoff(1, 90_000)).toBe(90_000);
  });
});
