/** Words for finding and picking orders (issue 15, items 4–6): quick search, selection, date presets, the drawer's keys. */
const zh = {
  quickPlaceholder: '订单号（前几位/后几位）、手机尾号、收货人、物流单号、SKU；可粘贴多行单号',
  pasted: '已粘贴 {{count}} 个单号',
  nothing: '没有找到“{{text}}”',
  searchedIn: '已查：{{places}}',
  place: {
    orderNo: '订单号（完整或开头）', orderNoEnd: '订单号结尾', orderNoList: '订单号和物流单号（逐个精确匹配）', phone4: '收货手机尾号',
    tracking: '物流单号', sku: 'SKU 编码', buyer: '买家昵称', text: '收货人、地址、留言备注、商品名称',
  },
  listOf: '共 {{count}} 个单号',
  withFilters: '同时还有列筛选，清除筛选后可能找到',
  itemsCol: '商品',
  pieces: '{{count}} 件',
  date: { label: '下单', all: '全部', today: '今天', yesterday: '昨天', last7: '近 7 天', thisMonth: '本月', lastMonth: '上月', custom: '自定义', clear: '不限' },
  selectAll: '选择全部 {{count}} 单',
  selectAllTooMany: '一次最多批量处理 {{max}} 单，请先缩小筛选',
  allSelected: '已选择全部 {{count}} 单（包括没有显示出来的页）',
  keepPage: '只选本页',
  confirmAll: '将对全部 {{count}} 单执行“{{action}}”，确定吗？',
  drawerKeys: '↑/↓ 上一单/下一单 · Backspace 返回 · Esc 回到列表',
};
const en: typeof zh = {
  quickPlaceholder: 'Order no. (start/end), phone last 4, receiver, tracking no., SKU; paste several lines of numbers',
  pasted: '{{count}} numbers pasted',
  nothing: 'Nothing found for “{{text}}”',
  searchedIn: 'Searched: {{places}}',
  place: {
    orderNo: 'order no. (whole or start)', orderNoEnd: 'end of order no.', orderNoList: 'order and tracking numbers (each exactly)', phone4: 'receiver phone last 4',
    tracking: 'tracking no.', sku: 'SKU code', buyer: 'buyer nick', text: 'receiver, address, remarks, item titles',
  },
  listOf: '{{count}} numbers',
  withFilters: 'Column filters are also on; clearing them may find more',
  itemsCol: 'Items',
  pieces: '{{count}} pcs',
  date: { label: 'Date', all: 'Any time', today: 'Today', yesterday: 'Yesterday', last7: 'Last 7 days', thisMonth: 'This month', lastMonth: 'Last month', custom: 'Custom', clear: 'Any' },
  selectAll: 'Select all {{count}} orders',
  selectAllTooMany: 'A bulk action takes at most {{max}} orders; narrow the filters first',
  allSelected: 'All {{count}} matching orders selected (including pages not shown)',
  keepPage: 'Only this page',
  confirmAll: '"{{action}}" will change all {{count}} orders. Go ahead?',
  drawerKeys: '↑/↓ previous/next · Backspace back · Esc to the list',
};

export const find = { zh, en };
