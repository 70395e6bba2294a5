// A stand-in for the `electron` module: records what the shell asks of Electron so the
// smoke test can check it without the Electron runtime (which cannot be downloaded here).
const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');

const record = (globalThis.__electronRecord = { windows: [], notifications: [], ipc: new Map(), headerHandlers: [], permissionHandlers: [], appHandlers: {}, errors: [], exposed: {} });
const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'orderhub-electron-'));

class WebContents {
  constructor(id) { this.id = id; this.handlers = {}; this.windowOpenHandler = null; }
  on(event, fn) { (this.handlers[event] ??= []).push(fn); return this; }
  setWindowOpenHandler(fn) { this.windowOpenHandler = fn; }
}
let nextId = 1;
class BrowserWindow {
  constructor(options) { this.options = options; this.webContents = new WebContents(nextId++); this.url = null; record.windows.push(this); }
  once() { return this; }
  on() { return this; }
  show() {}
  focus() {}
  async loadURL(url) { this.url = url; }
  static fromWebContents(contents) { return record.windows.find((w) => w.webContents === contents) ?? null; }
}
const app = {
  isPackaged: false,
  getPath: () => userData,
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  on(event, fn) { (record.appHandlers[event] ??= []).push(fn); return app; },
  quit() {},
  exit(code) { record.errors.push(`exit ${code}`); },
  getVersion: () => '0.0.0',
  getName: () => 'OrderHub',
};
exports.app = app;
exports.BrowserWindow = BrowserWindow;
exports.ipcMain = { handle(channel, fn) { record.ipc.set(channel, fn); } };
exports.session = {
  defaultSession: {
    webRequest: { onHeadersReceived(fn) { record.headerHandlers.push(fn); } },
    setPermissionRequestHandler(fn) { record.permissionHandlers.push(fn); },
  },
};
exports.shell = { openExternal: async () => {} };
exports.dialog = {
  showErrorBox(title, body) { record.errors.push(`${title}: ${body}`); },
  // The system folder picker: records who it was shown over and "picks" a folder.
  async showOpenDialog(owner, options) { (record.folderDialogs ??= []).push({ owner: owner?.webContents?.id ?? null, options: options ?? owner }); return { canceled: false, filePaths: ['/srv/shared/orders'] }; },
};
// Reversible stand-in for the OS keychain; the real one is safeStorage.
exports.safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(`sealed:${s}`),
  decryptString: (b) => b.toString().replace(/^sealed:/, ''),
};
exports.contextBridge = { exposeInMainWorld(key, value) { record.exposed[key] = value; } };
exports.ipcRenderer = { invoke: async (...args) => ({ invoked: args }) };
exports.autoUpdater = {};
class Notification {
  constructor(options) { this.options = options; }
  static isSupported() { return true; }
  show() { record.notifications.push(this.options); }
}
exports.Notification = Notification;
