import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Synced, insert-only: every save of the rule set is a new version (the whole set as JSON).
 * The highest version is the one in force; orders record which version decided what.
 */
export const ruleSetVersions = sqliteTable(
  'rule_set_versions',
  {
    id: text('id').primaryKey(),
    version: integer('version').notNull(),
    /** Rule[] (src-shared/rules.ts): conditions as JsonLogic, actions, priority, enabled. */
    rulesJson: text('rules_json').notNull(),
    note: text('note'),
    createdAt: integer('created_at').notNull(),
    createdBy: text('created_by'),
    createdByName: text('created_by_name'),
  },
  (t) => [uniqueIndex('rule_set_versions_version_idx').on(t.version)],
);

/** Synced: buyers whose orders review rules hold (matched by customer, or by nick where there is no customer). */
export const buyerBlacklist = sqliteTable(
  'buyer_blacklist',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id'),
    buyerNick: text('buyer_nick'),
    reason: text('reason').notNull(),
    createdAt: integer('created_at').notNull(),
    createdByName: text('created_by_name'),
  },
  (t) => [index('buyer_blacklist_customer_idx').on(t.customerId), index('buyer_blacklist_nick_idx').on(t.buyerNick)],
);

/** Synced: who an order is assigned to (by a rule's "assign to a person" action or by hand). */
export const orderAssignments = sqliteTable('order_assignments', {
  orderId: text('order_id').primaryKey(),
  userId: text('user_id'),
  userName: text('user_name').notNull(),
  ruleId: text('rule_id'),
  ruleVersion: integer('rule_version'),
  at: integer('at').notNull(),
});
