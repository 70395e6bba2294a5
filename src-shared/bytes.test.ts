import { describe, expect, it } from 'vitest';
import { byteSize } from './bytes';

describe('byteSize', () => {
  it('says gigabytes with one decimal, megabytes whole, and kilobytes below a megabyte (at least 1 KB)', () => {
    expect(byteSize(4.7 * 1024 ** 3)).toBe('4.7 GB');
    expect(byteSize(74 * 1024 ** 2 + 1000)).toBe('74 MB');
    expect(byteSize(1024 ** 2)).toBe('1 MB');
    expect(byteSize(12 * 1024)).toBe('12 KB');
    expect(byteSize(10)).toBe('1 KB');
  });
});
