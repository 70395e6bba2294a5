import { ipcMain, Notification, type IpcMainInvokeEvent } from 'electron';
import { NOTIFY_CHANNEL } from '../../src-shared/client';
import { isAppUrl } from './security';

/**
 * Desktop notifications from the main process (#12 §4): the window asks, with text only (title and
 * body, capped); the sender is checked like every IPC call. Returns whether one was shown.
 */
export function bindNotifications(rendererUrl: string, isOurWindow: (e: IpcMainInvokeEvent) => boolean): void {
  ipcMain.handle(NOTIFY_CHANNEL, (event, request: unknown) => {
    if (!isOurWindow(event) || !isAppUrl(event.senderFrame?.url ?? '', rendererUrl)) return false;
    const { title, body } = (request ?? {}) as { title?: unknown; body?: unknown };
    if (typeof title !== 'string' || typeof body !== 'string' || !Notification.isSupported()) return false;
    new Notification({ title: title.slice(0, 120), body: body.slice(0, 400), silent: false }).show();
    return true;
  });
}
