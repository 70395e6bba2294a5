import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Synced: a printed pick list (拣货单) — the wave it was cut by and the orders on it, so a reprint
 * shows the same orders (marked 重印) without moving them again. Orders are a JSON array of ids.
 */
export const pickLists = sqliteTable(
  'pick_lists',
  {
    id: text('id').primaryKey(),
    warehouseId: text('warehouse_id').notNull(),
    /** The wave filters as asked (cut-off, shops, urgencies, carriers), JSON. */
    filtersJson: text('filters_json').notNull(),
    orderIdsJson: text('order_ids_json').notNull(),
    orders: integer('orders').notNull(),
    units: integer('units').notNull(),
    /** 1 = the first print; each reprint adds one. */
    prints: integer('prints').notNull().default(1),
    createdByName: text('created_by_name'),
    createdAt: integer('created_at').notNull(),
    lastPrintedAt: integer('last_printed_at').notNull(),
  },
  (t) => [index('pick_lists_wh_created_idx').on(t.warehouseId, t.createdAt)],
);

/** Synced: a handover to a carrier (已交接), one batch per carrier pickup. */
export const handovers = sqliteTable(
  'handovers',
  {
    id: text('id').primaryKey(),
    carrier: text('carrier').notNull(),
    warehouseId: text('warehouse_id'),
    parcels: integer('parcels').notNull(),
    createdByName: text('created_by_name'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('handovers_created_idx').on(t.createdAt)],
);

/** Synced: which parcel went in which handover; a parcel is handed over once. */
export const handoverParcels = sqliteTable(
  'handover_parcels',
  {
    id: text('id').primaryKey(),
    handoverId: text('handover_id').notNull(),
    shipmentId: text('shipment_id').notNull(),
    orderId: text('order_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('handover_parcels_shipment_idx').on(t.shipmentId), index('handover_parcels_order_idx').on(t.orderId)],
);

/** Synced: where a SKU lies in a warehouse (库位), for the pick list's walk. */
export const skuBins = sqliteTable(
  'sku_bins',
  {
    id: text('id').primaryKey(),
    warehouseId: text('warehouse_id').notNull(),
    skuCode: text('sku_code').notNull(),
    bin: text('bin').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('sku_bins_wh_sku_idx').on(t.warehouseId, t.skuCode)],
);
