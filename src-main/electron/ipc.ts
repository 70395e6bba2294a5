import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNEL, PICK_FOLDER_CHANNEL } from '../../src-shared/client';
import type { Api } from '../api';
import { pickLocale } from '../kernel/i18n';
import { isAppUrl } from './security';

/**
 * Binds the one dispatcher to IPC, before the workspace has finished opening. The sender is checked: only our own window's main
 * frame, showing our own renderer, may call.
 */
export function bindIpc(api: Promise<Api>, rendererUrl: string, isOurWindow: (e: IpcMainInvokeEvent) => boolean): void {
  ipcMain.handle(IPC_CHANNEL, async (event, request: unknown) => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isOurWindow(event) || !isAppUrl(frameUrl, rendererUrl)) {
      return { error: { code: 'forbidden', message: 'IPC sender is not the OrderHub window' } };
    }
    const { name, input, token, locale } = (request ?? {}) as { name?: unknown; input?: unknown; token?: unknown; locale?: unknown };
    if (typeof name !== 'string') return { error: { code: 'invalid_input', message: 'call name missing', field: 'name' } };
    // Calls made while the workspace is still opening (migrating, generating the demo) wait for it.
    return (await api).dispatch(name, input, typeof token === 'string' ? token : null, pickLocale(typeof locale === 'string' ? locale : null));
  });
}

/**
 * The system folder picker for a folder source (issue 15, item 10), for our window only. It only
 * hands a path to the renderer; saving it goes through imports.saveSource, which checks the
 * folder and who may choose folders, as for a typed path.
 */
export function bindFolderPicker(rendererUrl: string, isOurWindow: (e: IpcMainInvokeEvent) => boolean): void {
  ipcMain.handle(PICK_FOLDER_CHANNEL, async (event) => {
    if (!isOurWindow(event) || !isAppUrl(event.senderFrame?.url ?? '', rendererUrl)) return null;
    const owner = BrowserWindow.fromWebContents(event.sender);
    const options = { properties: ['openDirectory' as const, 'createDirectory' as const] };
    const r = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return r.canceled ? null : (r.filePaths[0] ?? null);
  });
}
