import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenToYuan, formatYuan, yuanToFen } from './money';

describe('money at the edges', () => {
  it('parses yuan strings and numbers into exact fen', () => {
    expect(yuanToFen('17.8')).toBe(1780);
    expect(yuanToFen('34.00')).toBe(3400);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen(0.1 + 0.2)).toBe(30); // binary noise does not leak into fen
    expect(yuanToFen('-3.5')).toBe(-350);
    expect(yuanToFen(' 12 ')).toBe(1200);
    expect(yuanToFen('1.230')).toBe(123);
  });

  it('refuses what is not a plain amount rather than guessing', () => {
    for (const bad of ['abc', '1.234', '', '1,000.00', '¥12', 'NaN']) expect(() => yuanToFen(bad)).toThrow(/not a yuan amount/);
    expect(() => yuanToFen(Number.NaN)).toThrow();
  });

  it('round-trips every fen amount through yuan text', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => yuanToFen(fenToYuan(fen)) === fen));
  });

  it('formats for display with grouping', () => {
    expect(formatYuan(123456789)).toBe('¥1,234,567.89');
    expect(formatYuan(-5)).toBe('-¥0.05');
  });
});
