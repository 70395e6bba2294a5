import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { byteSize } from '../../src-shared/bytes';
import { BilingualError } from '../../src-shared/errors';

/**
 * The copies an update keeps before it migrates the database (`<file>.backup-<last tag>-<ms>`):
 * the last two, so the last two updates can be undone. Every update used to add one for good;
 * at 1 M orders each is ~5 GB, and a disk that fills up leaves the next update unable to start.
 */
export const KEEP_UPDATE_BACKUPS = 2;

/**
 * Room the migrations need beside the backup, as a share of the database: a migration that
 * rebuilds a table writes a new copy of it before dropping the old one (0026 rebuilt the
 * timeline, a third of the file), and the WAL holds those pages until they are copied back.
 */
const MIGRATION_ROOM_SHARE = 0.5;
const MIN_SPARE_BYTES = 64 * 1024 * 1024;

export interface UpdateBackup {
  path: string;
  madeAt: number;
}

/** This database's update backups, oldest first. */
export function updateBackups(dbFile: string): UpdateBackup[] {
  const prefix = `${basename(dbFile)}.backup-`;
  const out: UpdateBackup[] = [];
  for (const name of readdirSync(dirname(dbFile))) {
    const madeAt = name.startsWith(prefix) ? /-(\d{10,})$/.exec(name)?.[1] : undefined;
    if (madeAt) out.push({ path: join(dirname(dbFile), name), madeAt: Number(madeAt) });
  }
  return out.sort((a, b) => a.madeAt - b.madeAt);
}

/** Deletes all but the newest `keep` update backups; returns what it deleted. */
export function pruneUpdateBackups(dbFile: string, keep: number): string[] {
  const all = updateBackups(dbFile);
  const gone = all.slice(0, Math.max(0, all.length - keep)).map((b) => b.path);
  for (const path of gone) rmSync(path, { force: true });
  return gone;
}

export class NotEnoughDiskError extends BilingualError {
  constructor(readonly neededBytes: number, readonly freeBytes: number, readonly folder: string) {
    super(
      `磁盘空间不足，无法升级本地数据：升级前要先备份数据库，共需约 ${byteSize(neededBytes)} 可用空间，${left(folder, freeBytes, '。')}` +
        `请清理磁盘后重新打开 OrderHub；数据没有任何改动。`,
      `Not enough disk space to update the local data: the database is backed up first, which needs about ${byteSize(neededBytes)} free.` +
        `${leftEn(folder, freeBytes)} Free some space and open OrderHub again; nothing was changed.`,
    );
    this.name = 'NotEnoughDiskError';
  }
}

/**
 * A migration step ran out of disk after all (it grew more than the room checked for). The step
 * rolled back; the steps before it stay, and the next start goes on from this one.
 */
export class DiskFullDuringUpdateError extends BilingualError {
  constructor(readonly step: number, readonly steps: number, readonly freeBytes: number, readonly folder: string, readonly backupFile: string | null) {
    const kept = backupFile ? `升级前的备份保存在 ${backupFile}。` : '';
    const keptEn = backupFile ? ` The copy made before the update is ${backupFile}.` : '';
    super(
      `磁盘空间不足，升级本地数据停在第 ${step}/${steps} 步（这一步没有留下任何改动）。${left(folder, freeBytes, '；')}` +
        `请清理磁盘后重新打开 OrderHub，升级会从这一步继续。${kept}`,
      `The disk filled up while updating the local data, at step ${step} of ${steps} (that step left nothing behind).` +
        `${leftEn(folder, freeBytes)} Free some space and open OrderHub again to go on from that step.${keptEn}`,
    );
    this.name = 'DiskFullDuringUpdateError';
  }
}

/** Refuses to start an update that the disk cannot hold: the backup (the database's size) and the migrations' room. */
export function ensureRoomForUpdate(dbFile: string, dbBytes: number, free: number): void {
  const needed = dbBytes + Math.max(MIN_SPARE_BYTES, dbBytes * MIGRATION_ROOM_SHARE);
  if (free < needed) throw new NotEnoughDiskError(needed, free, dirname(dbFile));
}

/** "<folder> 所在磁盘只剩 …" when the OS said how much is left (statfs can fail: then nothing). */
function left(folder: string, freeBytes: number, end: string): string {
  return Number.isFinite(freeBytes) ? `${folder} 所在磁盘只剩 ${byteSize(freeBytes)}${end}` : '';
}

function leftEn(folder: string, freeBytes: number): string {
  return Number.isFinite(freeBytes) ? ` The disk holding ${folder} has ${byteSize(freeBytes)} left.` : '';
}

