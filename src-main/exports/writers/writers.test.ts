import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { csvRecord } from './csv-writer';
import { exportToFile, neutralise, type TabularColumn, type TabularFormat, type WriterOptions } from './index';

const dir = mkdtempSync(join(tmpdir(), 'orderhub-writers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COLUMNS: TabularColumn[] = [
  { header: '订单号', kind: 'id' },
  { header: '买家留言' },
  { header: '金额(元)', kind: 'money' },
  { header: '数量', kind: 'number' },
  { header: '付款时间', kind: 'datetime' },
];
// 2026-11-23 10:00:00 in Asia/Shanghai
const PAID = Date.UTC(2026, 10, 23, 2, 0, 0);
const ROWS = [
  ['2450123456789012345', '=HYPERLINK("http://x","点我")', 8990, 2, PAID],
  ['240601-123456789012345', '+86 请尽快发货, 谢谢', -350, -1, null],
  ['JD1', '@SUM(A1)\n第二行', 0, 0.5, PAID],
  ['P4', '-2+3', 123456789, 3, PAID],
  ['P5', '\t制表开头', null, null, null],
  ['P6', '普通 "引号" 留言', 1, 1, PAID],
];

let n = 0;
async function write(format: TabularFormat, opts: WriterOptions = {}, sheets = [{ name: '订单', columns: COLUMNS, rows: ROWS }]) {
  const path = join(dir, `t${n++}.${format}`);
  const file = await exportToFile(path, format, async (w) => {
    for (const s of sheets) {
      w.sheet(s.name, s.columns);
      for (const r of s.rows) await w.row(r);
    }
  }, opts);
  return { ...file, buf: readFileSync(path) };
}

describe('neutralise', () => {
  it('prefixes an apostrophe to text a spreadsheet would run as a formula', () => {
    for (const s of ['=1+1', '+1', '-1', '@x', '\tx', '\rx', '＝1']) expect(neutralise(s)).toBe(`'${s}`);
    for (const s of ['张三', '1-1', "'=already", '']) expect(neutralise(s)).toBe(s);
  });
});

describe('CSV writer', () => {
  it('writes UTF-8 with a BOM, CRLF records and RFC 4180 quoting', async () => {
    const { buf, rows } = await write('csv');
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFF订单号,买家留言,金额(元),数量,付款时间');
    expect(text).toContain('"\'=HYPERLINK(""http://x"",""点我"")"');
    expect(rows).toBe(ROWS.length);
  });

  it('neutralises formula-like text but keeps numbers, negative ones too, as numbers', async () => {
    const { buf } = await write('csv');
    const records = parse(buf, { bom: true, relax_column_count: false }) as string[][];
    expect(records).toHaveLength(ROWS.length + 1);
    const [, r1, r2, r3, r4, r5, r6] = records as string[][];
    expect(r1![1]).toBe('\'=HYPERLINK("http://x","点我")');
    expect(r2![1]).toBe("'+86 请尽快发货, 谢谢");
    expect(r3![1]).toBe("'@SUM(A1)\n第二行");
    expect(r4![1]).toBe("'-2+3");
    expect(r5![1]).toBe("'\t制表开头");
    expect(r6![1]).toBe('普通 "引号" 留言');
    // money: fen → yuan with two decimals; negatives unquoted and unprefixed
    expect([r1![2], r2![2], r3![2], r4![2], r5![2]]).toEqual(['89.90', '-3.50', '0.00', '1234567.89', '']);
    expect([r1![3], r2![3], r3![3]]).toEqual(['2', '-1', '0.5']);
    const raw = buf.toString('utf8');
    expect(raw).toContain(',-3.50,-1,'); // not quoted, not apostrophed: Excel reads a number
    expect(r1![4]).toBe('2026-11-23 10:00:00'); // workspace zone, not UTC
  });

  it('keeps 19-digit ids from becoming 2.45E+18 in Excel (trailing tab) without touching short ids', async () => {
    const { buf } = await write('csv');
    const records = parse(buf, { bom: true }) as string[][];
    expect(records[1]![0]).toBe('2450123456789012345\t');
    expect(records[3]![0]).toBe('JD1');
    expect(records[2]![0]).toBe('240601-123456789012345');
  });

  it('round-trips through GB18030 with no BOM', async () => {
    const { buf } = await write('csv', { encoding: 'gb18030' });
    expect(buf[0]).not.toBe(0xef);
    expect(buf.toString('utf8')).not.toContain('订单号'); // really re-encoded
    const records = parse(iconv.decode(buf, 'gb18030')) as string[][];
    expect(records[0]).toEqual(COLUMNS.map((c) => c.header));
    expect(records[1]![1]).toBe('\'=HYPERLINK("http://x","点我")');
    expect(records[6]![1]).toBe('普通 "引号" 留言');
  });

  it('refuses a second sheet and reports the SHA-256 of the bytes written', async () => {
    const f = await write('csv', {}, [{ name: 'a', columns: COLUMNS, rows: [] }]);
    const { createHash } = await import('node:crypto');
    expect(f.sha256).toBe(createHash('sha256').update(f.buf).digest('hex'));
    expect(f.bytes).toBe(f.buf.length);
    await expect(write('csv', {}, [{ name: 'a', columns: COLUMNS, rows: [] }, { name: 'b', columns: COLUMNS, rows: [] }])).rejects.toThrow(/one sheet/);
  });
  it('quotes exactly as csv-stringify does, and keeps a large file whole and in order across its chunks', async () => {
    const field = fc.string({ unit: fc.constantFrom('a', '订', ',', '"', '\r', '\n', ' ', "'", '\t', '=') });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (records) => {
        expect(records.map(csvRecord).join('')).toBe(stringify(records, { record_delimiter: 'windows', quote_record_delimiter: true }));
      }),
      { numRuns: 300, seed: 2026 },
    );
    const many = Array.from({ length: 20_000 }, (_, i) => [`P${i}`, `留言 "${i}", 第${i}行`, i, i % 7, PAID + i * 1000]);
    const { buf, rows } = await write('csv', {}, [{ name: '订单', columns: COLUMNS, rows: many }]);
    expect(rows).toBe(many.length);
    const records = parse(buf, { bom: true }) as string[][];
    expect(records).toHaveLength(many.length + 1);
    expect(records.slice(1).map((r) => r[1])).toEqual(many.map((r) => r[1]));
  });
});

describe('XLSX writer', () => {
  async function read(buf: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    return wb;
  }

  it('writes several sheets with a frozen bold header', async () => {
    const { buf, rows } = await write('xlsx', {}, [
      { name: '订单', columns: COLUMNS, rows: ROWS },
      { name: '汇总: 2026/11', columns: [{ header: '渠道' }, { header: '金额(元)', kind: 'money' }], rows: [['淘宝', 100], ['京东', -5]] },
    ]);
    expect(rows).toBe(ROWS.length + 2);
    const wb = await read(buf);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['订单', '汇总  2026 11']);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, ...COLUMNS.map((c) => c.header)]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.rowCount).toBe(ROWS.length + 1);
    expect(wb.worksheets[1]!.getCell('B3').value).toBe(-0.05);
  });

  it('stores money as numbers with two decimals, times as dates in the zone, formula-like text inert', async () => {
    const ws = (await read((await write('xlsx')).buf)).worksheets[0]!;
    expect(ws.getCell('A2').value).toBe('2450123456789012345'); // text, full precision
    expect(ws.getCell('B2').value).toBe('\'=HYPERLINK("http://x","点我")');
    expect(ws.getCell('B2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('B5').value).toBe("'-2+3");
    expect(ws.getCell('C2').value).toBe(89.9);
    expect(ws.getCell('C2').numFmt).toBe('#,##0.00');
    expect(ws.getCell('C3').value).toBe(-3.5);
    expect(ws.getCell('C3').type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getCell('D3').value).toBe(-1);
    expect((ws.getCell('E2').value as Date).toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(ws.getCell('C6').value).toBeNull();
  });
});

describe('wall-clock times', () => {
  it('match formatInZone for any instant, across DST changes in zones that have them', async () => {
    const { wallClock } = await import('./cells');
    const { formatInZone } = await import('../../../src-shared/time');
    let x = 12345;
    for (let i = 0; i < 2000; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      const ms = Date.UTC(2020, 0, 1) + Math.floor((x / 2 ** 31) * 8 * 365 * 86_400_000);
      for (const zone of ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata']) expect(wallClock(ms, zone)).toBe(formatInZone(ms, zone));
    }
  });
});

describe('an export whose filling fails', () => {
  it('rejects with the fill\'s error and leaves nothing unhandled when its folder is removed at once (a cancelled export)', async () => {
    const { exportToFile } = await import('./to-file');
    const unhandled: unknown[] = [];
    const seen = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', seen);
    try {
      for (let i = 0; i < 20; i++) {
        const dir = mkdtempSync(join(tmpdir(), 'orderhub-export-test-'));
        await expect(
          exportToFile(join(dir, 'export.csv'), 'csv', async (w) => {
            w.sheet('订单', [{ header: '订单号', kind: 'text' }]);
            await w.row(['E1']);
            throw new Error('cancelled by the person');
          }),
        ).rejects.toThrow('cancelled by the person');
        rmSync(dir, { recursive: true, force: true });
      }
      await new Promise((r) => setTimeout(r, 100));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', seen);
    }
  });
});
