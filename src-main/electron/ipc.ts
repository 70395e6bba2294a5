import { BrowserWindow, dialog, ipcMain, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNEL, IPC_LISTEN, PICK_FOLDER_CHANNEL } from '../../src-shared/client';
import type { ApiResult } from '../../src-shared/errors';
import { pickLocale, type Locale } from '../kernel/i18n';
import { isAppUrl } from './security';

/** What the IPC relay forwards to: the core in its utilityProcess. */
export interface CoreLink {
  call(name: string, input: unknown, token: string | null, locale: Locale): Promise<ApiResult<unknown>>;
  listen(streamId: number, token: string | null): Promise<void>;
}

/**
 * Relays the window's calls and its event subscription to the core. The sender is checked: only
 * our own window's main frame, showing our own renderer, may call or listen.
 */
export function bindIpc(core: CoreLink, rendererUrl: string, isOurWindow: (e: IpcMainInvokeEvent | IpcMainEvent) => boolean): void {
  const trusted = (event: IpcMainInvokeEvent | IpcMainEvent) => isOurWindow(event) && isAppUrl(event.senderFrame?.url ?? '', rendererUrl);
  ipcMain.handle(IPC_CHANNEL, async (event, request: unknown) => {
    if (!trusted(event)) return { error: { code: 'forbidden', message: 'IPC sender is not the OrderHub window' } };
    const { name, input, token, locale } = (request ?? {}) as { name?: unknown; input?: unknown; token?: unknown; locale?: unknown };
    if (typeof name !== 'string') return { error: { code: 'invalid_input', message: 'call name missing', field: 'name' } };
    // Calls made while the core is still opening (migrating) or restarting wait for it.
    return core.call(name, input, typeof token === 'string' ? token : null, pickLocale(typeof locale === 'string' ? locale : null));
  });
  ipcMain.on(IPC_LISTEN, (event, token: unknown) => {
    if (!trusted(event)) return;
    void core.listen(event.sender.id, typeof token === 'string' ? token : null).catch(() => undefined);
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
