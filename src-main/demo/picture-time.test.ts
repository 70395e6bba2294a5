import { describe, expect, it } from 'vitest';
import { demoPictureTime } from './picture-time';

describe('the demo picture time', () => {
  const at = (iso: string) => Date.parse(iso);

  it('is now unless an hour is pinned', () => {
    expect(demoPictureTime(at('2026-12-02T02:10:00Z'), undefined)).toBe(at('2026-12-02T02:10:00Z'));
    expect(demoPictureTime(at('2026-12-02T02:10:00Z'), '')).toBe(at('2026-12-02T02:10:00Z'));
  });

  it('is the latest pinned Beijing hour not after now', () => {
    // 10:10 Beijing → 08:00 Beijing the same day (00:00 UTC)
    expect(demoPictureTime(at('2026-12-02T02:10:00Z'), '8')).toBe(at('2026-12-02T00:00:00Z'));
    // 07:30 Beijing → 08:00 Beijing the day before
    expect(demoPictureTime(at('2026-12-01T23:30:00Z'), '8')).toBe(at('2026-11-30T00:00:00Z') + 86_400_000);
    // exactly on the hour → that hour
    expect(demoPictureTime(at('2026-12-02T00:00:00Z'), '8')).toBe(at('2026-12-02T00:00:00Z'));
  });

  it('refuses an hour that is not one, naming the value', () => {
    expect(() => demoPictureTime(Date.now(), '25')).toThrow(/值 25/);
    expect(() => demoPictureTime(Date.now(), 'morning')).toThrow(/morning/);
  });
});
