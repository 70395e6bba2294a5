import { randomUUID } from 'node:crypto';
import type { Change, EnrollCodeResponse, EnrollRequest, EnrollResponse, LoginResponse, PullResponse, SqlValue, SyncOp } from '../src-shared/sync/protocol';
import { CloudError } from './errors';
import type { Store } from './db/store';
import type { DeviceAuth } from './push';
import { newCode, newToken, normaliseCode, sha256, verifyPassword } from './tokens';

const CODE_TTL_MS = 7 * 86_400_000;
export const MAX_PULL = 2000;

/** Creates a workspace (a merchant) and the one-time code its first PC enrols with. */
export async function createWorkspace(store: Store, name: string, now = Date.now()): Promise<{ workspaceId: string; code: string; expiresAt: number }> {
  const workspaceId = randomUUID();
  const code = newCode();
  await store.tx(async (q) => {
    await q.query('INSERT INTO workspaces (id, name, created_at) VALUES ($1, $2, $3)', [workspaceId, name, now]);
    await q.query('INSERT INTO enroll_codes (code_hash, workspace_id, first, created_by, created_at, expires_at) VALUES ($1, $2, true, $3, $4, $5)', [
      sha256(normaliseCode(code)), workspaceId, 'cli', now, now + CODE_TTL_MS,
    ]);
  });
  return { workspaceId, code, expiresAt: now + CODE_TTL_MS };
}

/** The device behind a bearer token, or a 401. */
export async function authDevice(store: Store, token: string | null, now = Date.now()): Promise<DeviceAuth> {
  if (!token) throw new CloudError(401, 'sync.no_token', 'missing device token');
  const r = (await store.query<{ workspace_id: string; id: string }>('SELECT workspace_id, id FROM devices WHERE token_hash = $1 AND revoked_at IS NULL', [sha256(token)])).rows[0];
  if (!r) throw new CloudError(401, 'sync.bad_token', 'unknown or revoked device token');
  void now;
  return { workspaceId: r.workspace_id, deviceId: r.id };
}

/** Redeems a one-time code: the PC becomes a device of the code's workspace and gets its token. */
export async function enroll(store: Store, req: EnrollRequest, now = Date.now()): Promise<EnrollResponse> {
  const token = newToken();
  return store.tx(async (q) => {
    const code = (await q.query<{ workspace_id: string; first: boolean; used_at: string | null; expires_at: string }>(
      'SELECT workspace_id, first, used_at, expires_at FROM enroll_codes WHERE code_hash = $1 FOR UPDATE', [sha256(normaliseCode(req.code))],
    )).rows[0];
    if (!code || code.used_at !== null || Number(code.expires_at) < now) {
      throw new CloudError(403, 'sync.bad_code', 'this enrolment code is unknown, used or expired', 'code');
    }
    const taken = (await q.query('SELECT 1 FROM devices WHERE workspace_id = $1 AND id = $2', [code.workspace_id, req.deviceId])).rows.length;
    if (taken) throw new CloudError(409, 'sync.device_exists', 'this PC is already enrolled in the workspace', 'deviceId');
    const hasDevices = (await q.query('SELECT 1 FROM devices WHERE workspace_id = $1 LIMIT 1', [code.workspace_id])).rows.length > 0;
    const first = code.first && !hasDevices;
    await q.query(
      `INSERT INTO devices (workspace_id, id, name, token_hash, first, last_mutation_id, schema_version, enrolled_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
      [code.workspace_id, req.deviceId, req.name, sha256(token), first, req.lastMutationId, req.schemaVersion, now],
    );
    await q.query('UPDATE enroll_codes SET used_at = $2, used_by = $3 WHERE code_hash = $1', [sha256(normaliseCode(req.code)), now, req.deviceId]);
    const ws = (await q.query<{ name: string }>('SELECT name FROM workspaces WHERE id = $1', [code.workspace_id])).rows[0]!;
    return { protocol: 1, deviceId: req.deviceId, token, workspaceId: code.workspace_id, workspaceName: ws.name, first };
  });
}

/** An owner (as the workspace knows them) asks for a code to enrol another PC. */
export async function createEnrollCode(store: Store, device: DeviceAuth, actor: string, now = Date.now()): Promise<EnrollCodeResponse> {
  const code = newCode();
  await store.tenant(device.workspaceId, async (q) => {
    const u = (await q.query<{ data: Record<string, SqlValue>; deleted: boolean }>(`SELECT data, deleted FROM rows WHERE tbl = 'users' AND row_id = $1`, [actor])).rows[0];
    if (!u || u.deleted || u.data.role !== 'owner' || u.data.disabled === 1) {
      throw new CloudError(403, 'sync.owner_only', 'only the owner may enrol another PC', 'actor');
    }
    await q.query('INSERT INTO enroll_codes (code_hash, workspace_id, first, created_by, created_at, expires_at) VALUES ($1, $2, false, $3, $4, $5)', [
      sha256(normaliseCode(code)), device.workspaceId, actor, now, now + CODE_TTL_MS,
    ]);
  });
  return { code, expiresAt: now + CODE_TTL_MS };
}

/** People sign in with their desktop account (the workspace's users rows and their password hashes). */
export async function login(store: Store, device: DeviceAuth, username: string, password: string): Promise<LoginResponse> {
  const u = await store.tenant(device.workspaceId, async (q) =>
    (await q.query<{ row_id: string; data: Record<string, SqlValue> }>(
      `SELECT row_id, data FROM rows WHERE tbl = 'users' AND data->>'username' = $1 AND NOT deleted`, [username],
    )).rows[0],
  );
  const ok = u && !u.data.disabled && (await verifyPassword(password, String(u.data.password_hash ?? '')));
  if (!u || !ok) throw new CloudError(401, 'sync.bad_login', 'wrong username or password', 'password');
  return { userId: u.row_id, username, role: String(u.data.role) };
}

/** Changes after `cursor` in the workspace's global order (only what mutations won). */
export async function pull(store: Store, device: DeviceAuth, cursor: number, limit = MAX_PULL, now = Date.now()): Promise<PullResponse> {
  return store.tenant(device.workspaceId, async (q) => {
    // Read the workspace's last seq first: every seq up to it is committed (pushes take seqs
    // under the workspace row lock), so the cursor can move to it without skipping a change.
    const upTo = await lastSeq(q);
    const res = await q.query<{ seq: string; tbl: string; row_id: string; op: SyncOp; hlc: string; effect: Record<string, SqlValue> | null; call: string; actor: string | null; device_id: string; mutation_id: string }>(
      `SELECT seq, tbl, row_id, op, hlc, effect, call, actor, device_id, mutation_id FROM mutations
       WHERE seq > $1 AND seq <= $3 AND status = 'applied' ORDER BY seq LIMIT $2`,
      [cursor, limit + 1, upTo],
    );
    const more = res.rows.length > limit;
    const changes: Change[] = res.rows.slice(0, limit).map((r) => ({
      seq: Number(r.seq), table: r.tbl, row: r.row_id, op: r.op, hlc: r.hlc, values: r.effect, call: r.call, actor: r.actor,
      device: r.device_id, mutationId: Number(r.mutation_id),
    }));
    const dev = (await q.query<{ last: string }>('UPDATE devices SET last_seen_at = $2 WHERE id = $1 RETURNING last_mutation_id AS last', [device.deviceId, now])).rows[0];
    const next = more ? changes[changes.length - 1]!.seq : Math.max(cursor, upTo);
    return { protocol: 1, changes, cursor: next, more, lastMutationId: Number(dev?.last ?? 0) };
  });
}

/** Refused and superseded mutations have seqs too: the cursor moves past them to the last seq. */
async function lastSeq(q: { query: Store['query'] }): Promise<number> {
  return Number((await q.query<{ s: string }>('SELECT last_seq AS s FROM workspaces')).rows[0]?.s ?? 0);
}

/** The PCs of the workspace (the channels screen picks a shop's poller from them). */
export async function devices(store: Store, device: DeviceAuth): Promise<{ id: string; name: string; lastSeenAt: number | null }[]> {
  return store.tenant(device.workspaceId, async (q) =>
    (await q.query<{ id: string; name: string; last_seen_at: string | null }>('SELECT id, name, last_seen_at FROM devices WHERE revoked_at IS NULL ORDER BY enrolled_at')).rows.map(
      (r) => ({ id: r.id, name: r.name, lastSeenAt: r.last_seen_at === null ? null : Number(r.last_seen_at) }),
    ),
  );
}
