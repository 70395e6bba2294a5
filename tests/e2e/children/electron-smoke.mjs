// Loads the BUILT main bundle and preload with the stand-in `electron` module (the core runs in a
// real child process standing in for the utilityProcess) and prints what they did, as JSON, for
// tests/e2e/electron-shell.e2e.ts.
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { record } from './load-stand-in.mjs';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const until = async (fn, ms = 60_000) => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) return null;
    await sleep(50);
  }
};
const rssMB = (pid) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
  } catch {
    return null;
  }
};

const started = performance.now();
await import(pathToFileURL(resolve('out/main/index.js')).href);
for (let i = 0; i < 100 && record.windows.length === 0 && record.errors.length === 0; i++) await sleep(50);

const win = record.windows[0];
// Windows the shell opened by itself (a print opens a hidden one of its own later).
const windowCount = record.windows.length;
const handler = record.ipc.get('orderhub:call');
const ourEvent = { sender: win?.webContents, senderFrame: { url: win?.url } };
const strangerEvent = { sender: { id: 999 }, senderFrame: { url: 'https://evil.example/' } };
const windowAt = performance.now() - started;

const names = JSON.parse(process.argv[2] ?? '[]');
const calls = {};
// The first call waits while the core opens the workspace; the window is already there.
const firstCall = performance.now();
calls['setup.status'] = await handler(ourEvent, { name: 'setup.status', input: {}, token: null });
const coreReadyAt = performance.now() - firstCall;
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

// The preload: one small object, carrying only contract calls and events.
await import(pathToFileURL(resolve('out/preload/index.cjs')).href);
const bridge = record.exposed.orderhub;
const bridgeUnknown = bridge ? await bridge.invoke('no.such', {}, null) : null;

// Events through the preload: sign in, wait for the demo orders, add a note, hear orders.changed.
const heard = [];
const connection = [];
bridge.on('orders.changed', (p) => heard.push({ p, at: performance.now() }));
bridge.on('orderhub.connection', (s) => connection.push(s));
const unknownEventOff = bridge.on('no.such.event', () => {});
const login = await bridge.invoke('auth.login', { username: 'owner', password: 'orderhub-demo' }, null);
const token = login.data?.token ?? null;
const demoFilled = await until(async () => {
  const s = await bridge.invoke('setup.status', {}, token);
  return s.data && s.data.seeding === null;
}, 120_000);
const firstOrder = (await bridge.invoke('orders.page', { startRow: 0, endRow: 1 }, token)).data?.rows?.[0] ?? null;
const noteAndHear = async (body) => {
  const before = performance.now();
  const r = await bridge.invoke('orders.addNote', { orderIds: [firstOrder.id], body }, token);
  const got = await until(() => heard.find((h) => h.at >= before && h.p.ids.includes(firstOrder.id)), 10_000);
  return { ok: !!r.data, heard: !!got, ms: got ? Math.round(got.at - before) : null };
};
const eventBefore = firstOrder ? await noteAndHear('推送到窗口') : null;

// Printing a PDF the window received: through the preload (our session), refused to others and for non-PDFs.
const samplePdf = Buffer.from('%PDF-1.7\n%%EOF\n').toString('base64');
const printer = record.ipc.get('orderhub:print-pdf');
const financeToken = (await bridge.invoke('auth.login', { username: 'finance', password: 'orderhub-demo' }, null)).data?.token ?? null;
await bridge.invoke('auth.me', {}, token); // the preload's session is the owner's again
const printing = printer ? {
  viaBridge: await bridge.printPdf('拣货单-测试.pdf', samplePdf),
  stranger: await printer(strangerEvent, { fileName: 'a.pdf', contentBase64: samplePdf, token }),
  notPdf: await printer(ourEvent, { fileName: 'a.pdf', contentBase64: Buffer.from('<html>').toString('base64'), token }),
  finance: await printer(ourEvent, { fileName: 'a.pdf', contentBase64: samplePdf, token: financeToken }),
  windowsLeft: record.windows.filter((w) => w !== win && !w.isDestroyed()).length,
  prints: (record.prints ?? []).map((p) => ({ ...p, fileLeft: p.file ? existsSync(p.file) : null })),
} : null;

// The core crashes: the window is told, the core restarts, calls and events work again.
const corePid = record.utility.at(-1)?.pid;
const coreRssMB = rssMB(corePid);
process.kill(corePid, 'SIGKILL');
const reconnecting = await until(() => connection.includes('reconnecting'), 10_000);
const duringRestart = await handler(ourEvent, { name: 'setup.status', input: {}, token: null });
const reconnected = await until(() => connection.at(-1) === 'connected', 120_000);
const restartedPid = record.utility.at(-1)?.pid;
const restartedIsNew = restartedPid !== corePid && typeof restartedPid === 'number';
const eventAfter = firstOrder ? await noteAndHear('重启后推送') : null;
const meAfter = await bridge.invoke('auth.me', {}, token);

process.stdout.write(JSON.stringify({
  errors: record.errors,
  windowCount,
  webPreferences: win?.options.webPreferences ?? null,
  url: win?.url ?? null,
  ipcChannels: [...record.ipc.keys()],
  ipcListeners: [...record.ipcOn.keys()],
  utility: record.utility.map((u) => ({ modulePath: u.modulePath, serviceName: u.options?.serviceName })),
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
  printing,
  notifications: record.notifications,
  bridgeKeys: bridge ? Object.keys(bridge) : null,
  bridgeUnknown,
  unknownEventIgnored: typeof unknownEventOff === 'function',
  demoFilled: !!demoFilled,
  eventBefore,
  reconnecting: !!reconnecting,
  duringRestart,
  reconnected: !!reconnected,
  restartedPid: restartedIsNew,
  eventAfter,
  meAfter: meAfter.data?.user?.username ?? meAfter.error?.code,
  timings: { windowMs: Math.round(windowAt), coreReadyMs: Math.round(coreReadyAt) },
  memory: { mainRssMB: process.memoryUsage().rss / 1024 / 1024, mainHeapMB: process.memoryUsage().heapUsed / 1024 / 1024, coreRssMB },
}) + '\n');
// Closing the window stops the core (its workers close their connections) before the app quits.
record.appHandlers['window-all-closed']?.[0]?.();
await until(() => {
  try {
    process.kill(restartedPid ?? corePid, 0);
    return false;
  } catch {
    return true;
  }
}, 20_000);
process.exit(0);
