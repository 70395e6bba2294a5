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

/**
 * The sync log (local): every change to a synced table, with the changed columns' values and the
 * hybrid-logical-clock stamp they carry (each field of the record has this stamp). `seq` is the
 * device's mutation id. A delete is a tombstone (no values). Rows are removed (compacted) once the
 * cloud has acknowledged them, so the table holds only what is not yet pushed. Written only while
 * this PC is enrolled in a team: enrolling the first PC uploads a snapshot of every synced row.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    op: text('op', { enum: ['insert', 'update', 'delete'] }).notNull(),
    /** JSON object: SQL column name → new value, for the columns this change wrote; null for a delete. */
    valuesJson: text('values_json'),
    hlc: text('hlc').notNull(),
    /** The call that made the change and who made it: the cloud checks the role's permission. */
    call: text('call').notNull(),
    actorId: text('actor_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('outbox_entity_idx').on(t.entity, t.entityId)],
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
