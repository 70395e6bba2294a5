import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../../src-shared/errors';
import type { Database } from '../db';
import { requireUser, type Handlers } from '../kernel/call';
import { canonicalFolder } from '../kernel/folders';
import type { Workspace } from '../kernel/workspace';
import { FinanceExportCancelled } from './exporter';
import type { FinanceService } from './service';

export function financeHandlers({ finance, db, workspace }: { finance: FinanceService; db: Database; workspace: Workspace }): Pick<Handlers, 'exports.finance' | 'exports.financeSchedule' | 'exports.financeScheduleSave'> {
  return {
    'exports.finance': async (input, ctx) => {
      const user = requireUser(ctx);
      const dir = mkdtempSync(join(tmpdir(), 'orderhub-finance-'));
      // Counts for the screen (N / M rows) and a way to stop between batches; a stopped export
      // leaves nothing: the part written is removed with its folder below.
      try {
        return await workspace.progress.track(input.jobId, user.id, 'export', async (onRows) => {
          const written = await finance.exporter.write(join(dir, 'export.part'), input, ctx.locale, onRows).catch((e: unknown) => {
            if (e instanceof FinanceExportCancelled) throw new ApiError('conflict', ctx.say(`导出已取消（已写 ${e.rows.toLocaleString('zh-CN')} 行，未保存）`, `export cancelled after ${e.rows.toLocaleString('en')} rows; nothing was saved`));
            throw e;
          });
          const content = readFileSync(written.path);
          finance.exporter.audit(ctx.write(), input, written, 'download');
          return {
            fileName: written.fileName,
            contentBase64: content.toString('base64'),
            orderCount: written.orders,
            lineCount: written.lines,
            sha256: written.sha256,
          };
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    'exports.financeSchedule': () => finance.scheduler.view(),
    'exports.financeScheduleSave': (input, ctx) => {
      const user = requireUser(ctx);
      // The folder is stored as the real folder it names (absolute, links resolved), writable.
      const folder = input.folder.trim() ? canonicalFolder(input.folder, ctx.say, { writable: true }) : '';
      if (input.enabled && !folder) {
        throw new ApiError('invalid_input', ctx.say('请填写完整的文件夹路径（如 D:\\财务\\对账）', 'enter a full folder path (e.g. /srv/finance)'), 'folder');
      }
      // Finance sets the day, the basis and the format; WHERE on this PC or its shares the app
      // writes is chosen by a role with settings.folders (the owner), not by finance.
      if (folder !== (finance.scheduler.get()?.folder ?? '') && !user.permissions.includes('settings.folders')) {
        db.writes.record(ctx.write(), { entity: 'finance_schedule', action: 'forbidden', after: { permission: 'settings.folders', field: 'folder', role: user.role } });
        throw new ApiError('forbidden', ctx.say('只有老板可以指定导出文件夹（需要“指定导出和导入用的文件夹”权限）', 'only the owner chooses the export folder (needs settings.folders)'), 'folder');
      }
      return finance.scheduler.save(ctx.write(), { ...input, folder });
    },
  };
}
