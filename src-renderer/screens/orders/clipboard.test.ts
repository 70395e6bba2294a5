import { describe, expect, it } from 'vitest';
import { toTsv, tsvCell } from './clipboard';

describe('copy as tab-separated text', () => {
  it('puts a header line first and one line per row', () => {
    expect(toTsv(['订单号', '金额'], [['A1', '¥12.50'], ['A2', null]])).toBe('订单号\t金额\r\nA1\t¥12.50\r\nA2\t');
  });
  it('flattens tabs and line breaks inside a cell so the table stays rectangular', () => {
    expect(tsvCell('请\t尽快\r\n发货')).toBe('请 尽快 发货');
  });
});
