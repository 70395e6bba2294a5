/** Words of the order's path: moves and refusals, holds and reasons, SLA clocks, the 审单 queue, the machine editor, manual orders. */
const zh = {
  review: { title: '审单', queue: '审单队列', merge: '可合单', quality: '质检拦截' },
  machine: { title: '状态机' },
  manual: { title: '手工录单' },
  /** Reason codes: what a person picks, what rules and the platform record. */
  reason: {
    buyer_request: '买家要求', out_of_stock: '缺货', duplicate: '重复订单', risk: '风险订单', address_issue: '地址有问题',
    price_issue: '价格有问题', checked_ok: '已核实无误', quality: '质量问题', other: '其他', by_hand: '人工操作',
    buyer_remark: '买家留言待核实', amount_over: '金额超过审单阈值', address_keyword: '地址含需核实的关键词', first_order: '新客户首单',
    blacklist: '黑名单买家', suspect_duplicate: '疑似重复下单', unmapped_status: '平台状态未识别', platform_paused: '平台暂停发货（拼团/锁定）',
    lines_changed: '平台修改了已拆单/合单订单的商品，请撤销拆单/合单后重新处理', merged_member_cancelled: '合单中的一个订单被平台取消，请拦截',
    batch_frozen: '批次 {{batchNo}} 被冻结', short: '库存不足',
    status_mapped: '平台状态已识别', platform_resumed: '平台恢复发货', unsplit: '撤销拆单', merged: '已合单', unmerged: '撤销合单',
    platform_cancelled: '平台已取消', platform_refunded: '平台已退款', platform_shipped: '平台已发货', platform_delivered: '平台已签收',
    platform_completed: '平台已完成', platform_paid: '平台已付款', address_changed: '地址变更', split: '拆单', gift_replaced: '更换赠品',
  },
  refusal: {
    not_found: '订单不存在', conflict: '订单在您查看后已被修改，请刷新后再试', same_state: '订单已是「{{status}}」',
    unknown_state: '状态机第 {{machineVersion}} 版没有「{{status}}」', no_transition: '「{{from}}」不能直接转为「{{to}}」',
    source_not_allowed: '「{{from}}」→「{{to}}」不能由{{source}}触发', permission: '需要权限：{{permission}}', field_required: '请先填写{{field}}',
    holds_open: '还有挂起未放行：{{holds}}', force_permission: '强制干预需要权限：{{permission}}', force_reason: '强制干预必须填写原因',
    loop: '自动规则反复改变状态，已停止', unknown: '被拒绝',
  },
  move: {
    button: '状态操作', to: '转为「{{status}}」', force: '强制干预…', forceTitle: '强制干预：直接改变状态', forceHint: '跳过状态机的所有检查，会记录到审计日志。',
    target: '目标状态', reason: '原因', note: '说明', notePlaceholder: '补充说明（选填）', tracking: '运单号', carrier: '快递公司', warehouse: '发货仓',
    confirm: '确定', done: '已处理 {{ok}} 单', refused: '{{count}} 单未处理', resultTitle: '状态操作结果', orderNo: '订单', why: '原因',
    needs: '需要：{{fields}}', noMoves: '当前状态下没有您可执行的操作',
  },
  sla: {
    title: '时效', due: '截止 {{time}}', left: '剩 {{left}}', over: '超时 {{over}}', none: '—', state: '本状态时限', ship: '发货时限',
    machine: '状态机第 {{version}} 版', statusSince: '进入当前状态', phase: '平台阶段', addressChanged: '付款后改过地址',
  },
  hold: {
    title: '挂起', none: '没有挂起', add: '挂起', release: '放行', released: '已放行', openedBy: '{{name}} 于 {{time}} 挂起',
    releasedBy: '{{name}} 于 {{time}} 放行', releaseTitle: '放行挂起', addTitle: '挂起订单', history: '挂起记录', count: '{{count}} 个挂起',
  },
  family: { title: '拆单 / 合单', parent: '拆自', parts: '拆出的子单', mergedInto: '已合并到', members: '合并进来的订单', none: '没有拆单或合单' },
  split: {
    button: '拆单', title: '拆单：选择拆到新子单的商品和数量', qty: '拆出数量', left: '保留', hint: '赠品跟随它的主商品；原订单至少保留一件。',
    done: '已拆出 {{count}} 个子单', unsplit: '撤销拆单', unsplitDone: '已撤销拆单', confirmUnsplit: '把子单的商品全部退回原订单？',
  },
  merge: {
    button: '合单', done: '已合并，{{no}} 发出全部商品', unmerge: '撤销合单', unmergeDone: '已撤销合单', confirmUnmerge: '把合并进来的订单拆回各自的商品？',
    confirm: '将 {{count}} 个订单合并为一单发货？', group: '{{name}} · {{count}} 单', empty: '今天没有可合并的订单',
  },
  address: { button: '改地址', title: '修改收货地址', done: '地址已更新', afterPaid: '付款后修改的地址会在拣货单上标出' },
  gift: { button: '换赠品', title: '更换赠品「{{title}}」', onHand: '库存 {{count}}', unknownStock: '库存未知', none: '同组没有可替换的赠品', done: '赠品已更换' },
  queue: {
    allHeld: '全部挂起', waiting: '待审核（无挂起）', count: '{{count}} 单', held: '挂起原因', openedAt: '挂起时间', sla: '时效',
    approve: '审核通过', release: '放行', cancel: '取消订单', confirmRelease: '放行所选 {{count}} 个挂起？', confirmCancel: '取消所选 {{count}} 个订单？',
    confirmApprove: '审核通过所选 {{count}} 个订单？', selected: '已选 {{count}} 项', empty: '队列是空的', open: '查看订单',
    releaseDone: '已放行 {{ok}} 个挂起', failed: '{{count}} 项未处理：{{first}}',
  },
  quality: {
    freeze: '冻结批次', batchNo: '批次号', sku: '商品编码（选填）', frozen: '已冻结批次 {{batchNo}}，拦截 {{count}} 单', left: '{{count}} 单已发出，需另行召回：',
    list: '冻结记录', release: '放行批次', released: '已放行', active: '冻结中', heldOrders: '拦截订单', releaseDone: '已放行 {{count}} 单',
    confirmRelease: '放行批次 {{batchNo}}？它拦截的订单会一起放行。', frozenBy: '冻结人', frozenAt: '冻结时间', orders: '订单',
  },
  editor: {
    version: '第 {{version}} 版', current: '当前版本', builtin: '内置版本', savedBy: '{{name}} 保存于 {{time}}', history: '历史版本',
    states: '状态与时限', transitions: '状态转换与条件', shipSla: '付款到发货时限', minutes: '分钟', hours: '小时', noSla: '不限',
    overrides: '按店铺/客户等级', addOverride: '添加例外', shop: '店铺', grade: '客户等级', anyShop: '所有店铺', anyGrade: '所有等级',
    from: '从', to: '到', permission: '所需权限', anyone: '不限', sources: '可由谁触发', requires: '必填', holdsBlock: '有挂起时禁止',
    add: '添加转换', remove: '删除', save: '保存为新版本', note: '本次修改说明', saved: '已保存为第 {{version}} 版', invalid: '状态机有问题：',
    readOnly: '只读：您没有编辑状态机的权限', view: '查看', keeps: '已有订单继续按进入时的版本执行；新订单使用新版本。', required: '必需状态',
  },
  manualForm: {
    customer: '客户', customerSearch: '输入昵称、姓名或手机号查找老客户', newCustomer: '新客户', buyerNick: '客户名称',
    source: '来源', payment: '付款方式', shop: '店铺', defaultShop: '手工订单（默认）', address: '收货地址', lines: '商品',
    skuSearch: '输入商品编码或名称，回车添加', qty: '数量', price: '单价（元）', gift: '赠品', amount: '小计', remove: '删除',
    discount: '优惠（元）', postage: '运费（元）', total: '应收合计', remark: '备注', submit: '提交订单', shortcut: 'Ctrl+Enter 提交',
    created: '已创建订单 {{no}}（{{status}}）', openOrder: '查看订单', noLines: '请至少添加一件商品',
    sources: { phone: '电话', qq: 'QQ', wechat: '微信', fax: '传真', offline: '线下' },
    payments: { paid: '已付款', cod: '货到付款', credit: '月结/账期', unpaid: '待付款' },
    receiverName: '收货人', receiverPhone: '电话', province: '省', city: '市', district: '区/县', detail: '详细地址',
  },
  event: {
    hold_opened: '挂起', hold_released: '放行', split: '拆单', unsplit: '撤销拆单', split_created: '拆单生成', merged: '合单',
    unmerged: '撤销合单', gift_replaced: '更换赠品', transition_refused: '状态变更被拒绝', address_changed: '地址变更',
  },
};

const en: typeof zh = {
  review: { title: 'Review', queue: 'Review queue', merge: 'Mergeable', quality: 'Quality holds' },
  machine: { title: 'State machine' },
  manual: { title: 'Manual order' },
  reason: {
    buyer_request: 'Buyer asked', out_of_stock: 'Out of stock', duplicate: 'Duplicate order', risk: 'Risky order', address_issue: 'Address problem',
    price_issue: 'Price problem', checked_ok: 'Checked, all right', quality: 'Quality problem', other: 'Other', by_hand: 'By hand',
    buyer_remark: 'Buyer remark to check', amount_over: 'Amount over the review threshold', address_keyword: 'Address has a keyword to check', first_order: "New customer's first order",
    blacklist: 'Blacklisted buyer', suspect_duplicate: 'Suspected duplicate', unmapped_status: 'Unknown platform status', platform_paused: 'Platform paused shipping (group buy, locked)',
    lines_changed: 'The platform changed the lines of a split or merged order: undo the split/merge and process it again', merged_member_cancelled: 'An order merged into this one was cancelled on the platform: stop it',
    batch_frozen: 'Batch {{batchNo}} frozen', short: 'Short of stock',
    status_mapped: 'Platform status known now', platform_resumed: 'Platform resumed shipping', unsplit: 'Split undone', merged: 'Merged', unmerged: 'Merge undone',
    platform_cancelled: 'Cancelled on the platform', platform_refunded: 'Refunded on the platform', platform_shipped: 'Shipped on the platform', platform_delivered: 'Delivered on the platform',
    platform_completed: 'Completed on the platform', platform_paid: 'Paid on the platform', address_changed: 'Address changed', split: 'Split', gift_replaced: 'Gift replaced',
  },
  refusal: {
    not_found: 'Order not found', conflict: 'The order changed after you looked: refresh and try again', same_state: 'Already {{status}}',
    unknown_state: 'Machine version {{machineVersion}} has no state {{status}}', no_transition: '{{from}} cannot go to {{to}} directly',
    source_not_allowed: '{{from}} → {{to}} cannot be triggered by {{source}}', permission: 'Needs permission: {{permission}}', field_required: 'Enter the {{field}} first',
    holds_open: 'Holds still open: {{holds}}', force_permission: 'Forced intervention needs: {{permission}}', force_reason: 'A forced intervention needs a reason',
    loop: 'Automatic rules kept changing the status; stopped', unknown: 'Refused',
  },
  move: {
    button: 'Status', to: 'Move to {{status}}', force: 'Force…', forceTitle: 'Forced intervention: set the status directly', forceHint: 'Skips every check of the state machine; recorded in the audit log.',
    target: 'Target status', reason: 'Reason', note: 'Note', notePlaceholder: 'More detail (optional)', tracking: 'Tracking no.', carrier: 'Carrier', warehouse: 'Warehouse',
    confirm: 'OK', done: '{{ok}} done', refused: '{{count}} not done', resultTitle: 'Status change result', orderNo: 'Order', why: 'Why',
    needs: 'Needs: {{fields}}', noMoves: 'Nothing you may do from this status',
  },
  sla: {
    title: 'SLA', due: 'due {{time}}', left: '{{left}} left', over: '{{over}} overdue', none: '—', state: 'Leave this status by', ship: 'Ship by',
    machine: 'Machine version {{version}}', statusSince: 'In this status since', phase: 'Platform phase', addressChanged: 'Address changed after payment',
  },
  hold: {
    title: 'Holds', none: 'No holds', add: 'Hold', release: 'Release', released: 'Released', openedBy: 'held by {{name}} at {{time}}',
    releasedBy: 'released by {{name}} at {{time}}', releaseTitle: 'Release hold', addTitle: 'Hold orders', history: 'Hold history', count: '{{count}} holds',
  },
  family: { title: 'Split / merge', parent: 'Split from', parts: 'Split parts', mergedInto: 'Merged into', members: 'Merged in', none: 'Not split or merged' },
  split: {
    button: 'Split', title: 'Split: choose the lines and quantities for a new part', qty: 'Split off', left: 'Keep', hint: 'Gifts follow their line; the original keeps at least one item.',
    done: '{{count}} part(s) split off', unsplit: 'Undo split', unsplitDone: 'Split undone', confirmUnsplit: 'Bring every part back into the original order?',
  },
  merge: {
    button: 'Merge', done: 'Merged: {{no}} ships everything', unmerge: 'Undo merge', unmergeDone: 'Merge undone', confirmUnmerge: 'Give the merged orders their lines back?',
    confirm: 'Merge {{count}} orders into one shipment?', group: '{{name}} · {{count}} orders', empty: 'Nothing to merge today',
  },
  address: { button: 'Change address', title: 'Change the shipping address', done: 'Address updated', afterPaid: 'An address changed after payment is flagged on the pick list' },
  gift: { button: 'Swap gift', title: 'Replace the gift "{{title}}"', onHand: '{{count}} on hand', unknownStock: 'stock unknown', none: 'No other gift in its group', done: 'Gift replaced' },
  queue: {
    allHeld: 'All holds', waiting: 'Pending review (no hold)', count: '{{count}}', held: 'Held for', openedAt: 'Held at', sla: 'SLA',
    approve: 'Approve', release: 'Release', cancel: 'Cancel order', confirmRelease: 'Release the {{count}} selected holds?', confirmCancel: 'Cancel the {{count}} selected orders?',
    confirmApprove: 'Approve the {{count}} selected orders?', selected: '{{count}} selected', empty: 'The queue is empty', open: 'Open order',
    releaseDone: '{{ok}} holds released', failed: '{{count}} not done: {{first}}',
  },
  quality: {
    freeze: 'Freeze batch', batchNo: 'Batch no.', sku: 'SKU (optional)', frozen: 'Batch {{batchNo}} frozen: {{count}} orders held', left: '{{count}} orders already left and need a recall:',
    list: 'Frozen batches', release: 'Release batch', released: 'Released', active: 'Frozen', heldOrders: 'Held orders', releaseDone: '{{count}} orders released',
    confirmRelease: 'Release batch {{batchNo}}? The orders it holds are released together.', frozenBy: 'Frozen by', frozenAt: 'Frozen at', orders: 'Orders',
  },
  editor: {
    version: 'Version {{version}}', current: 'current', builtin: 'built in', savedBy: 'saved by {{name}} at {{time}}', history: 'Versions',
    states: 'States and time limits', transitions: 'Transitions and guards', shipSla: 'Paid → shipped limit', minutes: 'min', hours: 'h', noSla: 'none',
    overrides: 'By shop / customer grade', addOverride: 'Add exception', shop: 'Shop', grade: 'Grade', anyShop: 'Any shop', anyGrade: 'Any grade',
    from: 'From', to: 'To', permission: 'Permission', anyone: 'anyone', sources: 'Triggered by', requires: 'Requires', holdsBlock: 'Blocked by holds',
    add: 'Add transition', remove: 'Remove', save: 'Save as new version', note: 'What changed', saved: 'Saved as version {{version}}', invalid: 'The machine has problems:',
    readOnly: 'Read only: your role may not edit the state machine', view: 'View', keeps: 'Orders keep the version they entered under; new orders use the new one.', required: 'required',
  },
  manualForm: {
    customer: 'Customer', customerSearch: 'Find a customer by nick, name or phone', newCustomer: 'New customer', buyerNick: 'Customer name',
    source: 'Source', payment: 'Payment', shop: 'Shop', defaultShop: 'Manual orders (default)', address: 'Shipping address', lines: 'Items',
    skuSearch: 'Type a SKU code or name, Enter adds it', qty: 'Qty', price: 'Unit price (CNY)', gift: 'Gift', amount: 'Amount', remove: 'Remove',
    discount: 'Discount (CNY)', postage: 'Postage (CNY)', total: 'Total due', remark: 'Note', submit: 'Create order', shortcut: 'Ctrl+Enter to submit',
    created: 'Order {{no}} created ({{status}})', openOrder: 'Open order', noLines: 'Add at least one item',
    sources: { phone: 'Phone', qq: 'QQ', wechat: 'WeChat', fax: 'Fax', offline: 'Offline' },
    payments: { paid: 'Paid', cod: 'Cash on delivery', credit: 'On account', unpaid: 'Unpaid' },
    receiverName: 'Receiver', receiverPhone: 'Phone', province: 'Province', city: 'City', district: 'District', detail: 'Street address',
  },
  event: {
    hold_opened: 'Held', hold_released: 'Released', split: 'Split', unsplit: 'Split undone', split_created: 'Split part created', merged: 'Merged',
    unmerged: 'Merge undone', gift_replaced: 'Gift replaced', transition_refused: 'Status change refused', address_changed: 'Address changed',
  },
};

export const lifecycle = { zh, en };
