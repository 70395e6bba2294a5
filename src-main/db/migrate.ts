import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sqlite } from './connection';

export interface Migration {
  tag: string;
  sql: string;
}

export interface MigrateResult {
  applied: string[];
  backupFile: string | null;
}

/** Reads drizzle-kit's journal and SQL files, in journal order. */
export function loadMigrations(dir: string): Migration[] {
  const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  return [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .map((e) => ({ tag: e.tag, sql: readFileSync(join(dir, `${e.tag}.sql`), 'utf8') }));
}

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
 * and copies a non-empty database to `<file>.backup-<tag>-<time>` before changing it.
 */
export async function migrate(sqlite: Sqlite, dbFile: string, migrations: Migration[]): Promise<MigrateResult> {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS _migrations (
    tag TEXT PRIMARY KEY, hash TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = sqlite.prepare('SELECT tag FROM _migrations').pluck().all() as string[];
  const known = new Set(migrations.map((m) => m.tag));
  const unknown = applied.filter((t) => !known.has(t));
  if (unknown.length) throw new DatabaseTooNewError(unknown);

  const done = new Set(applied);
  const pending = migrations.filter((m) => !done.has(m.tag));
  if (!pending.length) return { applied: [], backupFile: null };

  let backupFile: string | null = null;
  if (applied.length > 0) {
    backupFile = `${dbFile}.backup-${applied[applied.length - 1]}-${Date.now()}`;
    if (!existsSync(backupFile)) await sqlite.backup(backupFile);
  }
  const record = sqlite.prepare('INSERT INTO _migrations (tag, hash, applied_at) VALUES (?, ?, ?)');
  for (const m of pending) {
    const statements = m.sql.split('--> statement-breakpoint').map((s) => s.trim()).filter(Boolean);
    sqlite.transaction(() => {
      for (const s of statements) sqlite.exec(s);
      record.run(m.tag, createHash('sha256').update(m.sql).digest('hex'), Date.now());
    }).immediate();
  }
  return { applied: pending.map((m) => m.tag), backupFile };
}
