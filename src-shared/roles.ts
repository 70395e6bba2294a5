/**
 * Roles and permissions: the one table both the dispatcher (the security boundary)
 * and the UI (which hides what a role may not do) read.
 */
export const PERMISSIONS = [
  'orders.view', // see orders, lines, timelines
  'orders.viewAmounts', // see money columns
  'orders.note', // add notes to orders
  'orders.tag', // set urgency, add/remove tags
  'orders.edit', // change prices, addresses, warehouse
  'orders.changeStatus', // move an order through its states
  'orders.close', // close or cancel an order
  'orders.intervene', // forced intervention: override holds, locks, rules
  'orders.export', // export the current grid view
  'views.share', // publish a saved view to everybody
  'aftersales.open', // open an after-sales request
  'fulfillment.ship', // confirm handover / shipment
  'fulfillment.logistics', // enter carrier, tracking no., batch no.
  'imports.run', // import spreadsheets
  'imports.manageSources', // scheduled folder imports, templates
  'finance.export', // reconciliation exports
  'channels.view', // see shops, their health and coverage
  'channels.manage', // add/edit shops, their secrets, poll now
  'users.manage', // create users, assign roles, unlock
  'settings.manage', // workspace settings
  'audit.view', // read and verify the audit log
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['owner', 'ops_lead', 'service', 'warehouse', 'finance'] as const;
export type Role = (typeof ROLES)[number];

const everything: readonly Permission[] = PERMISSIONS;

/** Starting points from the merchants' own practice (see the foundation issue). */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: everything,
  ops_lead: [
    'orders.view', 'orders.viewAmounts', 'orders.note', 'orders.tag', 'orders.edit',
    'orders.changeStatus', 'orders.close', 'orders.intervene', 'orders.export', 'views.share',
    'aftersales.open', 'fulfillment.ship', 'fulfillment.logistics', 'imports.run',
    'channels.view', 'channels.manage', 'audit.view',
  ],
  service: ['orders.view', 'orders.viewAmounts', 'orders.note', 'aftersales.open'],
  warehouse: ['orders.view', 'fulfillment.ship', 'fulfillment.logistics'],
  finance: ['orders.view', 'orders.viewAmounts', 'orders.export', 'finance.export', 'audit.view'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  owner: { zh: '老板', en: 'Owner' },
  ops_lead: { zh: '运营主管', en: 'Ops lead' },
  service: { zh: '客服', en: 'Customer service' },
  warehouse: { zh: '仓库', en: 'Warehouse' },
  finance: { zh: '财务', en: 'Finance' },
};
