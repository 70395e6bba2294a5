import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { channels } from './catalog';

/**
 * Local only: each channel's poller state on this PC. The cursor (everything before it
 * has been fetched and committed) moves in the same transaction as the page that
 * completes a window, so a crash never skips a window.
 */
export const channelState = sqliteTable('channel_state', {
  channelId: text('channel_id').primaryKey().references(() => channels.id),
  /** UTC ms: windows before this are committed. Null until the first poll (starts at backfillFrom). */
  cursorAt: integer('cursor_at'),
  /** Where the backfill started, for progress. */
  backfillFrom: integer('backfill_from'),
  /** 'active' | 'reauth' | 'error' (paused lives on the synced channels row). */
  state: text('state', { enum: ['active', 'reauth', 'error'] }).notNull().default('active'),
  lastSuccessAt: integer('last_success_at'),
  lastErrorAt: integer('last_error_at'),
  /** In words, for the channel screen. */
  lastError: text('last_error'),
  failures: integer('failures').notNull().default(0),
  nextPollAt: integer('next_poll_at'),
  /** The window being fetched right now (progress), or null. */
  windowFrom: integer('window_from'),
  windowTo: integer('window_to'),
});

/** Local only: payloads that could not be normalised, kept verbatim with the reason. */
export const channelQuarantine = sqliteTable(
  'channel_quarantine',
  {
    id: text('id').primaryKey(),
    channelId: text('channel_id').notNull().references(() => channels.id),
    platformOrderId: text('platform_order_id'),
    payload: text('payload').notNull(),
    field: text('field').notNull(),
    value: text('value').notNull(),
    reason: text('reason').notNull(),
    receivedAt: integer('received_at').notNull(),
    /** Set when a re-process ingested it (or the same order arrived fine later). */
    resolvedAt: integer('resolved_at'),
    attempts: integer('attempts').notNull().default(1),
  },
  (t) => [index('channel_quarantine_channel_idx').on(t.channelId, t.resolvedAt, t.receivedAt)],
);

/**
 * Local only: the coverage ledger. One row per fetched window: when it was fetched,
 * how many distinct orders we saw and what the platform said the total was.
 * 'gap' rows (count mismatch, or a hole found later) are re-fetched automatically.
 */
export const channelCoverage = sqliteTable(
  'channel_coverage',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channelId: text('channel_id').notNull().references(() => channels.id),
    /** Workspace-zone day of the window start, YYYY-MM-DD. */
    day: text('day').notNull(),
    windowFrom: integer('window_from').notNull(),
    windowTo: integer('window_to').notNull(),
    fetchedAt: integer('fetched_at').notNull(),
    ordersSeen: integer('orders_seen').notNull(),
    platformTotal: integer('platform_total'),
    status: text('status', { enum: ['ok', 'gap', 'refetched'] }).notNull(),
    note: text('note'),
  },
  (t) => [
    index('channel_coverage_day_idx').on(t.channelId, t.day, t.windowFrom),
    index('channel_coverage_status_idx').on(t.channelId, t.status),
  ],
);

/** Local only: platform status words the dictionary does not map, for the channel screen. */
export const channelUnmapped = sqliteTable(
  'channel_unmapped',
  {
    channelId: text('channel_id').notNull().references(() => channels.id),
    platformStatus: text('platform_status').notNull(),
    firstSeenAt: integer('first_seen_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    count: integer('count').notNull().default(1),
    samplePlatformOrderId: text('sample_platform_order_id'),
  },
  (t) => [uniqueIndex('channel_unmapped_pk').on(t.channelId, t.platformStatus)],
);

/**
 * Synced: each shop's health as every PC should see it (a failing shop shows on every screen),
 * written by the PC that polls it. `heartbeatAt` is when that PC last polled: another PC takes
 * over the shop once it has been silent for the channel's failover time.
 */
export const channelHealth = sqliteTable('channel_health', {
  channelId: text('channel_id').primaryKey().references(() => channels.id),
  state: text('state', { enum: ['active', 'reauth', 'error'] }).notNull().default('active'),
  lastSuccessAt: integer('last_success_at'),
  lastErrorAt: integer('last_error_at'),
  lastError: text('last_error'),
  failures: integer('failures').notNull().default(0),
  polledBy: text('polled_by'),
  heartbeatAt: integer('heartbeat_at'),
  updatedAt: integer('updated_at').notNull(),
});
