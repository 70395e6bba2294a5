import { getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as s from './schema';

/**
 * synced: every PC holds it and changes travel through the cloud (written only by the write path);
 * local: means something on this PC only (secrets sealed by its keychain, folder paths, sessions,
 *        poller cursors, caches, its own audit chain);
 * derived: rebuilt from other tables, never synced (indexes such as full-text search).
 */
export type TableClass = 'synced' | 'local' | 'derived';

export interface TableEntry {
  class: TableClass;
  /** Why it is classified so, in one line (shown in the test's failure message). */
  why: string;
  /** The drizzle table, for synced tables (the write path builds its SQL from it). */
  table?: SQLiteTable;
  /** The key field when it is not `id`. */
  idKey?: string;
  /** Fields never copied into the audit log (hashes); they still sync. */
  redact?: string[];
  /** Fields only one module writes, holding the write path's key (orders.status: the state machine). */
  owned?: string[];
  /** The parent field its rows are stored under (WITHOUT ROWID, keyed by parent then id): they are only ever inserted. */
  under?: string;
}

const synced = (table: SQLiteTable, why: string, o: { idKey?: string; redact?: string[]; owned?: string[]; under?: string } = {}): TableEntry => ({ class: 'synced', why, table, ...o });
const local = (why: string): TableEntry => ({ class: 'local', why });
const derived = (why: string): TableEntry => ({ class: 'derived', why });

/**
 * Every table in the replica, classified (house invariant 11). A table that is not here fails
 * `tables.test.ts`, whether drizzle or a hand-written migration made it: add the next one here.
 */
export const TABLES: Record<string, TableEntry> = {
  users: synced(s.users, 'people sign in with the same account on every PC', { redact: ['passwordHash'] }),
  settings: synced(s.settings, 'workspace settings (zone, rates, the finance schedule without its folder)'),
  channels: synced(s.channels, 'the shops and which PC polls each; secrets live in channel_secrets'),
  channel_health: synced(s.channelHealth, 'a failing shop shows on every PC', { idKey: 'channelId' }),
  warehouses: synced(s.warehouses, 'catalog'),
  skus: synced(s.skus, 'catalog'),
  customers: synced(s.customers, 'buyers, matched across orders'),
  // status has one writer: the state machine (src-main/orders/lifecycle/), holding the key to it.
  orders: synced(s.orders, 'the one live order table', { owned: ['status'] }),
  order_lines: synced(s.orderLines, 'part of the order'),
  order_addresses: synced(s.orderAddresses, 'part of the order', { under: 'orderId' }),
  order_events: synced(s.orderEvents, 'the order timeline', { under: 'orderId' }),
  order_notes: synced(s.orderNotes, 'notes people write on orders'),
  views: synced(s.savedViews, 'saved and shared grid views'),
  import_templates: synced(s.importTemplates, 'column mappings anybody may reuse'),
  stock_snapshots: synced(s.stockSnapshots, 'on-hand stock every PC reserves against'),
  erp_connections: synced(s.erpConnections, 'which ERP account set the team talks to, its schedule'),
  erp_mappings: synced(s.erpMappings, 'how ERP tables map, the same for every PC'),
  erp_stock_changes: synced(s.erpStockChanges, 'ERP stock counts every PC reserves against, one row per batch of changed counts', { redact: ['countsJson'] }),
  status_overrides: synced(s.statusOverrides, 'status words the workspace mapped itself apply to every shop on every PC'),
  lifecycle_machines: synced(s.lifecycleMachines, 'the order state machine\'s versions: every PC moves orders by the same rules'),
  order_holds: synced(s.orderHolds, 'holds on orders: a hold set on one PC stops the order on every PC'),
  quality_holds: synced(s.qualityHolds, 'frozen batches hold orders on every PC'),
  order_links: synced(s.orderLinks, 'split and merge history, part of the orders'),
  rule_set_versions: synced(s.ruleSetVersions, 'review and routing rules: every PC decides by the same version'),
  buyer_blacklist: synced(s.buyerBlacklist, 'blacklisted buyers, for every PC\'s review rules'),
  order_assignments: synced(s.orderAssignments, 'who an order is assigned to', { idKey: 'orderId' }),
  stock_reservations: synced(s.stockReservations, 'the reservation ledger every PC reserves against'),
  order_routes: synced(s.orderRoutes, 'which warehouse ships an order, on which day'),
  stock_waits: synced(s.stockWaits, 'orders waiting for stock', { idKey: 'orderId' }),
  safety_stock: synced(s.safetyStock, 'safety stock per SKU', { idKey: 'skuCode' }),
  warehouse_capacity: synced(s.warehouseCapacity, 'daily capacity and cut-off per warehouse', { idKey: 'warehouseId' }),
  exceptions: synced(s.exceptions, 'exceptions (异常): who owns them and how they closed is the same on every PC'),
  exception_events: synced(s.exceptionEvents, 'each exception\'s history'),
  detector_settings: synced(s.detectorSettings, 'how the workspace runs each detector', { idKey: 'detector' }),
  purchase_marks: synced(s.purchaseMarks, 'purchases under way, which keep stock-short orders from being 采购协同失效'),
  shipments: synced(s.shipments, 'parcels and what their carrier says, for every PC'),
  shipment_events: synced(s.shipmentEvents, 'parcels\' tracking trails'),
  shipment_lines: synced(s.shipmentLines, 'which lines left in which parcel: stock leaves on-hand once, on every PC'),
  shipment_confirmations: synced(s.shipmentConfirmations, '发货回传: every PC sees what the shop confirmed, so none confirms twice'),
  pick_lists: synced(s.pickLists, 'a printed pick list: every PC reprints the same orders and sees the wave'),
  handovers: synced(s.handovers, 'carrier handover batches (已交接), seen on every PC'),
  handover_parcels: synced(s.handoverParcels, 'which parcel went in which handover: a parcel is handed over once'),
  sku_bins: synced(s.skuBins, 'where a SKU lies in a warehouse, printed on pick lists'),
  alert_robots: synced(s.alertRobots, 'the team\'s group robots (their webhooks are sealed in sealed_secrets on the PC that sends)'),
  alert_policies: synced(s.alertPolicies, 'who hears about which detector, when', { idKey: 'detector' }),

  sessions: local('a sign-in lives on the PC where it happened'),
  login_throttle: local('failed sign-ins counted on this PC, per user name and address'),
  channel_secrets: local('sealed by this PC\'s keychain: no other PC can open them'),
  channel_auth: local('when the tokens sealed on this PC expire and are renewed: only this PC holds them'),
  local_settings: local('folder paths and the sync device token mean nothing on another PC'),
  channel_state: local('the poller\'s cursor and schedule on the PC that polls'),
  channel_quarantine: local('payloads this PC fetched and could not read; re-processed here'),
  channel_coverage: local('windows this PC fetched'),
  channel_unmapped: local('status words this PC met'),
  order_raw: local('platform payloads as this PC fetched them (large; re-processing input)'),
  order_raw_blocks: local('those payloads compressed together, per write and kind of payload'),
  order_raw_dicts: local('the compression dictionaries learned from this PC\'s payloads'),
  order_changes: local('which orders changed on this PC lately, for the grid\'s caches to replay'),
  import_jobs: local('imports run on this PC'),
  import_rejects: local('rows this PC could not import'),
  import_sources: local('watched folders are paths on this PC'),
  import_source_files: local('files a folder source of this PC has read'),
  import_order_items: local('spreadsheet lines waiting for their order file on this PC'),
  erp_connection_local: local('how this PC reaches the ERP: DSN, connection string, sealed password'),
  erp_health: local('this PC\'s ERP lanes: last success, failing since, backoff'),
  erp_jobs: local('pulls and pushes run on this PC'),
  erp_rejects: local('rows this PC could not use or write'),
  erp_pushes: local('what this PC knows it pushed (the ERP\'s unique key stays the truth)'),
  erp_locks: local('stock lock rows this PC wrote into the ERP'),
  sealed_secrets: local('robot webhooks and the tracking account, sealed by this PC\'s keychain: this PC sends'),
  shipment_polls: local('when this PC next asks the carrier about a parcel'),
  alert_queue: local('alerts waiting for this PC to send them'),
  alert_deliveries: local('messages this PC sent (or is sending) to the robots, with their delivery ids'),
  alert_sends: local('this PC\'s requests to each robot in the last hour (the per-minute budget)'),
  desktop_notices: local('desktop notifications for people who sign in on this PC'),
  audit_log: local('each PC keeps its own hash chain; remote changes are recorded in it as remote'),
  outbox: local('the sync log itself: changes not yet acknowledged by the cloud'),
  sync_log: local('what sync did on this PC'),
  sync_unknown: local('fields from a newer app, kept until this PC upgrades'),
  meta: local('clock, audit head, cursors, revision counters of this file'),
  _migrations: local('which migrations this file has applied'),

  order_search: derived('the trigram index of receiver, address and remarks, kept by the write path'),
  line_search: derived('the trigram index of item titles, kept by the write path'),
  order_no_search: derived('the trigram index of order numbers (a number\'s end), kept by the write path'),
  order_search_terms: derived('the order index\'s vocabulary (a view of the index)'),
  line_search_terms: derived('the title index\'s vocabulary (a view of the index)'),
  erp_items: derived('the ERP\'s item codes, rebuilt by every SKU pull'),
  erp_stock_keys: derived('small local numbers for the connection and warehouse ids erp_stock_latest names'),
  erp_stock_latest: derived('the ERP\'s current count per SKU × warehouse, applied from erp_stock_changes'),
  erp_stock_applied: derived('which erp_stock_changes rows this PC has applied to erp_stock_latest'),
  exception_counts: derived('open exceptions by state, type, severity and hour, kept by triggers on exceptions'),
  exception_owner_counts: derived('open exceptions per owner, kept by triggers on exceptions'),
};

export const SYNCED_TABLES = Object.entries(TABLES)
  .filter(([, e]) => e.class === 'synced')
  .map(([name, e]) => {
    if (getTableName(e.table!) !== name) throw new Error(`tables.ts: ${name} names drizzle table ${getTableName(e.table!)}`);
    return { table: e.table!, ...(e.idKey ? { idKey: e.idKey } : {}), ...(e.redact ? { redact: e.redact } : {}), ...(e.owned ? { owned: e.owned } : {}), ...(e.under ? { under: e.under } : {}) };
  });

/** SQLite's own tables and full-text search's shadow tables belong to what made them. */
export function isInternalTable(name: string, all: readonly string[]): boolean {
  if (name.startsWith('sqlite_')) return true;
  const shadow = /^(.*)_(data|idx|content|docsize|config)$/.exec(name);
  return !!shadow && all.includes(shadow[1]!) && TABLES[shadow[1]!]?.class === 'derived';
}

/** Tables in the file (hand-made ones included) that the list does not classify. */
export function unclassifiedTables(sqlite: { prepare(sql: string): { pluck(): { all(): unknown[] } } }): string[] {
  const all = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[];
  return all.filter((n) => !isInternalTable(n, all) && !TABLES[n]).sort();
}
