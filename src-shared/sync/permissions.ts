import { contract, isCallName } from '../contract';
import type { Permission, Role } from '../roles';
import { ROLE_PERMISSIONS } from '../roles';
import type { Mutation, SyncReason } from './protocol';

/**
 * Which permissions may write each synced table. A pushed mutation names its call; the cloud
 * takes that call's permission from the same contract the desktop dispatcher uses and checks
 * (1) the user's role — as the workspace has it now, not as the PC remembers it — has it, and
 * (2) that permission may write this table (and these fields). Add the next synced table here.
 */
/**
 * Permissions whose calls can move an order through the state machine: a move's entry hooks
 * (review, routing, reservations, holds) write the order-flow tables in the same transaction,
 * whichever call started it (a person's review, a stock count that frees waiting orders, a
 * platform phase read by a re-process). The state machine checks each move's own permission.
 */
const ORDER_FLOW: readonly Permission[] = [
  'orders.edit', 'orders.changeStatus', 'orders.close', 'orders.intervene', 'orders.review', 'orders.create',
  'fulfillment.ship', 'fulfillment.logistics', 'aftersales.open', 'imports.run', 'imports.manageSources', 'channels.manage',
  'stock.manage', 'quality.hold', 'erp.manage', 'rules.manage', 'exceptions.work',
];
/** The tables a move of an order may write besides the order itself. */
const ORDER_FLOW_TABLES = [
  'orders', 'order_lines', 'order_addresses', 'order_events', 'order_holds', 'order_links', 'order_assignments',
  'stock_reservations', 'order_routes', 'stock_waits', 'quality_holds', 'shipments', 'shipment_lines', 'shipment_confirmations',
] as const;

export const TABLE_WRITERS: Record<string, readonly Permission[]> = {
  users: ['users.manage'],
  settings: ['settings.manage', 'finance.export', 'alerts.manage'],
  channels: ['channels.manage'],
  channel_health: ['channels.manage'],
  warehouses: ['settings.manage', 'imports.run', 'channels.manage', 'erp.manage'],
  skus: ['imports.run', 'imports.manageSources', 'channels.manage', 'erp.manage'],
  customers: ['imports.run', 'channels.manage', 'orders.edit'],
  orders: [
    'orders.tag', 'orders.edit', 'orders.changeStatus', 'orders.close', 'orders.intervene', 'fulfillment.ship',
    'fulfillment.logistics', 'aftersales.open', 'imports.run', 'channels.manage',
  ],
  order_lines: ['orders.edit', 'orders.intervene', 'fulfillment.logistics', 'imports.run', 'channels.manage'],
  order_addresses: ['orders.edit', 'orders.intervene', 'imports.run', 'channels.manage'],
  order_events: [
    'orders.note', 'orders.tag', 'orders.edit', 'orders.changeStatus', 'orders.close', 'orders.intervene',
    'fulfillment.ship', 'fulfillment.logistics', 'aftersales.open', 'imports.run', 'channels.manage',
  ],
  order_notes: ['orders.note'],
  views: ['orders.view', 'views.share'],
  import_templates: ['imports.run', 'imports.manageSources'],
  // A shipment takes its units out of on-hand (until the next ERP pull).
  stock_snapshots: ['imports.run', 'imports.manageSources', 'erp.manage', 'fulfillment.ship'],
  erp_connections: ['erp.manage'],
  erp_stock_changes: ['erp.manage'],
  erp_mappings: ['erp.manage'],
  status_overrides: ['channels.manage'],
  exceptions: ['exceptions.work', 'exceptions.manage'],
  exception_events: ['exceptions.work', 'exceptions.manage'],
  detector_settings: ['exceptions.manage'],
  purchase_marks: ['stock.manage'],
  // A parcel row comes with the move to 已交接/已发货 (whoever makes it), or from tracking.
  shipments: ['fulfillment.ship', 'fulfillment.logistics', 'orders.changeStatus', 'orders.intervene', 'exceptions.work', 'imports.run', 'channels.manage'],
  shipment_events: ['exceptions.work'],
  // Written by scan-to-ship (lines, the confirmation to send) and by the PC that sends (shipping.confirm).
  shipment_lines: ['fulfillment.ship'],
  shipment_confirmations: ['fulfillment.ship'],
  // 拣货单 printed (and reprinted) and carrier handovers (#11): the warehouse floor's acts.
  pick_lists: ['fulfillment.ship'],
  handovers: ['fulfillment.ship'],
  handover_parcels: ['fulfillment.ship'],
  // Where a SKU lies: kept with the stock (no screen writes it yet; a stock import or the ERP would).
  sku_bins: ['stock.manage', 'imports.run', 'erp.manage'],
  alert_robots: ['alerts.manage'],
  alert_policies: ['alerts.manage'],
  lifecycle_machines: ['lifecycle.manage'],
  rule_set_versions: ['rules.manage'],
  buyer_blacklist: ['rules.manage', 'orders.review'],
  safety_stock: ['stock.manage', 'rules.manage', 'erp.manage'],
  warehouse_capacity: ['stock.manage', 'rules.manage', 'settings.manage'],
  order_holds: ORDER_FLOW,
  order_links: ORDER_FLOW,
  order_assignments: ORDER_FLOW,
  stock_reservations: ORDER_FLOW,
  order_routes: ORDER_FLOW,
  stock_waits: ORDER_FLOW,
  quality_holds: ['quality.hold'],
};
for (const t of ['orders', 'order_lines', 'order_addresses', 'order_events', 'shipments']) {
  TABLE_WRITERS[t] = [...new Set([...TABLE_WRITERS[t]!, ...ORDER_FLOW])];
}

/** Fields that need more than the table's writers: an order's status moves only by the state machine's permissions. */
export const FIELD_WRITERS: Record<string, Record<string, readonly Permission[]>> = {
  orders: { status: ORDER_FLOW },
  users: { role: ['users.manage'], password_hash: ['users.manage'] },
};

/** Calls a signed-in user makes on their own row without a permission (sign-in counters, own password). */
const SELF_CALLS: Record<string, { table: string; fields: readonly string[] }> = {
  'auth.login': { table: 'users', fields: ['failed_logins', 'locked_until'] },
  'auth.changePassword': { table: 'users', fields: ['password_hash', 'updated_at'] },
};

/** Work the PC does by itself (no signed-in user), and the tables each may write. */
export const SYSTEM_CALLS: Record<string, readonly string[]> = {
  'channels.poll': [...ORDER_FLOW_TABLES, 'customers', 'channels', 'channel_health'],
  'imports.source': [...ORDER_FLOW_TABLES, 'customers', 'channels', 'skus', 'warehouses', 'stock_snapshots'],
  // A reservation past its hold time is released and its order routed again.
  'reservations.expire': ORDER_FLOW_TABLES,
  // The exception detectors' pass, and logistics tracking (a carrier's scans move orders as facts).
  'exceptions.detect': ['exceptions', 'exception_events'],
  'tracking.poll': [...ORDER_FLOW_TABLES, 'shipment_events', 'exceptions', 'exception_events'],
  'exports.financeSchedule': [],
  'erp.schedule': [...ORDER_FLOW_TABLES, 'skus', 'warehouses', 'stock_snapshots', 'erp_stock_changes', 'erp_connections'],
  'sync.failover': ['channels', 'channel_health'],
  // 发货回传: the PC that polls the shop sends and records the answer; a refusal opens an exception.
  'shipping.confirm': ['shipment_confirmations', 'channel_health', 'exceptions', 'exception_events'],
};

export interface WorkspaceUser {
  id: string;
  role: Role;
  disabled: boolean;
}

const refuse = (code: string, params: SyncReason['params']): { ok: false; reason: SyncReason } => ({ ok: false, reason: { code, params } });

/** The one check the cloud makes for every pushed mutation. */
export function checkMutation(m: Mutation, user: WorkspaceUser | null): { ok: true } | { ok: false; reason: SyncReason } {
  const writers = TABLE_WRITERS[m.table];
  if (!writers) return refuse('sync.unknown_table', { table: m.table });
  const fields = Object.keys(m.values ?? {});
  if (m.actor === null) {
    const tables = SYSTEM_CALLS[m.call];
    if (!tables) return refuse('sync.not_a_system_call', { call: m.call });
    return tables.includes(m.table) ? { ok: true } : refuse('sync.table_not_allowed', { call: m.call, table: m.table });
  }
  if (!user) return refuse('sync.unknown_user', { user: m.actor });
  if (user.disabled) return refuse('sync.user_disabled', { user: m.actor });
  const self = SELF_CALLS[m.call];
  if (self) {
    const own = m.table === self.table && m.row === user.id && m.op === 'update' && fields.every((f) => self.fields.includes(f));
    return own ? { ok: true } : refuse('sync.table_not_allowed', { call: m.call, table: m.table });
  }
  if (!isCallName(m.call)) return refuse('sync.unknown_call', { call: m.call });
  const access = contract[m.call].access;
  if (access === 'public' || access === 'authenticated') return refuse('sync.table_not_allowed', { call: m.call, table: m.table });
  if (!ROLE_PERMISSIONS[user.role].includes(access)) return refuse('sync.forbidden', { call: m.call, permission: access, role: user.role });
  if (!writers.includes(access)) return refuse('sync.table_not_allowed', { call: m.call, table: m.table });
  // A new order is created with its first status; a user is created with a role and password by users.manage.
  const creating = m.op === 'insert' && m.table !== 'users';
  for (const f of fields) {
    const need = FIELD_WRITERS[m.table]?.[f];
    if (need && !need.includes(access) && !creating) {
      return refuse('sync.field_not_allowed', { call: m.call, table: m.table, field: f });
    }
  }
  return { ok: true };
}
