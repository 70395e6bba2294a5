import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ORDER_HOLDS } from '../../../src-shared/orders';
import { orders } from './orders';

/** Synced: each saved version of the order state machine (version 1 is built in and not stored). */
export const lifecycleMachines = sqliteTable(
  'lifecycle_machines',
  {
    id: text('id').primaryKey(),
    version: integer('version').notNull(),
    definitionJson: text('definition_json').notNull(),
    note: text('note'),
    savedAt: integer('saved_at').notNull(),
    savedById: text('saved_by_id'),
    savedByName: text('saved_by_name'),
  },
  (t) => [uniqueIndex('lifecycle_machines_version_idx').on(t.version)],
);

/** Synced: holds, many per order; an order moves on towards shipment only with none open. */
export const orderHolds = sqliteTable(
  'order_holds',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull().references(() => orders.id),
    type: text('type', { enum: ORDER_HOLDS }).notNull(),
    /** The reason as data: a code and its parameters. */
    code: text('code').notNull(),
    paramsJson: text('params_json').notNull().default('{}'),
    /** Holds opened together (a quality hold on one batch) are released together. */
    groupId: text('group_id'),
    openedAt: integer('opened_at').notNull(),
    openedById: text('opened_by_id'),
    openedByName: text('opened_by_name'),
    releasedAt: integer('released_at'),
    releasedById: text('released_by_id'),
    releasedByName: text('released_by_name'),
    releaseCode: text('release_code'),
    releaseParamsJson: text('release_params_json'),
  },
  (t) => [
    index('order_holds_order_idx').on(t.orderId, t.openedAt),
    // The 审单 queue: open holds by type, oldest first.
    index('order_holds_open_idx').on(t.type, t.openedAt).where(sql`released_at IS NULL`),
    index('order_holds_group_idx').on(t.groupId).where(sql`group_id IS NOT NULL`),
  ],
);

/** Synced: 质检拦截 — a frozen batch number; every order carrying it is held until it is released. */
export const qualityHolds = sqliteTable(
  'quality_holds',
  {
    id: text('id').primaryKey(),
    batchNo: text('batch_no').notNull(),
    /** Only this SKU's lines with the batch (null: every SKU). */
    skuCode: text('sku_code'),
    code: text('code').notNull(),
    paramsJson: text('params_json').notNull().default('{}'),
    frozenAt: integer('frozen_at').notNull(),
    frozenById: text('frozen_by_id'),
    frozenByName: text('frozen_by_name'),
    releasedAt: integer('released_at'),
    releasedById: text('released_by_id'),
    releasedByName: text('released_by_name'),
    releaseCode: text('release_code'),
    releaseParamsJson: text('release_params_json'),
  },
  (t) => [index('quality_holds_batch_idx').on(t.batchNo, t.releasedAt)],
);

/** Synced: split (拆单) and merge (合单) history; reversing one sets reversed_at, nothing is deleted. */
export const orderLinks = sqliteTable(
  'order_links',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['split', 'merge'] }).notNull(),
    /** split: the original order; merge: the order that ships everything. */
    orderId: text('order_id').notNull().references(() => orders.id),
    /** split: the new part; merge: the order merged into orderId. */
    otherOrderId: text('other_order_id').notNull().references(() => orders.id),
    /** What moved (line ids and quantities) and the other order's status before, for the reversal. */
    detailJson: text('detail_json').notNull(),
    createdAt: integer('created_at').notNull(),
    createdById: text('created_by_id'),
    createdByName: text('created_by_name'),
    reversedAt: integer('reversed_at'),
    reversedById: text('reversed_by_id'),
    reversedByName: text('reversed_by_name'),
  },
  (t) => [index('order_links_order_idx').on(t.orderId, t.kind), index('order_links_other_idx').on(t.otherOrderId, t.kind)],
);
