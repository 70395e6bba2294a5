import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ORDER_HOLDS, ORDER_STATUSES, PLATFORM_PHASES, URGENCIES } from '../../../src-shared/orders';
import { channels, customers, warehouses } from './catalog';

/**
 * One row per channel order. Amounts in fen, times in UTC ms. The receiver fields are the
 * latest address (order_addresses keeps the history); they sit here so the grid never joins.
 */
export const orders = sqliteTable(
  'orders',
  {
    id: text('id').primaryKey(),
    channelId: text('channel_id').notNull().references(() => channels.id),
    platformOrderId: text('platform_order_id').notNull(),
    /** OrderHub's own status: written only by orders/lifecycle through transition(). */
    status: text('status', { enum: ORDER_STATUSES }).notNull(),
    platformStatus: text('platform_status').notNull(),
    /** The platform's word in the standard vocabulary (null: a word no dictionary knows yet); its changes are triggers, never status writes. */
    platformPhase: text('platform_phase', { enum: PLATFORM_PHASES }),
    /** The state-machine version the order entered under (it keeps it). */
    machineVersion: integer('machine_version').notNull().default(1),
    /** When the order entered its current status. */
    statusAt: integer('status_at'),
    /** The SLA clock: the nearer of "leave this state by" and "ship by", while one applies. */
    slaDueAt: integer('sla_due_at'),
    refundStatus: text('refund_status'),
    goodsFen: integer('goods_fen').notNull(),
    discountFen: integer('discount_fen').notNull().default(0),
    /** Of discountFen: what the platform funded (vs the shop). */
    platformDiscountFen: integer('platform_discount_fen').notNull().default(0),
    postageFen: integer('postage_fen').notNull().default(0),
    paidFen: integer('paid_fen').notNull(),
    /** Platform commission where the platform reports it; null = use the shop's rate. */
    commissionFen: integer('commission_fen'),
    refundFen: integer('refund_fen').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    paidAt: integer('paid_at'),
    /** Platform's last-modified time: newer versions win, older ones are ignored. */
    platformUpdatedAt: integer('platform_updated_at').notNull(),
    promisedShipAt: integer('promised_ship_at'),
    shippedAt: integer('shipped_at'),
    completedAt: integer('completed_at'),
    warehouseId: text('warehouse_id').references(() => warehouses.id),
    urgency: text('urgency', { enum: URGENCIES }).notNull().default('green'),
    /** JSON array of strings. */
    tags: text('tags').notNull().default('[]'),
    /** Summary for the grid: the type of the oldest open hold (order_holds is the truth), kept by orders/holds. */
    hold: text('hold', { enum: ORDER_HOLDS }),
    /** A split part's original order (拆单). */
    parentOrderId: text('parent_order_id'),
    /** Set while this order is merged into another (合单); its lines ship with that one. */
    mergedIntoId: text('merged_into_id'),
    /** The address changed after payment: the new one wins and the pick list flags it. */
    addressChangedAt: integer('address_changed_at'),
    /** Orders that could ship together (同一收货人+地址, all awaiting shipment). */
    mergeGroup: text('merge_group'),
    buyerRemark: text('buyer_remark'),
    sellerNote: text('seller_note'),
    customerId: text('customer_id').references(() => customers.id),
    buyerNick: text('buyer_nick'),
    receiverName: text('receiver_name'),
    receiverPhone: text('receiver_phone'),
    phoneLast4: text('phone_last4'),
    province: text('province'),
    city: text('city'),
    district: text('district'),
    addressDetail: text('address_detail'),
    carrier: text('carrier'),
    trackingNo: text('tracking_no'),
    version: integer('version').notNull().default(1),
    ingestedAt: integer('ingested_at').notNull(),
    modifiedAt: integer('modified_at').notNull(),
  },
  (t) => [
    // Also serves "this order no. in any shop" (one seek per shop) and a shop filter: no separate
    // platform-order-id or (shop, paid time) index, each of which cost every insert.
    uniqueIndex('orders_channel_platform_idx').on(t.channelId, t.platformOrderId),
    index('orders_paid_idx').on(t.paidAt, t.id),
    index('orders_created_idx').on(t.createdAt, t.id),
    index('orders_status_paid_idx').on(t.status, t.paidAt),
    // Quick search's "last four of the phone", and the merge check's same-receiver look-up: with
    // the phone itself in the key it seeks that receiver's orders, not every order sharing the last
    // four digits (~500 at 5 M orders: ~2 ms per new order).
    index('orders_phone_idx').on(t.phoneLast4, t.receiverPhone),
    index('orders_nick_idx').on(t.buyerNick),
    index('orders_tracking_idx').on(t.trackingNo),
    index('orders_customer_idx').on(t.customerId, t.createdAt),
    index('orders_warehouse_idx').on(t.warehouseId, t.status),
    index('orders_completed_idx').on(t.completedAt),
    // The grid's sorts on amount and promised-ship time (overdue first) walk these instead of sorting.
    index('orders_paid_fen_idx').on(t.paidFen, t.id),
    index('orders_promised_idx').on(t.promisedShipAt, t.id),
    // The SLA clock column sorts overdue-first by walking this (only orders with a running clock).
    index('orders_sla_idx').on(t.slaDueAt, t.id).where(sql`sla_due_at IS NOT NULL`),
    // Only tagged orders: the tag pick list walks the distinct tag sets by seeking, not scanning.
    index('orders_tags_idx').on(t.tags).where(sql`tags <> '[]'`),
  ],
);

export const orderLines = sqliteTable(
  'order_lines',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull().references(() => orders.id),
    lineNo: integer('line_no').notNull(),
    platformLineId: text('platform_line_id'),
    skuCode: text('sku_code'),
    title: text('title').notNull(),
    spec: text('spec'),
    qty: integer('qty').notNull(),
    unitPriceFen: integer('unit_price_fen').notNull(),
    discountFen: integer('discount_fen').notNull().default(0),
    paidFen: integer('paid_fen').notNull(),
    batchNo: text('batch_no'),
    gift: integer('gift', { mode: 'boolean' }).notNull().default(false),
    /** A gift's line: the gift ships only with it. */
    parentLineId: text('parent_line_id'),
    /** The platform order that sold this line when it now ships with another (split part or merge). */
    sourceOrderId: text('source_order_id'),
    /** A quantity split: the line this part was cut from. */
    splitFromLineId: text('split_from_line_id'),
    refundStatus: text('refund_status'),
    refundFen: integer('refund_fen').notNull().default(0),
  },
  (t) => [
    index('order_lines_order_idx').on(t.orderId, t.lineNo),
    index('order_lines_sku_idx').on(t.skuCode),
    // Quality holds find every order carrying a frozen batch.
    index('order_lines_batch_idx').on(t.batchNo).where(sql`batch_no IS NOT NULL`),
    index('order_lines_source_idx').on(t.sourceOrderId).where(sql`source_order_id IS NOT NULL`),
  ],
);

/** Address history: the latest row is the order's address; older ones are kept. */
/**
 * Every address the order has had, newest wins (the order row carries it). Stored by order, like
 * the timeline (migration 0026: WITHOUT ROWID keyed by order then id): only ever inserted, read
 * by order.
 */
export const orderAddresses = sqliteTable(
  'order_addresses',
  {
    id: text('id').notNull(),
    orderId: text('order_id').notNull().references(() => orders.id),
    receiverName: text('receiver_name'),
    receiverPhone: text('receiver_phone'),
    province: text('province'),
    city: text('city'),
    district: text('district'),
    detail: text('detail'),
    source: text('source').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.id] })],
);

/**
 * The order's story: ingested, status changes, updates, notes, holds. Stored by order (migration
 * 0026 makes it WITHOUT ROWID with this key): a timeline is read by its order, so one key serves
 * it, where a rowid table needed a rowid, a unique index on the id and an index on the order (773
 * of its 2,075 bytes per demo order). Events are only ever inserted: nothing looks one up by its
 * id alone.
 */
export const orderEvents = sqliteTable(
  'order_events',
  {
    id: text('id').notNull(),
    orderId: text('order_id').notNull().references(() => orders.id),
    at: integer('at').notNull(),
    type: text('type').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    detailJson: text('detail_json'),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.id] })],
);

export const orderNotes = sqliteTable(
  'order_notes',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull().references(() => orders.id),
    authorId: text('author_id'),
    authorName: text('author_name'),
    body: text('body').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('order_notes_order_idx').on(t.orderId, t.createdAt)],
);

/**
 * Local only: each distinct platform payload of an order (a version whose payload equals the
 * one before is not stored again), for audit and re-processing. Payloads written together are
 * compressed together (order_raw_blocks: one stream per transaction and kind, with a
 * dictionary learned for that kind), the row saying where in its block the payload is. Rows
 * from before blocks carry their own gzip in payload_gz (empty for block rows).
 */
export const orderRaw = sqliteTable(
  'order_raw',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: text('order_id').notNull(),
    version: integer('version').notNull(),
    source: text('source').notNull(),
    fetchedAt: integer('fetched_at').notNull(),
    payloadGz: blob('payload_gz', { mode: 'buffer' }).notNull(),
    blockId: integer('block_id'),
    blockOffset: integer('block_offset'),
    blockLength: integer('block_length'),
    /** First 8 bytes of the payload's SHA-1: "same as the version before?" without decompressing. */
    payloadHash: integer('payload_hash'),
  },
  (t) => [index('order_raw_order_idx').on(t.orderId, t.version)],
);

/** Local only: payloads compressed together (Zstandard, or deflate in older blocks: ingest/raw-codec.ts), with dictionary `dict_id` unless 0. */
export const orderRawBlocks = sqliteTable('order_raw_blocks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  dictId: integer('dict_id').notNull(),
  data: blob('data', { mode: 'buffer' }).notNull(),
});

/** Local only: compression dictionaries for raw payloads, one per kind (e.g. 'poll:taobao'), learned from its first payloads. */
export const orderRawDicts = sqliteTable('order_raw_dicts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  family: text('family').notNull(),
  createdAt: integer('created_at').notNull(),
  dict: blob('dict', { mode: 'buffer' }).notNull(),
});
