import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CLOSE_KINDS, DETECTOR_CODES, EXCEPTION_EVENT_KINDS, EXCEPTION_STATES, EXCEPTION_TYPES, SEVERITIES, SUBJECT_KINDS } from '../../../src-shared/exceptions';
import { ROLES } from '../../../src-shared/roles';

/**
 * Synced: one exception (异常) — a detector found its condition true for a subject (an order, a
 * shop, the ERP bridge, sync). At most one open per detector and subject (`exceptions_open_idx`);
 * it closes when the condition clears, when the confirmations its type needs are all given, or
 * when a person closes it with a reason. Reasons are code + params.
 */
export const exceptions = sqliteTable(
  'exceptions',
  {
    id: text('id').primaryKey(),
    detector: text('detector', { enum: DETECTOR_CODES }).notNull(),
    type: text('type', { enum: EXCEPTION_TYPES }).notNull(),
    subjectKind: text('subject_kind', { enum: SUBJECT_KINDS }).notNull(),
    subjectId: text('subject_id').notNull(),
    /** The order (subject kind 'order'), for joins and drill-down. */
    orderId: text('order_id'),
    /** The shop: the order's channel, or the failing channel itself. */
    channelId: text('channel_id'),
    severity: text('severity', { enum: SEVERITIES }).notNull(),
    /** Why: a code and its parameters (the facts the detector's condition read). */
    causeCode: text('cause_code').notNull(),
    causeParamsJson: text('cause_params_json').notNull().default('{}'),
    /** Owner: a person when assigned, else the detector's default role. */
    ownerRole: text('owner_role', { enum: ROLES }),
    ownerUserId: text('owner_user_id'),
    ownerName: text('owner_name'),
    state: text('state', { enum: EXCEPTION_STATES }).notNull(),
    openedAt: integer('opened_at').notNull(),
    /** opened_at + the detector's target time: past it the exception is overdue. */
    dueAt: integer('due_at').notNull(),
    snoozedUntil: integer('snoozed_until'),
    /** JSON array of the roles whose confirmation closing needs. */
    confirmationsJson: text('confirmations_json').notNull().default('[]'),
    /** JSON array of {role, userId, name, at, note}. */
    confirmedJson: text('confirmed_json').notNull().default('[]'),
    closedAt: integer('closed_at'),
    closeKind: text('close_kind', { enum: CLOSE_KINDS }),
    closeCode: text('close_code'),
    closeParamsJson: text('close_params_json'),
    closedById: text('closed_by_id'),
    closedByName: text('closed_by_name'),
    /**
     * Closed by a person (or by confirmations) while its condition still held: the detector does
     * not open it again until the condition has cleared once (then this goes back to 0).
     */
    silenced: integer('silenced', { mode: 'boolean' }).notNull().default(false),
    version: integer('version').notNull().default(1),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    // Opens once per cause per subject: a second open of the same detector on the same subject is refused by the database.
    uniqueIndex('exceptions_open_idx').on(t.detector, t.subjectKind, t.subjectId).where(sql`state <> 'closed'`),
    index('exceptions_order_idx').on(t.orderId).where(sql`order_id IS NOT NULL`),
    // The workspace: open ones by type, overdue first.
    index('exceptions_state_type_idx').on(t.state, t.type, t.dueAt),
    index('exceptions_owner_idx').on(t.ownerUserId, t.state).where(sql`owner_user_id IS NOT NULL`),
    // Metrics: cohorts by the day they opened (covering: the half-life reads only these).
    index('exceptions_opened_idx').on(t.openedAt, t.closedAt, t.type, t.channelId, t.ownerUserId),
    index('exceptions_closed_idx').on(t.closedAt).where(sql`closed_at IS NOT NULL`),
    index('exceptions_silenced_idx').on(t.subjectId, t.detector).where(sql`silenced = 1`),
    index('exceptions_snoozed_idx').on(t.snoozedUntil).where(sql`state = 'snoozed'`),
  ],
);

/** Synced: an exception's own history (opened, escalated, notes, reassignments, snoozes, confirmations, close). */
export const exceptionEvents = sqliteTable(
  'exception_events',
  {
    id: text('id').primaryKey(),
    exceptionId: text('exception_id').notNull(),
    at: integer('at').notNull(),
    kind: text('kind', { enum: EXCEPTION_EVENT_KINDS }).notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    /** The reason or what changed, as data. */
    code: text('code'),
    paramsJson: text('params_json').notNull().default('{}'),
  },
  (t) => [index('exception_events_exception_idx').on(t.exceptionId, t.at)],
);

/**
 * Derived: open (and snoozed) exceptions counted by state, type, severity and the hour they
 * opened, kept by triggers on `exceptions` (custom migration), so the board reads a few hundred
 * rows instead of scanning; ages are computed from the hour at read time.
 */
export const exceptionCounts = sqliteTable(
  'exception_counts',
  {
    state: text('state').notNull(),
    type: text('type').notNull(),
    severity: text('severity').notNull(),
    /** floor(opened_at / 1 h). */
    openedHour: integer('opened_hour').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.state, t.type, t.severity, t.openedHour] })],
);

/** Derived: open exceptions per owner ('u:<userId>' or 'r:<role>'), kept by the same triggers. */
export const exceptionOwnerCounts = sqliteTable(
  'exception_owner_counts',
  {
    state: text('state').notNull(),
    ownerKey: text('owner_key').notNull(),
    severity: text('severity').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.state, t.ownerKey, t.severity] })],
);

/** Synced: per detector, what the workspace changed from the built-in defaults (null = default). */
export const detectorSettings = sqliteTable('detector_settings', {
  detector: text('detector', { enum: DETECTOR_CODES }).primaryKey(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  severity: text('severity', { enum: SEVERITIES }),
  ownerRole: text('owner_role', { enum: ROLES }),
  ownerUserId: text('owner_user_id'),
  /** JSON array of roles, or null for the default. */
  confirmationsJson: text('confirmations_json'),
  targetMinutes: integer('target_minutes'),
  /** JSON object of threshold overrides the detector's condition reads ({ minutes: 180 }). */
  thresholdsJson: text('thresholds_json'),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * Synced: "a purchase is under way" for a SKU (采购在途), marked by a person (or the ERP bridge
 * later) with when it is expected. Stock short with no such mark, or with one past its date, is
 * the 采购协同失效 exception.
 */
export const purchaseMarks = sqliteTable(
  'purchase_marks',
  {
    id: text('id').primaryKey(),
    skuCode: text('sku_code').notNull(),
    qty: integer('qty'),
    expectedAt: integer('expected_at').notNull(),
    note: text('note'),
    createdAt: integer('created_at').notNull(),
    createdByName: text('created_by_name'),
    /** Set when the goods arrived or the purchase was called off. */
    clearedAt: integer('cleared_at'),
  },
  (t) => [index('purchase_marks_sku_idx').on(t.skuCode, t.clearedAt)],
);
