import fc from 'fast-check';
import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { fenToYuan } from '../../../src-shared/money';
import { FieldReader } from './fields';

const read = (json: string) => new FieldReader(parse(json) as Record<string, unknown>).yuan('v');

describe('yuan on the wire → fen', () => {
  it('any amount a platform sends as a double in yuan (PDD) comes back to the exact fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_00 }), (fen) => {
        // what a Java/Go server prints for the double nearest to fen/100
        expect(read(`{"v":${JSON.stringify(fen / 100)}}`)).toBe(fen);
      }),
      { numRuns: 2000 },
    );
  });

  it('any amount sent as a 2-decimal yuan string (Taobao, JD) comes back to the exact fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_00, max: 10_000_000_00 }), (fen) => {
        expect(read(`{"v":"${fenToYuan(fen)}"}`)).toBe(fen);
      }),
      { numRuns: 2000 },
    );
  });
});
