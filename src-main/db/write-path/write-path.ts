import { randomUUID } from 'node:crypto';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { immediate, type Sqlite } from '../connection';
import { OrderDerived, type OrderDerivedTx } from '../order-derived';
import { AuditAppender, type ChainHead } from './audit-chain';
import { CheckpointFile } from './audit-checkpoint';
import { verifyChain, type ChainCheck } from './audit-verify';
import { bulkBody, verifyBulkRows, type RowBreak } from './bulk-audit';
import { HybridClock } from './hlc';
import { applyRemoteChange, type RemoteChange, type RemoteOutcome } from './remote-apply';
import { SyncLog, type SyncOp } from './sync-log';
import { SyncedTable } from './synced-table';

export interface Actor {
  id: string | null;
  name: string | null;
}

/** Who is writing, through which call, and why: every audit record carries this. */
export interface WriteContext {
  actor: Actor;
  call: string;
  reason?: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' };

/** What one committed transaction changed: ids per synced table, and the orders they belong to. */
export interface Committed {
  ctx: WriteContext;
  entities: ReadonlyMap<string, ReadonlySet<string>>;
  /** Orders changed directly or through a child row (line, address, event, note). */
  orderIds: ReadonlySet<string>;
}

/**
 * The proof that a write of an owned field comes from its owner (orders.status: the state
 * machine). Only the owner asks for it (`claim`); a write of the field without it throws.
 */
export interface FieldKey {
  readonly field: string;
}

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
  register(table: SQLiteTable, options: { idKey?: string; redact?: string[]; owned?: string[] } = {}): void {
    const t = new SyncedTable(this.sqlite, table, options.idKey ?? 'id', options.redact ?? []);
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
    const tx = new WriteTx(this, ctx);
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
      const ids = this.sqlite.prepare(`SELECT "${t.idColumn}" FROM "${t.name}" ORDER BY rowid`).pluck().all() as string[];
      for (let i = 0; i < ids.length; i += batch) {
        this.run(ctx, (tx) => {
          for (const id of ids.slice(i, i + batch)) this.syncLog.append(t.name, id, 'insert', t.getRaw(id), ctx.call, null);
          if (i === 0) tx.note({ entity: t.name, action: 'sync_snapshot', after: { rows: ids.length } });
        });
        queued += Math.min(batch, ids.length - i);
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
    const rows = verifyBulkRows(this.sqlite, (name) => this.tables.get(name) ?? null);
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

export class WriteTx {
  private wrote = false;
  /** @internal ids changed per table, for the after-commit listeners */
  readonly entities = new Map<string, Set<string>>();
  /** @internal */
  readonly orderIds = new Set<string>();
  /** The audit chain's head as this transaction left it; saved once at the end. */
  private head: ChainHead | null = null;
  /** One time for every audit record of this transaction: the journal reads them as one action. */
  private readonly at = Date.now();
  private readonly derived: OrderDerivedTx;
  private readonly commitHooks: (() => void)[] = [];
  /** Set by auditInsertsAsBatch: inserted rows per table, audited together at the end. */
  private batch: { summary: string; rows: Map<string, Record<string, unknown>[]> } | null = null;

  constructor(
    private readonly wp: WritePath,
    readonly ctx: WriteContext,
  ) {
    this.derived = wp.derived.begin();
  }

  insert<R extends Record<string, unknown>>(entity: string, row: R, key?: FieldKey): R {
    const t = this.wp.table(entity);
    this.wp.checkOwned(entity, row, key);
    this.derived.inserted(entity, row, t.insert(row));
    const id = String(row[t.idKey]);
    this.touch(entity, id, row);
    if (this.batch) this.batched(entity, row);
    else this.appendAudit({ entity, entityId: id, action: 'insert', before: null, after: row, redact: t.redact });
    this.logInsert(t, row);
    this.wrote = true;
    return row;
  }

  /**
   * Inserts a parent row with its child rows (an order with its lines, address, first event)
   * under one audit record for the business change; every row still gets its outbox record.
   */
  insertAggregate(entity: string, row: Record<string, unknown>, children: { entity: string; rows: Record<string, unknown>[] }[], key?: FieldKey): void {
    const t = this.wp.table(entity);
    this.wp.checkOwned(entity, row, key);
    this.derived.inserted(entity, row, t.insert(row));
    const id = String(row[t.idKey]);
    this.logInsert(t, row);
    this.touch(entity, id, row);
    const after: Record<string, unknown> = { ...row };
    if (this.batch) this.batched(entity, row);
    for (const c of children) {
      const ct = this.wp.table(c.entity);
      for (const r of c.rows) {
        this.derived.inserted(c.entity, r, ct.insert(r));
        this.touch(c.entity, String(r[ct.idKey]), r);
        this.logInsert(ct, r);
        if (this.batch) this.batched(c.entity, r);
      }
      after[c.entity] = c.rows;
    }
    if (!this.batch) this.appendAudit({ entity, entityId: id, action: 'insert', before: null, after, redact: t.redact });
    this.wrote = true;
  }

  /**
   * Updates only the fields that differ; returns before/after of those fields, or null
   * when nothing changed (no audit or outbox noise for a no-op).
   */
  update(entity: string, id: string, patch: Record<string, unknown>, key?: FieldKey): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
    const t = this.wp.table(entity);
    this.wp.checkOwned(entity, patch, key);
    const derived = entity === 'orders' || entity === 'order_lines';
    const found = derived ? t.getWithRowid(id) : null;
    const current = derived ? (found?.row ?? null) : t.get(id);
    if (!current) throw new Error(`${entity} ${id} does not exist`);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(patch)) {
      t.column(k);
      const next = typeof v === 'boolean' ? (v ? 1 : 0) : v === undefined ? null : v;
      const prev = current[k];
      if (!sameValue(prev, next)) {
        before[k] = prev;
        after[k] = v;
      }
    }
    const fields = Object.keys(after);
    if (!fields.length) return null;
    t.update(id, after);
    this.touch(entity, id, current);
    if (found) this.derived.updated(entity, current, after, found.rowid);
    this.appendAudit({ entity, entityId: id, action: 'update', before, after, redact: t.redact });
    if (this.wp.syncLog.enabled) this.wp.appendOutbox(this.ctx, entity, id, 'update', t.sqlValues(after));
    this.wrote = true;
    return { before, after };
  }

  delete(entity: string, id: string): void {
    const t = this.wp.table(entity);
    const current = t.get(id);
    if (!current) return;
    const rowid = entity === 'orders' || entity === 'order_lines' ? t.rowidOf(id) : undefined;
    t.delete(id);
    this.touch(entity, id, current);
    if (rowid !== undefined) this.derived.deleted(entity, current, rowid);
    this.appendAudit({ entity, entityId: id, action: 'delete', before: current, after: null, redact: t.redact });
    this.wp.appendOutbox(this.ctx, entity, id, 'delete', null);
    this.wrote = true;
  }

  /**
   * Bulk path (demo generation, large imports): rows and their outbox records, with one audit
   * record per batch that carries a hash per row (bulk-audit.ts), so the chain still proves
   * each row without a full record per row.
   */
  insertMany(entity: string, rows: Record<string, unknown>[], summary: string, key?: FieldKey): void {
    if (!rows.length) return;
    const t = this.wp.table(entity);
    for (const row of rows) this.wp.checkOwned(entity, row, key);
    for (const row of rows) {
      this.derived.inserted(entity, row, t.insert(row));
      this.logInsert(t, row);
      this.touch(entity, String(row[t.idKey]), row);
    }
    this.bulkAudit(entity, rows, summary);
    this.wrote = true;
  }

  /**
   * From here on, the rows this transaction inserts (insert, insertAggregate) are audited the
   * way insertMany audits them: one record per table, with a hash per row, instead of one
   * record per row. For batches that a person started as one act: an import's batch of rows, a
   * connector's page. Updates and deletes keep their own before → after records; the rows
   * inserted before one are recorded first, so the chain keeps the order things happened in.
   */
  auditInsertsAsBatch(summary: string): void {
    this.batch ??= { summary, rows: new Map() };
  }

  private batched(entity: string, row: Record<string, unknown>): void {
    const rows = this.batch!.rows.get(entity);
    if (rows) rows.push(row);
    else this.batch!.rows.set(entity, [row]);
  }

  /** Records the batch's rows inserted so far (before any other record, and at the end). */
  private flushBatch(): void {
    if (!this.batch?.rows.size) return;
    const pending = [...this.batch.rows];
    this.batch.rows.clear();
    for (const [entity, rows] of pending) this.bulkAudit(entity, rows, this.batch.summary);
  }

  /** The one audit record of a batch of inserted rows: a hash per row (bulk-audit.ts). */
  private bulkAudit(entity: string, rows: Record<string, unknown>[], summary: string): void {
    const t = this.wp.table(entity);
    this.record({ entity, entityId: null, action: 'bulk_insert', before: null, after: bulkBody(entity, t.idKey, rows, summary) });
  }

  /**
   * Runs `fn` once, inside this transaction, just before it commits (after the caller's work):
   * for writes that are cheaper done together (compressing a page's raw payloads as one block).
   * Nothing runs when the transaction rolls back.
   */
  beforeCommit(fn: () => void): void {
    this.commitHooks.push(fn);
  }

  /** An audit record for something that is not a row change. */
  note(entry: { entity: string; entityId?: string | null; action: string; after?: unknown }): void {
    this.appendAudit({ entity: entry.entity, entityId: entry.entityId ?? null, action: entry.action, before: null, after: entry.after ?? null });
  }

  /**
   * Applies one change another PC made (pulled from the cloud): field by field, a value wins
   * only over an older stamp, so a local change not yet pushed keeps its newer value. Audited
   * as remote (the other PC's actor and call) and never written to the sync log again.
   */
  applyRemote(change: RemoteChange): RemoteOutcome {
    // Orders and their lines feed the grid's change feed and search index: note the row before and after.
    const derived = change.table === 'orders' || change.table === 'order_lines';
    const t = derived ? this.wp.table(change.table) : null;
    const before = t?.get(change.row) ?? null;
    const rowid = before ? t!.rowidOf(change.row) : undefined;
    this.flushBatch();
    const outcome = applyRemoteChange(this.wp, change, (ctx, e) => {
      this.head = this.wp.audit.append(this.wp.auditContent(ctx, e, this.at), this.head);
      this.wp.markAppended();
    });
    if (outcome === 'applied') {
      this.wrote = true;
      // Another PC's change is a change here too: open screens hear it after this commit.
      const row = change.op !== 'delete' && this.wp.isSynced(change.table) ? this.wp.table(change.table).get(change.row) : null;
      this.touch(change.table, change.row, row);
    }
    if (t && outcome === 'applied') {
      const after = t.get(change.row);
      if (!before && after) this.derived.inserted(change.table, after, t.rowidOf(change.row)!);
      else if (before && !after) this.derived.deleted(change.table, before, rowid!);
      else if (before && after) {
        const changed = Object.fromEntries(Object.entries(after).filter(([k, v]) => !sameValue(before[k], v)));
        if (Object.keys(changed).length) this.derived.updated(change.table, before, changed, rowid!);
      }
    }
    return outcome;
  }

  /** Remembers a changed row (and its order) for the after-commit listeners. */
  private touch(entity: string, id: string, row: Record<string, unknown> | null): void {
    let ids = this.entities.get(entity);
    if (!ids) this.entities.set(entity, (ids = new Set()));
    ids.add(id);
    if (entity === 'orders') this.orderIds.add(id);
    else if (row && typeof row.orderId === 'string') this.orderIds.add(row.orderId);
  }

  /** @internal a nested run committed into this transaction: its changes are reported with ours */
  absorb(inner: WriteTx): void {
    for (const [entity, ids] of inner.entities) for (const id of ids) this.touch(entity, id, null);
    for (const id of inner.orderIds) this.orderIds.add(id);
  }

  private logInsert(t: SyncedTable, row: Record<string, unknown>): void {
    if (this.wp.syncLog.enabled) this.wp.appendOutbox(this.ctx, t.name, String(row[t.idKey]), 'insert', t.insertedValues(row));
  }

  /** Any record other than a batch's: the batch's rows inserted before it are recorded first. */
  private appendAudit(e: Parameters<WritePath['auditContent']>[1]): void {
    this.flushBatch();
    this.record(e);
  }

  private record(e: Parameters<WritePath['auditContent']>[1]): void {
    this.head = this.wp.audit.append(this.wp.auditContent(this.ctx, e, this.at), this.head);
    this.wp.markAppended();
  }

  /** @internal */
  finish(): void {
    for (const fn of this.commitHooks) fn();
    this.flushBatch();
    if (this.wrote) this.derived.finish();
    if (this.head) this.wp.audit.saveHead(this.head);
    if (this.wrote) this.wp.persistClock();
  }
}

/** Secrets (password hashes) are stored in their row but never copied into the audit log. */
function toAuditJson(value: unknown, redact: readonly string[] = []): string | null {
  if (value === undefined || value === null) return null;
  if (!redact.length || typeof value !== 'object') return JSON.stringify(value);
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const k of redact) if (k in copy) copy[k] = '[redacted]';
  return JSON.stringify(copy);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return a == b;
  if (typeof b === 'object') return JSON.stringify(b) === a;
  return false;
}
