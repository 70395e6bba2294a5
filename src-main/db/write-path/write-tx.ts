import type { OrderDerivedTx } from '../order-derived';
import type { ChainHead } from './audit-chain';
import { bulkBody } from './bulk-audit';
import { applyRemoteChange, type RemoteChange, type RemoteOutcome } from './remote-apply';
import type { SyncedTable } from './synced-table';
import type { FieldKey, WriteContext } from './types';
import type { WritePath } from './write-path';

/**
 * One transaction on the write path: each insert, update or delete of a synced row writes the
 * row, its audit record and its sync-log record together, and notes what changed for the
 * after-commit listeners. Made only by `WritePath.run`.
 */
export class WriteTx {
  private wrote = false;
  /** @internal ids changed per table, for the after-commit listeners */
  readonly entities = new Map<string, Set<string>>();
  /** @internal */
  readonly orderIds = new Set<string>();
  /** The audit chain's head as this transaction left it; saved once at the end. */
  private head: ChainHead | null;
  /** One time for every audit record of this transaction: the journal reads them as one action. */
  private readonly at = Date.now();
  private readonly derived: OrderDerivedTx;
  private readonly commitHooks: (() => void)[] = [];
  /** Set by auditInsertsAsBatch: inserted rows per table, audited together at the end. */
  private batch: { summary: string; rows: Map<string, Record<string, unknown>[]> } | null = null;

  /**
   * A nested run starts from its parent's head, and hands its own back when it commits into the
   * parent (`absorb`): otherwise the parent's next record would link past the nested ones.
   */
  constructor(
    private readonly wp: WritePath,
    readonly ctx: WriteContext,
    parent: WriteTx | null = null,
  ) {
    this.head = parent?.head ?? null;
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
    if (this.batch) this.batched(entity, row);
    for (const c of children) {
      const ct = this.wp.table(c.entity);
      for (const r of c.rows) {
        this.derived.inserted(c.entity, r, ct.insert(r));
        this.touch(c.entity, String(r[ct.idKey]), r);
        this.logInsert(ct, r);
        if (this.batch) this.batched(c.entity, r);
      }
    }
    // In a batch the rows are audited together at the end: no per-order record to build.
    if (!this.batch) {
      const after: Record<string, unknown> = { ...row };
      for (const c of children) after[c.entity] = c.rows;
      this.appendAudit({ entity, entityId: id, action: 'insert', before: null, after, redact: t.redact });
    }
    this.wrote = true;
  }

  /**
   * Updates only the fields that differ; returns before/after of those fields, or null
   * when nothing changed (no audit or outbox noise for a no-op).
   */
  update(entity: string, id: string, patch: Record<string, unknown>, key?: FieldKey): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
    const r = this.applyUpdate(entity, id, patch, key);
    if (!r) return null;
    this.appendAudit({ entity, entityId: id, action: 'update', before: r.before, after: r.after, redact: this.wp.table(entity).redact });
    return r;
  }

  /**
   * Updates a row and inserts the rows that belong to the same business change (a routed order:
   * its warehouse and tags, with its routes, reservations and timeline events) under ONE audit
   * record: the update's before → after, the inserted rows listed by table under `after.inserted`
   * (readers of an update's changed fields skip that key: AGGREGATE_KEY).
   * Every row still gets its outbox record. In a batch (auditInsertsAsBatch) the children are
   * recorded here too, with the update they belong to.
   */
  updateAggregate(
    entity: string, id: string,
    /** The fields to set, or a function of the row as it is now (read once, for the update too). */
    patch: Record<string, unknown> | ((current: Record<string, unknown>) => Record<string, unknown>),
    children: { entity: string; rows: Record<string, unknown>[] }[], key?: FieldKey,
  ): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
    const r = this.applyUpdate(entity, id, patch, key);
    const rows: Record<string, Record<string, unknown>[]> = {};
    let inserted = 0;
    for (const c of children) {
      if (!c.rows.length) continue;
      const ct = this.wp.table(c.entity);
      for (const row of c.rows) {
        this.wp.checkOwned(c.entity, row, undefined);
        this.derived.inserted(c.entity, row, ct.insert(row));
        this.touch(c.entity, String(row[ct.idKey]), row);
        this.logInsert(ct, row);
        inserted++;
      }
      rows[c.entity] = [...(rows[c.entity] ?? []), ...c.rows];
    }
    if (!r && !inserted) return null;
    const after: Record<string, unknown> = { ...(r?.after ?? {}), ...(inserted ? { [AGGREGATE_KEY]: rows } : {}) };
    this.appendAudit({ entity, entityId: id, action: 'update', before: r?.before ?? {}, after, redact: this.wp.table(entity).redact });
    this.wrote = true;
    return r;
  }

  /** The update without its audit record (update and updateAggregate write that). */
  private applyUpdate(
    entity: string, id: string, patchOrFn: Record<string, unknown> | ((current: Record<string, unknown>) => Record<string, unknown>), key?: FieldKey,
  ): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
    const t = this.wp.table(entity);
    const derived = entity === 'orders' || entity === 'order_lines';
    const found = derived ? t.getWithRowid(id) : null;
    const current = derived ? (found?.row ?? null) : t.get(id);
    if (!current) throw new Error(`${entity} ${id} does not exist`);
    const patch = typeof patchOrFn === 'function' ? patchOrFn(current) : patchOrFn;
    this.wp.checkOwned(entity, patch, key);
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
      const row = change.op !== 'delete' && this.wp.isSynced(change.table) ? this.wp.table(change.table).get(change.row, change.values) : null;
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
    if (inner.head) this.head = inner.head;
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

/** Where an update's audit record lists the rows inserted with it (WriteTx.updateAggregate); not a field of the row. */
export const AGGREGATE_KEY = 'inserted';

/** Secrets (password hashes) are stored in their row but never copied into the audit log. */
export function toAuditJson(value: unknown, redact: readonly string[] = []): string | null {
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
