import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { updateBackups } from './update-backups';

/**
 * The copies of the database OrderHub keeps beside it: before an update migrates it (pruned to
 * the last two, update-backups.ts) and before this PC joins a team and takes the team's data
 * (never deleted by OrderHub: the oldest is this PC's own data from before any team). Listed so
 * the owner can see what they take and delete what is no longer wanted.
 */
export interface KeptCopy {
  name: string;
  path: string;
  kind: 'update' | 'join';
  madeAt: number;
  bytes: number;
}

const JOIN_INFIX = '.before-join-';

/** Where the copy made before joining a team goes. */
export function beforeJoinCopyPath(dbFile: string, at = Date.now()): string {
  return `${dbFile}${JOIN_INFIX}${at}`;
}

/** This database's kept copies, newest first. */
export function keptCopies(dbFile: string): KeptCopy[] {
  const dir = dirname(dbFile);
  const joinPrefix = `${basename(dbFile)}${JOIN_INFIX}`;
  const found: Omit<KeptCopy, 'name' | 'bytes'>[] = updateBackups(dbFile).map((b) => ({ path: b.path, kind: 'update', madeAt: b.madeAt }));
  for (const name of readdirSync(dir)) {
    const at = name.startsWith(joinPrefix) ? name.slice(joinPrefix.length) : '';
    if (/^\d{10,}$/.test(at)) found.push({ path: join(dir, name), kind: 'join', madeAt: Number(at) });
  }
  return found.map((c) => ({ ...c, name: basename(c.path), bytes: bytesOf(c.path) })).sort((a, b) => b.madeAt - a.madeAt);
}

function bytesOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // deleted meanwhile
  }
}
