import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, type IpcMainInvokeEvent } from 'electron';
import { openApp, type App } from '../app';
import { noteRealWorkspace, realWorkspaceDir, workspaceToOpen } from '../kernel/workspace-dirs';
import { CALL_NAMES } from '../../src-shared/contract';
import { createLogger } from '../log';
import { bindFolderPicker, bindIpc } from './ipc';
import { bindNotifications } from './notifications';
import { safeStorageBox } from './safe-storage-box';
import { hardenSession, windowOptions } from './security';
import { checkForUpdates } from './updater';

/** The thin Electron shell: one window, the IPC binding, nothing with data. */
const rendererFile = join(import.meta.dirname, '../renderer/index.html');
const rendererUrl = pathToFileURL(rendererFile).href;
let mainWindow: BrowserWindow | null = null;
let core: App | null = null;

async function start() {
  const defaultDir = join(app.getPath('userData'), 'workspace');
  // A demo that was left for a real workspace (新建真实工作区) opens the real one from then on.
  const dataDir = workspaceToOpen(defaultDir);
  const log = createLogger(dataDir);
  const demo = dataDir === defaultDir && (process.argv.includes('--demo') || process.env.ORDERHUB_DEMO === '1');
  // Leaving the demo: note the new folder beside it and start again there (the setup screen asks for the owner).
  const onStartReal = () => {
    noteRealWorkspace(dataDir, realWorkspaceDir(dataDir));
    core?.close();
    app.relaunch();
    app.exit(0);
  };
  const demoOrders = process.env.ORDERHUB_DEMO_ORDERS ? Number(process.env.ORDERHUB_DEMO_ORDERS) : undefined;
  hardenSession(rendererUrl);

  // The window opens at once; the renderer shows its spinner while the workspace opens
  // (a first --demo run generates its orders for half a minute) and IPC calls wait for it.
  const opening = openApp({ dataDir, demo, demoOrders, secrets: safeStorageBox(), log, ownerPassword: process.env.ORDERHUB_OWNER_PASSWORD, onProgress: (m) => log.info(m), onStartReal });
  const api = opening.then((c) => c.api);
  api.catch(() => undefined); // reported below, once
  const ours = (event: IpcMainInvokeEvent) => mainWindow !== null && event.sender.id === mainWindow.webContents.id;
  bindIpc(api, rendererUrl, ours);
  bindFolderPicker(rendererUrl, ours);
  bindNotifications(rendererUrl, ours);
  log.info(`bound ${CALL_NAMES.length} calls to IPC`);

  mainWindow = new BrowserWindow(windowOptions(join(import.meta.dirname, '../preload/index.cjs')));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  await mainWindow.loadURL(rendererUrl);

  try {
    core = await opening;
  } catch (e) {
    dialog.showErrorBox('OrderHub 无法启动', e instanceof Error ? e.message : String(e));
    app.exit(1);
    return;
  }
  if (app.isPackaged) checkForUpdates(log);
}

if (!app.requestSingleInstanceLock()) app.quit();
else {
  app.on('second-instance', () => mainWindow?.focus());
  app.whenReady().then(start, (e: unknown) => dialog.showErrorBox('OrderHub', String(e)));
  app.on('window-all-closed', () => {
    core?.close();
    app.quit();
  });
}
