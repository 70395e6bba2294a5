// The part of `npm start` that runs on Node 22: dependencies, build, then Electron or the
// headless host on the demo workspace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies } from './deps.mjs';
import { exitCodeOf, forwardSignals, npmCommand } from './node22.mjs';
import { ensureSystemPackages } from './system-packages.mjs';

export function parseStartArgs(args) {
  const o = { web: false, port: null, dataDir: null, demoOrders: process.env.ORDERHUB_DEMO_ORDERS ?? null, unknown: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) o.unknown.push(`${a} needs a value`);
      return v ?? null;
    };
    if (a === '--web') o.web = true;
    else if (a === '--port') o.port = value();
    else if (a === '--data-dir') o.dataDir = value();
    else if (a === '--demo-orders') o.demoOrders = value();
    else o.unknown.push(a);
  }
  if (o.demoOrders !== null && !/^\d+$/.test(String(o.demoOrders))) o.unknown.push(`--demo-orders ${o.demoOrders} (a whole number)`);
  if (o.port !== null && !/^\d+$/.test(String(o.port))) o.unknown.push(`--port ${o.port} (a port number)`);
  return o;
}

/**
 * The Electron executable, downloading the runtime once where that works, or null with the
 * reason in a few words. `require('electron')` would try the download itself and throw a stack.
 */
export function electronRuntime(root, say) {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { path: null, why: 'no display (DISPLAY is not set)' };
  }
  const dir = join(root, 'node_modules', 'electron');
  const installed = () => {
    const pathTxt = join(dir, 'path.txt');
    if (!existsSync(pathTxt)) return null;
    const exe = join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim());
    return existsSync(exe) ? exe : null;
  };
  const have = installed();
  if (have) return { path: have, why: null };
  if (!existsSync(join(dir, 'install.js'))) return { path: null, why: 'the electron package is not installed' };
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '0') {
    return { path: null, why: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set' };
  }
  say('Downloading the Electron runtime (once, about 100 MB) …');
  const r = spawnSync(process.execPath, [join(dir, 'install.js')], { encoding: 'utf8', timeout: 300_000 });
  const got = r.status === 0 ? installed() : null;
  if (got) return { path: got, why: null };
  const reason = `${r.stderr ?? ''}\n${r.stdout ?? ''}`.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('at ')) ?? `exit ${r.status ?? r.signal}`;
  return { path: null, why: `its download failed: ${reason.replace(/^\w*Error:\s*/, '').slice(0, 120)}` };
}

export async function run(root, args, usage) {
  const say = (line) => console.log(line);
  const o = parseStartArgs(args);
  if (o.unknown.length) {
    console.error(`npm start: ${o.unknown.join('; ')}\n\n${usage}`);
    process.exit(2);
  }
  if (!ensureSystemPackages(root, 'install', say)) process.exit(1);
  ensureDependencies(root, say);

  say('Building …');
  const [npm, npmArgs] = npmCommand(['run', 'build', '--silent']);
  const build = spawnSync(npm, npmArgs, { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) {
    process.stdout.write(build.stdout ?? '');
    process.stderr.write(build.stderr ?? '');
    say(`The build failed (exit ${exitCodeOf(build.status, build.signal)}).`);
    process.exit(exitCodeOf(build.status, build.signal) || 1);
  }

  const electron = o.web ? { path: null, why: null } : electronRuntime(root, say);
  let child;
  if (electron.path) {
    const env = { ...process.env, ORDERHUB_DEMO: '1', ...(o.demoOrders !== null ? { ORDERHUB_DEMO_ORDERS: String(o.demoOrders) } : {}) };
    child = spawn(electron.path, ['.', '--demo'], { cwd: root, stdio: 'inherit', env });
  } else {
    if (electron.why) say(`Electron 不可用，改用浏览器版 / Electron unavailable (${electron.why}): starting the headless host instead.`);
    const hostArgs = [join(root, 'out', 'main', 'host.js'), '--demo'];
    if (o.demoOrders !== null) hostArgs.push(String(o.demoOrders));
    if (o.port !== null) hostArgs.push('--port', String(o.port));
    if (o.dataDir !== null) hostArgs.push('--data-dir', o.dataDir);
    child = spawn(process.execPath, hostArgs, { cwd: root, stdio: 'inherit' });
  }
  forwardSignals(child);
  const code = await new Promise((done) => child.on('exit', (c, signal) => {
    if (signal) say(`OrderHub stopped by ${signal}.`);
    done(exitCodeOf(c, signal));
  }));
  process.exit(code);
}
