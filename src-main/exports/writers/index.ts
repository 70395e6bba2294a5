/**
 * Formula-safe tabular exports, shared by every export in the app (orders, finance).
 *
 *   const w = createTabularWriter('csv', fileStream, { encoding: 'utf8-bom', zone });
 *   w.sheet('订单', [{ header: '订单号', kind: 'id' }, { header: '金额(元)', kind: 'money' }]);
 *   for (const r of rows) await w.row([r.platformOrderId, r.paidFen]);
 *   await w.end();
 *
 * Money cells take integer fen; datetime cells take UTC ms; strings starting with = + - @ tab
 * or CR are prefixed with an apostrophe; numbers stay numbers. `exportToFile` writes to a
 * file and returns its size and SHA-256 (for the audit record).
 */
import type { TabularFormat } from './types';

export { createTabularWriter } from './create';
export { createCsvWriter } from './csv-writer';
export { createXlsxWriter } from './xlsx-writer';
export { loadExcel } from './excel-module';
export { neutralise } from './neutralise';
export { exportToFile, type ExportedFile } from './to-file';
export const MIME_TYPES: Record<TabularFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
export type { Cell, ColumnKind, CsvEncoding, TabularColumn, TabularFormat, TabularWriter, WriterOptions } from './types';
