import iconv from 'iconv-lite';
import type { ErpCharset } from '../../src-shared/erp';

/**
 * Whether text fits an ERP `varchar` in a Chinese code page. nvarchar ('unicode') holds anything;
 * GBK (CP936) holds 喆 镕 堃 昇 but not emoji; GB2312 holds neither the GBK-only characters nor
 * emoji (its double-byte characters have both bytes in A1–FE). Returns the first character that
 * does not fit, or null.
 */
export function firstUnencodable(text: string, charset: ErpCharset): string | null {
  if (charset === 'unicode') return null;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) continue;
    const bytes = iconv.encode(ch, 'cp936');
    if (iconv.decode(bytes, 'cp936') !== ch) return ch;
    if (charset === 'gb2312' && (bytes.length !== 2 || bytes[0]! < 0xa1 || bytes[1]! < 0xa1)) return ch;
  }
  return null;
}
