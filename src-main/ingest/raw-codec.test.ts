import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compressBlock, decompressBlock, isZstd, WRITE_CODEC } from './raw-codec';

const text = (i: number) => Buffer.from(`{"tid":"25856080136${i}","status":"WAIT_SELLER_SEND_GOODS","receiver_city":"南京市","payment":"${i}.00"}`.repeat(1 + (i % 7)));
const dict = Buffer.from(Array.from({ length: 30 }, (_, i) => text(i).toString()).join('\n'));

describe('raw payload block codec', () => {
  it('writes Zstandard on this runtime (Node 22.15+ with the dictionary option), and both codecs read back with and without a dictionary', () => {
    expect(WRITE_CODEC).toBe('zstd');
    for (const codec of ['zstd', 'deflate'] as const) {
      for (const d of [dict, null]) {
        const data = Buffer.concat(Array.from({ length: 100 }, (_, i) => text(i)));
        const block = compressBlock(data, d, codec);
        expect(isZstd(block)).toBe(codec === 'zstd');
        expect(decompressBlock(block, d).equals(data)).toBe(true);
      }
    }
  });

  it('the dictionary is really used: a block made with it is smaller and does not decode without it', () => {
    const data = text(3);
    const withDict = compressBlock(data, dict, 'zstd');
    expect(withDict.length).toBeLessThan(compressBlock(data, null, 'zstd').length);
    expect(() => decompressBlock(withDict, null)).toThrow();
  });

  it('a deflate block is never taken for Zstandard, even one deflate stored as is (incompressible bytes)', () => {
    for (let i = 0; i < 200; i++) {
      const data = i % 2 ? randomBytes(1 + i * 37) : text(i);
      const block = compressBlock(data, i % 3 ? dict : null, 'deflate');
      expect(isZstd(block)).toBe(false);
      expect(decompressBlock(block, i % 3 ? dict : null).equals(data)).toBe(true);
    }
  });
});
