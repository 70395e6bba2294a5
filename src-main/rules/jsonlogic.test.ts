import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { compileCondition, matches } from './jsonlogic';

/** Values of every kind a condition compares: loose equality and ordering across types must agree too. */
const scalar = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom('', 'A', 'B', '1', '0', '浙江省', '村', '某某村 3 组', 'S001'),
  fc.constantFrom(true, false, null),
);
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }));
const VARS = ['paidFen', 'province', 'address', 'skus', 'customer.grade', 'customer.firstOrder', 'tags', 'missing.deep', ''];

const varNode = fc.oneof(
  fc.constantFrom(...VARS).map((v) => ({ var: v })),
  fc.tuple(fc.constantFrom(...VARS), scalar).map(([v, d]) => ({ var: [v, d] })),
);

const condition: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  leaf: fc.oneof(varNode, scalar),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.tuple(fc.constantFrom('==', '===', '!=', '!==', '>', '>=', '<', '<=', 'in', 'startsWith', 'endsWith'), tie('leaf'), fc.oneof(tie('leaf'), fc.array(scalar, { maxLength: 3 })))
      .map(([op, a, b]) => ({ [op]: [a, b] })),
    fc.tuple(fc.constantFrom('<', '<='), tie('leaf'), tie('leaf'), tie('leaf')).map(([op, a, b, c]) => ({ [op]: [a, b, c] })),
    fc.tuple(fc.constantFrom('and', 'or'), fc.array(tie('node'), { maxLength: 3 })).map(([op, xs]) => ({ [op]: xs })),
    fc.tuple(fc.constantFrom('!', '!!'), tie('node')).map(([op, x]) => ({ [op]: [x] })),
    tie('node').map((x) => ({ '!': x })),
    // Operators the compiler leaves to json-logic-js: still the same answer.
    fc.tuple(tie('leaf'), tie('leaf')).map(([a, b]) => ({ if: [a, b, false] })),
    fc.tuple(tie('leaf'), tie('leaf')).map(([a, b]) => ({ cat: [a, b] })),
  ),
})).node;

const facts = fc.record({
  paidFen: fc.oneof(fc.integer({ min: -3, max: 300_000 }), scalar),
  province: value,
  address: value,
  skus: fc.array(fc.constantFrom('S001', 'S002', 'A'), { maxLength: 3 }),
  customer: fc.option(fc.record({ grade: value, firstOrder: value }), { nil: null }),
  tags: value,
});

describe('rule conditions compiled to closures', () => {
  it('give json-logic-js’s answer for any condition over any facts', () => {
    fc.assert(
      fc.property(condition, fc.array(facts, { minLength: 1, maxLength: 4 }), (when, many) => {
        const test = compileCondition(when as never);
        for (const f of many) {
          let expected: boolean | Error;
          try {
            expected = jsonLogic.truthy(jsonLogic.apply(when as never, f));
          } catch (e) {
            expected = e as Error;
          }
          if (expected instanceof Error) expect(() => test(f)).toThrow();
          else expect(test(f)).toBe(expected);
        }
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('are compiled once per condition and still answer per order', () => {
    const when = { and: [{ '>': [{ var: 'paidFen' }, 250_000] }, { in: ['村', { var: 'address' }] }] };
    expect(matches(when, { paidFen: 300_000, address: '某某村 3 组' })).toBe(true);
    expect(matches(when, { paidFen: 300_000, address: '文三路 1 号' })).toBe(false);
    expect(matches(when, { paidFen: 1, address: '某某村 3 组' })).toBe(false);
    expect(matches(true, {})).toBe(true);
  });
});
