import { describe, expect, it } from 'vitest';
import { hashPhone } from './customer-match';
import { signature } from './duplicate-check';
import { validateOrder } from './validate';
import type { NormalizedOrder } from '../normalized-order';

const NOW = Date.UTC(2026, 10, 20);
const base: NormalizedOrder = {
  platformOrderId: '2450123456789012345', platformStatus: 'WAIT_SELLER_SEND_GOODS', phase: 'paid', createdAt: NOW - 60_000,
  platformUpdatedAt: NOW, goodsFen: 8990, paidFen: 8990, lines: [{ title: 'T恤', qty: 1, unitPriceFen: 8990, paidFen: 8990 }],
};

describe('validateOrder', () => {
  it('accepts a plausible order and names the field and value of a bad one', () => {
    expect(validateOrder(base, NOW)).toBeNull();
    expect(validateOrder({ ...base, paidFen: 89.9 }, NOW)).toEqual({ field: 'paidFen', value: '89.9', reason: 'amount is not whole fen' });
    expect(validateOrder({ ...base, createdAt: 1_700_000 }, NOW)).toMatchObject({ field: 'createdAt', value: '1700000' });
    expect(validateOrder({ ...base, platformOrderId: ' ' }, NOW)).toMatchObject({ field: 'platformOrderId' });
    expect(validateOrder({ ...base, lines: [{ title: 'x', qty: 0, unitPriceFen: 1, paidFen: 1 }] }, NOW)).toMatchObject({ field: 'lines[0].qty', value: '0' });
    expect(validateOrder({ ...base, phase: 'shipping' as never }, NOW)).toMatchObject({ field: 'phase', value: 'shipping' });
  });
});

describe('hashPhone', () => {
  it('hashes full numbers the same however they are written, never masked or encrypted ones', () => {
    expect(hashPhone('13812345678')).toBe(hashPhone('+86 138-1234-5678'));
    expect(hashPhone('138****5678')).toBeNull();
    expect(hashPhone('$AgAAAA==$')).toBeNull();
    expect(hashPhone('123')).toBeNull();
    expect(hashPhone(null)).toBeNull();
  });
});

describe('duplicate signature', () => {
  it('is the same items in any order, gifts aside', () => {
    const a = [{ skuCode: 'A', title: 'a', qty: 1 }, { skuCode: 'B', title: 'b', qty: 2 }, { skuCode: 'G', title: '赠品', qty: 1, gift: true }];
    const b = [{ skuCode: 'B', title: 'b', qty: 2 }, { skuCode: 'A', title: 'a', qty: 1 }];
    expect(signature(a)).toBe(signature(b));
    expect(signature([{ skuCode: 'A', title: 'a', qty: 2 }])).not.toBe(signature([{ skuCode: 'A', title: 'a', qty: 1 }]));
    expect(signature([{ skuCode: null, title: '手工皂', qty: 1 }])).toBe('title:手工皂×1');
  });
});
