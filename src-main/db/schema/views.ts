import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './auth';

/**
 * Named grid views (column state, filters, sort, quick search) per user; a shared view is
 * published by its owner (needs views.share) and listed for everybody. Synced.
 */
export const savedViews = sqliteTable(
  'views',
  {
    id: text('id').primaryKey(),
    /** Which grid the state belongs to ('orders', later others). */
    grid: text('grid').notNull(),
    name: text('name').notNull(),
    ownerId: text('owner_id').notNull().references(() => users.id),
    shared: integer('shared', { mode: 'boolean' }).notNull().default(false),
    /** The grid's own state as JSON; the server stores it, the renderer interprets it. */
    stateJson: text('state_json').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('views_owner_idx').on(t.grid, t.ownerId), index('views_shared_idx').on(t.grid, t.shared)],
);
