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
  'orders.review', // 审单: release holds, approve orders waiting for review
  'orders.create', // enter manual orders (phone, QQ, fax, offline B2B)
  'lifecycle.manage', // edit the order state machine (states, transitions, guards, SLAs)
  'quality.hold', // 质检拦截: freeze and release a batch number
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
  'settings.folders', // choose folders on this PC or a share that the app writes to or reads from
  'audit.view', // read and verify the audit log
  'rules.view', // see review/routing rules, dry-run them
  'rules.manage', // edit and save rules, the buyer blacklist
  'stock.view', // see stock, reservations, reminders, reconciliation, routing capacity
  'stock.manage', // safety stock, capacity, stock counts, release reservations by hand
  'exceptions.view', // see exceptions (异常), their history and shipments' tracking
  'exceptions.work', // note, confirm, snooze and close the exceptions one works on
  'exceptions.manage', // assign and bulk-close anybody's, detector settings, purchase marks
  'board.view', // the risk board and the metrics (half-life, on-time rate, funnel)
  'alerts.manage', // WeCom / DingTalk robots, alert policies, tracking credentials
  'erp.view', // see ERP connections, their health, reconciliation
  'erp.manage', // connect the ERP, map, pull and push now
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
    'orders.changeStatus', 'orders.close', 'orders.intervene', 'orders.review', 'orders.create', 'lifecycle.manage',
    'quality.hold', 'orders.export', 'views.share',
    'aftersales.open', 'fulfillment.ship', 'fulfillment.logistics', 'imports.run',
    'channels.view', 'channels.manage', 'audit.view', 'erp.view', 'rules.view', 'rules.manage', 'stock.view', 'stock.manage',
    'exceptions.view', 'exceptions.work', 'exceptions.manage', 'board.view', 'alerts.manage',
  ],
  service: ['orders.view', 'orders.viewAmounts', 'orders.note', 'orders.review', 'orders.create', 'aftersales.open', 'stock.view', 'exceptions.view', 'exceptions.work'],
  warehouse: ['orders.view', 'fulfillment.ship', 'fulfillment.logistics', 'quality.hold', 'stock.view', 'exceptions.view', 'exceptions.work'],
  finance: ['orders.view', 'orders.viewAmounts', 'orders.export', 'finance.export', 'audit.view', 'erp.view', 'stock.view', 'exceptions.view', 'exceptions.work'],
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

/** What each permission lets a person do, in words (the home screen and user management show these). */
export const PERMISSION_LABELS: Record<Permission, { zh: string; en: string }> = {
  'orders.view': { zh: '查看订单', en: 'View orders' },
  'orders.viewAmounts': { zh: '查看金额', en: 'See amounts' },
  'orders.note': { zh: '添加订单备注', en: 'Add order notes' },
  'orders.tag': { zh: '设置紧急度和标签', en: 'Set urgency and tags' },
  'orders.edit': { zh: '修改价格、地址、仓库', en: 'Edit prices, addresses, warehouse' },
  'orders.changeStatus': { zh: '变更订单状态', en: 'Change order status' },
  'orders.close': { zh: '关闭或取消订单', en: 'Close or cancel orders' },
  'orders.intervene': { zh: '强制干预（解除锁定、绕过规则）', en: 'Forced intervention' },
  'orders.review': { zh: '审单（放行或取消挂起的订单）', en: 'Review held orders' },
  'orders.create': { zh: '录入手工订单', en: 'Enter manual orders' },
  'lifecycle.manage': { zh: '编辑订单状态机', en: 'Edit the order state machine' },
  'quality.hold': { zh: '质检拦截（冻结批次）', en: 'Quality holds (freeze a batch)' },
  'orders.export': { zh: '导出订单视图', en: 'Export order views' },
  'views.share': { zh: '发布共享视图', en: 'Publish shared views' },
  'aftersales.open': { zh: '发起售后', en: 'Open after-sales requests' },
  'fulfillment.ship': { zh: '确认交接与发货', en: 'Confirm handover and shipment' },
  'fulfillment.logistics': { zh: '录入物流与批次信息', en: 'Enter logistics and batch data' },
  'imports.run': { zh: '导入表格', en: 'Import spreadsheets' },
  'imports.manageSources': { zh: '管理导入模板和文件夹', en: 'Manage import templates and folders' },
  'finance.export': { zh: '导出财务对账', en: 'Export finance reconciliation' },
  'channels.view': { zh: '查看店铺与拉单健康', en: 'View shops and their health' },
  'channels.manage': { zh: '添加和管理店铺', en: 'Add and manage shops' },
  'users.manage': { zh: '管理用户和角色', en: 'Manage users and roles' },
  'settings.manage': { zh: '工作区设置', en: 'Workspace settings' },
  'settings.folders': { zh: '指定导出和导入用的文件夹', en: 'Choose export and import folders' },
  'audit.view': { zh: '查看审计日志', en: 'View the audit log' },
  'rules.view': { zh: '查看审单与分仓规则、试运行', en: 'View review and routing rules, dry-run them' },
  'rules.manage': { zh: '编辑规则和黑名单', en: 'Edit rules and the buyer blacklist' },
  'stock.view': { zh: '查看库存、占用与分仓产能', en: 'View stock, reservations and routing capacity' },
  'stock.manage': { zh: '设置安全库存、产能，盘点，手工释放占用', en: 'Set safety stock and capacity, count stock, release reservations' },
  'exceptions.view': { zh: '查看异常与物流轨迹', en: 'See exceptions and parcel tracking' },
  'exceptions.work': { zh: '处理异常：备注、确认、暂缓、关闭', en: 'Work on exceptions: note, confirm, snooze, close' },
  'exceptions.manage': { zh: '分派和批量关闭异常，设置异常检测', en: 'Assign and bulk-close exceptions, set up detectors' },
  'board.view': { zh: '查看风险看板与运营指标', en: 'See the risk board and the metrics' },
  'alerts.manage': { zh: '设置群机器人提醒与快递查询账号', en: 'Set up group-robot alerts and the tracking account' },
  'erp.view': { zh: '查看 ERP 对接与对账', en: 'View the ERP link and reconciliation' },
  'erp.manage': { zh: '配置 ERP 对接、立即同步', en: 'Set up the ERP link, sync now' },
};
