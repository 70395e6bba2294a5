import { rmSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Sqlite } from './connection';

/** Bytes a non-root user may still write on the disk holding `dir` (Infinity where the OS cannot say). */
export function freeDiskBytes(dir: string): number {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return Infinity;
  }
}

/** SQLite's answer when a write found no room (the disk, or the file's page limit). */
export function isDiskFull(e: unknown): boolean {
  return (e as { code?: string } | null)?.code === 'SQLITE_FULL';
}

/** The database's size as a copy of it takes it: its pages (the WAL's are copied into them). */
export function databaseBytes(sqlite: Sqlite): number {
  return (sqlite.pragma('page_count', { simple: true }) as number) * (sqlite.pragma('page_size', { simple: true }) as number);
}

export interface CopyOptions {
  freeBytes: (dir: string) => number;
  /** The error to throw when the disk fills up during the copy; `free` as the OS then says it. */
  refuse: (free: number) => Error;
  /** Pages copied so far, every `stepPages`. */
  progress?: { stepPages: number; report: (copiedPages: number, totalPages: number) => void };
}

/**
 * A copy of the open database at `file` (the online backup: consistent while others write). The
 * caller has checked the room first; a copy cut short by a full disk after all is deleted, not
 * left half-written. The update's backup and the copy kept before joining a team both come here.
 */
export async function copyDatabase(sqlite: Sqlite, file: string, o: CopyOptions): Promise<void> {
  const dir = dirname(file);
  try {
    await sqlite.backup(file, o.progress && {
      progress: ({ totalPages, remainingPages }) => {
        o.progress!.report(totalPages - remainingPages, totalPages);
        return o.progress!.stepPages;
      },
    });
  } catch (e) {
    rmSync(file, { force: true });
    throw isDiskFull(e) ? o.refuse(o.freeBytes(dir)) : e;
  }
}
