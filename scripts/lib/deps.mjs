// Installs node_modules when it is missing or no longer matches package-lock.json.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { npmCommand } from './node22.mjs';

/**
 * 'missing' | 'stale' | 'ok'. Stale: a package the lock wants (besides optional ones for other
 * platforms) is absent from npm's record of what it installed (node_modules/.package-lock.json),
 * or installed at another version — e.g. after a `git pull` that changed the lock.
 */
export function dependenciesState(root) {
  if (!existsSync(join(root, 'node_modules'))) return 'missing';
  const hiddenPath = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(hiddenPath)) return 'stale';
  try {
    const want = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages ?? {};
    const have = JSON.parse(readFileSync(hiddenPath, 'utf8')).packages ?? {};
    for (const [path, p] of Object.entries(want)) {
      if (path === '' || p.optional || p.devOptional) continue;
      if (!have[path] || (p.version && have[path].version !== p.version)) return 'stale';
    }
    return 'ok';
  } catch {
    return 'stale';
  }
}

/** `npm ci` when needed; exits the process with a clear line when it fails. */
export function ensureDependencies(root, say = (line) => console.log(line)) {
  const state = dependenciesState(root);
  if (state === 'ok') return false;
  say(state === 'missing'
    ? 'Installing dependencies (npm ci, about a minute the first time) …'
    : 'package-lock.json changed since the last install: reinstalling dependencies (npm ci) …');
  const [cmd, args] = npmCommand(['ci', '--no-audit', '--no-fund']);
  const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ?? '1' };
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) {
    say(`npm ci failed (exit ${r.status ?? r.signal}): see the npm output above.`);
    process.exit(1);
  }
  return true;
}
