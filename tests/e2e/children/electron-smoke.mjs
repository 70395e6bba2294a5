// Loads the BUILT main bundle and preload with the stand-in `electron` module and prints
// what they did, as JSON, for tests/e2e/electron-shell.e2e.ts.
import { registerHooks, createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const standIn = pathToFileURL(resolve('tests/e2e/children/electron-stand-in.cjs')).href;
registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'electron') return { url: standIn, shortCircuit: true, format: 'commonjs' };
    return next(specifier, context);
  },
});
const require = createRequire(import.meta.url);
require(resolve('tests/e2e/children/electron-stand-in.cjs'));
const record = globalThis.__electronRecord;

await import(pathToFileURL(resolve('out/main/index.js')).href);
for (let i = 0; i < 100 && record.windows.length === 0 && record.errors.length === 0; i++) await new Promise((r) => setTimeout(r, 50));

const win = record.windows[0];
const handler = record.ipc.get('orderhub:call');
const ourEvent = { sender: win?.webContents, senderFrame: { url: win?.url } };
const strangerEvent = { sender: { id: 999 }, senderFrame: { url: 'https://evil.example/' } };

const names = JSON.parse(process.argv[2] ?? '[]');
const calls = {};
for (const name of names) calls[name] = await handler(ourEvent, { name, input: {}, token: null });
const unknownCall = await handler(ourEvent, { name: 'no.such', input: {}, token: null });
const stranger = await handler(strangerEvent, { name: 'setup.status', input: {}, token: null });
const picker = record.ipc.get('orderhub:pick-folder');
const picked = picker ? await picker(ourEvent) : 'no handler';
const pickedByStranger = picker ? await picker(strangerEvent) : 'no handler';
const notify = record.ipc.get('orderhub:notify');
const notified = notify ? [await notify(ourEvent, { title: '已付款超时未发货 · 123', body: '超过承诺时效 2 小时' }), await notify(strangerEvent, { title: 'x', body: 'y' })] : null;

let csp = null;
record.headerHandlers[0]?.({ responseHeaders: {} }, (r) => (csp = r.responseHeaders['Content-Security-Policy']?.[0] ?? null));
let permissionGranted = null;
record.permissionHandlers[0]?.(null, 'geolocation', (ok) => (permissionGranted = ok));

// Navigation and window.open as the hardened web contents sees them.
const created = record.appHandlers['web-contents-created']?.[0];
const contents = new (win.webContents.constructor)(77);
created?.({}, contents);
let navPrevented = false;
contents.handlers['will-navigate']?.[0]?.({ preventDefault: () => (navPrevented = true) }, 'https://evil.example/');
let ownNavPrevented = false;
contents.handlers['will-navigate']?.[0]?.({ preventDefault: () => (ownNavPrevented = true) }, win.url);
const openResult = contents.windowOpenHandler?.({ url: 'https://evil.example/' });

// The preload: one small object, carrying only contract calls.
await import(pathToFileURL(resolve('out/preload/index.cjs')).href);
const bridge = record.exposed.orderhub;
const bridgeUnknown = bridge ? await bridge.invoke('no.such', {}, null) : null;

process.stdout.write(JSON.stringify({
  errors: record.errors,
  windowCount: record.windows.length,
  webPreferences: win?.options.webPreferences ?? null,
  url: win?.url ?? null,
  ipcChannels: [...record.ipc.keys()],
  picked,
  pickedByStranger,
  folderDialogs: record.folderDialogs ?? [],
  calls,
  unknownCall,
  stranger,
  csp,
  permissionGranted,
  navPrevented,
  ownNavPrevented,
  openResult,
  exposedKeys: Object.keys(record.exposed),
  notified,
  notifications: record.notifications,
  bridgeKeys: bridge ? Object.keys(bridge) : null,
  bridgeUnknown,
}) + '\n');
process.exit(0);
