import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The ERP bridge. Shared (synced): what the link is and how it maps. Local to this PC: how this
 * PC reaches the ERP (DSN, connection string, sealed password), and everything operational
 * (health, jobs, rejects, what was pushed). Derived: the ERP item codes last seen.
 */

/** Synced: one ERP account set the hub talks to; its schedule and read-only switch. */
export const erpConnections = sqliteTable('erp_connections', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  preset: text('preset', { enum: ['k3wise', 'u8', 'custom'] }).notNull(),
  readOnly: integer('read_only', { mode: 'boolean' }).notNull().default(false),
  /** ErpSchedule as JSON. */
  scheduleJson: text('schedule_json').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Synced: one mapping per connection and kind (SQL or table/column), JSON. */
export const erpMappings = sqliteTable(
  'erp_mappings',
  {
    id: text('id').primaryKey(),
    connectionId: text('connection_id').notNull(),
    kind: text('kind').notNull(),
    mappingJson: text('mapping_json').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('erp_mappings_kind_idx').on(t.connectionId, t.kind)],
);

/** Local: this PC's way into the ERP. The password is sealed by the SecretBox and never leaves main. */
export const erpConnectionLocal = sqliteTable('erp_connection_local', {
  connectionId: text('connection_id').primaryKey(),
  dsn: text('dsn'),
  /** Without any password (moved into passwordSealed). */
  connectionString: text('connection_string'),
  user: text('user'),
  passwordSealed: text('password_sealed'),
  updatedAt: integer('updated_at').notNull(),
});

/** Local: health per lane (the risk board reads it): last success, failing since, backlog, backoff. */
export const erpHealth = sqliteTable(
  'erp_health',
  {
    connectionId: text('connection_id').notNull(),
    lane: text('lane').notNull(),
    lastSuccessAt: integer('last_success_at'),
    lastAttemptAt: integer('last_attempt_at'),
    failingSince: integer('failing_since'),
    failures: integer('failures').notNull().default(0),
    lastErrorCode: text('last_error_code'),
    lastErrorParams: text('last_error_params'),
    backlog: integer('backlog').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at'),
    lastCountsJson: text('last_counts_json'),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.lane] })],
);

/** Local: each pull or push run, its progress and counts. */
export const erpJobs = sqliteTable(
  'erp_jobs',
  {
    id: text('id').primaryKey(),
    connectionId: text('connection_id').notNull(),
    lane: text('lane').notNull(),
    state: text('state', { enum: ['running', 'done', 'failed', 'cancelled'] }).notNull(),
    trigger: text('trigger', { enum: ['manual', 'schedule'] }).notNull(),
    done: integer('done').notNull().default(0),
    total: integer('total'),
    progress: real('progress').notNull().default(0),
    countsJson: text('counts_json').notNull().default('{}'),
    errorCode: text('error_code'),
    errorParams: text('error_params'),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
  },
  (t) => [index('erp_jobs_conn_idx').on(t.connectionId, t.startedAt)],
);

/** Local: rows that could not be used or written, verbatim, with the reason (code + params). */
export const erpRejects = sqliteTable(
  'erp_rejects',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    connectionId: text('connection_id').notNull(),
    jobId: text('job_id'),
    lane: text('lane').notNull(),
    /** The order id, SKU × warehouse, or item code the row is about. */
    rowKey: text('row_key'),
    field: text('field'),
    value: text('value'),
    reasonCode: text('reason_code').notNull(),
    reasonParams: text('reason_params').notNull().default('{}'),
    rawJson: text('raw_json').notNull(),
    at: integer('at').notNull(),
    resolvedAt: integer('resolved_at'),
  },
  (t) => [index('erp_rejects_open_idx').on(t.connectionId, t.resolvedAt, t.at), index('erp_rejects_key_idx').on(t.connectionId, t.lane, t.rowKey)],
);

/** Local: what this PC knows it pushed (the ERP's unique key stays the truth; this is the fast path). */
export const erpPushes = sqliteTable(
  'erp_pushes',
  {
    connectionId: text('connection_id').notNull(),
    orderId: text('order_id').notNull(),
    extOrderNo: text('ext_order_no').notNull(),
    orderVersion: integer('order_version').notNull(),
    payloadHash: text('payload_hash').notNull(),
    /** pushed | cancelled | rejected (our data: waits for a change) | failed (ERP error: retried with backoff). */
    state: text('state', { enum: ['pushed', 'cancelled', 'rejected', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at'),
    pushedAt: integer('pushed_at'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.orderId] }), index('erp_pushes_state_idx').on(t.connectionId, t.state)],
);

/** Local: stock lock rows as last written into the ERP, one per reserved order line. */
export const erpLocks = sqliteTable(
  'erp_locks',
  {
    connectionId: text('connection_id').notNull(),
    lockKey: text('lock_key').notNull(),
    orderId: text('order_id').notNull(),
    skuCode: text('sku_code').notNull(),
    warehouseCode: text('warehouse_code').notNull(),
    qty: integer('qty').notNull(),
    status: text('status').notNull(),
    pushedAt: integer('pushed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.lockKey] })],
);

/** Derived (rebuilt by every SKU pull): the ERP's item codes, for the unknown-SKU list. */
export const erpItems = sqliteTable(
  'erp_items',
  {
    connectionId: text('connection_id').notNull(),
    code: text('code').notNull(),
    seenAt: integer('seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.code] })],
);

/**
 * Derived: a small local number for each connection and warehouse id that erp_stock_latest names.
 * A count's row then carries two small integers instead of two 36-character ids: ~26 instead of
 * ~109 bytes, which is what a 100 k first snapshot's write costs (~2.5× less to insert and commit).
 * The numbers never leave this PC (the change log and the `stock_counts` view speak ids).
 */
export const erpStockKeys = sqliteTable('erp_stock_keys', {
  n: integer('n').primaryKey(),
  id: text('id').notNull().unique(),
});

/**
 * Derived: the ERP's current count per SKU × warehouse (one row per connection), what the stock
 * readers see through the `stock_counts` view beside spreadsheet and manual counts. Kept from
 * `erp_stock_changes`: written with them on the PC that pulls, applied from them on the others.
 * Keyed SKU first so "this SKU in this warehouse" and "is this SKU counted anywhere" are lookups;
 * connection and warehouse are their `erp_stock_keys` numbers.
 * WITHOUT ROWID (set in migration 0022; drizzle cannot say it): one b-tree per count instead of two,
 * half the cost of writing a 100 k first snapshot. A migration that rebuilds this table must keep it.
 */
export const erpStockLatest = sqliteTable(
  'erp_stock_latest',
  {
    connectionN: integer('connection_n').notNull(),
    warehouseN: integer('warehouse_n').notNull(),
    skuCode: text('sku_code').notNull(),
    onHand: integer('on_hand').notNull(),
    /** When the ERP said so (the pull's start), and the change batch's place in that pull: the newest (at, seq) wins. */
    at: integer('at').notNull(),
    seq: integer('seq').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.skuCode, t.warehouseN, t.connectionN] })],
);

/**
 * Synced: the ERP stock change log, one row per written batch of a pull (up to ~10 k counts): the
 * counts that differ from the ERP's previous word, as compact JSON `[[warehouseId, skuCode, onHand,
 * was], …]` (`onHand` null: the count was withdrawn). One row instead of one per count is what
 * makes a 100 k first snapshot cheap to write and to sync; `counts_hash` (SHA-256 of counts_json)
 * is what the audit chain keeps.
 */
export const erpStockChanges = sqliteTable(
  'erp_stock_changes',
  {
    id: text('id').primaryKey(),
    connectionId: text('connection_id').notNull(),
    /** The pull's start (every batch of one pull shares it) and the batch's order in the pull. */
    at: integer('at').notNull(),
    seq: integer('seq').notNull(),
    kind: text('kind', { enum: ['counts', 'zeroed'] }).notNull(),
    n: integer('n').notNull(),
    countsJson: text('counts_json').notNull(),
    countsHash: text('counts_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('erp_stock_changes_at_idx').on(t.connectionId, t.at, t.seq)],
);

/** Derived: which change batches this PC has applied to erp_stock_latest (those of other PCs arrive by sync). */
export const erpStockApplied = sqliteTable('erp_stock_applied', {
  changeId: text('change_id').primaryKey(),
});
