// Opens the BUILT Electron shell (stand-in `electron` module, the core in a real child process) on
// the profile folder ORDERHUB_TEST_USER_DATA, asks for setup.status the way the window does until
// the workspace answers, closes the window (which stops the core) and prints what it saw as JSON,
// for tests/e2e/electron-update.e2e.ts.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { record } from './load-stand-in.mjs';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

await import(pathToFileURL(resolve('out/main/index.js')).href);
for (let i = 0; i < 100 && record.windows.length === 0 && record.errors.length === 0; i++) await sleep(50);
const win = record.windows[0];
const handler = record.ipc.get('orderhub:call');
const ask = () => handler({ sender: win.webContents, senderFrame: { url: win.url } }, { name: 'setup.status', input: {}, token: null });

const answers = [];
const started = performance.now();
for (;;) {
  const t = performance.now();
  const r = await ask();
  answers.push({ atMs: Math.round(t - started), tookMs: Math.round(performance.now() - t), ...r });
  if ('data' in r && r.data.seeding === null) break;
  if (record.errors.length) break; // the shell gave up (an error box): nothing will answer
  if (performance.now() - started > 240_000) break;
  await sleep(500);
}
const corePid = record.utility.at(-1)?.pid;
record.appHandlers['window-all-closed']?.[0]?.();
for (let i = 0; i < 400; i++) {
  try {
    process.kill(corePid, 0);
    await sleep(50);
  } catch {
    break;
  }
}
process.stdout.write(JSON.stringify({ errors: record.errors, answers }) + '\n');
process.exit(0);
