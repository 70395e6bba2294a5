import { MAX_CLOCK_SKEW_MS, type Mutation, type MutationResult, type PushRequest, type PushResponse, type SqlValue, type SyncReason } from '../src-shared/sync/protocol';
import { checkMutation, TABLE_WRITERS, type WorkspaceUser } from '../src-shared/sync/permissions';
import type { Role } from '../src-shared/roles';
import { CloudError } from './errors';
import type { Sql, Store } from './db/store';

export interface DeviceAuth {
  workspaceId: string;
  deviceId: string;
}

interface RowState {
  data: Record<string, SqlValue>;
  /** Field → the stamp its value carries; '' holds the stamp of every field not listed (the insert's). */
  stamps: Record<string, string>;
  deleted: boolean;
  exists: boolean;
  touched: boolean;
  seq: number;
  /** Inserted in this batch and not changed after: its values live in that mutation's effect only. */
  insertSeq?: number | undefined;
}

/** The call the first PC of a workspace uploads its replica with. */
export const SNAPSHOT_CALL = 'sync.snapshot';
export const POKE_CHANNEL = 'orderhub_poke';

/**
 * Applies a batch of one device's mutations, exactly once (Replicache's push contract): in one
 * transaction the device row is locked, mutations it already sent are skipped, new ones must
 * follow its last id without a gap, each is checked against the user's current role, merged
 * field by field (the newer clock stamp wins; a tombstone is final), given the workspace's next
 * global sequence number and logged; the device's last mutation id is stored with the effects.
 */
export async function push(store: Store, device: DeviceAuth, req: PushRequest, now = Date.now()): Promise<PushResponse> {
  return store.tenant(device.workspaceId, async (q) => {
    // Lock the device (one push of it at a time) and the workspace (its global order) together.
    const dev = (await q.query<{ last: string; first: boolean; seq: string }>(
      `SELECT d.last_mutation_id AS last, d.first, w.last_seq AS seq FROM devices d JOIN workspaces w ON w.id = d.workspace_id
       WHERE d.id = $1 FOR UPDATE`, [device.deviceId])).rows[0];
    if (!dev) throw new CloudError(401, 'sync.unknown_device', 'this PC is not enrolled in the workspace');
    let last = Number(dev.last);
    const sorted = [...req.mutations].sort((a, b) => a.id - b.id);
    const fresh = sorted.filter((m) => m.id > last);
    const results = new Map<number, MutationResult>();
    if (fresh.length) {
      fresh.forEach((m, i) => {
        if (m.id !== last + 1 + i) {
          throw new CloudError(409, 'sync.gap', `mutation ${m.id} does not follow ${last + i} (the PC's log has a gap)`);
        }
      });
      let seq = Number(dev.seq);
      const rows = await loadRows(q, fresh);
      const users = fresh.some((m) => m.actor) ? await loadUsers(q, fresh) : new Map<string, WorkspaceUser>();
      const logged: unknown[] = [];
      for (const m of fresh) {
        seq += 1;
        const key = `${m.table}\u0000${m.row}`;
        const state = rows.get(key) ?? { data: {}, stamps: {}, deleted: false, exists: false, touched: false, seq };
        rows.set(key, state);
        const verdict = m.call === SNAPSHOT_CALL ? snapshotAllowed(m, dev.first) : checkMutation(m, m.actor ? users.get(m.actor) ?? null : null);
        let status: 'applied' | 'superseded' | 'refused';
        let effect: Record<string, SqlValue> | null = null;
        let reason: SyncReason | null = null;
        if (!verdict.ok) {
          status = 'refused';
          reason = verdict.reason;
          results.set(m.id, { id: m.id, status: 'refused', reason, restore: restoreOf(state) });
        } else {
          const merged = merge(state, m, boundStamp(m.hlc, now), seq);
          if (merged === 'row_missing') {
            status = 'refused';
            reason = { code: 'sync.row_missing', params: { table: m.table, row: m.row } };
            results.set(m.id, { id: m.id, status: 'refused', reason, restore: restoreOf(state) });
          } else {
            status = merged === null ? 'superseded' : 'applied';
            effect = merged === 'tombstone' ? null : merged;
            if (merged !== null) state.seq = seq;
            results.set(m.id, { id: m.id, status: 'applied' });
            if (m.table === 'users' && status === 'applied') noteUser(users, m.row, state);
          }
        }
        logged.push({
          seq, device_id: device.deviceId, mutation_id: m.id, tbl: m.table, row_id: m.row, op: m.op, hlc: m.hlc, call: m.call,
          actor: m.actor, status, effect, reason, received_at: now,
        });
      }
      await q.query(
        `INSERT INTO mutations (workspace_id, seq, device_id, mutation_id, tbl, row_id, op, hlc, call, actor, status, effect, reason, received_at)
         SELECT $1::uuid, x.seq, x.device_id, x.mutation_id, x.tbl, x.row_id, x.op, x.hlc, x.call, x.actor, x.status, x.effect, x.reason, x.received_at
         FROM json_to_recordset($2::json) AS x(seq bigint, device_id text, mutation_id bigint, tbl text, row_id text, op text, hlc text,
           call text, actor text, status text, effect json, reason json, received_at bigint)`,
        [device.workspaceId, JSON.stringify(logged)],
      );
      const changed = [...rows.entries()].filter(([, s]) => s.touched).map(([k, s]) => {
        const [tbl, row_id] = k.split('\u0000');
        return { tbl, row_id, data: s.insertSeq ? null : s.data, data_seq: s.insertSeq ?? null, stamps: s.stamps, deleted: s.deleted, seq: s.seq };
      });
      if (changed.length) {
        await q.query(
          `INSERT INTO rows (workspace_id, tbl, row_id, data, data_seq, stamps, deleted, seq)
           SELECT $1::uuid, x.tbl, x.row_id, x.data, x.data_seq, x.stamps, x.deleted, x.seq
           FROM json_to_recordset($2::json) AS x(tbl text, row_id text, data json, data_seq bigint, stamps json, deleted boolean, seq bigint)
           ON CONFLICT (workspace_id, tbl, row_id) DO UPDATE
             SET data = excluded.data, data_seq = excluded.data_seq, stamps = excluded.stamps, deleted = excluded.deleted, seq = excluded.seq`,
          [device.workspaceId, JSON.stringify(changed)],
        );
      }
      last = fresh[fresh.length - 1]!.id;
      // The device's last mutation id moves in the same transaction as the effects (exactly once);
      // the poke is delivered when it commits, to every instance listening.
      await q.query(
        `WITH d AS (UPDATE devices SET last_mutation_id = $2, last_seen_at = $3, schema_version = $4 WHERE id = $1),
              w AS (UPDATE workspaces SET last_seq = $6 WHERE id = $5)
         SELECT pg_notify($7, $8)`,
        [device.deviceId, last, now, req.schemaVersion, device.workspaceId, seq, POKE_CHANNEL, `${device.workspaceId}:${seq}`],
      );
    }
    const retried = sorted.filter((m) => !results.has(m.id)).map((m) => m.id);
    if (retried.length) for (const r of await earlierResults(q, device.deviceId, retried)) results.set(r.id, r);
    return { protocol: 1, lastMutationId: last, results: sorted.map((m) => results.get(m.id)!).filter(Boolean) };
  });
}

/** Field-level last writer wins. Returns the fields that won, 'tombstone', null (nothing won) or 'row_missing'. */
function merge(state: RowState, m: Mutation, hlc: string, seq: number): Record<string, SqlValue> | 'tombstone' | 'row_missing' | null {
  if (state.deleted) return null; // a tombstone is final
  state.insertSeq = undefined;
  if (m.op === 'delete') {
    state.deleted = true;
    state.touched = true;
    state.stamps['*deleted'] = hlc;
    return 'tombstone';
  }
  if (!state.exists && m.op === 'update') return 'row_missing';
  if (!state.exists) {
    // A new row: one stamp for all its fields.
    state.data = { ...(m.values ?? {}) };
    state.stamps = { '': hlc };
    state.insertSeq = m.table === 'users' ? undefined : seq; // users are looked up by name: always stored whole
    state.exists = true;
    state.touched = true;
    return m.values ?? {}; // never mutated; state.data may change later in this batch
  }
  const won: Record<string, SqlValue> = {};
  for (const [f, v] of Object.entries(m.values ?? {})) {
    const had = state.stamps[f] ?? state.stamps[''];
    if (had === undefined || hlc > had) {
      state.data[f] = v;
      state.stamps[f] = hlc;
      won[f] = v;
    }
  }
  if (!Object.keys(won).length) return null;
  state.exists = true;
  state.touched = true;
  return won;
}

/** A stamp from a PC whose clock runs ahead counts as if it were at the skew bound. */
function boundStamp(hlc: string, now: number): string {
  const wall = Number(hlc.slice(0, 15));
  const max = now + MAX_CLOCK_SKEW_MS;
  return wall > max ? String(max).padStart(15, '0') + hlc.slice(15) : hlc;
}

function snapshotAllowed(m: Mutation, first: boolean): { ok: true } | { ok: false; reason: SyncReason } {
  if (!first) return { ok: false, reason: { code: 'sync.snapshot_not_first', params: {} } };
  if (!TABLE_WRITERS[m.table]) return { ok: false, reason: { code: 'sync.unknown_table', params: { table: m.table } } };
  return { ok: true };
}

function restoreOf(state: RowState): MutationResult['restore'] {
  return state.exists && !state.deleted ? { exists: true, values: { ...state.data } } : { exists: false, values: null };
}

async function loadRows(q: Sql, ms: Mutation[]): Promise<Map<string, RowState>> {
  const keys = [...new Set(ms.map((m) => `${m.table}\u0000${m.row}`))].map((k) => k.split('\u0000'));
  const res = await q.query<{ tbl: string; row_id: string; data: Record<string, SqlValue>; stamps: Record<string, string>; deleted: boolean; seq: string }>(
    `SELECT r.tbl, r.row_id, r.data, r.stamps, r.deleted, r.seq FROM current_rows r
     JOIN unnest($1::text[], $2::text[]) AS k(tbl, row_id) ON r.tbl = k.tbl AND r.row_id = k.row_id`,
    [keys.map((k) => k[0]), keys.map((k) => k[1])],
  );
  return new Map(res.rows.map((r) => [`${r.tbl}\u0000${r.row_id}`, { data: r.data, stamps: r.stamps, deleted: r.deleted, exists: true, touched: false, seq: Number(r.seq) }]));
}

/** Each actor's role as the workspace has it now (its users rows), not as the PC remembers it. */
async function loadUsers(q: Sql, ms: Mutation[]): Promise<Map<string, WorkspaceUser>> {
  const ids = [...new Set(ms.map((m) => m.actor).filter((a): a is string => !!a))];
  const res = await q.query<{ row_id: string; data: Record<string, SqlValue>; deleted: boolean }>(
    `SELECT row_id, data, deleted FROM rows WHERE tbl = 'users' AND row_id = ANY($1::text[])`,
    [ids],
  );
  const out = new Map<string, WorkspaceUser>();
  for (const r of res.rows) if (!r.deleted) out.set(r.row_id, userOf(r.row_id, r.data));
  return out;
}

function noteUser(users: Map<string, WorkspaceUser>, id: string, state: RowState): void {
  if (state.exists && !state.deleted) users.set(id, userOf(id, state.data));
}

function userOf(id: string, data: Record<string, SqlValue>): WorkspaceUser {
  return { id, role: String(data.role) as Role, disabled: data.disabled === 1 || data.disabled === true };
}

async function earlierResults(q: Sql, deviceId: string, ids: number[]): Promise<MutationResult[]> {
  const res = await q.query<{ mutation_id: string; status: string; reason: SyncReason | null; tbl: string; row_id: string; data: Record<string, SqlValue> | null; deleted: boolean | null }>(
    `SELECT m.mutation_id, m.status, m.reason, m.tbl, m.row_id, r.data, r.deleted FROM mutations m
     LEFT JOIN current_rows r ON r.workspace_id = m.workspace_id AND r.tbl = m.tbl AND r.row_id = m.row_id
     WHERE m.device_id = $1 AND m.mutation_id = ANY($2::bigint[])`,
    [deviceId, ids],
  );
  return res.rows.map((r) =>
    r.status === 'refused'
      ? { id: Number(r.mutation_id), status: 'refused', reason: r.reason!, restore: r.data && !r.deleted ? { exists: true, values: r.data } : { exists: false, values: null } }
      : { id: Number(r.mutation_id), status: 'applied' },
  );
}
