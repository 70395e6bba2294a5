import { migrationsPath } from '../paths';
import { openConnection, type Connection } from './connection';
import { loadMigrations, migrate, type MigrateResult, type MigrationProgress } from './migrate';
import { SYNCED_TABLES } from './tables';
import { adoptKeptFields } from './write-path/remote-apply';
import { WritePath } from './write-path/write-path';

export interface Database extends Connection {
  writes: WritePath;
  migration: MigrateResult;
}

/** Opens (creating if needed) and migrates the replica, and builds its one write path. */
export async function openDatabase(
  file: string, migrationsDir = migrationsPath(), onMigrating?: (p: MigrationProgress) => void, freeBytes?: (dir: string) => number,
): Promise<Database> {
  const conn = openConnection(file);
  try {
    const migration = await migrate(conn.sqlite, file, loadMigrations(migrationsDir), onMigrating, freeBytes);
    const writes = new WritePath(conn.sqlite);
    for (const { table, ...options } of SYNCED_TABLES) writes.register(table, options);
    if (migration.applied.length) adoptKeptFields(writes);
    return { ...conn, writes, migration };
  } catch (e) {
    conn.close();
    throw e;
  }
}

export type { Db, Sqlite } from './connection';
export type { MigrationProgress } from './migrate';
export { SYSTEM_ACTOR, type Actor, type Committed, type FieldKey, type WriteContext, type WriteTx } from './write-path/write-path';
export { openReadOnlyDatabase, ReadOnlyWriteError, type ReadOnlyDatabase } from './read-only';
export type { RemoteChange, RemoteOutcome } from './write-path/remote-apply';
