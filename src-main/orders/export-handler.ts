import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../../src-shared/errors';
import { formatInZone } from '../../src-shared/time';
import { requireUser, type Handlers } from '../api';
import { exportToFile } from '../exports/writers';
import type { AppServices } from '../services';
import { DEFAULT_EXPORT_COLUMNS, exportLayout, isExportColumn } from './export-columns';
import { iterateOrders } from './query/iterate';

/**
 * Export the current view: every matching order (not just the grid's loaded blocks), streamed
 * from SQLite chunk by chunk into a formula-safe CSV or XLSX file, then audited with its hash.
 */
export function orderExportHandlers({ db, workspace }: AppServices): Pick<Handlers, 'orders.export'> {
  return {
    'orders.export': async (input, ctx) => {
      const user = requireUser(ctx);
      const { format, columns: requested, ...query } = input;
      const unknown = requested?.find((c) => !isExportColumn(c));
      if (unknown !== undefined) {
        throw new ApiError('invalid_input', ctx.say(`不能导出列“${unknown}”`, `column "${unknown}" cannot be exported`), 'columns');
      }
      const ids = requested?.filter(isExportColumn);
      const viewAmounts = user.permissions.includes('orders.viewAmounts');
      const lang = ctx.say('zh', 'en') as 'zh' | 'en';
      const layout = exportLayout(ids?.length ? ids : DEFAULT_EXPORT_COLUMNS, lang, viewAmounts);
      const stamp = formatInZone(Date.now(), workspace.zone).replace(/[-:]/g, '').replace(' ', '-').slice(0, 13);
      const fileName = `${ctx.say('订单导出', 'orders')}-${stamp}.${format}`;

      const iteration = iterateOrders(db.sqlite, query, { viewAmounts, say: ctx.say });
      const dir = mkdtempSync(join(tmpdir(), 'orderhub-export-'));
      try {
        const file = await exportToFile(join(dir, `export.${format}`), format, async (w) => {
          w.sheet(ctx.say('订单', 'Orders'), layout.columns);
          for (const chunk of iteration) for (const r of chunk) await w.row(layout.cells(r));
        }, { zone: workspace.zone });
        db.writes.record(ctx.write(), {
          entity: 'orders', action: 'export',
          after: { format, fileName, query, columns: layout.columns.map((c) => c.header), rows: file.rows, bytes: file.bytes, sha256: file.sha256 },
        });
        return { fileName, contentBase64: readFileSync(file.path).toString('base64'), rows: file.rows };
      } finally {
        iteration.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
