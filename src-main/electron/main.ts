import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import { CONNECTION_EVENT, IPC_EVENT } from '../../src-shared/client';
import { createLogger } from '../log';
import { CoreProcess } from './core-process';
import { bindFolderPicker, bindIpc } from './ipc';
import { bindNotifications } from './notifications';
import { bindPrinting } from './print';
import { hardenSession, windowOptions } from './security';
import { checkForUpdates } from './updater';

/**
 * The thin Electron shell: one window, the IPC relay, the OS keychain, the updater. All data work
 * happens in the core (a utilityProcess, restarted if it dies); nothing here runs SQL.
 */
const rendererFile = join(import.meta.dirname, '../renderer/index.html');
const rendererUrl = pathToFileURL(rendererFile).href;
let mainWindow: BrowserWindow | null = null;
let core: CoreProcess | null = null;

function start() {
  const dataDir = join(app.getPath('userData'), 'workspace');
  const log = createLogger(dataDir);
  const demo = process.argv.includes('--demo') || process.env.ORDERHUB_DEMO === '1';
  const demoOrders = process.env.ORDERHUB_DEMO_ORDERS ? Number(process.env.ORDERHUB_DEMO_ORDERS) : undefined;
  hardenSession(rendererUrl);

  // The core starts at once; the window opens beside it. Calls wait while it opens (migrations);
  // a first demo run fills its orders in behind, with progress.
  const send = (streamId: number | null, name: string, payload: unknown) => {
    const wc = mainWindow?.webContents;
    if (wc && !wc.isDestroyed() && (streamId === null || wc.id === streamId)) wc.send(IPC_EVENT, { name, payload });
  };
  core = new CoreProcess({
    entry: join(import.meta.dirname, 'core.js'),
    init: { dataDir, demo, demoOrders, ownerPassword: process.env.ORDERHUB_OWNER_PASSWORD },
    log,
    onState: (state) => send(null, CONNECTION_EVENT, state),
    onEvent: (streamId, name, payload) => send(streamId, name, payload),
    onFatal: (message) => {
      dialog.showErrorBox('OrderHub 无法启动', message);
      app.exit(1);
    },
  });
  core.start();
  const ours = (event: { sender: { id: number } }) => mainWindow !== null && event.sender.id === mainWindow.webContents.id;
  bindIpc(core, rendererUrl, ours);
  bindFolderPicker(rendererUrl, ours);
  // Desktop notifications stay in the main process (the OS notification centre); the window asks.
  bindNotifications(rendererUrl, ours);
  // Printing a pick list or packing slips: a hidden window and the OS print dialog (the window itself may not open windows).
  bindPrinting(core, rendererUrl, ours, app.getPath('temp'));

  mainWindow = new BrowserWindow(windowOptions(join(import.meta.dirname, '../preload/index.cjs')));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  const streamId = mainWindow.webContents.id;
  mainWindow.on('closed', () => {
    core?.forget(streamId);
    mainWindow = null;
  });
  void mainWindow.loadURL(rendererUrl);
  if (app.isPackaged) checkForUpdates(log);
}

if (!app.requestSingleInstanceLock()) app.quit();
else {
  app.on('second-instance', () => mainWindow?.focus());
  app.whenReady().then(start, (e: unknown) => dialog.showErrorBox('OrderHub', String(e)));
  app.on('window-all-closed', () => {
    void (core?.stop() ?? Promise.resolve()).finally(() => app.quit());
  });
}
