import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { DETECTOR_CODES, SEVERITIES } from '../../../src-shared/exceptions';

/**
 * Synced: a WeCom / DingTalk group robot. Its webhook (which holds the key) and DingTalk's 加签
 * secret are sealed in `sealed_secrets` on the PC where they were entered: that PC sends.
 */
export const alertRobots = sqliteTable('alert_robots', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: ['wecom', 'dingtalk'] }).notNull(),
  name: text('name').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  /** Messages a minute the robot accepts (both platforms: 20). */
  perMinute: integer('per_minute').notNull().default(20),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Synced: per detector, who hears about its exceptions, from which severity, and when not. */
export const alertPolicies = sqliteTable('alert_policies', {
  detector: text('detector', { enum: DETECTOR_CODES }).primaryKey(),
  /** JSON array of robot ids. */
  robotIdsJson: text('robot_ids_json').notNull().default('[]'),
  /** Desktop notification to the exception's owner(s). */
  desktop: integer('desktop', { mode: 'boolean' }).notNull().default(true),
  minSeverity: text('min_severity', { enum: SEVERITIES }).notNull().default('warning'),
  /** Quiet hours in the workspace zone, minutes after midnight; equal = none. Held alerts go out when they end. */
  quietFrom: integer('quiet_from').notNull().default(0),
  quietTo: integer('quiet_to').notNull().default(0),
  /** JSON arrays: mobiles / user ids to @ in the group. */
  mentionJson: text('mention_json').notNull().default('[]'),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * Local: secrets sealed by this PC's SecretBox (robot webhooks and signing secrets, the
 * Kuaidi100 customer and key). Never synced, never sent to the renderer.
 */
export const sealedSecrets = sqliteTable(
  'sealed_secrets',
  {
    ownerKind: text('owner_kind', { enum: ['robot', 'tracking'] }).notNull(),
    ownerId: text('owner_id').notNull(),
    sealed: text('sealed').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ownerKind, t.ownerId] })],
);

/**
 * Local: the alert outbox. One row per alert waiting for a channel (a robot, or a desktop
 * notification for a user); the sender packs queued alerts of one robot into one message (its
 * delivery) when the robot's per-minute budget is short.
 */
export const alertQueue = sqliteTable(
  'alert_queue',
  {
    id: text('id').primaryKey(),
    /** 'robot:<id>'. */
    target: text('target').notNull(),
    /** What the alert is about ('exception', 'digest'). */
    kind: text('kind').notNull(),
    exceptionId: text('exception_id'),
    severity: text('severity', { enum: SEVERITIES }).notNull(),
    /** The alert as data (code + params): rendered into words when it is sent. */
    payloadJson: text('payload_json').notNull(),
    createdAt: integer('created_at').notNull(),
    /** Quiet hours: not before this time. */
    notBefore: integer('not_before').notNull(),
    /** The delivery that carries it (set when packed). */
    deliveryId: text('delivery_id'),
  },
  (t) => [index('alert_queue_pending_idx').on(t.target, t.notBefore).where(sql`delivery_id IS NULL`)],
);

/**
 * Local: one message to one robot, with the delivery id it carries in its text. `sending` is
 * written (committed) before the request; after a crash a `sending` row is sent once more with the
 * same id, so a duplicate is recognisable; `sent` is written after the robot answered ok.
 */
export const alertDeliveries = sqliteTable(
  'alert_deliveries',
  {
    id: text('id').primaryKey(),
    target: text('target').notNull(),
    state: text('state', { enum: ['sending', 'sent', 'failed', 'retry'] }).notNull(),
    body: text('body').notNull(),
    alertCount: integer('alert_count').notNull(),
    createdAt: integer('created_at').notNull(),
    /** When the latest attempt started (the per-minute budget counts these). */
    attemptAt: integer('attempt_at').notNull(),
    attempts: integer('attempts').notNull().default(1),
    /** A crash left it in 'sending': it was re-sent once. */
    resent: integer('resent', { mode: 'boolean' }).notNull().default(false),
    nextAttemptAt: integer('next_attempt_at'),
    sentAt: integer('sent_at'),
    lastError: text('last_error'),
  },
  (t) => [
    index('alert_deliveries_target_idx').on(t.target, t.attemptAt),
    index('alert_deliveries_state_idx').on(t.state, t.nextAttemptAt).where(sql`state IN ('sending', 'retry')`),
  ],
);

/** Local: every POST to a robot (the per-minute budget counts these; older than an hour is pruned). */
export const alertSends = sqliteTable(
  'alert_sends',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    target: text('target').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('alert_sends_target_idx').on(t.target, t.at)],
);

/** Local: desktop notifications waiting for (or shown to) a user's open window. */
export const desktopNotices = sqliteTable(
  'desktop_notices',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /**
     * What it says as data (notify/notice-words.ts), put in the reader's language when read. Title and
     * body keep its Chinese: notices written before 0027 have only those, and an older app reads them.
     */
    wordsJson: text('words_json'),
    exceptionId: text('exception_id'),
    createdAt: integer('created_at').notNull(),
    shownAt: integer('shown_at'),
  },
  (t) => [index('desktop_notices_user_idx').on(t.userId, t.shownAt)],
);
