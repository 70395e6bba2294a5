import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { cellText } from './cell-values';
import { CellError } from './cell-values';
import { detectEncoding, openSheet } from './sheet-reader';

async function all(name: string, buf: Buffer) {
  const sheet = openSheet(name, buf);
  const rows: { rowNo: number; cells: string[] }[] = [];
  for await (const r of sheet.rows()) rows.push({ rowNo: r.rowNo, cells: r.cells.map(cellText) });
  return { sheet, rows };
}

const failure = async (name: string, buf: Buffer) => {
  try {
    await all(name, buf);
  } catch (e) {
    return e instanceof CellError ? e.zh : String(e);
  }
  return 'no error';
};

describe('sheet reader', () => {
  const text = '订单编号,收货地址 ,备注\r\n="2450123456789012345","浙江省 杭州市, 西湖区","第一行\n第二行"\r\n\r\n2,上海,\r\n';

  it('detects GBK, UTF-8 and UTF-8 with BOM and reads the same rows from each', async () => {
    const variants = [
      ['gb18030', iconv.encode(text, 'gbk')],
      ['utf-8', Buffer.from(text, 'utf8')],
      ['utf-8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ] as const;
    for (const [enc, buf] of variants) {
      expect(detectEncoding(buf)).toBe(enc);
      const { rows, sheet } = await all('x.csv', buf);
      expect(sheet.encoding).toBe(enc);
      expect(rows).toEqual([
        { rowNo: 1, cells: ['订单编号', '收货地址 ', '备注'] },
        { rowNo: 2, cells: ['="2450123456789012345"', '浙江省 杭州市, 西湖区', '第一行\n第二行'] },
        // the blank line counts as a row, as Excel numbers it
        { rowNo: 4, cells: ['2', '上海', ''] },
      ]);
      expect(sheet.progress()).toBe(1);
    }
  });

  it('reads a GB18030-only character that GBK lacks', async () => {
    const { rows } = await all('x.csv', iconv.encode('名称\r\n𠀀字\r\n', 'gb18030'));
    expect(rows[1]!.cells).toEqual(['𠀀字']);
  });

  it('reads xlsx rows with their Excel row numbers, skipping blank rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = '订单编号';
    ws.getCell('B1').value = '金额';
    ws.getCell('A3').value = '2450123456789012345';
    ws.getCell('B3').value = { formula: 'B1', result: 12.5 };
    const { rows, sheet } = await all('x.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(sheet.format).toBe('xlsx');
    expect(rows).toEqual([{ rowNo: 1, cells: ['订单编号', '金额'] }, { rowNo: 3, cells: ['2450123456789012345', '12.5'] }]);
  });

  it('fails whole on files that are not spreadsheets or were cut short', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').addRow(['a']);
    const x = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await failure('a.xlsx', x.subarray(0, x.length - 30))).toContain('文件不完整');
    expect(await failure('a.xlsx', Buffer.from('hello'))).toContain('不是表格文件');
    expect(await failure('a.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toContain('.xls');
    expect(await failure('a.csv', Buffer.from('a,b\r\n"1,2\r\n'))).toContain('文件不完整');
    expect(await failure('a.csv', Buffer.from('\ufeff  \r\n'))).toContain('文件是空的');
    expect(await failure('orders.xls', Buffer.from('<html><body><table><tr><td>订单号</td></tr></table></body></html>'))).toContain('网页格式');
  });
});
