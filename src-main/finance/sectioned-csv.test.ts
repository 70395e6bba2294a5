import { PassThrough, Writable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createSectionedCsvWriter } from './sectioned-csv';

async function collect(encoding: 'utf8-bom' | 'gb18030', fill: (w: ReturnType<typeof createSectionedCsvWriter>) => Promise<void>) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const w = createSectionedCsvWriter(out, { encoding });
  await fill(w);
  await w.end();
  return Buffer.concat(chunks);
}

describe('sectioned CSV', () => {
  it('writes each part as title, header, rows, with a blank line between', async () => {
    const buf = await collect('utf8-bom', async (w) => {
      w.sheet('汇总', [{ header: '店铺' }, { header: '金额', kind: 'money' }]);
      await w.row(['淘宝', -123]);
      w.sheet('明细', [{ header: '备注' }]);
      await w.row(['=1+1']);
      await w.row(['a,"b"']);
    });
    expect(buf.toString('utf8')).toBe('\uFEFF汇总\r\n店铺,金额\r\n淘宝,-1.23\r\n\r\n明细\r\n备注\r\n\'=1+1\r\n"a,""b"""\r\n');
  });

  it('keeps a part whose only content is its header', async () => {
    const buf = await collect('utf8-bom', async (w) => {
      w.sheet('空', [{ header: 'x' }]);
    });
    expect(buf.toString('utf8')).toBe('\uFEFF空\r\nx\r\n');
  });

  it('encodes GB18030 without a BOM', async () => {
    const buf = await collect('gb18030', async (w) => {
      w.sheet('汇总', [{ header: '店铺' }]);
      await w.row(['拼多多']);
    });
    expect(buf.equals(iconv.encode('汇总\r\n店铺\r\n拼多多\r\n', 'gb18030'))).toBe(true);
  });

  it('fails instead of hanging when the output breaks', async () => {
    const out = new Writable({ write: (_c, _e, cb) => cb(new Error('disk full')) });
    const w = createSectionedCsvWriter(out);
    w.sheet('x', [{ header: 'a' }]);
    const run = (async () => {
      for (let i = 0; i < 10_000; i++) await w.row(['some text to fill the buffer']);
      await w.end();
    })();
    await expect(run).rejects.toThrow('disk full');
  });
});
