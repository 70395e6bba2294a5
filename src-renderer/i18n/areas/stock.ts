/** Words of the stock and routing screens. */
const zh = {
  title: '库存与占用', routingTitle: '分仓与产能',
  tabs: { stock: '库存', reminders: '补货提醒', reconcile: '对账' },
  search: 'SKU 编码 / 商品名', shortOnly: '只看低于安全库存', allWarehouses: '全部仓库',
  col: {
    sku: 'SKU', title: '商品', warehouse: '仓库', onHand: '在库', reserved: '已占用', safety: '安全库存', available: '可用',
    snapshotAt: '盘点时间', ops: '操作', velocity7: '近 7 天日销', velocity30: '近 30 天日销', cover: '可售天数', problems: '差异', difference: '在库 − 占用',
  },
  count: '盘点', countTitle: '盘点 {{sku}} · {{warehouse}}', countOnHand: '实盘数量', countNote: '备注', counted: '已记录盘点：{{n}} 件',
  released: '，{{n}} 个缺货订单已按付款顺序放行',
  safety: '安全库存', safetyTitle: '{{sku}} 的安全库存', safetySaved: '安全库存已保存',
  reservations: '占用明细', resTitle: '{{sku}} 的库存占用', open: '占用中',
  res: { order: '订单号', qty: '数量', by: '占用方', at: '占用时间', released: '释放', reason: '释放原因', rule: '规则“{{name}}” 第 {{v}} 版', person: '{{name}}（人工）', system: '默认分仓' },
  noReminders: '没有低于安全库存的 SKU', noDiff: '占用与最新盘点一致，没有差异',
  problem: { over_reserved: '占用超过在库', no_snapshot: '从未盘点却有占用', stale_reservation: '订单已发货/取消仍占用' },
  releaseTitle: '释放订单 {{no}} 的占用', releaseReason: '释放原因', release: '释放占用', releasedDone: '已释放 {{n}} 条占用',
  days: '{{n}} 天', none: '—',
  routing: {
    day: '发货日', capacity: '日产能', unlimited: '不限', cutoff: '截单时间', priority: '默认顺序', used: '已分配 {{used}} 单',
    of: '/ {{cap}} 单', waiting: '缺货等待 {{n}} 单', reservedUnits: '占用 {{n}} 件', edit: '设置', save: '保存', saved: '已保存',
    waitsTitle: '缺货待发订单（按付款时间）', noWaits: '没有缺货等待的订单', missing: '缺', override: '改仓',
    overrideTitle: '订单 {{no}} 改仓', overrideWarehouse: '改发仓库', overrideReason: '改仓原因', overrideDone: '已改仓并占用库存', overrideWait: '已改仓，新仓库缺货，订单等待补货',
    paidAt: '付款时间', waitingSince: '等待自',
  },
};

const en: typeof zh = {
  title: 'Stock and reservations', routingTitle: 'Routing and capacity',
  tabs: { stock: 'Stock', reminders: 'Purchase reminders', reconcile: 'Reconciliation' },
  search: 'SKU code / title', shortOnly: 'Below safety stock only', allWarehouses: 'All warehouses',
  col: {
    sku: 'SKU', title: 'Item', warehouse: 'Warehouse', onHand: 'On hand', reserved: 'Reserved', safety: 'Safety', available: 'Available',
    snapshotAt: 'Counted', ops: 'Actions', velocity7: 'Per day (7 d)', velocity30: 'Per day (30 d)', cover: 'Days of cover', problems: 'Differences', difference: 'On hand − reserved',
  },
  count: 'Count', countTitle: 'Count {{sku}} · {{warehouse}}', countOnHand: 'Counted quantity', countNote: 'Note', counted: 'Count recorded: {{n}} units',
  released: '; {{n}} waiting orders released in payment order',
  safety: 'Safety stock', safetyTitle: 'Safety stock of {{sku}}', safetySaved: 'Safety stock saved',
  reservations: 'Reservations', resTitle: 'Reservations of {{sku}}', open: 'Open',
  res: { order: 'Order no.', qty: 'Qty', by: 'Made by', at: 'Made at', released: 'Released', reason: 'Why', rule: 'rule "{{name}}" v{{v}}', person: '{{name}} (by hand)', system: 'default routing' },
  noReminders: 'No SKU is below its safety stock', noDiff: 'Reservations match the latest counts',
  problem: { over_reserved: 'Reserved more than on hand', no_snapshot: 'Reserved but never counted', stale_reservation: 'Held for shipped/cancelled orders' },
  releaseTitle: 'Release the reservations of order {{no}}', releaseReason: 'Reason', release: 'Release', releasedDone: '{{n}} reservations released',
  days: '{{n}} days', none: '—',
  routing: {
    day: 'Ship day', capacity: 'Daily capacity', unlimited: 'No limit', cutoff: 'Cut-off', priority: 'Routing priority', used: '{{used}} orders routed',
    of: '/ {{cap}}', waiting: '{{n}} waiting for stock', reservedUnits: '{{n}} units reserved', edit: 'Settings', save: 'Save', saved: 'Saved',
    waitsTitle: 'Orders waiting for stock (by payment time)', noWaits: 'No order is waiting for stock', missing: 'short', override: 'Re-route',
    overrideTitle: 'Re-route order {{no}}', overrideWarehouse: 'Ship from', overrideReason: 'Reason', overrideDone: 'Re-routed, stock reserved', overrideWait: 'Re-routed; that warehouse is short, the order waits for stock',
    paidAt: 'Paid at', waitingSince: 'Waiting since',
  },
};

export const stock = { zh, en };
