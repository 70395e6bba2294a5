import { z } from 'zod';

/**
 * The sync wire format between a desktop and the cloud (JSON over HTTP, versioned). A mutation
 * is one change to one row, as the desktop's sync log (outbox) holds it: the changed columns'
 * values and the hybrid-logical-clock stamp every one of them carries. Replicache's contract:
 * mutation ids are per device and consecutive; the cloud stores the last one it applied in the
 * same transaction as the effects, so a retried push never applies anything twice.
 */
export const SYNC_PROTOCOL = 1;

/** `wwwwwwwwwwwwwww-ccccc-node`: sorts as text in causal order. */
export const HLC_PATTERN = /^\d{15}-\d{5}-[A-Za-z0-9_-]{1,40}$/;

/**
 * The bound on clock skew: a stamp more than this far ahead of the receiver's clock counts as if
 * it were at the bound, so a PC with a wrong clock cannot win every conflict for hours.
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export const SYNC_OPS = ['insert', 'update', 'delete'] as const;
export type SyncOp = (typeof SYNC_OPS)[number];

export type SqlValue = string | number | boolean | null;

const COLUMN = /^[a-z_][a-z0-9_]{0,62}$/;

/** Column → SQL value, checked in one loop (a push carries tens of thousands of them; per-value schemas cost more than the write). */
const sqlValues = z.custom<Record<string, SqlValue>>((v) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  for (const k in v) {
    if (!COLUMN.test(k)) return false;
    const x = (v as Record<string, unknown>)[k];
    if (x !== null && typeof x !== 'number' && typeof x !== 'boolean' && (typeof x !== 'string' || x.length > 1_000_000)) return false;
  }
  return true;
}, 'values must map column names to text, numbers, booleans or null');

export const mutationSchema = z.object({
  id: z.number().int().positive(),
  table: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/),
  row: z.string().min(1).max(200),
  op: z.enum(SYNC_OPS),
  hlc: z.string().regex(HLC_PATTERN),
  /** SQL column name → value; null for a delete (a tombstone). */
  values: sqlValues.nullable(),
  /** The call that made it, from the shared contract, or a system call of the PC itself. */
  call: z.string().min(1).max(80),
  /** The signed-in user who made it; null for the PC's own work (polling, scheduled imports). */
  actor: z.string().max(64).nullable(),
});
export type Mutation = z.infer<typeof mutationSchema>;

export const MAX_PUSH_BATCH = 2000;

export const pushRequestSchema = z.object({
  protocol: z.literal(SYNC_PROTOCOL),
  /** How many migrations the desktop's replica has: an older PC still syncs. */
  schemaVersion: z.number().int().min(0),
  mutations: z.array(mutationSchema).max(MAX_PUSH_BATCH),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** A reason as data (house invariant 12): a code and its parameters; words are applied when shown. */
export interface SyncReason {
  code: string;
  params: Record<string, string | number | null>;
}

/**
 * applied: it is in the workspace (fields an older stamp lost may have been dropped);
 * refused: the role may not make it, or it is malformed; nothing of it was applied.
 */
export interface MutationResult {
  id: number;
  status: 'applied' | 'refused';
  reason?: SyncReason;
  /** For a refused mutation: the row as the workspace has it, so the PC can undo its local change. */
  restore?: { exists: boolean; values: Record<string, SqlValue> | null };
}

export interface PushResponse {
  protocol: typeof SYNC_PROTOCOL;
  /** The last mutation id of this device the cloud has applied or refused. */
  lastMutationId: number;
  results: MutationResult[];
}

/** A change in the workspace's global order: what a mutation did (the fields it won). */
export interface Change {
  seq: number;
  table: string;
  row: string;
  op: SyncOp;
  hlc: string;
  values: Record<string, SqlValue> | null;
  call: string;
  actor: string | null;
  device: string;
  mutationId: number;
}

export interface PullResponse {
  protocol: typeof SYNC_PROTOCOL;
  changes: Change[];
  /** Pass it back as `cursor` next time. */
  cursor: number;
  /** More changes are waiting past this page. */
  more: boolean;
  lastMutationId: number;
}

export const enrollRequestSchema = z.object({
  protocol: z.literal(SYNC_PROTOCOL),
  code: z.string().trim().min(6).max(64),
  name: z.string().trim().min(1).max(80),
  /** This PC's clock node id: its stamps and its poller assignments name it. */
  deviceId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  /** The mutation id this PC's log will use next minus one (its log's position at enrolment). */
  lastMutationId: z.number().int().min(0),
  schemaVersion: z.number().int().min(0),
});
export type EnrollRequest = z.infer<typeof enrollRequestSchema>;

export interface EnrollResponse {
  protocol: typeof SYNC_PROTOCOL;
  deviceId: string;
  /** The device's secret: sent as `Authorization: Bearer …`; stored sealed on the PC. */
  token: string;
  workspaceId: string;
  workspaceName: string;
  /** The first PC of a new workspace uploads its replica; later PCs take the workspace's. */
  first: boolean;
}

export const enrollCodeRequestSchema = z.object({
  protocol: z.literal(SYNC_PROTOCOL),
  /** The signed-in owner asking for the code (checked against the workspace's users). */
  actor: z.string().min(1).max(64),
});

export interface EnrollCodeResponse {
  code: string;
  expiresAt: number;
}

export const loginRequestSchema = z.object({
  protocol: z.literal(SYNC_PROTOCOL),
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export interface LoginResponse {
  userId: string;
  username: string;
  role: string;
}

export interface SyncErrorBody {
  error: { code: string; message: string; field?: string };
}
