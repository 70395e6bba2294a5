// The Debian packages OrderHub's install and tests need, found or installed in one place for
// `npm start`, `npm test` and .ci/run:
//   node scripts/lib/system-packages.mjs [--for install|test] [--install]
// prints what is missing (and the exact apt-get line); with --install, root installs it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where the end-to-end tests find Chromium: CHROMIUM_PATH, Debian's /usr/bin/chromium, or PATH. */
export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir) candidates.push(join(dir, 'chromium'), join(dir, 'chromium-browser'));
  }
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

const dpkgInstalled = (pkg) =>
  spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed') ?? false;

const hasInitdb = () => {
  try {
    return readdirSync('/usr/lib/postgresql').some((v) => existsSync(join('/usr/lib/postgresql', v, 'bin', 'initdb')));
  } catch {
    return false;
  }
};

/** `install`: needed by `npm ci` (native builds); `test`: needed by `npm test`. */
export const SYSTEM_PACKAGES = [
  { name: 'chromium', for: ['test'], why: 'end-to-end tests drive Debian Chromium', present: () => findChromium() !== null },
  { name: 'fonts-wqy-microhei', for: ['test'], why: 'Chinese text in screenshots', present: () => existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc') || dpkgInstalled('fonts-wqy-microhei') },
  { name: 'unixodbc', for: ['test'], why: 'the ODBC driver manager the ERP bridge uses', present: () => dpkgInstalled('unixodbc') },
  { name: 'unixodbc-dev', for: ['install', 'test'], why: 'headers the odbc module builds against', present: () => existsSync('/usr/include/sql.h') },
  { name: 'odbc-postgresql', for: ['test'], why: 'the PostgreSQL ODBC driver', present: () => dpkgInstalled('odbc-postgresql') },
  { name: 'libsqliteodbc', for: ['test'], why: 'the SQLite ODBC driver', present: () => dpkgInstalled('libsqliteodbc') },
  { name: 'postgresql', for: ['test'], why: 'initdb for the throwaway clusters tests start', present: hasInitdb },
];

/** Only what this checkout uses: unixodbc-dev matters to the install only once odbc is a dependency. */
function needed(root, phase) {
  let deps = {};
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    deps = { ...pkg.dependencies, ...pkg.devDependencies };
  } catch {
    /* no package.json: check everything */
  }
  return SYSTEM_PACKAGES.filter((p) => p.for.includes(phase) && (phase !== 'install' || p.name !== 'unixodbc-dev' || 'odbc' in deps));
}

export function missingPackages(root, phase) {
  return needed(root, phase).filter((p) => !p.present());
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = () => existsSync('/usr/bin/apt-get');

/**
 * Installs what is missing when it can (root with apt-get), else says exactly what to run.
 * Returns true when everything is there afterwards.
 */
export function ensureSystemPackages(root, phase, say = (line) => console.log(line), { install = true } = {}) {
  const missing = missingPackages(root, phase);
  if (missing.length === 0) return true;
  const names = missing.map((p) => p.name);
  for (const p of missing) say(`  missing Debian package ${p.name}: ${p.why}`);
  if (install && isRoot() && hasApt()) {
    say(`Installing ${names.join(' ')} (apt-get) …`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    const add = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { stdio: ['ignore', 'ignore', 'inherit'], env });
    const still = missingPackages(root, phase);
    if (add && add.status === 0 && still.length === 0) return true;
    say(`apt-get could not install ${(still.length ? still : missing).map((p) => p.name).join(' ')}.`);
    return false;
  }
  say(hasApt()
    ? `Install them with:  sudo apt-get install -y ${names.join(' ')}`
    : `Install them with your system's package manager (Debian names: ${names.join(' ')}).`);
  return false;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--for');
  const phase = at >= 0 ? args[at + 1] : 'test';
  const ok = ensureSystemPackages(process.cwd(), phase, undefined, { install: args.includes('--install') });
  if (ok) console.log(`Debian packages for ${phase}: all present`);
  process.exit(ok ? 0 : 1);
}
