import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { PRINT_PDF_CHANNEL, type PrintPdfOutcome } from '../../src-shared/client';
import { checkPrintRequest, mayPrint } from './print-request';
import type { CoreLink } from './ipc';
import { isAppUrl } from './security';

/**
 * Printing a PDF the window received (pick list, packing slips): the window cannot open windows
 * (security.ts denies them), so it asks here. Our window only; the request checked
 * (print-request.ts); the session asked of the core (auth.me → fulfillment.ship). The PDF goes to a
 * temp file, a hidden sandboxed window shows it in Chromium's PDF viewer and `webContents.print()`
 * opens the OS print dialog. The window and the file are gone afterwards.
 */
export function bindPrinting(core: Pick<CoreLink, 'call'>, rendererUrl: string, isOurWindow: (e: IpcMainInvokeEvent) => boolean, tempDir: string): void {
  ipcMain.handle(PRINT_PDF_CHANNEL, async (event, request: unknown): Promise<PrintPdfOutcome> => {
    if (!isOurWindow(event) || !isAppUrl(event.senderFrame?.url ?? '', rendererUrl)) return { printed: false, reason: 'forbidden', message: 'not the OrderHub window' };
    const checked = checkPrintRequest(request);
    if (!checked.ok) return checked.outcome;
    if (!mayPrint(await core.call('auth.me', {}, checked.job.token, 'zh-CN'))) return { printed: false, reason: 'forbidden', message: '没有打印拣货单和发货单的权限' };
    const file = join(tempDir, `orderhub-print-${randomUUID()}.pdf`);
    await writeFile(file, checked.job.pdf, { mode: 0o600 });
    const win = new BrowserWindow({
      show: false,
      title: checked.job.fileName,
      // Chromium's PDF viewer is a plugin; nothing else of the app's is reachable from this window.
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true, webSecurity: true },
    });
    try {
      await win.loadURL(pathToFileURL(file).href);
      return await new Promise<PrintPdfOutcome>((resolve) => {
        win.webContents.print({ silent: false, printBackground: true }, (success, failureReason) => {
          if (success) resolve({ printed: true });
          else if (/cancel/i.test(failureReason)) resolve({ printed: false, reason: 'cancelled', message: failureReason });
          else resolve({ printed: false, reason: 'failed', message: failureReason });
        });
      });
    } catch (e) {
      return { printed: false, reason: 'failed', message: e instanceof Error ? e.message : String(e) };
    } finally {
      if (!win.isDestroyed()) win.destroy();
      await rm(file, { force: true });
    }
  });
}
