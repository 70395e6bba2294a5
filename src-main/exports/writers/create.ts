import type { Writable } from 'node:stream';
import { createCsvWriter } from './csv-writer';
import { createXlsxWriter } from './xlsx-writer';
import type { TabularFormat, TabularWriter, WriterOptions } from './types';

export function createTabularWriter(format: TabularFormat, out: Writable, opts: WriterOptions = {}): TabularWriter {
  return format === 'csv' ? createCsvWriter(out, opts) : createXlsxWriter(out, opts);
}
