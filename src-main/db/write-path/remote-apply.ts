import type { WriteContext, WritePath } from './write-path';
import type { Value } from './synced-table';
import type { SyncOp } from './sync-log';

/** One change another PC made, as the cloud serves it (values by SQL column name). */
export interface RemoteChange {
  table: string;
  row: string;
  op: SyncOp;
  hlc: string;
  values: Record<string, unknown> | null;
  call: string;
  actorId: string | null;
  actorName: string | null;
  /** Where it came from, for the audit record ("device 3f2a… mutation 17"). */
  origin: string;
}

/**
 * applied: the replica changed; unchanged: it already held these values; kept-local: a local
 * change not yet acknowledged is newer; unknown: a table or fields this app does not have yet
 * (kept in sync_unknown); conflict: the replica refused it (missing row, constraint).
 */
export type RemoteOutcome = 'applied' | 'unchanged' | 'kept-local' | 'unknown' | 'conflict';

type AuditFn = (ctx: WriteContext, e: { entity: string; entityId: string; action: string; before: unknown; after: unknown; redact?: readonly string[] }) => void;

export function applyRemoteChange(wp: WritePath, c: RemoteChange, audit: AuditFn): RemoteOutcome {
  wp.clock.receive(c.hlc);
  if (!wp.isSynced(c.table)) {
    keepUnknown(wp, c, Object.entries(c.values ?? { '*deleted': true }));
    return 'unknown';
  }
  const t = wp.table(c.table);
  // Rows stored under a parent (the order timeline) are found by parent and id: no version of the
  // app changes one, and only the undo of a refused insert (which knows the parent) deletes one.
  if (t.underColumn && (c.op === 'update' || typeof c.values?.[t.underColumn] !== 'string')) return 'conflict';
  const pending = wp.syncLog.pending(c.table, c.row);
  if (pending.some((p) => p.columns === null && p.hlc > c.hlc)) return 'kept-local'; // deleted here, later
  const newerHere = new Set(pending.filter((p) => p.hlc > c.hlc).flatMap((p) => p.columns ?? []));
  const ctx: WriteContext = { actor: { id: c.actorId, name: c.actorName ?? 'remote' }, call: c.call, reason: `sync: ${c.origin}` };
  const redact = t.redact.map((k) => t.column(k));
  const current = t.getRaw(c.row, c.values);

  if (c.op === 'delete') {
    if (!current) return 'unchanged';
    try {
      t.delete(c.row, c.values);
    } catch {
      return 'conflict';
    }
    audit(ctx, { entity: c.table, entityId: c.row, action: 'remote_delete', before: current, after: null, redact });
    return 'applied';
  }

  const known: Record<string, Value> = {};
  const unknown: [string, unknown][] = [];
  for (const [col, v] of Object.entries(c.values ?? {})) {
    if (!t.hasColumn(col)) unknown.push([col, v]);
    else if (!newerHere.has(col)) known[col] = toValue(v);
  }
  let outcome: RemoteOutcome = unknown.length ? 'unknown' : 'unchanged';

  if (!current) {
    if (c.op !== 'insert') return 'conflict'; // an update for a row this PC never had
    try {
      t.insertRaw({ ...known, [t.idColumn]: c.row });
    } catch {
      return 'conflict';
    }
    audit(ctx, { entity: c.table, entityId: c.row, action: 'remote_insert', before: null, after: known, redact });
    outcome = 'applied';
  } else {
    const before: Record<string, unknown> = {};
    const after: Record<string, Value> = {};
    for (const [col, v] of Object.entries(known)) {
      if (current[col] !== v) {
        before[col] = current[col];
        after[col] = v;
      }
    }
    if (Object.keys(after).length) {
      try {
        t.updateRaw(c.row, after);
      } catch {
        return 'conflict';
      }
      audit(ctx, { entity: c.table, entityId: c.row, action: 'remote_update', before, after, redact });
      outcome = 'applied';
    } else if (!unknown.length && Object.keys(c.values ?? {}).some((col) => newerHere.has(col))) outcome = 'kept-local';
  }
  if (unknown.length) keepUnknown(wp, c, unknown);
  return outcome;
}

/** Values a newer app sent that this schema cannot hold: kept (newest stamp wins) for after the upgrade. */
function keepUnknown(wp: WritePath, c: RemoteChange, entries: [string, unknown][]): void {
  const upsert = wp.sqlite.prepare(`INSERT INTO sync_unknown (entity, entity_id, field, value_json, hlc) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(entity, entity_id, field) DO UPDATE SET value_json = excluded.value_json, hlc = excluded.hlc WHERE excluded.hlc > sync_unknown.hlc`);
  for (const [field, v] of entries) upsert.run(c.table, c.row, field, JSON.stringify(v ?? null), c.hlc);
}

function toValue(v: unknown): Value {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' || typeof v === 'number') return v;
  return JSON.stringify(v);
}

/**
 * After an upgrade: fields kept from a newer app whose column now exists are applied to their
 * rows (as remote changes, with the stamp they came with) and leave sync_unknown.
 */
export function adoptKeptFields(wp: WritePath): number {
  if (!wp.sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sync_unknown'`).get()) return 0; // a file not yet migrated that far
  const rows = wp.sqlite.prepare('SELECT entity, entity_id AS id, field, value_json AS v, hlc FROM sync_unknown').all() as {
    entity: string; id: string; field: string; v: string; hlc: string;
  }[];
  const usable = rows.filter((r) => wp.isSynced(r.entity) && wp.table(r.entity).hasColumn(r.field) && wp.table(r.entity).getRaw(r.id));
  if (!usable.length) return 0;
  const drop = wp.sqlite.prepare('DELETE FROM sync_unknown WHERE entity = ? AND entity_id = ? AND field = ?');
  wp.run({ actor: { id: null, name: 'sync' }, call: 'sync.upgrade', reason: 'fields kept from a newer app' }, (tx) => {
    for (const r of usable) {
      tx.applyRemote({ table: r.entity, row: r.id, op: 'update', hlc: r.hlc, values: { [r.field]: JSON.parse(r.v) }, call: 'sync.upgrade', actorId: null, actorName: 'sync', origin: 'kept field' });
      drop.run(r.entity, r.id, r.field);
    }
  });
  return usable.length;
}
