import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../connection';
import type { HybridClock } from './hlc';

export type SyncOp = 'insert' | 'update' | 'delete';

/** A pending record's stamp and the columns it wrote (null columns = a tombstone). */
export interface PendingStamp {
  hlc: string;
  columns: string[] | null;
}

/**
 * The outbox as the sync log: each record is one change to one row with the changed columns'
 * values and one hybrid-logical-clock stamp, which every field of the record carries. A delete
 * is a tombstone. Records stay only until the cloud acknowledges them (`compact`).
 *
 * Written only while this PC is enrolled in a team (`enabled`): before that there is nobody to
 * send them to, and enrolling uploads a snapshot of every synced row instead.
 */
export class SyncLog {
  private on: boolean;
  private readonly setMeta;
  private readonly stmts = new Map<string, Statement<unknown[]>>();

  constructor(
    private readonly sqlite: Sqlite,
    private readonly clock: HybridClock,
  ) {
    this.setMeta = sqlite.prepare(`INSERT INTO meta (key, value) VALUES ('sync.enabled', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
    this.on = sqlite.prepare(`SELECT value FROM meta WHERE key = 'sync.enabled'`).pluck().get() === '1';
  }

  /** Prepared on first use: a file opened here may still have an older outbox (tests open partly migrated files). */
  private stmt(sql: string): Statement<unknown[]> {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.sqlite.prepare(sql)));
    return s;
  }

  get enabled(): boolean {
    return this.on;
  }

  /** Turns recording on or off (enrolment, leaving a team); persisted in meta. */
  setEnabled(on: boolean): void {
    this.setMeta.run(on ? '1' : '0');
    this.on = on;
  }

  /** How many records this process appended (a cheap change counter for listeners). */
  appended = 0;

  append(entity: string, id: string, op: SyncOp, values: Record<string, unknown> | null, call: string, actorId: string | null): void {
    if (!this.on) return;
    this.appended++;
    this.stmt('INSERT INTO outbox (entity, entity_id, op, values_json, hlc, call, actor_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(entity, id, op, values ? JSON.stringify(values) : null, this.clock.tick(), call, actorId, Date.now());
  }

  /** Stamps of this row's changes not yet acknowledged: a remote value older than these must not win here. */
  pending(entity: string, id: string): PendingStamp[] {
    const rows = this.stmt('SELECT op, values_json AS v, hlc FROM outbox WHERE entity = ? AND entity_id = ?').all(entity, id) as { op: SyncOp; v: string | null; hlc: string }[];
    return rows.map((r) => ({ hlc: r.hlc, columns: r.op === 'delete' ? null : Object.keys(JSON.parse(r.v ?? '{}') as object) }));
  }

  /** Compaction: the cloud acknowledged every mutation up to `seq`; they leave the log. */
  compact(upToSeq: number): number {
    return this.stmt('DELETE FROM outbox WHERE seq <= ?').run(upToSeq).changes;
  }

  size(): number {
    return this.stmt('SELECT count(*) FROM outbox').pluck().get() as number;
  }

  /** The oldest records not yet acknowledged, to push. */
  oldest(limit: number): { seq: number; entity: string; entityId: string; op: SyncOp; valuesJson: string | null; hlc: string; call: string; actorId: string | null }[] {
    return this.stmt('SELECT seq, entity, entity_id AS entityId, op, values_json AS valuesJson, hlc, call, actor_id AS actorId FROM outbox ORDER BY seq LIMIT ?').all(limit) as never;
  }

  /** The last mutation id this log has used (its AUTOINCREMENT position), for enrolment. */
  lastSeq(): number {
    return (this.stmt(`SELECT seq FROM sqlite_sequence WHERE name = 'outbox'`).pluck().get() as number | undefined) ?? 0;
  }
}
