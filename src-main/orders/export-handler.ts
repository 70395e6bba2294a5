import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../../src-shared/errors';
import { formatInZone } from '../../src-shared/time';
import { requireUser, type Handlers } from '../kernel/call';
import type { Database } from '../db';
import type { Workspace } from '../kernel/workspace';
import { isExportColumn } from './export-columns';
import { ExportCancelled, exportOrdersToFile } from './export-file';

/**
 * Export the current view: every matching order (not just the grid's loaded blocks), streamed
 * from SQLite into a formula-safe CSV or XLSX file, audited with its hash, returned as base64
 * (the contract's shape: the renderer saves it where the user chooses).
 */
export function orderExportHandlers({ db, workspace }: { db: Database; workspace: Workspace }): Pick<Handlers, 'orders.export'> {
  return {
    'orders.export': async (input, ctx) => {
      const user = requireUser(ctx);
      const { format, columns: requested, jobId, ...query } = input;
      const unknown = requested?.find((c) => !isExportColumn(c));
      if (unknown !== undefined) {
        throw new ApiError('invalid_input', ctx.say(`不能导出列“${unknown}”`, `column "${unknown}" cannot be exported`), 'columns');
      }
      const stamp = formatInZone(Date.now(), workspace.zone).replace(/[-:]/g, '').replace(' ', '-').slice(0, 13);
      const fileName = `${ctx.say('订单导出', 'orders')}-${stamp}.${format}`;
      const dir = mkdtempSync(join(tmpdir(), 'orderhub-export-'));
      try {
        // Counts for the screen (N rows so far) and a way to stop: between chunks the loop is let go.
        return await workspace.progress.track(jobId, user.id, 'export', async (onRows) => {
          const file = await exportOrdersToFile(db.sqlite, query, join(dir, `export.${format}`), {
            format, columns: requested?.filter(isExportColumn), viewAmounts: user.permissions.includes('orders.viewAmounts'),
            lang: ctx.say('zh', 'en') as 'zh' | 'en', zone: workspace.zone, say: ctx.say, ...(onRows ? { onRows } : {}),
          }).catch((e: unknown) => {
            if (e instanceof ExportCancelled) throw new ApiError('conflict', ctx.say(`导出已取消（已写 ${e.rows} 行，未保存）`, `export cancelled after ${e.rows} rows; nothing was saved`));
            throw e;
          });
          db.writes.record(ctx.write(), {
            entity: 'orders', action: 'export',
            after: { format, fileName, query, columns: file.columns, rows: file.rows, bytes: file.bytes, sha256: file.sha256 },
          });
          return { fileName, contentBase64: readFileSync(file.path).toString('base64'), rows: file.rows };
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
