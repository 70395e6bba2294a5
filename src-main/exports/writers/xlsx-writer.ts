import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { excel } from './excel-module';
import { DEFAULT_ZONE } from '../../../src-shared/time';
import { prepare, wallClockDate } from './cells';
import type { Cell, ColumnKind, TabularColumn, TabularWriter, WriterOptions } from './types';

const FORMATS: Partial<Record<ColumnKind, string>> = {
  money: '#,##0.00',
  datetime: 'yyyy-mm-dd hh:mm:ss',
};
const DEFAULT_WIDTH: Record<ColumnKind, number> = { text: 16, id: 22, number: 10, money: 12, datetime: 20 };

type Sheet = ExcelJS.Worksheet;

/**
 * Streamed XLSX (exceljs WorkbookWriter): rows are committed as they come, so memory stays flat.
 * Several sheets, each with a bold frozen header; money as numbers with two decimals, times as
 * spreadsheet dates in the workspace zone, strings neutralised like the CSV writer's.
 */
/** Needs exceljs loaded (`await loadExcel()`): exportToFile does that. */
export function createXlsxWriter(out: Writable, opts: WriterOptions = {}): TabularWriter {
  const zone = opts.zone ?? DEFAULT_ZONE;
  // Shared strings would be held in memory until the end; inline strings stream.
  const wb = new (excel().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
  let sheet: Sheet | null = null;
  let columns: readonly TabularColumn[] = [];
  let rows = 0;
  let sheetRows = 0;

  const commitSheet = () => {
    sheet?.commit();
    sheet = null;
  };

  return {
    get rows() {
      return rows;
    },
    sheet(name, cols) {
      commitSheet();
      columns = cols;
      sheetRows = 0;
      sheet = wb.addWorksheet(safeSheetName(name), { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = cols.map((c, i) => ({
        key: String(i),
        header: c.header,
        width: c.width ?? DEFAULT_WIDTH[c.kind ?? 'text'],
        ...(FORMATS[c.kind ?? 'text'] ? { style: { numFmt: FORMATS[c.kind ?? 'text'] } } : {}),
      }));
      const header = sheet.getRow(1);
      header.font = { bold: true };
      header.commit();
    },
    async row(cells: readonly Cell[]) {
      if (!sheet) throw new Error('call sheet() before row()');
      const values = columns.map((c, i) => {
        const p = prepare(cells[i], c.kind);
        switch (p.t) {
          case 'empty':
            return null;
          case 'number':
            return p.v;
          case 'money':
            return p.fen / 100;
          case 'datetime':
            return wallClockDate(p.ms, zone);
          case 'text':
            return p.v;
        }
      });
      const r = sheet.addRow(values);
      r.commit();
      rows++;
      sheetRows++;
      // exceljs writes committed rows into its zip stream; yield now and then so it can flush.
      if (sheetRows % 1000 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    },
    async end() {
      if (!sheet && !rows && !columns.length) throw new Error('an XLSX file needs at least one sheet');
      commitSheet();
      await wb.commit();
    },
  };
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
function safeSheetName(name: string): string {
  return (name.replace(/[[\]:*?/\\]/g, ' ').trim() || 'Sheet').slice(0, 31);
}
