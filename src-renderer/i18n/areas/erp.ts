/** Words of the ERP screen: connections, health and sync, mappings with preview, reconciliation, problems. */
const zh = {
  title: 'ERP 对接',
  add: '添加 ERP 连接',
  empty: '还没有 ERP 连接。IT 提供一个 ODBC 数据源（DSN）后，就可以在这里同步物料和库存，并把待发货订单推送到 ERP。',
  choose: '连接',
  preset: { k3wise: '金蝶 K3 WISE', u8: '用友 U8', custom: '自定义' },
  readOnlyTag: '只读',
  notHere: '这台电脑还没有填写数据源',
  form: {
    title: '添加 ERP 连接', editTitle: '编辑 ERP 连接：{{name}}', name: '名称', preset: 'ERP 类型（预置映射）', way: '连接方式', dsn: '数据源名称（DSN）',
    connectionString: '连接字符串', user: '用户名', password: '密码', passwordSet: '已设置（留空则不修改）', readOnly: '只读：只从 ERP 读取，绝不写入',
    save: '保存', cancel: '取消', saved: '已保存', required: '请填写',
    dsnHelp: '由 IT 在“ODBC 数据源管理器”中配置的名称；只保存在这台电脑上',
    csHelp: '例如 Driver={ODBC Driver 18 for SQL Server};Server=…;Database=…;Encrypt=no; 其中的密码会单独加密保存',
  },
  lane: { skus: '物料档案', warehouses: '仓库', stock: '库存快照', orders: '订单推送', locks: '库存锁定' },
  health: {
    lane: '同步项', state: '状态', lastSuccess: '上次成功', failingSince: '失败开始于', backlog: '待处理', nextAttempt: '下次重试', lastCounts: '上次结果',
    ok: '正常', failing: '连续失败 {{count}} 次', idle: '未运行', never: '从未',
  },
  act: {
    test: '测试连接', pullSkus: '同步物料', pullWarehouses: '同步仓库', pullStock: '同步库存', push: '立即推送', cancel: '停止', edit: '编辑', remove: '删除',
    removeConfirm: '删除连接“{{name}}”及其映射？ERP 中的数据不受影响。', removed: '已删除',
  },
  test: {
    ok: '连接成功：{{dbms}} {{version}}，驱动 {{driver}}，用时 {{ms}} 毫秒', textOk: '中文往返正常（喆镕堃昇）', textBad: '中文往返异常：中文可能变成问号，请检查驱动和数据库编码',
    failed: '连接失败：{{message}}', unknownDriver: '未知',
  },
  pullDone: '{{what}}同步完成：读取 {{read}} 行，新增 {{created}}，更新 {{updated}}，未变 {{unchanged}}，清零 {{zeroed}}，异常 {{rejected}}',
  pushDone: '推送完成：新增 {{inserted}} 单，更新 {{updated}}，ERP 中已有 {{alreadyThere}}，作废 {{cancelled}}，异常 {{rejected}}，失败 {{failed}}；锁定写入 {{locksWritten}}，结束 {{locksReleased}}',
  running: '{{lane}}进行中：已处理 {{done}} 行',
  tabs: { overview: '状态与同步', mappings: '字段映射', reconcile: '对账', problems: '问题清单' },
  schedule: {
    title: '自动同步', enabled: '启用', nightly: '每晚全量同步时间（cron，北京时间）', delta: '库存增量间隔（分钟）', push: '推送检查间隔（秒）',
    save: '保存', saved: '自动同步设置已保存', help: '订单进入“待发货”后，最迟约 {{seconds}} 秒写入 ERP；ERP 连不上时自动退避重试。',
  },
  mapping: {
    kind: '映射项',
    kinds: {
      skus: '物料档案（读取）', warehouses: '仓库（读取）', stock: '库存快照（读取）', outbound: '销售出库（读取，对账用）',
      orders: '销售订单（写入中间表）', locks: '库存锁定（写入中间表）',
    },
    mode: '方式', sql: 'SQL 语句', table: '表与列', sqlHelp: '只允许一条 SELECT；用 AS 把列命名为下面的字段名（如 AS sku），参数写 ?',
    tableName: '表名', field: '本系统字段', column: 'ERP 列名', preview: '用真实数据预览', save: '保存映射', saved: '映射已保存',
    previewRows: '预览：{{count}} 行', checked: '已确认目标表中存在这些列：{{list}}', noRows: '没有数据', reason: '问题', ok: '可用',
    unconfirmed: '预置映射中以下内容尚未在客户数据库上确认，请核对：', header: '订单表头', lines: '订单明细', locks: '锁定表',
    charset: 'ERP 文本字段类型', charsets: { unicode: 'nvarchar（Unicode，任何字符）', gbk: 'varchar（GBK / CP936）', gb2312: 'varchar（GB2312）' },
    onCancel: '订单取消时', onCancels: { void: '把状态改为取消申请', delete: '删除 ERP 尚未处理的行' },
    newStatus: '新单状态值', cancelStatus: '取消状态值', customerCode: '默认客户编码', orderType: '单据类型', currency: '币别',
    activeStatus: '锁定中状态值', releasedStatus: '释放状态值', consumedStatus: '已出库状态值', defaultWarehouse: '默认仓库编码',
    ddl: '中间表建表语句（交给 IT 在 ERP 数据库执行；本系统只写这些表）', notSaved: '尚未保存',
  },
  reconcile: {
    run: '开始对账', export: '导出 CSV', kind: '差异', sku: '物料编码', warehouse: '仓库', order: '外部单号', ours: '本系统', erp: 'ERP',
    none: '没有差异', snapshotAt: 'ERP 库存快照时间：{{at}}', noSnapshot: '尚未同步过库存', checkedAt: '对账时间：{{at}}，差异 {{count}} 项',
    kinds: {
      reserved_over_on_hand: '占用超过 ERP 结存', lock_mismatch: '锁定数量与占用不一致', shipped_not_out: '已发货，ERP 无出库',
      out_qty_mismatch: '出库数量不一致', out_not_shipped: 'ERP 已出库，本系统未发货',
    },
  },
  problems: {
    unknown: 'ERP 物料档案中没有的商品', unknownEmpty: '在售商品在 ERP 中都有', pullFirst: '先同步一次物料档案，才能比对', code: '商家编码', title: '名称', openLines: '未发货行数',
    rejects: '未能使用的行（其余行已正常处理）', rejectsEmpty: '没有异常行', lane: '同步项', key: '涉及', reason: '原因', raw: '原始数据', at: '时间',
  },
};

const en: typeof zh = {
  title: 'ERP link',
  add: 'Add ERP connection',
  empty: 'No ERP connection yet. Once IT gives you an ODBC data source (DSN), sync items and stock here and push orders to ship into the ERP.',
  choose: 'Connection',
  preset: { k3wise: 'Kingdee K3 WISE', u8: 'Yonyou U8', custom: 'Custom' },
  readOnlyTag: 'Read-only',
  notHere: 'No data source on this PC yet',
  form: {
    title: 'Add ERP connection', editTitle: 'Edit ERP connection: {{name}}', name: 'Name', preset: 'ERP (preset mappings)', way: 'Connect by', dsn: 'Data source name (DSN)',
    connectionString: 'Connection string', user: 'User', password: 'Password', passwordSet: 'Set (leave empty to keep)', readOnly: 'Read-only: only read from the ERP, never write',
    save: 'Save', cancel: 'Cancel', saved: 'Saved', required: 'Required',
    dsnHelp: 'The name IT set up in the ODBC Data Source Administrator; kept on this PC only',
    csHelp: 'e.g. Driver={ODBC Driver 18 for SQL Server};Server=…;Database=…;Encrypt=no; a password in it is sealed separately',
  },
  lane: { skus: 'Items', warehouses: 'Warehouses', stock: 'Stock snapshot', orders: 'Order push', locks: 'Stock locks' },
  health: {
    lane: 'Lane', state: 'State', lastSuccess: 'Last success', failingSince: 'Failing since', backlog: 'Waiting', nextAttempt: 'Next retry', lastCounts: 'Last result',
    ok: 'OK', failing: 'Failed {{count}} times in a row', idle: 'Not run', never: 'Never',
  },
  act: {
    test: 'Test connection', pullSkus: 'Pull items', pullWarehouses: 'Pull warehouses', pullStock: 'Pull stock', push: 'Push now', cancel: 'Stop', edit: 'Edit', remove: 'Remove',
    removeConfirm: 'Remove connection "{{name}}" and its mappings? Nothing in the ERP changes.', removed: 'Removed',
  },
  test: {
    ok: 'Connected: {{dbms}} {{version}}, driver {{driver}}, {{ms}} ms', textOk: 'Chinese round trip OK (喆镕堃昇)', textBad: 'Chinese round trip broken: text may turn into question marks; check the driver and database encoding',
    failed: 'Connection failed: {{message}}', unknownDriver: 'unknown',
  },
  pullDone: '{{what}} pulled: read {{read}} rows, {{created}} new, {{updated}} updated, {{unchanged}} unchanged, {{zeroed}} zeroed, {{rejected}} rejected',
  pushDone: 'Pushed: {{inserted}} new, {{updated}} updated, {{alreadyThere}} already in the ERP, {{cancelled}} cancelled, {{rejected}} rejected, {{failed}} failed; locks {{locksWritten}} written, {{locksReleased}} ended',
  running: '{{lane}} running: {{done}} rows done',
  tabs: { overview: 'Status & sync', mappings: 'Mappings', reconcile: 'Reconcile', problems: 'Problems' },
  schedule: {
    title: 'Automatic sync', enabled: 'On', nightly: 'Nightly full sync (cron, Beijing time)', delta: 'Stock delta every (minutes)', push: 'Push check every (seconds)',
    save: 'Save', saved: 'Schedule saved', help: 'An order reaching "to ship" is in the ERP within about {{seconds}} s; an unreachable ERP is retried with backoff.',
  },
  mapping: {
    kind: 'Mapping',
    kinds: {
      skus: 'Item master (read)', warehouses: 'Warehouses (read)', stock: 'Stock snapshot (read)', outbound: 'Sales outbound (read, reconciliation)',
      orders: 'Sales orders (write, staging)', locks: 'Stock locks (write, staging)',
    },
    mode: 'Mode', sql: 'SQL', table: 'Table & columns', sqlHelp: 'One SELECT only; alias columns to the field names below (e.g. AS sku); parameters as ?',
    tableName: 'Table', field: 'Our field', column: 'ERP column', preview: 'Preview on real rows', save: 'Save mapping', saved: 'Mapping saved',
    previewRows: 'Preview: {{count}} rows', checked: 'These target columns exist: {{list}}', noRows: 'No rows', reason: 'Problem', ok: 'OK',
    unconfirmed: 'Not yet confirmed on a customer database; check:', header: 'Order header', lines: 'Order lines', locks: 'Lock table',
    charset: 'ERP text columns', charsets: { unicode: 'nvarchar (Unicode, anything)', gbk: 'varchar (GBK / CP936)', gb2312: 'varchar (GB2312)' },
    onCancel: 'When an order is cancelled', onCancels: { void: 'set the cancel-request status', delete: 'delete rows the ERP has not taken' },
    newStatus: 'New-order status', cancelStatus: 'Cancel status', customerCode: 'Default customer code', orderType: 'Order type', currency: 'Currency',
    activeStatus: 'Active status', releasedStatus: 'Released status', consumedStatus: 'Consumed status', defaultWarehouse: 'Default warehouse code',
    ddl: 'Staging tables DDL (for IT to run in the ERP database; the hub writes only these)', notSaved: 'Not saved yet',
  },
  reconcile: {
    run: 'Reconcile', export: 'Export CSV', kind: 'Difference', sku: 'Item code', warehouse: 'Warehouse', order: 'External order no.', ours: 'Here', erp: 'ERP',
    none: 'No differences', snapshotAt: 'ERP stock snapshot: {{at}}', noSnapshot: 'No stock pulled yet', checkedAt: 'Checked {{at}}: {{count}} differences',
    kinds: {
      reserved_over_on_hand: 'Reserved above ERP on hand', lock_mismatch: 'Locks differ from reservations', shipped_not_out: 'Shipped, no ERP outbound',
      out_qty_mismatch: 'Outbound quantity differs', out_not_shipped: 'ERP outbound, not shipped here',
    },
  },
  problems: {
    unknown: 'Items the ERP does not have', unknownEmpty: 'Every item we sell is in the ERP', pullFirst: 'Pull the item master once to compare', code: 'SKU code', title: 'Title', openLines: 'Open lines',
    rejects: 'Rows that could not be used (the others went through)', rejectsEmpty: 'No rejected rows', lane: 'Lane', key: 'About', reason: 'Reason', raw: 'Raw data', at: 'When',
  },
};

export const erp = { zh, en };
