import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { IMPORT_JOB_STATES, IMPORT_KINDS } from '../../../src-shared/contract/imports';
import { warehouses } from './catalog';

/** Local: one spreadsheet import, its progress and result. */
export const importJobs = sqliteTable(
  'import_jobs',
  {
    id: text('id').primaryKey(),
    state: text('state', { enum: IMPORT_JOB_STATES }).notNull(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    kind: text('kind', { enum: IMPORT_KINDS }),
    templateId: text('template_id'),
    templateName: text('template_name'),
    channelId: text('channel_id'),
    allOrNothing: integer('all_or_nothing', { mode: 'boolean' }).notNull().default(false),
    sourceId: text('source_id'),
    /** The file's header row as written, for the reject report. */
    headersJson: text('headers_json'),
    rowsTotal: integer('rows_total').notNull().default(0),
    rowsImported: integer('rows_imported').notNull().default(0),
    rowsUpdated: integer('rows_updated').notNull().default(0),
    rowsUnchanged: integer('rows_unchanged').notNull().default(0),
    rowsRejected: integer('rows_rejected').notNull().default(0),
    progress: real('progress').notNull().default(0),
    messageZh: text('message_zh'),
    messageEn: text('message_en'),
    createdAt: integer('created_at').notNull(),
    finishedAt: integer('finished_at'),
    createdBy: text('created_by'),
    createdByName: text('created_by_name'),
  },
  (t) => [index('import_jobs_created_idx').on(t.createdAt), index('import_jobs_source_idx').on(t.sourceId, t.createdAt)],
);

/** Local: rejected rows kept verbatim with the reason (house-plan invariant 6). */
export const importRejects = sqliteTable(
  'import_rejects',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    jobId: text('job_id').notNull(),
    rowNo: integer('row_no').notNull(),
    field: text('field'),
    value: text('value'),
    reasonZh: text('reason_zh').notNull(),
    reasonEn: text('reason_en').notNull(),
    cellsJson: text('cells_json').notNull(),
  },
  (t) => [index('import_rejects_job_idx').on(t.jobId, t.rowNo)],
);

/** Synced: saved column mappings, recognised by their header set. */
export const importTemplates = sqliteTable('import_templates', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
  channelKind: text('channel_kind'),
  headersJson: text('headers_json').notNull(),
  mappingJson: text('mapping_json').notNull(),
  defaultsJson: text('defaults_json').notNull().default('{}'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Local: a watched folder belongs to this PC (its path means nothing on another one). */
export const importSources = sqliteTable('import_sources', {
  id: text('id').primaryKey(),
  folder: text('folder').notNull(),
  schedule: text('schedule').notNull(),
  templateId: text('template_id'),
  channelId: text('channel_id'),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  lastRunAt: integer('last_run_at'),
  createdBy: text('created_by'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Local: each file content a source has imported, by SHA-256, so a file is imported once. */
export const importSourceFiles = sqliteTable(
  'import_source_files',
  {
    sourceId: text('source_id').notNull(),
    sha256: text('sha256').notNull(),
    path: text('path').notNull(),
    jobId: text('job_id').notNull(),
    seenAt: integer('seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.sha256] })],
);

/** Local: lines from a Taobao 宝贝报表, kept by order so the 订单报表 can pick them up in either order. */
export const importOrderItems = sqliteTable(
  'import_order_items',
  {
    channelId: text('channel_id').notNull(),
    platformOrderId: text('platform_order_id').notNull(),
    linesJson: text('lines_json').notNull(),
    jobId: text('job_id').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.platformOrderId] })],
);

/** Synced: on-hand stock per SKU and warehouse at a time (what reservations build on without an ERP link). */
export const stockSnapshots = sqliteTable(
  'stock_snapshots',
  {
    id: text('id').primaryKey(),
    skuCode: text('sku_code').notNull(),
    warehouseId: text('warehouse_id').notNull().references(() => warehouses.id),
    onHand: integer('on_hand').notNull(),
    at: integer('at').notNull(),
    source: text('source').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('stock_snapshots_key_idx').on(t.skuCode, t.warehouseId, t.at),
    index('stock_snapshots_wh_idx').on(t.warehouseId, t.skuCode, t.at),
  ],
);
