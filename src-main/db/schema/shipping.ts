import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CONFIRM_STATES } from '../../../src-shared/shipping';

/**
 * Synced: which order lines (and how many of each) left in which parcel. A line never ships more
 * than its quantity in total: stock leaves on-hand exactly when a row here is written.
 */
export const shipmentLines = sqliteTable(
  'shipment_lines',
  {
    id: text('id').primaryKey(),
    shipmentId: text('shipment_id').notNull(),
    orderId: text('order_id').notNull(),
    orderLineId: text('order_line_id').notNull(),
    skuCode: text('sku_code'),
    warehouseId: text('warehouse_id'),
    qty: integer('qty').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('shipment_lines_shipment_line_idx').on(t.shipmentId, t.orderLineId),
    index('shipment_lines_line_idx').on(t.orderLineId),
    index('shipment_lines_order_idx').on(t.orderId),
  ],
);

/**
 * Synced: 发货回传, one row per (order, tracking no.): the outbox of confirmations to the shop.
 * Synced so that every PC sees what was confirmed (a second PC never confirms again), but only
 * the PC that polls the shop sends (it holds the shop's secrets).
 */
export const shipmentConfirmations = sqliteTable(
  'shipment_confirmations',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    shipmentId: text('shipment_id').notNull(),
    channelId: text('channel_id').notNull(),
    platformOrderId: text('platform_order_id').notNull(),
    trackingNo: text('tracking_no').notNull(),
    carrier: text('carrier').notNull(),
    /** Platform line ids of a partial shipment (JSON array); null = the whole order. */
    platformLineIdsJson: text('platform_line_ids_json'),
    state: text('state', { enum: CONFIRM_STATES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at'),
    /** The last failure or the shop's refusal, as code + params (shown in the reader's language). */
    errorCode: text('error_code'),
    errorParamsJson: text('error_params_json'),
    confirmedAt: integer('confirmed_at'),
    /** How it was confirmed: 'sent' (the shop said yes) or 'found' (the shop already had our number). */
    confirmedBy: text('confirmed_by'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('shipment_confirmations_order_tracking_idx').on(t.orderId, t.trackingNo),
    index('shipment_confirmations_due_idx').on(t.nextAttemptAt).where(sql`state = 'pending'`),
    // The scan screen's "latest shipments" and the home's counts read newest first.
    index('shipment_confirmations_created_idx').on(t.createdAt),
    index('shipment_confirmations_state_idx').on(t.state).where(sql`state <> 'confirmed'`),
  ],
);
