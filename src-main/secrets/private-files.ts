import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const POSIX = process.platform !== 'win32';

/**
 * Files the app creates are its user's alone (house plan: database, WAL, logs and secrets
 * private): a umask of 077 at start, so every file is born 0600 and every folder 0700, and an
 * explicit chmod on the data folder's files for workspaces created before this rule. Windows
 * keeps its per-user profile ACLs (the data folder lives under %APPDATA%).
 */
let userUmask = 0o022;

export function restrictUmask(): void {
  if (!POSIX) return;
  try {
    const before = process.umask(0o077);
    if (before !== 0o077) userUmask = before;
  } catch {
    // Worker threads may not change the umask; the explicit chmods below still apply.
  }
}

/**
 * A file the app writes FOR people (a finance export in a shared folder) gets the permissions
 * the user's own umask would give it, not the app's private 0600.
 */
export function shareLikeUserFiles(path: string): void {
  if (POSIX) chmodSync(path, 0o666 & ~userUmask);
}

export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (POSIX) chmodSync(dir, 0o700);
}

/**
 * The data folder and what the app keeps in it: the database with its -wal and -shm files and
 * backups, the key files, the audit checkpoint, and the logs folder. Anything else there
 * (a user's own file) is left alone.
 */
export function privateDataFolder(dataDir: string): void {
  privateDir(dataDir);
  privateDir(join(dataDir, 'logs'));
  if (!POSIX) return;
  const ours = /^(orderhub\.db.*|secret\.key|audit-chain\.key|.*\.audit-head.*)$/;
  for (const name of readdirSync(dataDir)) {
    if (ours.test(name)) chmodQuiet(join(dataDir, name), 0o600);
  }
  for (const name of readdirSync(join(dataDir, 'logs'))) chmodQuiet(join(dataDir, 'logs', name), 0o600);
}

function chmodQuiet(path: string, mode: number): void {
  try {
    if (existsSync(path) && statSync(path).isFile()) chmodSync(path, mode);
  } catch {
    // vanished between readdir and chmod (SQLite's -shm on close): nothing to protect
  }
}
