import { describe, expect, it } from 'vitest';
import { commissionByRate, orderFigures } from './figures';

const base = { paid_fen: 10_000, goods_fen: 10_500, discount_fen: 1_000, platform_discount_fen: 300, postage_fen: 500, commission_fen: null, refund_fen: 0, commission_bps: null };

describe('order figures', () => {
  it('rounds rate commission half-up to the fen', () => {
    expect(commissionByRate(1_250, 60)).toBe(8); // 7.5 → 8
    expect(commissionByRate(1_249, 60)).toBe(7); // 7.494 → 7
    expect(commissionByRate(0, 60)).toBe(0);
  });

  it('prefers the platform commission over the shop rate', () => {
    expect(orderFigures({ ...base, commission_fen: 123, commission_bps: 500 })).toMatchObject({ commissionFen: 123, commissionSource: 'platform' });
    expect(orderFigures({ ...base, commission_bps: 500 })).toMatchObject({ commissionFen: 500, commissionSource: 'rate' });
    expect(orderFigures(base)).toMatchObject({ commissionFen: 0, commissionSource: 'none' });
  });

  it('splits discounts, makes refunds negative and nets them out', () => {
    const f = orderFigures({ ...base, refund_fen: 2_000, commission_bps: 500 });
    expect(f).toMatchObject({ shopDiscountFen: 700, platformDiscountFen: 300, refundFen: -2_000 });
    expect(f.netFen).toBe(10_000 + 300 - 500 - 2_000);
  });
});
