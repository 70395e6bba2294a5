import fc from 'fast-check';
import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { fenToYuan } from '../../../src-shared/money';
import { FieldError } from '../wire/fields';
import { normaliseGenericOrder } from './normalize';

const base = (money: Record<string, unknown>, line: Record<string, unknown>) => ({
  id: 'WX1001', status: 'to_ship', created_at: '2024-06-01T10:00:00+08:00', updated_at: '2024-06-01T10:00:31+08:00',
  ...money,
  lines: [{ title: 'T恤', qty: 2, ...line }],
});

describe('generic intake normaliser', () => {
  it('an amount sent as _fen or as _yuan gives the same order, to the fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_00 }), fc.integer({ min: 0, max: 500_00 }), (paid, unit) => {
        const asFen = normaliseGenericOrder(parse(JSON.stringify(base({ goods_fen: paid, paid_fen: paid }, { unit_price_fen: unit, paid_fen: unit * 2 }))), {});
        const asYuan = normaliseGenericOrder(
          parse(JSON.stringify(base({ goods_yuan: fenToYuan(paid), paid_yuan: fenToYuan(paid) }, { unit_price_yuan: fenToYuan(unit), paid_yuan: fenToYuan(unit * 2) }))),
          {},
        );
        expect(asYuan).toEqual(asFen);
        expect(asFen.paidFen).toBe(paid);
        expect(asFen.lines[0]!.paidFen).toBe(unit * 2);
      }),
      { numRuns: 200 },
    );
  });

  it('converts times with their offset to UTC ms', () => {
    const o = normaliseGenericOrder(parse(JSON.stringify(base({ goods_fen: 1, paid_fen: 1 }, { unit_price_fen: 1, paid_fen: 2 }))), {});
    expect(o.createdAt).toBe(Date.UTC(2024, 5, 1, 2, 0, 0));
    expect(o.platformUpdatedAt).toBe(Date.UTC(2024, 5, 1, 2, 0, 31));
  });

  it('names the field and value of what is wrong', () => {
    const fail = (payload: object) => {
      try {
        normaliseGenericOrder(parse(JSON.stringify(payload)), {});
      } catch (e) {
        if (e instanceof FieldError) return { field: e.field, value: e.value, reason: e.reason };
        throw e;
      }
      throw new Error('expected a FieldError');
    };
    expect(fail(base({ paid_fen: 1 }, { unit_price_fen: 1, paid_fen: 2 }))).toMatchObject({ field: 'goods_fen', value: '(missing)' });
    expect(fail(base({ goods_fen: 1, paid_yuan: 19.9 }, { unit_price_fen: 1, paid_fen: 2 }))).toMatchObject({ field: 'paid_yuan', value: '19.9' });
    expect(fail(base({ goods_fen: 1.5, paid_fen: 1 }, { unit_price_fen: 1, paid_fen: 2 }))).toMatchObject({ field: 'goods_fen', value: '1.5' });
    expect(fail({ ...base({ goods_fen: 1, paid_fen: 1 }, { unit_price_fen: 1, paid_fen: 2 }), lines: [] })).toMatchObject({ field: 'lines' });
    expect(fail(base({ goods_fen: 1, paid_fen: 1 }, { paid_fen: 2 }))).toMatchObject({ field: 'lines[0].unit_price_fen' });
  });
});
