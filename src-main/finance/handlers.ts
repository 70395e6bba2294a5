import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { ApiError } from '../../src-shared/errors';
import type { Handlers } from '../kernel/call';
import type { FinanceService } from './service';

export function financeHandlers({ finance }: { finance: FinanceService }): Pick<Handlers, 'exports.finance' | 'exports.financeSchedule' | 'exports.financeScheduleSave'> {
  return {
    'exports.finance': async (input, ctx) => {
      const dir = mkdtempSync(join(tmpdir(), 'orderhub-finance-'));
      try {
        const written = await finance.exporter.write(join(dir, 'export.part'), input, ctx.locale);
        const content = readFileSync(written.path);
        finance.exporter.audit(ctx.write(), input, written, 'download');
        return {
          fileName: written.fileName,
          contentBase64: content.toString('base64'),
          orderCount: written.orders,
          lineCount: written.lines,
          sha256: written.sha256,
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    'exports.financeSchedule': () => finance.scheduler.view(),
    'exports.financeScheduleSave': (input, ctx) => {
      if (input.enabled) {
        if (!input.folder || !isAbsolute(input.folder)) {
          throw new ApiError('invalid_input', ctx.say(`请填写完整的文件夹路径（如 D:\\财务\\对账），而不是 "${input.folder}"`, `enter a full folder path (e.g. /srv/finance), not "${input.folder}"`), 'folder');
        }
        if (!statSync(input.folder, { throwIfNoEntry: false })?.isDirectory()) {
          throw new ApiError('invalid_input', ctx.say(`文件夹不存在：${input.folder}`, `folder does not exist: ${input.folder}`), 'folder');
        }
      }
      return finance.scheduler.save(ctx.write(), input);
    },
  };
}
