import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { FinanceExportInput } from '../../src-shared/contract/finance';
import type { Database, WriteContext } from '../db';
import { createXlsxWriter, loadExcel, type TabularWriter, type WriterOptions } from '../exports/writers';
import type { Locale } from '../kernel/i18n';
import { fileName, writeReconciliation, type ExportCounts } from './layout';
import { monthRange } from './month';
import { Reconciliation } from './reconciliation';
import { createSectionedCsvWriter } from './sectioned-csv';

export interface WrittenExport extends ExportCounts {
  path: string;
  fileName: string;
  bytes: number;
  sha256: string;
  /** Data rows in the file, all parts (headers and titles not counted). */
  rows: number;
}

async function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Monthly reconciliation files: streamed from SQLite into a file, then hashed and audited. */
export class FinanceExporter {
  private readonly rec: Reconciliation;

  constructor(
    private readonly db: Database,
    private readonly zone: string,
  ) {
    this.rec = new Reconciliation(db.sqlite);
  }

  fileName(input: FinanceExportInput, locale: Locale): string {
    return fileName(locale, input.month, input.basis, input.format);
  }

  /**
   * Streams the month's file to `path` (created or replaced). With `onRows`, the rows written so far
   * and the file's total are reported every few hundred rows; `onRows` answering true stops the
   * export (FinanceExportCancelled) and the caller removes the part written.
   */
  async write(path: string, input: FinanceExportInput, locale: Locale, onRows?: RowsHook): Promise<WrittenExport> {
    const period = { ...monthRange(input.month, this.zone), basis: input.basis };
    const total = onRows ? this.rec.rowCount(period) : 0;
    const file = createWriteStream(path);
    const opts: WriterOptions = { zone: this.zone, encoding: input.encoding === 'gb18030' ? 'gb18030' : 'utf8-bom' };
    if (input.format !== 'csv') await loadExcel();
    const written = input.format === 'csv' ? createSectionedCsvWriter(file, opts) : createXlsxWriter(file, opts);
    const out = onRows ? counted(written, total, onRows) : written;
    try {
      const counts = await writeReconciliation(out, this.rec, period, input.month, locale, input.format === 'csv');
      await out.end();
      if (!file.writableFinished) await finished(file);
      const { sha256, bytes } = await sha256File(path);
      return { ...counts, path, fileName: this.fileName(input, locale), bytes, sha256, rows: out.rows };
    } catch (e) {
      file.destroy();
      throw e;
    }
  }

  /** The audit record every export leaves: who (the context), which period, how many rows, the file's hash. */
  audit(ctx: WriteContext, input: FinanceExportInput, w: WrittenExport, destination: string): void {
    this.db.writes.record(ctx, {
      entity: 'finance_export',
      entityId: input.month,
      action: 'export',
      after: {
        month: input.month, basis: input.basis, format: input.format, encoding: input.format === 'csv' ? input.encoding : null,
        zone: this.zone, fileName: w.fileName, destination, shops: w.shops, orders: w.orders, lines: w.lines, rows: w.rows,
        bytes: w.bytes, sha256: w.sha256, paidFen: w.total.paidFen, netFen: w.total.netFen,
      },
    });
  }
}

/** Rows written so far and the file's total; answers true to stop. */
export type RowsHook = (rows: number, total: number) => boolean | Promise<boolean>;

/** Thrown when the person cancelled the export (jobs.cancel): nothing is returned or audited. */
export class FinanceExportCancelled extends Error {
  constructor(readonly rows: number) {
    super(`finance export cancelled after ${rows} rows`);
  }
}

const REPORT_EVERY = 250;

/** The writer, reporting every few hundred rows and stopping between them when asked. */
function counted(out: TabularWriter, total: number, onRows: RowsHook): TabularWriter {
  return {
    sheet: (name, columns) => out.sheet(name, columns),
    async row(cells) {
      await out.row(cells);
      if (out.rows % REPORT_EVERY === 0 && (await onRows(out.rows, total))) throw new FinanceExportCancelled(out.rows);
    },
    async end() {
      await out.end();
      await onRows(out.rows, total);
    },
    get rows() {
      return out.rows;
    },
  };
}
