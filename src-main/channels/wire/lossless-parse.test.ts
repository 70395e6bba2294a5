import fc from 'fast-check';
import { isLosslessNumber, parse, stringify } from 'lossless-json';
import { describe, expect, it, vi } from 'vitest';
import { losslessParse } from './lossless-parse';

// Counts the calls that fall back to lossless-json (a valid body must not: that is the speed).
const fallback = vi.hoisted(() => ({ calls: 0 }));
vi.mock('lossless-json', async (importOriginal) => {
  const real = await importOriginal<typeof import('lossless-json')>();
  return { ...real, parse: (...args: Parameters<typeof real.parse>) => (fallback.calls++, real.parse(...args)) };
});

/** What lossless-json's parse gives, or its error message. */
function reference(text: string): { value: string | undefined } | { error: string } {
  try {
    return { value: stringify(parse(text)) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function fast(text: string): { value: string | undefined } | { error: string } {
  try {
    return { value: stringify(losslessParse(text)) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

// Strings full of what a scanner can trip on: quotes, runs of backslashes, digits, minus signs, escapes.
const piece = fc.constantFrom('a', '订单', '"', '\\', '\\\\', '1', '-2', '.5e3', ':', ',', '{', ']', '\n', '\u0001', '\u2028', 'é', ' ');
const stringText = fc.array(piece, { maxLength: 8 }).map((parts) => JSON.stringify(parts.join('')));
const numberText = fc.oneof(
  fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
  fc.constantFrom('0', '-0', '19.90', '1e400', '-1.5E-7', '2585608013630372147', '0.30'),
);
const space = fc.constantFrom('', ' ', '\n  ', '\t');
const { value: valueText } = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    stringText, numberText, fc.constantFrom('true', 'false', 'null'),
    fc.array(fc.tuple(space, tie('value')), { maxLength: 4 }).map((xs) => `[${xs.map(([s, v]) => s + v).join(',')}]`),
    // Now and then a number where a key goes: invalid JSON that a marker would make look valid.
    fc.array(fc.tuple(fc.oneof({ arbitrary: stringText, weight: 8 }, { arbitrary: fc.constant('"__proto__"'), weight: 1 }, { arbitrary: numberText, weight: 1 }), space, tie('value')), { maxLength: 4 })
      .map((xs) => `{${xs.map(([k, s, v]) => `${k}:${s}${v}`).join(',')}}`),
  ),
}));

describe('losslessParse', () => {
  it('gives what lossless-json gives (the value, digit for digit, or its refusal) for any JSON-like text', () => {
    fc.assert(
      fc.property(valueText, space, (text, s) => {
        const ref = reference(s + text + s);
        // lossless-json refuses a key repeated with another value; JSON.parse keeps the last.
        if ('error' in ref && ref.error.startsWith('Duplicate key')) return;
        fallback.calls = 0;
        expect(fast(s + text + s)).toEqual(ref);
        // Only a body with an escaped U+0001 (which could pass for a marker) takes the slow road to a value.
        if ('value' in ref && !text.includes('\\u0001')) expect(fallback.calls).toBe(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses what lossless-json refuses, with its message (truncated, cut or spliced bodies)', () => {
    fc.assert(
      fc.property(valueText, fc.nat(), fc.nat(), fc.constantFrom('', '"', '\\', '01', '-', '1.', 'x', '}', '\u0001'), (text, a, b, insert) => {
        const at = a % (text.length + 1);
        const broken = text.slice(0, at) + insert + text.slice(at + (b % 3));
        const ref = reference(broken);
        if ('error' in ref && ref.error.startsWith('Duplicate key')) return;
        expect(fast(broken)).toEqual(ref);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses a number where a key goes, as lossless-json does (its marker would pass JSON.parse as a key)', () => {
    // The last: inside a value that a repeated key then overwrites (found by the property test in CI).
    for (const text of ['{1:2}', '{"a":1,-2.5:3}', '[{"b":[{7:"x"}]}]', '{"__proto__":[{0:""}],"__proto__":""}', '{"a":[{"b":1, 2:3}],"a":0}']) {
      expect(fast(text)).toEqual(reference(text));
      expect(fast(text)).toHaveProperty('error');
    }
  });

  it('keeps a 19-digit tid exact and numbers as LosslessNumbers beside strings that look like numbers', () => {
    const v = losslessParse('{"tid":2585608013630372147,"payment":"77.98","orders":{"order":[{"num":2,"price":"38.99"}]}}') as any;
    expect(isLosslessNumber(v.tid) && v.tid.value).toBe('2585608013630372147');
    expect(v.payment).toBe('77.98');
    expect(isLosslessNumber(v.orders.order[0].num) && v.orders.order[0].num.value).toBe('2');
  });

  it('reads an escaped quote or backslash run before a number as part of the string', () => {
    const v = losslessParse(String.raw`{"a":"x\"1","b":"y\\","c":-2.50,"d":"\\\"3"}`) as any;
    expect([v.a, v.b, v.c.value, v.d]).toEqual(['x"1', 'y\\', '-2.50', '\\"3']);
  });

  it('keeps a string that holds U+0001 a string, and a "__proto__" key an own field', () => {
    const v = losslessParse(String.raw`{"s":"\u00010","__proto__":{"n":7}}`) as any;
    expect(v.s).toBe('\u00010');
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['s', '__proto__']);
    expect(v.__proto__.n.value).toBe('7');
  });
});
