import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['owner', 'ops_lead', 'service', 'warehouse', 'finance'] }).notNull(),
  passwordHash: text('password_hash').notNull(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: integer('locked_until'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Local only (not synced): a session lives on the PC that signed in. Tokens are stored hashed. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Local only (this PC): failed sign-ins counted per key, where a key is a user name with the
 * source that tried it (`pair:`), a source alone (`source:`) or a user name alone (`user:`).
 * Counting and checking happen in one IMMEDIATE transaction, so concurrent guesses cannot
 * slip past the count.
 */
export const loginThrottle = sqliteTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  /** How many times this key has been locked in a row; each lock lasts twice the last. */
  locks: integer('locks').notNull().default(0),
  lockedUntil: integer('locked_until'),
  /** Attempts refused while locked (only the first of each lock is audited). */
  refused: integer('refused').notNull().default(0),
  updatedAt: integer('updated_at').notNull(),
});
