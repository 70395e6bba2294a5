import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Append-only, hash-chained record of every change and every refusal. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    call: text('call').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    action: text('action').notNull(),
    beforeJson: text('before_json'),
    afterJson: text('after_json'),
    reason: text('reason'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    index('audit_log_actor_idx').on(t.actorId, t.at),
    index('audit_log_at_idx').on(t.at),
  ],
);

/** Changes waiting to be pushed to the cloud store, stamped with the hybrid logical clock. */
export const outbox = sqliteTable(
  'outbox',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    op: text('op', { enum: ['insert', 'update', 'delete'] }).notNull(),
    /** JSON array of the fields an update changed; ["*"] for an insert (the whole row). */
    changedFields: text('changed_fields').notNull(),
    hlc: text('hlc').notNull(),
    createdAt: integer('created_at').notNull(),
    pushedAt: integer('pushed_at'),
  },
  (t) => [index('outbox_pending_idx').on(t.pushedAt, t.seq)],
);

/** Small local facts: the clock's last stamp, the audit chain head, the workspace's demo flag. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Workspace settings (synced): zone, commission rates, ... one JSON value per key. */
export const settings = sqliteTable('settings', {
  id: text('id').primaryKey(),
  valueJson: text('value_json').notNull(),
  updatedAt: integer('updated_at').notNull(),
});
