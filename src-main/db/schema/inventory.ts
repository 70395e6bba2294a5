import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Synced: the reservation ledger. One row per order line × warehouse; released exactly once
 * (a trigger refuses a second release). Available = on hand − open reservations − safety stock.
 */
export const stockReservations = sqliteTable(
  'stock_reservations',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    orderLineId: text('order_line_id').notNull(),
    skuCode: text('sku_code').notNull(),
    warehouseId: text('warehouse_id').notNull(),
    qty: integer('qty').notNull(),
    /** 'rule' (with the rule id and version), 'person' (a user), or 'system'. */
    madeByKind: text('made_by_kind', { enum: ['rule', 'person', 'system'] }).notNull(),
    madeById: text('made_by_id'),
    madeByName: text('made_by_name'),
    ruleVersion: integer('rule_version'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at'),
    releasedAt: integer('released_at'),
    releaseReason: text('release_reason', { enum: ['shipped', 'cancelled', 'rerouted', 'expired', 'manual'] }),
    releasedByName: text('released_by_name'),
  },
  (t) => [
    index('stock_reservations_order_idx').on(t.orderId),
    index('stock_reservations_line_idx').on(t.orderLineId),
    // released_at and qty in the key (a partial index is covering only when it holds every column the query names): routing sums the open quantity per SKU and warehouse from the index alone.
    index('stock_reservations_open_idx').on(t.skuCode, t.warehouseId, t.releasedAt, t.qty).where(sql`released_at IS NULL`),
    index('stock_reservations_expiry_idx').on(t.expiresAt).where(sql`released_at IS NULL AND expires_at IS NOT NULL`),
  ],
);

/** Synced: which warehouse ships an order (a split order has one row per warehouse) and on which day. */
export const orderRoutes = sqliteTable(
  'order_routes',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    warehouseId: text('warehouse_id').notNull(),
    /** YYYY-MM-DD in the workspace zone: the paid day, or the next one when paid after the cut-off. */
    shipDay: text('ship_day').notNull(),
    madeByKind: text('made_by_kind', { enum: ['rule', 'person', 'system'] }).notNull(),
    madeByName: text('made_by_name'),
    ruleVersion: integer('rule_version'),
    /** {code, params}: why this warehouse. */
    reasonJson: text('reason_json').notNull(),
    createdAt: integer('created_at').notNull(),
    releasedAt: integer('released_at'),
    releaseReason: text('release_reason', { enum: ['shipped', 'cancelled', 'rerouted', 'expired', 'manual'] }),
  },
  (t) => [
    index('order_routes_order_idx').on(t.orderId),
    // released_at and order_id in the key: a warehouse's orders for a ship day (capacity) are counted from the index alone.
    index('order_routes_day_idx').on(t.warehouseId, t.shipDay, t.releasedAt, t.orderId).where(sql`released_at IS NULL`),
  ],
);

/** Synced: orders waiting for stock, with what is missing; retried in paid-time order when stock arrives. */
export const stockWaits = sqliteTable(
  'stock_waits',
  {
    orderId: text('order_id').primaryKey(),
    paidAt: integer('paid_at').notNull(),
    /** [{skuCode, warehouseId, need, available}] */
    missingJson: text('missing_json').notNull(),
    since: integer('since').notNull(),
  },
  (t) => [index('stock_waits_paid_idx').on(t.paidAt, t.orderId)],
);

/** Synced: safety stock per SKU (kept back from what orders may reserve). */
export const safetyStock = sqliteTable('safety_stock', {
  skuCode: text('sku_code').primaryKey(),
  qty: integer('qty').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Synced: per-warehouse routing settings: orders it can ship a day, the cut-off, default order. */
export const warehouseCapacity = sqliteTable('warehouse_capacity', {
  warehouseId: text('warehouse_id').primaryKey(),
  /** Null: no limit. */
  dailyOrders: integer('daily_orders'),
  /** Minutes after midnight (workspace zone); orders paid at or after it ship the next day. */
  cutoffMinute: integer('cutoff_minute').notNull().default(960),
  /** Lower first when no rule names a warehouse. */
  priority: integer('priority').notNull().default(100),
  updatedAt: integer('updated_at').notNull(),
});
