import { describe, expect, it } from 'vitest';
import { parseRows } from './parse-rows';

describe('bulk paste rows', () => {
  it('reads Excel rows with a header, tabs, an optional carrier, and names rows without a tracking no.', () => {
    const r = parseRows('订单号\t物流单号\nTB-1\tSF1234567890123\nTB-2\t73123456789012\t中通\n\nTB-3\n');
    expect(r.rows).toEqual([
      { orderNo: 'TB-1', trackingNo: 'SF1234567890123' },
      { orderNo: 'TB-2', trackingNo: '73123456789012', carrier: '中通' },
    ]);
    expect(r.bad).toEqual([5]);
  });
});
