import type { OrderGridColumn, OrderQuery } from '../../src-shared/contract';
import type { Sqlite } from '../db';
import { exportToFile, type ExportedFile, type TabularFormat } from '../exports/writers';
import { DEFAULT_EXPORT_COLUMNS, exportLayout } from './export-columns';
import { iterateOrders } from './query/iterate';

export interface OrdersExportOptions {
  format: TabularFormat;
  /** Grid column ids in view order; default: the merchant's usual set. */
  columns?: OrderGridColumn[] | undefined;
  viewAmounts: boolean;
  lang: 'zh' | 'en';
  zone: string;
  say?: (zh: string, en: string) => string;
  /** Rows written so far (after every chunk); return true to stop (the export then throws). */
  onRows?: (rows: number, total: number) => boolean | Promise<boolean>;
}

const PROGRESS_CHUNK = 250;

/**
 * Streams every order matching `query` into a file: SQLite chunk by chunk (iterateOrders) into
 * the shared formula-safe writer; memory stays flat however many rows match.
 */
export async function exportOrdersToFile(sqlite: Sqlite, query: OrderQuery, path: string, opts: OrdersExportOptions): Promise<ExportedFile & { columns: string[] }> {
  const layout = exportLayout(opts.columns?.length ? opts.columns : DEFAULT_EXPORT_COLUMNS, opts.lang, opts.viewAmounts);
  // Small chunks when someone watches: counts move and a cancel lands within a fraction of a second.
  const chunkSize = opts.onRows ? PROGRESS_CHUNK : undefined;
  const iteration = iterateOrders(sqlite, query, { viewAmounts: opts.viewAmounts, ...(opts.say ? { say: opts.say } : {}), ...(chunkSize ? { chunkSize } : {}) });
  try {
    const file = await exportToFile(path, opts.format, async (w) => {
      w.sheet(opts.lang === 'zh' ? '订单' : 'Orders', layout.columns);
      let rows = 0;
      for (const chunk of iteration) {
        for (const r of chunk) await w.row(layout.cells(r));
        rows += chunk.length;
        if (opts.onRows && (await opts.onRows(rows, iteration.total))) throw new ExportCancelled(rows);
      }
    }, { zone: opts.zone });
    return { ...file, columns: layout.columns.map((c) => c.header) };
  } finally {
    iteration.close();
  }
}

/** Thrown when the person cancelled the export (jobs.cancel): nothing is returned or audited. */
export class ExportCancelled extends Error {
  constructor(readonly rows: number) {
    super(`export cancelled after ${rows} rows`);
  }
}
