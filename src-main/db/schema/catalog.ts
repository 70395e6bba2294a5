import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CHANNEL_KINDS } from '../../../src-shared/orders';

/** A shop on a platform (or a POS / file source): where orders come from. */
export const channels = sqliteTable('channels', {
  id: text('id').primaryKey(),
  kind: text('kind', { enum: CHANNEL_KINDS }).notNull(),
  name: text('name').notNull(),
  /** The platform's own shop id, when it has one. */
  platformShopId: text('platform_shop_id'),
  /** Non-secret connector settings (endpoint, poll interval, backfill start), JSON. */
  configJson: text('config_json').notNull().default('{}'),
  /**
   * The PC (sync device id) that polls this shop; two PCs never poll the same shop. Set on the
   * channels screen; another PC takes over after the poller has been silent this many minutes.
   */
  pollerDeviceId: text('poller_device_id'),
  pollerFailoverMinutes: integer('poller_failover_minutes').notNull().default(15),
  paused: integer('paused', { mode: 'boolean' }).notNull().default(false),
  /** Per-shop commission rate in basis points (finance fallback when the platform sends none). */
  commissionBps: integer('commission_bps'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const warehouses = sqliteTable('warehouses', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  city: text('city'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const skus = sqliteTable(
  'skus',
  {
    id: text('id').primaryKey(),
    /** 商家编码 / outer id: how platforms and files name the SKU. */
    code: text('code').notNull(),
    title: text('title').notNull(),
    spec: text('spec'),
    barcode: text('barcode'),
    priceFen: integer('price_fen'),
    weightGrams: integer('weight_grams'),
    /** Gifts of one group (or brand) stand in for each other when one is out of stock. */
    giftGroup: text('gift_group'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('skus_code_idx').on(t.code)],
);

/** A buyer, matched across orders by platform buyer id or phone hash. Personal data as the platform gave it (masked). */
export const customers = sqliteTable(
  'customers',
  {
    id: text('id').primaryKey(),
    channelKind: text('channel_kind'),
    platformBuyerId: text('platform_buyer_id'),
    nick: text('nick'),
    nameMasked: text('name_masked'),
    phoneMasked: text('phone_masked'),
    /** SHA-256 of the normalised full phone number, when one was ever known; for matching only. */
    phoneHash: text('phone_hash'),
    grade: text('grade', { enum: ['A', 'B', 'C'] }).notNull().default('C'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('customers_buyer_idx').on(t.channelKind, t.platformBuyerId),
    index('customers_phone_idx').on(t.phoneHash),
  ],
);
