import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { SHIPMENT_STATES } from '../../../src-shared/exceptions';

/**
 * Synced: one parcel of an order — carrier, tracking number and what the carrier's tracking says.
 * Created when an order gets a tracking number (handed over or shipped); logistics tracking
 * (src-main/tracking/) fills the state. Shipping (pick list, scan-to-ship) builds on this table.
 */
export const shipments = sqliteTable(
  'shipments',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    /** The carrier as the order names it (a platform code or name). */
    carrier: text('carrier'),
    /** Kuaidi100's company code (`com`) the carrier maps to; null when unknown (not tracked). */
    carrierCode: text('carrier_code'),
    trackingNo: text('tracking_no').notNull(),
    state: text('state', { enum: SHIPMENT_STATES }).notNull().default('created'),
    /** Kuaidi100's own state code as it last said (string). */
    carrierState: text('carrier_state'),
    createdAt: integer('created_at').notNull(),
    pickedUpAt: integer('picked_up_at'),
    deliveredAt: integer('delivered_at'),
    /** When the state last changed (problem since, returning since). */
    stateAt: integer('state_at'),
    lastEventAt: integer('last_event_at'),
    lastEventText: text('last_event_text'),
    lastEventArea: text('last_event_area'),
    /** Still tracked: not delivered/returned and younger than the tracking horizon. */
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('shipments_order_tracking_idx').on(t.orderId, t.trackingNo),
    // Scan-to-ship refuses a tracking number another order already carries: one seek.
    index('shipments_tracking_idx').on(t.trackingNo),
    index('shipments_active_idx').on(t.active, t.createdAt).where(sql`active = 1`),
  ],
);

/** Synced: the tracking trail (newest last), one row per carrier event seen. */
export const shipmentEvents = sqliteTable(
  'shipment_events',
  {
    id: text('id').primaryKey(),
    shipmentId: text('shipment_id').notNull(),
    at: integer('at').notNull(),
    context: text('context').notNull(),
    area: text('area'),
    /** Kuaidi100's word for the step (揽收, 在途, 派件, 签收 …) when it gives one. */
    status: text('status'),
  },
  (t) => [uniqueIndex('shipment_events_at_idx').on(t.shipmentId, t.at, t.context)],
);

/**
 * Local: when this PC next asks the carrier about a shipment. Polls are this PC's business (the
 * results sync through `shipments`), so their schedule does not fill the sync log.
 */
export const shipmentPolls = sqliteTable(
  'shipment_polls',
  {
    shipmentId: text('shipment_id').primaryKey(),
    nextPollAt: integer('next_poll_at').notNull(),
    lastPolledAt: integer('last_polled_at'),
    failures: integer('failures').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [index('shipment_polls_next_idx').on(t.nextPollAt)],
);
