import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Sqlite } from './connection';
import { copyDatabase, databaseBytes, freeDiskBytes, isDiskFull } from './database-copy';
import { DiskFullDuringUpdateError, ensureRoomForUpdate, KEEP_UPDATE_BACKUPS, NotEnoughDiskError, pruneUpdateBackups } from './update-backups';

export interface Migration {
  tag: string;
  sql: string;
}

export interface MigrateResult {
  applied: string[];
  backupFile: string | null;
  /** Older update backups deleted to keep the newest KEEP_UPDATE_BACKUPS. */
  removedBackups: string[];
}

/**
 * Where an update's migration stands, for the words on screen while the core waits for it (at
 * 1 M orders the copy kept before migrating and the rebuild of a large table take about a minute).
 * `backup`: pages copied of the database's pages; `migrate`: the `step`th of `steps` migrations runs.
 */
export type MigrationProgress =
  | { phase: 'backup'; copiedPages: number; totalPages: number }
  | { phase: 'migrate'; step: number; steps: number; tag: string };

/** Reads drizzle-kit's journal and SQL files, in journal order. */
export function loadMigrations(dir: string): Migration[] {
  const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  return [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .map((e) => ({ tag: e.tag, sql: readFileSync(join(dir, `${e.tag}.sql`), 'utf8') }));
}

/** Pages the backup copies between progress reports (better-sqlite3's default is 100: 400 KB, thousands of reports per GB). */
const BACKUP_STEP_PAGES = 4096;

export class DatabaseTooNewError extends Error {
  constructor(readonly unknownTags: string[]) {
    super(
      `此数据库由更新版本的 OrderHub 创建（未知迁移：${unknownTags.join(', ')}），请升级软件后再打开。` +
        ` / This database was written by a newer OrderHub (unknown migrations: ${unknownTags.join(', ')}); update the app to open it.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

/**
 * Applies pending migrations in order, each in its own transaction, recording it in
 * `_migrations`. Refuses a database that has migrations this app does not know (newer app),
 * and copies a non-empty database to `<file>.backup-<tag>-<time>` before changing it (keeping
 * the last two such copies; refusing, with nothing changed, when the disk cannot hold one).
 */
export async function migrate(
  sqlite: Sqlite, dbFile: string, migrations: Migration[], onProgress?: (p: MigrationProgress) => void, freeBytes = freeDiskBytes,
): Promise<MigrateResult> {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS _migrations (
    tag TEXT PRIMARY KEY, hash TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = sqlite.prepare('SELECT tag FROM _migrations').pluck().all() as string[];
  const known = new Set(migrations.map((m) => m.tag));
  const unknown = applied.filter((t) => !known.has(t));
  if (unknown.length) throw new DatabaseTooNewError(unknown);

  const done = new Set(applied);
  const pending = migrations.filter((m) => !done.has(m.tag));
  if (!pending.length) return { applied: [], backupFile: null, removedBackups: [] };

  // Only an update says where it stands: a new workspace's tables are made in a moment.
  if (applied.length === 0) onProgress = undefined;
  let backupFile: string | null = null;
  let removedBackups: string[] = [];
  if (applied.length > 0) {
    backupFile = `${dbFile}.backup-${applied[applied.length - 1]}-${Date.now()}`;
    if (!existsSync(backupFile)) {
      // With the copy made now, the newest one already kept makes two: older ones go first, so
      // their space is there for this one.
      removedBackups = pruneUpdateBackups(dbFile, KEEP_UPDATE_BACKUPS - 1);
      const dbBytes = databaseBytes(sqlite);
      ensureRoomForUpdate(dbFile, dbBytes, freeBytes(dirname(dbFile)));
      await copyDatabase(sqlite, backupFile, {
        freeBytes,
        refuse: (free) => new NotEnoughDiskError(dbBytes, free, dirname(dbFile)),
        progress: { stepPages: BACKUP_STEP_PAGES, report: (copiedPages, totalPages) => onProgress?.({ phase: 'backup', copiedPages, totalPages }) },
      });
    }
  }
  const record = sqlite.prepare('INSERT INTO _migrations (tag, hash, applied_at) VALUES (?, ?, ?)');
  for (const [i, m] of pending.entries()) {
    onProgress?.({ phase: 'migrate', step: i + 1, steps: pending.length, tag: m.tag });
    const statements = m.sql.split('--> statement-breakpoint').map((s) => s.trim()).filter(Boolean);
    try {
      sqlite.transaction(() => {
        for (const s of statements) sqlite.exec(s);
        record.run(m.tag, createHash('sha256').update(m.sql).digest('hex'), Date.now());
      }).immediate();
    } catch (e) {
      if (isDiskFull(e)) throw new DiskFullDuringUpdateError(i + 1, pending.length, freeBytes(dirname(dbFile)), dirname(dbFile), backupFile);
      throw e;
    }
  }
  return { applied: pending.map((m) => m.tag), backupFile, removedBackups };
}
