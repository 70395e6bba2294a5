import * as zlib from 'node:zlib';

/**
 * How a block of raw payloads is compressed. Zstandard (level 1, with the kind's dictionary)
 * keeps a payload in about the bytes deflate's level 6 does and costs about a quarter of its
 * time: on the connector pipeline's path that is ~3 % of everything it does per order.
 *
 * Zstandard came to Node in 22.15 and its dictionary option later (Electron 40 on ships Node 24,
 * which has both; package.json allows Node 22.12): where either is missing, blocks are written with
 * deflate as before.
 * A block says which it is by its first bytes, so no column or migration is needed: a zstd frame
 * starts 28 B5 2F FD (RFC 8878 §3.1.1), which raw deflate cannot: 0x28 opens a stored block, whose
 * next four bytes are a length and its one's complement, and FD is not the complement of 2F.
 */
export type RawCodec = 'zstd' | 'deflate';

const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);
const ZSTD_LEVEL = 1;

export const WRITE_CODEC: RawCodec = zstdWithDictionary() ? 'zstd' : 'deflate';

export function compressBlock(data: Buffer, dict: Buffer | null, codec: RawCodec = WRITE_CODEC): Buffer {
  if (codec === 'zstd') return zstd().zstdCompressSync(data, { params: { [zlib.constants.ZSTD_c_compressionLevel]: ZSTD_LEVEL }, ...(dict ? { dictionary: dict } : {}) });
  return dict ? zlib.deflateRawSync(data, { dictionary: dict }) : zlib.deflateRawSync(data);
}

export function decompressBlock(data: Buffer, dict: Buffer | null): Buffer {
  if (!isZstd(data)) return dict ? zlib.inflateRawSync(data, { dictionary: dict }) : zlib.inflateRawSync(data);
  if (WRITE_CODEC !== 'zstd') {
    throw new Error('原始报文是用 Zstandard 压缩保存的，这个版本的运行环境不能解压；请用新版 OrderHub 打开。 / This raw payload was stored with Zstandard, which this runtime cannot read; open the workspace with a newer OrderHub.');
  }
  return zstd().zstdDecompressSync(data, dict ? { dictionary: dict } : {});
}

export function isZstd(data: Buffer): boolean {
  return data.length >= 4 && data.subarray(0, 4).equals(ZSTD_MAGIC);
}

type ZstdApi = {
  zstdCompressSync(b: Buffer, o: { params: Record<number, number>; dictionary?: Buffer }): Buffer;
  zstdDecompressSync(b: Buffer, o: { dictionary?: Buffer }): Buffer;
};

function zstd(): ZstdApi {
  return zlib as unknown as ZstdApi;
}

/**
 * True when this runtime has Zstandard and honours its dictionary option. A runtime that has
 * zstd but not the option ignores it silently; its blocks would then not need the dictionary, and
 * a later runtime would read them with one. Proved by a frame that only decodes with the dictionary.
 */
function zstdWithDictionary(): boolean {
  const z = zlib as Partial<ZstdApi>;
  if (typeof z.zstdCompressSync !== 'function' || typeof z.zstdDecompressSync !== 'function') return false;
  try {
    const dict = Buffer.from('orderhub raw payload dictionary probe: {"tid":"1","status":"WAIT_SELLER_SEND_GOODS"}'.repeat(4));
    const frame = z.zstdCompressSync(dict, { params: {}, dictionary: dict });
    if (!z.zstdDecompressSync(frame, { dictionary: dict }).equals(dict)) return false;
    try {
      z.zstdDecompressSync(frame, {});
      return false; // decodable without it: the dictionary was ignored
    } catch {
      return true;
    }
  } catch {
    return false;
  }
}
