import { z } from 'zod';
import { ERP_MAPPING_KINDS, ERP_PRESETS, type ErpMappingKind, type ErpPreset, type ErpReason } from '../erp';
import { call } from './define';
import { bilingual } from './bilingual';

/** A job lane: each runs one job at a time per connection and keeps its own health. */
export const ERP_LANES = ['skus', 'warehouses', 'stock', 'orders', 'locks'] as const;
export type ErpLane = (typeof ERP_LANES)[number];

export interface ErpSchedule {
  enabled: boolean;
  /** Cron (workspace zone) of the nightly full pull: SKUs, warehouses, full stock snapshot. */
  nightly: string;
  /** Stock deltas: re-read stock and write only what changed, every N minutes. */
  deltaMinutes: number;
  /** How often pending orders and reservation changes are pushed (≤ 60 s after 待发货). */
  pushSeconds: number;
}

export interface ErpLaneHealth {
  lane: ErpLane;
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  /** Set from the first failure until the next success (the risk board reads this). */
  failingSince: number | null;
  failures: number;
  lastError: ErpReason | null;
  /** Work waiting: orders or lock rows not yet in the ERP. */
  backlog: number;
  nextAttemptAt: number | null;
  lastCounts: Record<string, number> | null;
}

export interface ErpJobView {
  id: string;
  lane: ErpLane;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  trigger: 'manual' | 'schedule';
  done: number;
  total: number | null;
  counts: Record<string, number>;
  error: ErpReason | null;
  startedAt: number;
  finishedAt: number | null;
}

export interface ErpConnectionView {
  id: string;
  name: string;
  preset: ErpPreset;
  readOnly: boolean;
  schedule: ErpSchedule;
  /** This PC's way in (local, never synced): DSN or a connection string with the password removed. */
  dsn: string | null;
  connectionString: string | null;
  user: string | null;
  passwordSet: boolean;
  /** False on a PC that has the shared connection but no DSN of its own yet. */
  configuredHere: boolean;
  mappings: ErpMappingKind[];
  health: ErpLaneHealth[];
  running: ErpJobView[];
}

export interface ErpTestResult {
  ok: boolean;
  driver: string | null;
  dbms: string | null;
  dbmsVersion: string | null;
  /** Chinese and a quote sent as a bound parameter came back unchanged. */
  textRoundTrip: boolean | null;
  error: ErpReason | null;
  ms: number;
}

export interface ErpPreviewRow {
  /** The ERP's row as read (pull) or the row the hub would write (push). */
  raw: Record<string, string | number | null>;
  /** Our fields after mapping. */
  values: Record<string, string | number | null>;
  reason: ErpReason | null;
}

export interface ErpPreview {
  columns: string[];
  rows: ErpPreviewRow[];
  /** Push kinds: the target tables and columns exist (checked by a zero-row SELECT). */
  targetsChecked: string[];
}

export interface ErpPullCounts {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  zeroed: number;
}

export interface ErpPushCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  cancelled: number;
  /** Already in the ERP with the same content (a retry after a crash, or another PC). */
  alreadyThere: number;
  rejected: number;
  failed: number;
  locksWritten: number;
  locksReleased: number;
}

export type ErpDifferenceKind =
  | 'reserved_over_on_hand' // ours reserved > ERP on hand
  | 'lock_mismatch' // ours reserved ≠ ERP active locks
  | 'shipped_not_out' // shipped here, no ERP outbound
  | 'out_qty_mismatch' // shipped here, ERP outbound qty differs
  | 'out_not_shipped'; // ERP outbound for an order not shipped here

export interface ErpDifference {
  kind: ErpDifferenceKind;
  skuCode: string | null;
  warehouseCode: string | null;
  orderId: string | null;
  extOrderNo: string | null;
  ours: number | null;
  erp: number | null;
}

export interface ErpRejectView {
  id: number;
  lane: ErpLane;
  rowKey: string | null;
  /** What a person recognises: the platform order no. for an order, else the row key. */
  rowLabel: string | null;
  field: string | null;
  value: string | null;
  reason: ErpReason;
  raw: string;
  at: number;
}

const id = z.object({ id: z.string().min(1).max(64) });
const connectionId = z.object({ connectionId: z.string().min(1).max(64) });
const schedule = z.object({
  enabled: z.boolean(),
  nightly: z.string().trim().min(9).max(100),
  deltaMinutes: z.number().int().min(1).max(1440),
  pushSeconds: z.number().int().min(2).max(60),
});
const access = z.object({
  dsn: z.string().trim().max(200).optional(),
  connectionString: z.string().trim().max(2000).optional(),
  user: z.string().trim().max(200).optional(),
  /** Write-only: '' or absent keeps the stored one. */
  password: z.string().max(500).optional(),
});
const oneWayIn = (v: { dsn?: string | undefined; connectionString?: string | undefined }) => Boolean(v.dsn) !== Boolean(v.connectionString);
const mappingInput = connectionId.extend({ kind: z.enum(ERP_MAPPING_KINDS), mapping: z.record(z.string(), z.unknown()) });

export const erpCalls = {
  'erp.presets': call<{ preset: ErpPreset; name: string; mappings: Partial<Record<ErpMappingKind, unknown>>; unconfirmed: { zh: string; en: string }[]; stagingDdl: string }[]>()({
    input: z.object({}),
    access: 'erp.view',
    summary: 'Built-in mappings for Kingdee K3 WISE and Yonyou U8, with the columns that are not confirmed and the staging-table DDL for IT.',
  }),
  'erp.connections.list': call<ErpConnectionView[]>()({
    input: z.object({}),
    access: 'erp.view',
    summary: 'ERP connections with health per lane and running jobs; passwords never leave the main process.',
  }),
  'erp.connections.create': call<ErpConnectionView>()({
    input: access.extend({
      name: z.string().trim().min(1).max(100),
      preset: z.enum(ERP_PRESETS).default('custom'),
      readOnly: z.boolean().default(false),
    }).refine(oneWayIn, { message: bilingual('请填写数据源名称（DSN）或连接字符串（二选一）', 'give a DSN or a connection string (one of them)'), path: ['dsn'] }),
    access: 'erp.manage',
    summary: 'Add an ERP connection by DSN or connection string; the password is sealed and write-only. A preset fills its mappings.',
  }),
  'erp.connections.update': call<ErpConnectionView>()({
    input: id.extend(access.shape).extend({
      name: z.string().trim().min(1).max(100).optional(),
      readOnly: z.boolean().optional(),
      schedule: schedule.optional(),
    }),
    access: 'erp.manage',
    summary: 'Change a connection; a password left empty keeps the stored one.',
  }),
  'erp.connections.remove': call<{ removed: boolean }>()({
    input: id,
    access: 'erp.manage',
    summary: 'Remove a connection and its mappings (the ERP is not touched).',
  }),
  'erp.connections.test': call<ErpTestResult>()({
    input: id,
    access: 'erp.manage',
    summary: 'Connect once: driver, DBMS name and version, and a Chinese text round trip.',
  }),
  'erp.mappings.get': call<{ kind: ErpMappingKind; mapping: unknown; updatedAt: number }[]>()({
    input: connectionId,
    access: 'erp.view',
    summary: 'The saved mappings of a connection.',
  }),
  'erp.mappings.save': call<{ kind: ErpMappingKind; mapping: unknown; updatedAt: number }>()({
    input: mappingInput,
    access: 'erp.manage',
    summary: 'Save a mapping (a parameterised SQL statement or a table/column mapping) for one kind.',
  }),
  'erp.mappings.preview': call<ErpPreview>()({
    input: mappingInput,
    access: 'erp.manage',
    summary: 'Run a mapping on real rows without saving: up to 20 ERP rows (pull) or the rows the hub would write (push).',
  }),
  'erp.pullNow': call<ErpPullCounts>()({
    input: connectionId.extend({ what: z.enum(['skus', 'warehouses', 'stock']), full: z.boolean().default(true) }),
    access: 'erp.manage',
    summary: 'Pull the SKU master, warehouses or a stock snapshot now; returns the counts when the job ends.',
  }),
  'erp.pushNow': call<ErpPushCounts>()({
    input: connectionId,
    access: 'erp.manage',
    summary: 'Push orders at 待发货 (new, changed, cancelled) and stock locks now; returns the counts.',
  }),
  'erp.cancel': call<{ cancelled: number }>()({
    input: connectionId,
    access: 'erp.manage',
    summary: 'Stop the running jobs of a connection after their current batch.',
  }),
  'erp.reconcile': call<{ differences: ErpDifference[]; checkedAt: number; snapshotAt: number | null }>()({
    input: connectionId,
    access: 'erp.view',
    summary: 'Our reservations vs ERP on hand and locks; our shipped orders vs ERP sales outbound.',
  }),
  'erp.unknownSkus': call<{ codes: { code: string; title: string | null; openLines: number }[]; erpItems: number }>()({
    input: connectionId,
    access: 'erp.view',
    summary: 'SKUs we sell that the ERP item master does not have (after a SKU pull).',
  }),
  'erp.rejects': call<ErpRejectView[]>()({
    input: connectionId.extend({ limit: z.number().int().min(1).max(1000).default(200) }),
    access: 'erp.view',
    summary: 'Rows that could not be used or written, kept with the reason; the others went through.',
  }),
} as const;

export type { ErpMappingKind, ErpPreset, ErpReason } from '../erp';
