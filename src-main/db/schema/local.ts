import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { channels } from './catalog';

/**
 * Local: a channel's secrets, sealed by this PC's SecretBox (keychain or file key). Another PC
 * cannot unseal them, so they never sync; the PC that polls the shop holds them.
 */
export const channelSecrets = sqliteTable('channel_secrets', {
  channelId: text('channel_id').primaryKey().references(() => channels.id),
  sealed: text('sealed').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Local: settings that only mean something on this PC (folder paths, the sync device token). */
export const localSettings = sqliteTable('local_settings', {
  key: text('key').primaryKey(),
  valueJson: text('value_json').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Local: what sync did on this PC (pushes, pulls, refusals, conflicts), newest kept, for the sync log screen. */
export const syncLog = sqliteTable(
  'sync_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    kind: text('kind', { enum: ['enroll', 'push', 'pull', 'refused', 'conflict', 'error', 'unknown'] }).notNull(),
    count: integer('count').notNull().default(0),
    /** Reason code and parameters (house invariant 12); words are applied when shown. */
    code: text('code'),
    paramsJson: text('params_json'),
  },
  (t) => [index('sync_log_at_idx').on(t.at)],
);

/**
 * Local: fields (or whole tables) a newer PC synced that this app's schema does not have yet.
 * Kept with their clock stamp and applied when an upgrade adds the column; never a crash.
 */
export const syncUnknown = sqliteTable(
  'sync_unknown',
  {
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    field: text('field').notNull(),
    valueJson: text('value_json'),
    hlc: text('hlc').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.entityId, t.field] })],
);
