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
};

export const find = { zh, en };
