import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';
import { countAutocommitWrites, insideImmediate, whileWaitingForLock } from './write-turns';

export type Sqlite = Database.Database;
export type Db = BetterSQLite3Database<typeof schema>;

export interface Connection {
  sqlite: Sqlite;
  db: Db;
  close(): void;
}

/** The writer's and job workers' page cache: writes and imports touch many index pages at once. */
export const WRITER_CACHE_MIB = 64;
/**
 * A reader's page cache. Every reader thread has its own, and after a scroll through millions of
 * orders each one is full: at 64 MiB three readers held ~190 MB of the core's memory. Pages a
 * reader drops are still in the OS's file cache (a copy, not a disk read), so grid blocks stay
 * within their targets (bench/orders-page.ts measures with this size).
 */
export const READER_CACHE_MIB = 16;

/**
 * A writer copies the WAL back into the database after this many pages (~40 MB), not SQLite's
 * 1,000. A page of 100 orders dirties ~700 pages (each random-keyed index of orders takes its own
 * leaf page per order), so at 1,000 nearly every commit ran a checkpoint with its fsyncs; and an
 * index page written by several commits in between is copied back once. Measured on 20 k Taobao
 * orders through the pipeline: COMMIT 2.1–2.3 s → 1.3–1.4 s of 8.3–8.8 s (bench/pipeline.ts).
 */
const WAL_CHECKPOINT_PAGES = 10_000;
/** The WAL file is cut back to this size after a checkpoint, so a burst does not keep its disk. */
const WAL_KEPT_BYTES = 64 * 1024 * 1024;

/**
 * Never VACUUM this file (db/rowid-keys.test.ts fails on one): the search indexes (contentless
 * FTS5), the change feed and the grid's position snapshots key on orders' and lines' rowids, and
 * SQLite's VACUUM "may change the ROWIDs of entries in any tables that do not have an explicit
 * INTEGER PRIMARY KEY" (lang_vacuum). Free pages left by a migration are reused by later writes.
 *
 * Opens the replica file with the pragmas the house plan requires. `readonly`: a reader's
 * connection (WAL lets it read while the writer writes); SQLite refuses any write on it, though
 * temp tables (the grid's position snapshots) still work.
 */
export function openConnection(file: string, opts: { readonly?: boolean } = {}): Connection {
  const sqlite = opts.readonly ? new Database(file, { readonly: true, fileMustExist: true }) : new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(`cache_size = ${-1024 * (opts.readonly ? READER_CACHE_MIB : WRITER_CACHE_MIB)}`);
  if (!opts.readonly) {
    sqlite.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    sqlite.pragma(`journal_size_limit = ${WAL_KEPT_BYTES}`);
    countAutocommitWrites(sqlite.prepare('SELECT 1'));
  }
  const db = drizzle(sqlite, { schema });
  return { sqlite, db, close: () => sqlite.close() };
}

/**
 * Runs fn in a BEGIN IMMEDIATE transaction: the write lock is taken up front, so two
 * writers never deadlock upgrading from a read lock. While it waits for the lock, a job between
 * batches lets it go first (write-turns.ts).
 */
export function immediate<T>(sqlite: Sqlite, fn: () => T): T {
  if (sqlite.inTransaction) return sqlite.transaction(fn).immediate(); // a savepoint: the lock is held
  return whileWaitingForLock((acquired) => sqlite.transaction(() => {
    acquired();
    return insideImmediate(sqlite, fn);
  }).immediate());
}
