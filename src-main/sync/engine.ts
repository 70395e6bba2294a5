import type { Change, Mutation, MutationResult, PushResponse, SqlValue } from '../../src-shared/sync/protocol';
import type { Database, RemoteChange, RemoteOutcome, WriteContext } from '../db';
import type { CloudApi } from './cloud-api';
import { applyRemoteStatus, carriesStatus } from './remote-status';
import type { SyncStore } from './sync-store';

const PUSH_BATCH = 1000;
const PULL_LIMIT = 2000;
const SYNC_CTX: WriteContext = { actor: { id: null, name: 'sync' }, call: 'sync.pull', reason: 'changes from the team' };

type Outbox = ReturnType<Database['writes']['syncLog']['oldest']>[number];

/**
 * One round of sync: push the sync log in batches (exactly once: the cloud skips ids it has),
 * compact what it acknowledged and undo what it refused; then pull the workspace's changes after
 * our cursor and apply them through the write path, the cursor moving in the same transaction.
 */
export class SyncEngine {
  constructor(
    private readonly db: Database,
    private readonly store: SyncStore,
    private readonly schemaVersion: number,
  ) {}

  async push(api: CloudApi): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = this.db.writes.syncLog.oldest(PUSH_BATCH);
      if (!batch.length) return sent;
      const res = await api.push({ protocol: 1, schemaVersion: this.schemaVersion, mutations: batch.map(toMutation) });
      this.acknowledge(batch, res);
      sent += batch.length;
      if (res.lastMutationId < batch[batch.length - 1]!.seq) return sent; // the cloud took part of it; next round goes on
    }
  }

  /** Compaction, refusals undone, last push time: one transaction. Safe to run twice for one answer. */
  acknowledge(batch: Outbox[], res: PushResponse): void {
    const bySeq = new Map(batch.map((r) => [r.seq, r]));
    const refused = res.results.filter((r) => r.status === 'refused' && bySeq.has(r.id));
    this.db.writes.run({ ...SYNC_CTX, call: 'sync.push', reason: 'the cloud acknowledged' }, (tx) => {
      const compacted = this.db.writes.syncLog.compact(res.lastMutationId);
      for (const r of refused) {
        const m = bySeq.get(r.id)!;
        this.undo(tx, m, r);
        this.store.log('refused', 1, r.reason?.code ?? 'sync.refused', { ...(r.reason?.params ?? {}), table: m.entity, row: m.entityId, mutation: m.seq });
      }
      if (compacted) this.store.log('push', compacted, 'sync.pushed', { refused: refused.length });
      this.store.set('sync.lastPushAt', String(Date.now()));
    });
  }

  /** A refused change is undone here: the row goes back to what the team has. */
  private undo(tx: Parameters<Parameters<Database['writes']['run']>[1]>[0], m: Outbox, r: MutationResult): void {
    const restore = r.restore;
    if (!restore) return;
    const origin = `refused mutation ${m.seq}`;
    const base = { table: m.entity, row: m.entityId, hlc: m.hlc, call: 'sync.refused', actorId: null, actorName: 'sync', origin };
    if (!restore.exists || !restore.values) {
      // The row's own values find it where it is stored under a parent (an order's timeline).
      tx.applyRemote({ ...base, op: 'delete', values: m.valuesJson ? (JSON.parse(m.valuesJson) as Record<string, unknown>) : null });
      return;
    }
    const mine = m.valuesJson ? Object.keys(JSON.parse(m.valuesJson) as object) : Object.keys(restore.values);
    const values = m.op === 'delete' ? restore.values : pick(restore.values, mine);
    tx.applyRemote({ ...base, op: m.op === 'update' ? 'update' : 'insert', values });
  }

  async pull(api: CloudApi, onApplied?: (tables: Set<string>) => void): Promise<number> {
    let applied = 0;
    for (;;) {
      const cursor = Number(this.store.get('sync.cursor') ?? 0);
      const res = await api.pull(cursor, PULL_LIMIT);
      const tables = this.apply(res.changes, cursor, res.cursor);
      applied += res.changes.length;
      if (tables.size) onApplied?.(tables);
      if (!res.more) return applied;
    }
  }

  /** Applies one page of changes and moves the cursor with them; a page already applied is skipped. */
  apply(changes: Change[], from: number, to: number): Set<string> {
    const tables = new Set<string>();
    const names = this.db.sqlite.prepare('SELECT username FROM users WHERE id = ?').pluck();
    this.db.writes.run(SYNC_CTX, (tx) => {
      // A duplicated answer or a second round racing this one: apply only past the stored cursor.
      if (Number(this.store.get('sync.cursor') ?? 0) !== from) return;
      const counts: Partial<Record<RemoteOutcome, number>> = {};
      for (const c of changes) {
        const change: RemoteChange = {
          table: c.table, row: c.row, op: c.op, hlc: c.hlc, values: c.values as Record<string, SqlValue> | null, call: c.call,
          actorId: c.actor, actorName: c.actor ? ((names.get(c.actor) as string | undefined) ?? null) : 'system', origin: `${c.device} #${c.mutationId}`,
        };
        const outcome = carriesStatus(change) ? applyRemoteStatus(tx, change) : tx.applyRemote(change);
        counts[outcome] = (counts[outcome] ?? 0) + 1;
        if (outcome === 'applied') tables.add(c.table);
        if (outcome === 'conflict') this.store.log('conflict', 1, 'sync.apply_refused', { table: c.table, row: c.row, seq: c.seq });
      }
      if (counts.unknown) this.store.log('unknown', counts.unknown, 'sync.kept_unknown', null);
      if (changes.length) this.store.log('pull', changes.length, 'sync.pulled', { applied: counts.applied ?? 0, kept: counts['kept-local'] ?? 0 });
      this.store.set('sync.cursor', String(to));
      this.store.set('sync.lastPullAt', String(Date.now()));
    });
    return tables;
  }
}

function toMutation(r: Outbox): Mutation {
  return {
    id: r.seq, table: r.entity, row: r.entityId, op: r.op, hlc: r.hlc,
    values: r.valuesJson ? (JSON.parse(r.valuesJson) as Record<string, SqlValue>) : null, call: r.call, actor: r.actorId,
  };
}

function pick<T>(o: Record<string, T>, keys: string[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of keys) if (k in o) out[k] = o[k]!;
  return out;
}
