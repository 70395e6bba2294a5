/** Words of the orders workspace: grid, views, bulk actions, export, order detail. */
const zh = {
  title: '订单',
  col: {
    rowNo: '#', channelKind: '渠道', channelId: '店铺', platformOrderId: '订单号', status: '状态', buyerNick: '买家',
    receiverName: '收货人', province: '省市', paidFen: '金额', paidAt: '付款时间', promisedShipAt: '承诺发货',
    warehouseId: '仓库', urgency: '紧急度', tags: '标签', trackingNo: '物流单号', createdAt: '下单时间',
    goodsFen: '商品金额', buyerRemark: '买家留言', platformPhase: '平台阶段', slaDueAt: '时效',
  },
  /** kuaidi100 carrier codes → the names people say; unknown codes show as they are. */
  carrier: {
    zhongtong: '中通', yuantong: '圆通', yunda: '韵达', shunfeng: '顺丰', shentong: '申通', jd: '京东物流', jtexpress: '极兔',
    ems: 'EMS', youzhengguonei: '邮政', debangkuaidi: '德邦', debangwuliu: '德邦物流', baishiwuliu: '百世', huitongkuaidi: '百世汇通',
  },
  hold: {
    review: '待审单', suspect_duplicate: '疑似重复', unmapped_status: '状态待映射', stock: '缺货', quality: '质检拦截', platform: '平台变更',
    manual: '人工挂起', mergeable: '可合单',
  },
  total: '共 {{count}} 单', totalApprox: '约 {{count}} 单（统计中…）', noRows: '没有符合条件的订单',
  selected: '已选 {{count}} 单',
  quickPlaceholder: '订单号、手机尾号、收货人、地址、商品、留言',
  columns: '列设置', pinLeft: '固定在左侧', resetColumns: '恢复默认列',
  clearFilters: '清除筛选', filteredBy: '已筛选：',
  loadFailed: '订单加载失败：{{message}}',
  copied: '已复制 {{count}} 行到剪贴板', copiedCell: '已复制单元格', copyFailed: '复制失败：{{message}}',
  setFilter: { search: '搜索选项', all: '全选', none: '清空', apply: '应用', reset: '重置', empty: '无可选项' },
  view: {
    label: '视图', placeholder: '选择已保存的视图', mine: '我的视图', shared: '共享视图', save: '保存视图', saveAs: '另存为新视图',
    update: '更新“{{name}}”', name: '视图名称', share: '共享给所有人', saved: '视图“{{name}}”已保存', deleted: '视图已删除',
    delete: '删除当前视图', confirmDelete: '确定删除视图“{{name}}”？', by: '{{name}} 共享', none: '默认视图',
  },
  bulk: {
    note: '添加备注', urgency: '设置紧急度', tags: '标签', addTags: '添加标签', removeTags: '移除标签',
    notePlaceholder: '备注内容（将添加到所选的每一个订单）', tagsPlaceholder: '输入标签后回车',
    confirmTitle: '确认批量操作', confirmMany: '将对 {{count}} 个订单执行“{{action}}”，确定继续？',
    done: '已更新 {{count}} 个订单', noteDone: '已为 {{count}} 个订单添加备注', forCount: '所选 {{count}} 个订单',
    tagsEmpty: '请至少填写一个要添加或移除的标签',
  },
  export: { button: '导出', csv: '导出 CSV（Excel 可直接打开）', xlsx: '导出 XLSX', done: '已导出 {{count}} 行：{{file}}', running: '正在导出…', counting: '正在导出 {{done}} / {{total}} 单', countingRows: '正在导出：已写 {{done}} 单' },
  detail: {
    title: '订单 {{no}}', facts: '基本信息', shop: '店铺', platformStatus: '平台状态', refundStatus: '退款状态', customer: '客户',
    createdAt: '下单时间', paidAt: '付款时间', promisedShipAt: '承诺发货', shippedAt: '发货时间', completedAt: '完成时间',
    warehouse: '仓库', urgency: '紧急度', tags: '标签', tracking: '物流', buyerRemark: '买家留言', sellerNote: '卖家备注',
    lines: '商品明细', sku: 'SKU', item: '商品', spec: '规格', qty: '数量', unitPrice: '单价', discount: '优惠', paid: '实付',
    batch: '批次号', gift: '赠品',
    amounts: '金额明细', goods: '商品金额', sellerDiscount: '店铺优惠', platformDiscount: '平台优惠', postage: '运费',
    paidTotal: '实付金额', commission: '平台佣金', refund: '退款金额', hidden: '当前角色不可查看金额',
    address: '收货地址', addressHistory: '地址变更记录', current: '当前', source: '来源',
    timeline: '订单轨迹', system: '系统', notes: '备注', noNotes: '暂无备注', addNote: '添加备注', notePlaceholder: '写下跟进情况，保存后所有同事可见',
    noteAdded: '备注已添加', otherOrders: '该客户的其他订单', noOtherOrders: '没有其他订单', notFound: '找不到这个订单',
  },
  event: {
    ingested: '订单导入', status_changed: '状态变更', updated: '订单更新', note: '添加备注', urgency_changed: '紧急度变更',
    tags_changed: '标签变更', hold_set: '挂起', rules_applied: '规则', merge_candidate: '合单提示', address_changed: '地址变更',
  },
  detailKey: {
    yes: '是', source: '来源', platformStatus: '平台状态', fields: '变更字段', address: '地址变更', lines: '商品行变更',
    added: '添加', removed: '移除', tags: '标签', hold: '挂起原因', left: '离开合单组', from: '原值', to: '新值', body: '内容',
    mergeWith: '可与另外 {{count}} 单合并发货', mergeLeft: '不再可合单',
  },
  field: {
    status: '状态', paidFen: '实付', goodsFen: '商品金额', address: '地址', trackingNo: '物流单号', carrier: '快递公司', buyerRemark: '买家留言',
    sellerNote: '卖家备注', promisedShipAt: '承诺发货', refundStatus: '退款状态', lines: '商品行', platformStatus: '平台状态',
    platformPhase: '平台阶段', paidAt: '付款时间', shippedAt: '发货时间', completedAt: '完成时间', refundFen: '退款金额', buyerNick: '买家',
  },
};

const en: typeof zh = {
  title: 'Orders',
  col: {
    rowNo: '#', channelKind: 'Channel', channelId: 'Shop', platformOrderId: 'Order no.', status: 'Status', buyerNick: 'Buyer',
    receiverName: 'Receiver', province: 'Province/city', paidFen: 'Amount', paidAt: 'Paid at', promisedShipAt: 'Ship by',
    warehouseId: 'Warehouse', urgency: 'Urgency', tags: 'Tags', trackingNo: 'Tracking no.', createdAt: 'Created at',
    goodsFen: 'Goods amount', buyerRemark: 'Buyer remark', platformPhase: 'Platform phase', slaDueAt: 'SLA',
  },
  carrier: {
    zhongtong: 'ZTO', yuantong: 'YTO', yunda: 'Yunda', shunfeng: 'SF Express', shentong: 'STO', jd: 'JD Logistics', jtexpress: 'J&T',
    ems: 'EMS', youzhengguonei: 'China Post', debangkuaidi: 'Deppon', debangwuliu: 'Deppon Freight', baishiwuliu: 'Best', huitongkuaidi: 'Best Express',
  },
  hold: {
    review: 'Needs review', suspect_duplicate: 'Suspected duplicate', unmapped_status: 'Unmapped status', stock: 'Out of stock', quality: 'Quality hold',
    platform: 'Platform change', manual: 'On hold', mergeable: 'Mergeable',
  },
  total: '{{count}} orders', totalApprox: 'about {{count}} orders (counting…)', noRows: 'No orders match',
  selected: '{{count}} selected',
  quickPlaceholder: 'Order no., phone last 4, receiver, address, item, remark',
  columns: 'Columns', pinLeft: 'Pin left', resetColumns: 'Default columns',
  clearFilters: 'Clear filters', filteredBy: 'Filtered by:',
  loadFailed: 'Could not load orders: {{message}}',
  copied: 'Copied {{count}} rows', copiedCell: 'Copied the cell', copyFailed: 'Copy failed: {{message}}',
  setFilter: { search: 'Search values', all: 'All', none: 'None', apply: 'Apply', reset: 'Reset', empty: 'No values' },
  view: {
    label: 'View', placeholder: 'Pick a saved view', mine: 'My views', shared: 'Shared views', save: 'Save view', saveAs: 'Save as new view',
    update: 'Update "{{name}}"', name: 'View name', share: 'Share with everybody', saved: 'View "{{name}}" saved', deleted: 'View deleted',
    delete: 'Delete this view', confirmDelete: 'Delete the view "{{name}}"?', by: 'shared by {{name}}', none: 'Default view',
  },
  bulk: {
    note: 'Add note', urgency: 'Set urgency', tags: 'Tags', addTags: 'Add tags', removeTags: 'Remove tags',
    notePlaceholder: 'Note text (added to every selected order)', tagsPlaceholder: 'Type a tag and press Enter',
    confirmTitle: 'Confirm bulk change', confirmMany: 'Apply "{{action}}" to {{count}} orders?',
    done: '{{count}} orders updated', noteDone: 'Note added to {{count}} orders', forCount: '{{count}} selected orders',
    tagsEmpty: 'Enter at least one tag to add or remove',
  },
  export: { button: 'Export', csv: 'Export CSV (opens in Excel)', xlsx: 'Export XLSX', done: 'Exported {{count}} rows: {{file}}', running: 'Exporting…', counting: 'Exporting {{done}} / {{total}} orders', countingRows: 'Exporting: {{done}} orders written' },
  detail: {
    title: 'Order {{no}}', facts: 'Facts', shop: 'Shop', platformStatus: 'Platform status', refundStatus: 'Refund status', customer: 'Customer',
    createdAt: 'Created at', paidAt: 'Paid at', promisedShipAt: 'Ship by', shippedAt: 'Shipped at', completedAt: 'Completed at',
    warehouse: 'Warehouse', urgency: 'Urgency', tags: 'Tags', tracking: 'Tracking', buyerRemark: 'Buyer remark', sellerNote: 'Seller note',
    lines: 'Lines', sku: 'SKU', item: 'Item', spec: 'Spec', qty: 'Qty', unitPrice: 'Unit price', discount: 'Discount', paid: 'Paid',
    batch: 'Batch no.', gift: 'Gift',
    amounts: 'Amounts', goods: 'Goods', sellerDiscount: 'Shop discount', platformDiscount: 'Platform discount', postage: 'Postage',
    paidTotal: 'Paid', commission: 'Platform commission', refund: 'Refunded', hidden: 'Your role cannot see amounts',
    address: 'Shipping address', addressHistory: 'Address changes', current: 'current', source: 'Source',
    timeline: 'Timeline', system: 'System', notes: 'Notes', noNotes: 'No notes yet', addNote: 'Add note', notePlaceholder: 'What happened; every colleague will see it',
    noteAdded: 'Note added', otherOrders: "This customer's other orders", noOtherOrders: 'No other orders', notFound: 'Order not found',
  },
  event: {
    ingested: 'Imported', status_changed: 'Status changed', updated: 'Updated', note: 'Note added', urgency_changed: 'Urgency changed',
    tags_changed: 'Tags changed', hold_set: 'Put on hold', rules_applied: 'Rules', merge_candidate: 'Merge hint', address_changed: 'Address changed',
  },
  detailKey: {
    yes: 'yes', source: 'Source', platformStatus: 'Platform status', fields: 'Changed', address: 'Address changed', lines: 'Lines changed',
    added: 'Added', removed: 'Removed', tags: 'Tags', hold: 'Hold', left: 'Left merge group', from: 'From', to: 'To', body: 'Text',
    mergeWith: 'Can ship together with {{count}} other orders', mergeLeft: 'No longer mergeable',
  },
  field: {
    status: 'Status', paidFen: 'Paid', goodsFen: 'Goods amount', address: 'Address', trackingNo: 'Tracking no.', carrier: 'Carrier', buyerRemark: 'Buyer remark',
    sellerNote: 'Seller note', promisedShipAt: 'Ship by', refundStatus: 'Refund status', lines: 'Lines', platformStatus: 'Platform status',
    platformPhase: 'Platform phase', paidAt: 'Paid at', shippedAt: 'Shipped at', completedAt: 'Completed at', refundFen: 'Refunded', buyerNick: 'Buyer',
  },
};

export const orders = { zh, en };
