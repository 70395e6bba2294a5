import { randomUUID } from 'node:crypto';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { immediate, type Sqlite } from '../connection';
import { OrderDerived } from '../order-derived';
import { AuditAppender } from './audit-chain';
import { CheckpointFile } from './audit-checkpoint';
import { verifyChain, type ChainCheck } from './audit-verify';
import { verifyBulkRows, type RowBreak } from './bulk-audit';
import { HybridClock } from './hlc';
import { SyncLog, type SyncOp } from './sync-log';
import { SyncedTable } from './synced-table';
import { walkRows } from './table-walk';
import type { Committed, FieldKey, WriteContext } from './types';
import { toAuditJson, WriteTx } from './write-tx';

export { SYSTEM_ACTOR, type Actor, type Committed, type FieldKey, type WriteContext } from './types';
export { WriteTx } from './write-tx';

/**
 * The one write path for synced tables (house-plan invariant 3): in one IMMEDIATE
 * transaction, the row, its audit record (before → after) and its sync-log (outbox) record
 * carrying the changed values with their clock stamp. Remote changes come in through
 * `WriteTx.applyRemote`: audited as remote, never logged again.
 */
export class WritePath {
  private readonly tables = new Map<string, SyncedTable>();
  /** entity → its owned fields and the key that unlocks them. */
  private readonly owned = new Map<string, Map<string, FieldKey>>();
  /** @internal used by WriteTx */
  readonly audit: AuditAppender;
  readonly syncLog: SyncLog;
  private readonly saveClock;
  private readonly storedClock;
  readonly clock: HybridClock;
  private readonly commitListeners = new Set<(c: Committed) => void>();
  /** Transactions of this path now open (a run inside a run joins the outer one). */
  private readonly open: WriteTx[] = [];
  /** @internal the orders change feed and search index, kept in step with orders and order_lines writes */
  readonly derived: OrderDerived;
  private checkpoint: CheckpointFile | null = null;
  private checkpointHeld = false;
  /** Records were appended since the last checkpoint (set by WriteTx, nested runs included). */
  private appended = false;

  constructor(readonly sqlite: Sqlite) {
    this.derived = new OrderDerived(sqlite);
    this.audit = new AuditAppender(sqlite);
    this.saveClock = sqlite.prepare(
      `INSERT INTO meta (key, value) VALUES ('hlc', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    );
    const getMeta = sqlite.prepare('SELECT value FROM meta WHERE key = ?').pluck();
    this.storedClock = () => (getMeta.get('hlc') as string | undefined) ?? null;
    let node = getMeta.get('node_id') as string | undefined;
    if (!node) {
      node = randomUUID().slice(0, 8);
      sqlite.prepare(`INSERT INTO meta (key, value) VALUES ('node_id', ?)`).run(node);
    }
    this.clock = new HybridClock(node);
    this.clock.restore((getMeta.get('hlc') as string | undefined) ?? null);
    this.syncLog = new SyncLog(sqlite, this.clock);
  }

  /** This PC's id in the team (the clock's node id): which PC polls a shop, who made a change. */
  get deviceId(): string {
    return this.clock.nodeId;
  }

  /** Every synced table, for snapshots and replica hashes. */
  syncedTables(): SyncedTable[] {
    return [...this.tables.values()];
  }

  /** Declare a table as synced; only declared tables can be written here. */
  register(table: SQLiteTable, options: { idKey?: string; redact?: string[]; owned?: string[]; under?: string } = {}): void {
    const t = new SyncedTable(this.sqlite, table, options.idKey ?? 'id', options.redact ?? [], options.under);
    this.tables.set(t.name, t);
    if (options.owned?.length) {
      for (const f of options.owned) t.column(f); // an owned field must exist
      this.owned.set(t.name, new Map(options.owned.map((f) => [f, Object.freeze({ field: `${t.name}.${f}` })])));
    }
  }

  /**
   * The key to an owned field, for its one owner (orders.status → src-main/orders/lifecycle/;
   * tests/integration/write-path-guard.test.ts checks nobody else asks).
   */
  claim(entity: string, field: string): FieldKey {
    const key = this.owned.get(entity)?.get(field);
    if (!key) throw new Error(`${entity}.${field} is not an owned field`);
    return key;
  }

  /** @internal used by WriteTx: throws when a row or patch writes an owned field without its key. */
  checkOwned(entity: string, row: Record<string, unknown>, key: FieldKey | undefined): void {
    const fields = this.owned.get(entity);
    if (!fields) return;
    for (const [f, k] of fields) {
      if (row[f] !== undefined && key !== k) throw new Error(`${k.field} is written only by its owner (the order state machine); use transition()`);
    }
  }

  isSynced(name: string): boolean {
    return this.tables.has(name);
  }

  table(name: string): SyncedTable {
    const t = this.tables.get(name);
    if (!t) throw new Error(`not a synced table: ${name}`);
    return t;
  }

  /**
   * Runs fn in one IMMEDIATE transaction; everything it writes commits or none of it does.
   * After the commit (never before, never after a rollback) the commit listeners hear what changed.
   */
  run<T>(ctx: WriteContext, fn: (tx: WriteTx) => T): T {
    const parent = this.open[this.open.length - 1];
    const outsideOurs = !parent && this.sqlite.inTransaction;
    const logged = this.syncLog.appended;
    const tx = new WriteTx(this, ctx, parent ?? null);
    this.open.push(tx);
    let result: T;
    try {
      result = immediate(this.sqlite, () => {
        if (!parent) {
          // Other connections of this PC (the core's job workers) write too: never issue a stamp
          // at or before theirs, and log to the sync log exactly when this PC is in a team now.
          this.clock.catchUp(this.storedClock());
          this.syncLog.refresh();
        }
        const r = fn(tx);
        tx.finish();
        return r;
      });
    } catch (e) {
      if (!this.sqlite.inTransaction) this.appended = false; // rolled back: nothing to checkpoint
      throw e;
    } finally {
      this.open.pop();
    }
    if (parent) parent.absorb(tx); // reported when the outer transaction commits
    else if (outsideOurs) {
      // Inside someone else's raw transaction: report once it has ended (no caller does this today).
      queueMicrotask(() => {
        if (this.sqlite.inTransaction) return;
        this.afterCommit();
        this.committed(tx);
      });
    } else {
      this.afterCommit();
      this.committed(tx);
    }
    if (!parent && this.syncLog.appended !== logged) for (const l of this.logListeners) l();
    return result;
  }

  /** Listens to every commit of this path; returns the unsubscribe. */
  onCommit(listener: (c: Committed) => void): () => void {
    this.commitListeners.add(listener);
    return () => void this.commitListeners.delete(listener);
  }

  private committed(tx: WriteTx): void {
    if (!tx.entities.size || !this.commitListeners.size) return;
    const c: Committed = { ctx: tx.ctx, entities: tx.entities, orderIds: tx.orderIds };
    for (const l of this.commitListeners) {
      try {
        l(c);
      } catch {
        // A listener's failure must not turn a committed write into a failed call.
      }
    }
  }

  /**
   * Keys the audit chain from now on (HMAC with a key kept outside the database) and keeps the
   * chain head in a signed checkpoint file beside it. Called by the app before its first write.
   */
  useAuditKey(key: Buffer, checkpointPath: string): void {
    const wasKeyed = this.audit.keyedFrom() !== null;
    this.checkpoint = new CheckpointFile(checkpointPath, key);
    const found = this.checkpoint.read();
    if (found.state === 'ok') {
      const at = this.sqlite.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(found.checkpoint.seq);
      this.checkpointHeld = at !== found.checkpoint.hash;
    } else this.checkpointHeld = found.state !== 'missing' || wasKeyed;
    // A checkpoint that no longer matches the database is evidence: it is left exactly as found
    // (verify keeps reporting it), never overwritten by the next commit.
    this.audit.useKey(key, (fn) => {
      immediate(this.sqlite, fn);
      this.appended = true;
    });
    this.appended = true; // a chain keyed just now gets its first checkpoint
    this.afterCommit();
  }

  /** The checkpoint file disagreed with the database when it was opened (see useAuditKey). */
  get checkpointMismatch(): boolean {
    return this.checkpointHeld;
  }

  /** After the outermost commit: the chain head goes to the checkpoint file (never before: a rollback would leave it ahead). */
  private afterCommit(): void {
    if (!this.appended || this.sqlite.inTransaction || !this.checkpoint || this.checkpointHeld) return;
    const head = this.audit.head();
    const keyedFrom = this.audit.keyedFrom();
    if (head && keyedFrom !== null) this.checkpoint.write(head, keyedFrom);
    this.appended = false;
  }

  /** @internal used by WriteTx */
  markAppended(): void {
    this.appended = true;
  }

  private readonly logListeners = new Set<() => void>();

  /** Called after a transaction that added to the sync log commits (the sync client pushes soon after). */
  onLogged(listener: () => void): () => void {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }

  /** Another connection of this PC (a core job worker) committed records to the sync log. */
  loggedElsewhere(): void {
    for (const l of this.logListeners) l();
  }

  /**
   * Enrolling the first PC of a team: every synced row goes into the sync log as an insert, in
   * batches, so the cloud starts from this PC's replica. Returns how many records were queued.
   */
  queueSnapshot(batch = 2000): number {
    let queued = 0;
    const ctx: WriteContext = { actor: { id: null, name: 'sync' }, call: 'sync.snapshot', reason: 'first PC of the team uploads its data' };
    for (const t of this.tables.values()) {
      const total = this.sqlite.prepare(`SELECT count(*) FROM "${t.name}"`).pluck().get() as number;
      let first = true;
      for (const rows of walkRows(this.sqlite, t, batch)) {
        this.run(ctx, (tx) => {
          for (const r of rows) this.syncLog.append(t.name, String(r[t.idColumn]), 'insert', r, ctx.call, null);
          if (first) tx.note({ entity: t.name, action: 'sync_snapshot', after: { rows: total } });
        });
        first = false;
        queued += rows.length;
      }
    }
    return queued;
  }

  /**
   * Joining a team that already has data: this PC's synced rows (and the local rows that hang
   * off them) are removed so the team's replica can be pulled in whole. The audit log stays.
   */
  resetReplica(ctx: WriteContext, dependentLocalTables: readonly string[]): void {
    this.sqlite.pragma('foreign_keys = OFF');
    try {
      this.run(ctx, (tx) => {
        for (const name of dependentLocalTables) this.sqlite.prepare(`DELETE FROM "${name}"`).run();
        for (const t of this.tables.values()) this.sqlite.prepare(`DELETE FROM "${t.name}"`).run();
        this.sqlite.prepare('DELETE FROM outbox').run();
        tx.note({ entity: 'sync', action: 'replica_reset', after: { reason: 'joined a team workspace' } });
      });
    } finally {
      this.sqlite.pragma('foreign_keys = ON');
    }
  }

  /** Appends an audit record that is not tied to a row change (refusals, logins, exports). */
  record(ctx: WriteContext, entry: { entity: string; entityId?: string | null; action: string; after?: unknown }): void {
    this.run(ctx, (tx) => tx.note(entry));
  }

  /** The chain, all of it; with `rows`, also every row a bulk record lists against its hash. */
  verifyAudit(opts: { rows?: boolean } = {}): ChainCheck & { rows?: { checked: number; broken: RowBreak[] } } {
    const chain = verifyChain(this.sqlite, this.audit.chainKey(), this.checkpoint);
    if (!opts.rows) return chain;
    const rows = verifyBulkRows(this.sqlite, [...this.tables.values()]);
    return { ...chain, ok: chain.ok && rows.broken.length === 0, rows };
  }

  /** @internal used by WriteTx */
  auditContent(
    ctx: WriteContext,
    e: { entity: string; entityId: string | null; action: string; before: unknown; after: unknown; redact?: readonly string[] },
    at = Date.now(),
  ) {
    return {
      at,
      actorId: ctx.actor.id,
      actorName: ctx.actor.name,
      call: ctx.call,
      entity: e.entity,
      entityId: e.entityId,
      action: e.action,
      beforeJson: toAuditJson(e.before, e.redact),
      afterJson: toAuditJson(e.after, e.redact),
      reason: ctx.reason ?? null,
    };
  }

  /** @internal used by WriteTx */
  appendOutbox(ctx: WriteContext, entity: string, id: string, op: SyncOp, values: Record<string, unknown> | null): void {
    this.syncLog.append(entity, id, op, values, ctx.call, ctx.actor.id);
  }

  /** @internal used by WriteTx */
  persistClock(): void {
    this.saveClock.run(this.clock.tick());
  }
}
