// A stand-in for the `electron` module: records what the shell asks of Electron so the
// smoke test can check it without the Electron runtime (which cannot be downloaded here).
const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');

const { fork } = require('node:child_process');
const { EventEmitter } = require('node:events');

const record = (globalThis.__electronRecord = {
  windows: [], notifications: [], ipc: new Map(), ipcOn: new Map(), headerHandlers: [], permissionHandlers: [], appHandlers: {}, errors: [], exposed: {},
  sent: [], utility: [], rendererListeners: new Map(),
});
// A test may hand in the profile folder (a workspace an earlier run left, to open again).
const userData = process.env.ORDERHUB_TEST_USER_DATA ?? fs.mkdtempSync(path.join(os.tmpdir(), 'orderhub-electron-'));

class WebContents {
  constructor(id) { this.id = id; this.handlers = {}; this.windowOpenHandler = null; }
  on(event, fn) { (this.handlers[event] ??= []).push(fn); return this; }
  setWindowOpenHandler(fn) { this.windowOpenHandler = fn; }
  isDestroyed() { return false; }
  // The OS print dialog: records what was asked, with the page the window shows, and "prints".
  print(options, callback) {
    const win = record.windows.find((w) => w.webContents === this);
    const file = win?.url?.startsWith('file:') ? require('node:url').fileURLToPath(win.url) : null;
    (record.prints ??= []).push({ options, url: win?.url ?? null, windowOptions: win?.options ?? null, head: file && fs.existsSync(file) ? fs.readFileSync(file).subarray(0, 5).toString('latin1') : null, file });
    setImmediate(() => callback(true, ''));
  }
  // What main pushes to the window; also handed to the preload's ipcRenderer listeners, as Electron would.
  send(channel, payload) {
    record.sent.push({ channel, payload, at: performance.now() });
    for (const fn of record.rendererListeners.get(channel) ?? []) fn({}, payload);
  }
}

/**
 * utilityProcess.fork as a real Node child process: `process.parentPort` is provided by a small
 * --import shim over Node's IPC channel, so the built core entry runs unchanged.
 */
const parentPortShim = `data:text/javascript,${encodeURIComponent(`
  const listeners = [];
  process.parentPort = {
    on(event, fn) { if (event === 'message') listeners.push(fn); return this; },
    once(event, fn) { const w = (e) => { listeners.splice(listeners.indexOf(w), 1); fn(e); }; listeners.push(w); return this; },
    postMessage(m) { process.send(m); },
  };
  process.on('message', (m) => { for (const fn of [...listeners]) fn({ data: m, ports: [] }); });
`)}`;
class UtilityProcess extends EventEmitter {
  constructor(modulePath, args, options) {
    super();
    this.child = fork(modulePath, args ?? [], { execArgv: ['--import', parentPortShim], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, ...(options?.env ?? {}) } });
    this.pid = this.child.pid;
    this.child.on('message', (m) => this.emit('message', m));
    this.child.on('exit', (code, signal) => {
      this.pid = undefined;
      this.emit('exit', code ?? (signal ? 1 : 0));
    });
    record.utility.push({ modulePath, options, pid: this.child.pid });
  }
  postMessage(m) { if (this.child.connected) this.child.send(m); }
  kill() { return this.child.kill('SIGTERM'); }
}
let nextId = 1;
class BrowserWindow {
  constructor(options) { this.options = options; this.webContents = new WebContents(nextId++); this.url = null; record.windows.push(this); }
  once() { return this; }
  on() { return this; }
  show() {}
  focus() {}
  async loadURL(url) { this.url = url; }
  destroy() { this.destroyed = true; }
  isDestroyed() { return !!this.destroyed; }
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
exports.ipcMain = {
  handle(channel, fn) { record.ipc.set(channel, fn); },
  on(channel, fn) { record.ipcOn.set(channel, fn); },
};
exports.utilityProcess = { fork: (modulePath, args, options) => new UtilityProcess(modulePath, args, options) };
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
// The preload's side: invoke goes to main's handler as our own window; send goes to main's listeners.
exports.ipcRenderer = {
  invoke: async (channel, payload) => {
    const handler = record.ipc.get(channel);
    const win = record.windows[0];
    return handler ? handler({ sender: win.webContents, senderFrame: { url: win.url } }, payload) : { invoked: [channel, payload] };
  },
  send: (channel, payload) => {
    const win = record.windows[0];
    record.ipcOn.get(channel)?.({ sender: win.webContents, senderFrame: { url: win.url } }, payload);
  },
  on: (channel, fn) => { if (!record.rendererListeners.has(channel)) record.rendererListeners.set(channel, []); record.rendererListeners.get(channel).push(fn); },
};
exports.autoUpdater = {};
class Notification {
  constructor(options) { this.options = options; }
  static isSupported() { return true; }
  show() { record.notifications.push(this.options); }
}
exports.Notification = Notification;
