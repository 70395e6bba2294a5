import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CellError, cellFen, cellId, cellInt, cellString, cellTime, fromExcel } from './cell-values';

const bj = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h - 8, mi, s);
const reason = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof CellError ? e.zh : `not a CellError: ${String(e)}`;
  }
  return 'no error';
};

describe('cell values as exported', () => {
  it('unwraps Excel text forcing and keeps every digit of a 19-digit id', () => {
    expect(cellId('="2450123456789012345"')).toBe('2450123456789012345');
    expect(cellId("'2450123456789012345")).toBe('2450123456789012345');
    expect(cellId(' 260517-607198974342268 ')).toBe('260517-607198974342268');
    expect(cellId(123456)).toBe('123456');
    expect(cellId('123456.00')).toBe('123456');
  });

  it('refuses an id Excel already turned into a float, saying digits were lost', () => {
    expect(reason(() => cellId('2.45012E+18'))).toContain('丢失');
    expect(reason(() => cellId(2450123456789012345))).toContain('丢失');
  });

  it('refuses formula-like text and formula cells without a plain result, never evaluating them', () => {
    expect(reason(() => cellString('=HYPERLINK("http://x","点我")'))).toContain('像公式');
    expect(reason(() => cellString('@SUM(A1)'))).toContain('像公式');
    expect(reason(() => cellString("+cmd|' /C calc'!A0"))).toContain('像公式');
    expect(cellString('-5')).toBe('-5');
    expect(cellString('+86 138 0000 1234')).toBe('+86 138 0000 1234');
    expect(fromExcel({ formula: 'A1*2', result: 14 })).toBe(14);
    expect(reason(() => cellString(fromExcel({ formula: 'SUM(A:A)' })))).toContain('没有可用的计算结果');
    expect(reason(() => cellString(fromExcel({ formula: '1/0', result: { error: '#DIV/0!' } })))).toContain('没有可用的计算结果');
  });

  it('reads yuan with or without trailing zeros into fen', () => {
    expect(cellFen('17.8')).toBe(1780);
    expect(cellFen('34.00')).toBe(3400);
    expect(cellFen('¥1,234.5')).toBe(123450);
    expect(cellFen(0.1 + 0.2)).toBe(30);
    expect(cellFen('-3.5')).toBe(-350);
    expect(cellFen('')).toBeNull();
    expect(reason(() => cellFen('十元'))).toContain('不是有效金额');
    expect(reason(() => cellFen('12.345'))).toContain('不是有效金额');
  });

  it('round-trips any fen amount written as yuan text', () => {
    fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), (fen) => {
      const yuan = `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
      return cellFen(yuan) === fen && cellFen(yuan.replace(/\.?0+$/, '') || '0') === fen;
    }));
  });

  it('refuses negative and fractional quantities', () => {
    expect(cellInt('3')).toBe(3);
    expect(cellInt(2)).toBe(2);
    expect(reason(() => cellInt('-1'))).toContain('负数');
    expect(reason(() => cellInt('1.5'))).toContain('不是整数');
    expect(cellInt('-4', { allowNegative: true })).toBe(-4);
  });

  it('reads Beijing times from text, Excel serials and date cells, and refuses impossible dates', () => {
    expect(cellTime('2026-05-31 14:16:18')).toBe(bj(2026, 5, 31, 14, 16, 18));
    expect(cellTime('2026/6/1 9:05')).toBe(bj(2026, 6, 1, 9, 5));
    expect(cellTime(46174.5)).toBe(bj(2026, 6, 1, 12));
    expect(cellTime('46174.5')).toBe(bj(2026, 6, 1, 12));
    expect(cellTime(new Date(Date.UTC(2026, 4, 31, 14, 16, 18)))).toBe(bj(2026, 5, 31, 14, 16, 18));
    expect(reason(() => cellTime('2026-02-30 10:00:00'))).toContain('不是有效的日期时间');
    expect(reason(() => cellTime('昨天'))).toContain('不是有效的日期时间');
  });
});
