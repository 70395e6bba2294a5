import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ORDER_STATUSES } from '../../../src-shared/orders';
import { channels } from './catalog';

/**
 * Local: a shop's 授权 on this PC — when its token (sealed in channel_secrets beside it) expires,
 * when it is renewed next, and what went wrong last. Local because the token itself is: only the
 * PC that holds it can renew it. Reasons are a code and parameters (channels/auth/problem.ts).
 */
export const channelAuth = sqliteTable(
  'channel_auth',
  {
    channelId: text('channel_id').primaryKey().references(() => channels.id),
    /** 'direct' | 'callback' | 'manual' (a pasted token). */
    method: text('method', { enum: ['direct', 'callback', 'manual'] }).notNull(),
    /** 'refresh_token' | 'regrant' | 'none' (authorise again when it expires). */
    renewal: text('renewal', { enum: ['refresh_token', 'regrant', 'none'] }).notNull(),
    authorizedAt: integer('authorized_at').notNull(),
    renewedAt: integer('renewed_at'),
    accessExpiresAt: integer('access_expires_at'),
    refreshExpiresAt: integer('refresh_expires_at'),
    nextRenewalAt: integer('next_renewal_at'),
    failures: integer('failures').notNull().default(0),
    problemCode: text('problem_code'),
    problemParamsJson: text('problem_params_json'),
    problemAt: integer('problem_at'),
    /** Non-secret facts from the platform (shop name, platform shop id, scope, r1/w1 lifetimes), JSON. */
    factsJson: text('facts_json').notNull().default('{}'),
  },
  (t) => [index('channel_auth_due_idx').on(t.nextRenewalAt)],
);

/**
 * Synced: the workspace's own additions to the platforms' status dictionaries
 * (resources/status/<platform>.json): a word the file does not know, mapped from the channel
 * screen, applies on every PC to every shop of that platform. id = `<platform>:<word>`.
 */
export const statusOverrides = sqliteTable('status_overrides', {
  id: text('id').primaryKey(),
  platform: text('platform').notNull(),
  platformStatus: text('platform_status').notNull(),
  standard: text('standard', { enum: ORDER_STATUSES }).notNull(),
  /** The word in Chinese, as the merchant named it. */
  zh: text('zh').notNull(),
  createdBy: text('created_by'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});
