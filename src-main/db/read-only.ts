import { openConnection, type Sqlite } from './connection';
import type { Database } from './index';
import { SYNCED_TABLES } from './tables';
import { WritePath, type WriteContext } from './write-path/write-path';

type Entry = Parameters<WritePath['record']>[1];

/** A read call tried to change data: a bug in the call's `runs` classification, never a user error. */
export class ReadOnlyWriteError extends Error {
  constructor(call: string) {
    super(`call ${call} runs on a reader but tried to write; declare it runs: 'write' in the contract`);
    this.name = 'ReadOnlyWriteError';
  }
}

/**
 * A reader's write path: it cannot write (the connection is read-only, and run() refuses before
 * trying). Audit records a read must leave (a refusal) are forwarded to the writer; `settle()`
 * waits for them, so an answer never goes back before its audit record is committed.
 */
class ForwardingWritePath extends WritePath {
  private readonly inFlight = new Set<Promise<void>>();
  private failures: unknown[] = [];

  constructor(
    sqlite: Sqlite,
    private readonly forward: (ctx: WriteContext, entry: Entry) => Promise<void>,
  ) {
    super(sqlite);
  }

  override run<T>(ctx: WriteContext): T {
    throw new ReadOnlyWriteError(ctx.call);
  }

  override record(ctx: WriteContext, entry: Entry): void {
    const p = this.forward(ctx, entry).catch((e: unknown) => void this.failures.push(e));
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  async settle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
    const failed = this.failures;
    this.failures = [];
    if (failed.length) throw failed[0];
  }
}

export interface ReadOnlyDatabase extends Database {
  /** Waits until every forwarded audit record is written (throws if one could not be). */
  settle(): Promise<void>;
}

/** Opens an already migrated replica read-only, for a reader worker. */
export function openReadOnlyDatabase(file: string, forward: (ctx: WriteContext, entry: Entry) => Promise<void>): ReadOnlyDatabase {
  const conn = openConnection(file, { readonly: true });
  try {
    const writes = new ForwardingWritePath(conn.sqlite, forward);
    for (const { table, ...options } of SYNCED_TABLES) writes.register(table, options);
    return { ...conn, writes, migration: { applied: [], backupFile: null, removedBackups: [] }, settle: () => writes.settle() };
  } catch (e) {
    conn.close();
    throw e;
  }
}
