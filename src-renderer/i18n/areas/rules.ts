/** Words of the rules workspace: rule list and editor, dry run, blacklist. */
const zh = {
  title: '审单与分仓规则',
  tabs: { rules: '规则', dryRun: '试运行', blacklist: '黑名单' },
  version: '当前生效：第 {{version}} 版', noVersion: '尚未保存规则（全部订单按默认分仓）', versions: '历史版本',
  versionItem: '第 {{version}} 版 · {{at}} · {{by}}', viewVersion: '载入此版本编辑',
  unsaved: '有未保存的修改', save: '保存为新版本', saveNote: '本次修改说明（可选）', saved: '已保存为第 {{version}} 版',
  add: '新增规则', edit: '编辑', remove: '删除', confirmRemove: '删除规则“{{name}}”？保存后生效。',
  col: { priority: '优先级', name: '规则名称', stage: '类型', enabled: '启用', when: '条件', actions: '动作', ops: '操作' },
  stage: { review: '审单', route: '分仓' },
  editor: {
    title: '编辑规则', newTitle: '新建规则', name: '规则名称', stage: '类型', priority: '优先级（数字小的先执行）', enabled: '启用',
    when: '条件（全部订单都满足时留空）', actions: '动作', addAction: '添加动作', ok: '确定', cancel: '取消',
    needAction: '至少需要一个动作', needName: '请填写规则名称', routeNeedsWarehouse: '分仓规则需要“指定仓库”或“拆单发货”',
  },
  action: {
    addTag: '加标签', setUrgency: '设紧急度', hold: '挂起待审', assignTo: '指派给', assignWarehouse: '指定仓库', splitByWarehouse: '拆单发货',
    tag: '标签', urgency: '紧急度', reason: '挂起原因', note: '备注', person: '负责人', warehouse: '仓库', fallback: '无货时改用其他仓',
    warehouses: '可发货仓库（按顺序）',
  },
  qb: {
    addRule: '+ 条件', addGroup: '+ 条件组', and: '并且', or: '或者', not: '不满足', remove: '删除',
    ops: {
      '=': '等于', '!=': '不等于', '<': '小于', '>': '大于', '<=': '小于等于', '>=': '大于等于', contains: '包含',
      beginsWith: '开头是', endsWith: '结尾是', doesNotContain: '不包含', null: '为空', notNull: '不为空', in: '属于', notIn: '不属于', between: '介于',
    },
    yuan: '元', yes: '是', no: '否', listHint: '多个值用逗号分隔',
  },
  dry: {
    intro: '用规则回放一段时间内已付款的订单：看每单会触发哪条规则、为什么、会有什么变化。只读，不改动任何订单。',
    period: '回放时间段（按付款时间）', which: '使用', draft: '当前编辑中的规则（含未保存修改）', current: '当前生效版本',
    run: '开始试运行', cancel: '停止', running: '正在回放…', progress: '已处理 {{processed}} / {{total}} 单',
    first: '首批结果 {{ms}} 毫秒', done: '完成：{{total}} 单，用时 {{sec}} 秒', cancelled: '已停止', failed: '试运行失败：{{error}}',
    counts: '按动作统计', sample: '触发规则的订单（前 {{count}} 单）', csv: '下载完整结果 CSV', none: '没有订单触发规则',
    col: { order: '订单号', paidAt: '付款时间', fired: '触发的规则', why: '依据', change: '会发生的变化' },
    key: {
      fired: '触发了规则', none: '未触发任何规则', tag: '加标签“{{v}}”', urgency: '紧急度设为{{v}}', hold: '挂起：{{v}}',
      assign: '指派给{{v}}', route: '发往{{v}}', stock_short: '缺货待发', capacity_full: '仓库产能已满', no_warehouse: '无可用仓库',
    },
    changeTags: '加标签 {{v}}', changeUrgency: '紧急度 {{v}}', changeAssign: '指派 {{v}}', changeRoute: '{{v}} 发货（{{day}}）',
  },
  blacklist: {
    intro: '黑名单买家的订单会被“黑名单”审单规则挂起（条件：黑名单买家 = 是）。', nick: '买家昵称', reason: '原因', add: '加入黑名单',
    remove: '移出', confirmRemove: '将“{{nick}}”移出黑名单？', by: '添加人', at: '添加时间', empty: '黑名单为空', added: '已加入黑名单',
  },
  event: {
    review: '审单规则（第 {{version}} 版）', route: '分仓（规则第 {{version}} 版）', fired: '触发：', because: '依据：',
    tags: '加标签：', urgency: '紧急度：', assign: '指派给：', ships: '发货仓：', reserved: '占用库存：',
  },
};

const en: typeof zh = {
  title: 'Review and routing rules',
  tabs: { rules: 'Rules', dryRun: 'Dry run', blacklist: 'Blacklist' },
  version: 'In force: version {{version}}', noVersion: 'No rules saved yet (orders route by default)', versions: 'Versions',
  versionItem: 'v{{version}} · {{at}} · {{by}}', viewVersion: 'Load this version to edit',
  unsaved: 'Unsaved changes', save: 'Save as new version', saveNote: 'What changed (optional)', saved: 'Saved as version {{version}}',
  add: 'Add rule', edit: 'Edit', remove: 'Delete', confirmRemove: 'Delete rule "{{name}}"? It takes effect when you save.',
  col: { priority: 'Priority', name: 'Rule', stage: 'Kind', enabled: 'On', when: 'When', actions: 'Then', ops: 'Actions' },
  stage: { review: 'Review', route: 'Routing' },
  editor: {
    title: 'Edit rule', newTitle: 'New rule', name: 'Name', stage: 'Kind', priority: 'Priority (lower runs first)', enabled: 'Enabled',
    when: 'Condition (leave empty to match every order)', actions: 'Actions', addAction: 'Add action', ok: 'OK', cancel: 'Cancel',
    needAction: 'Add at least one action', needName: 'Give the rule a name', routeNeedsWarehouse: 'A routing rule needs "ship from" or "split"',
  },
  action: {
    addTag: 'Add tag', setUrgency: 'Set urgency', hold: 'Hold for review', assignTo: 'Assign to', assignWarehouse: 'Ship from', splitByWarehouse: 'Split across',
    tag: 'Tag', urgency: 'Urgency', reason: 'Reason', note: 'Note', person: 'Person', warehouse: 'Warehouse', fallback: 'Use another when out of stock',
    warehouses: 'Warehouses (in order)',
  },
  qb: {
    addRule: '+ Condition', addGroup: '+ Group', and: 'and', or: 'or', not: 'not', remove: 'Remove',
    ops: {
      '=': 'is', '!=': 'is not', '<': 'less than', '>': 'more than', '<=': 'at most', '>=': 'at least', contains: 'contains',
      beginsWith: 'starts with', endsWith: 'ends with', doesNotContain: 'does not contain', null: 'is empty', notNull: 'is not empty', in: 'is one of', notIn: 'is not one of', between: 'between',
    },
    yuan: 'yuan', yes: 'yes', no: 'no', listHint: 'separate values with commas',
  },
  dry: {
    intro: 'Replay the rules over the paid orders of a period: per order, which rule fires, why, and what would change. Read-only.',
    period: 'Period (by payment time)', which: 'Rules', draft: 'The rules being edited (unsaved changes included)', current: 'The version in force',
    run: 'Start dry run', cancel: 'Stop', running: 'Replaying…', progress: '{{processed}} / {{total}} orders',
    first: 'First results after {{ms}} ms', done: 'Done: {{total}} orders in {{sec}} s', cancelled: 'Stopped', failed: 'Dry run failed: {{error}}',
    counts: 'Orders by action', sample: 'Orders where a rule fired (first {{count}})', csv: 'Download all results (CSV)', none: 'No order fired a rule',
    col: { order: 'Order no.', paidAt: 'Paid at', fired: 'Rules fired', why: 'Why', change: 'What would change' },
    key: {
      fired: 'A rule fired', none: 'No rule fired', tag: 'Tag "{{v}}"', urgency: 'Urgency {{v}}', hold: 'Held: {{v}}',
      assign: 'Assigned to {{v}}', route: 'Ships from {{v}}', stock_short: 'Waiting for stock', capacity_full: 'Capacity full', no_warehouse: 'No warehouse',
    },
    changeTags: 'tag {{v}}', changeUrgency: 'urgency {{v}}', changeAssign: 'assign {{v}}', changeRoute: 'ships from {{v}} ({{day}})',
  },
  blacklist: {
    intro: 'Orders of blacklisted buyers are held by a review rule on "Blacklisted buyer = yes".', nick: 'Buyer nick', reason: 'Reason', add: 'Blacklist',
    remove: 'Remove', confirmRemove: 'Take "{{nick}}" off the blacklist?', by: 'Added by', at: 'Added', empty: 'Nobody is blacklisted', added: 'Added to the blacklist',
  },
  event: {
    review: 'Review rules (v{{version}})', route: 'Routing (rules v{{version}})', fired: 'Fired: ', because: 'Why: ',
    tags: 'Tags: ', urgency: 'Urgency: ', assign: 'Assigned to: ', ships: 'Ships from: ', reserved: 'Reserved: ',
  },
};

export const rules = { zh, en };
