/** Words of the warehouse screen (scan to ship, counts, recent shipments). */
const zh = {
  title: '仓库发货',
  counts: { toPick: '待拣货', picking: '拣货中', toHandOver: '待交接', shippedToday: '今日已发', overdue: '超时未发', confirmPending: '回传中', confirmRefused: '回传被拒' },
  scan: {
    title: '扫描发货', orderNo: '订单号', trackingNo: '物流单号', carrier: '快递公司', auto: '按单号自动识别',
    orderPlaceholder: '扫描或输入订单号，回车', trackingPlaceholder: '扫描面单上的物流单号，回车',
    hint: '扫码枪：先扫订单号，再扫物流单号。F2 回到订单号。', shipped: '已发货：{{orderNo}} · {{carrier}} {{trackingNo}}',
    guessed: '（快递按单号推测）', guessedSure: '（快递按单号识别）', partial: '（部分发货）', bulk: '批量粘贴',
  },
  bulk: {
    title: '批量发货（从 Excel 粘贴）', help: '每行：订单号 Tab 物流单号（可再加 Tab 快递公司）', rows: '识别到 {{n}} 行', submit: '确认发货',
    done: '发货 {{shipped}} 单，拒绝 {{refused}} 单', bad: '第 {{line}} 行缺少物流单号', empty: '没有可发货的行',
  },
  recent: { title: '最近发货', at: '时间', orderNo: '订单号', shop: '店铺', trackingNo: '物流单号', carrier: '快递', state: '回传', note: '说明' },
  confirm: { pending: '回传中', confirmed: '已回传', refused: '平台拒绝', unsupported: '未回传' },
  refused: '拒绝',
};

const en: typeof zh = {
  title: 'Warehouse shipping',
  counts: { toPick: 'To pick', picking: 'Picking', toHandOver: 'To hand over', shippedToday: 'Shipped today', overdue: 'Overdue', confirmPending: 'Confirming', confirmRefused: 'Refused by shops' },
  scan: {
    title: 'Scan to ship', orderNo: 'Order no.', trackingNo: 'Tracking no.', carrier: 'Carrier', auto: 'Recognise from the number',
    orderPlaceholder: 'Scan or type the order no., Enter', trackingPlaceholder: 'Scan the waybill tracking no., Enter',
    hint: 'Scanner: order no. first, then the tracking no. F2 goes back to the order no.', shipped: 'Shipped: {{orderNo}} · {{carrier}} {{trackingNo}}',
    guessed: ' (carrier guessed from the number)', guessedSure: ' (carrier recognised from the number)', partial: ' (partial)', bulk: 'Bulk paste',
  },
  bulk: {
    title: 'Bulk shipping (paste from Excel)', help: 'One row each: order no. Tab tracking no. (optionally Tab carrier)', rows: '{{n}} rows found', submit: 'Ship them',
    done: '{{shipped}} shipped, {{refused}} refused', bad: 'Row {{line}} has no tracking no.', empty: 'No rows to ship',
  },
  recent: { title: 'Latest shipments', at: 'Time', orderNo: 'Order no.', shop: 'Shop', trackingNo: 'Tracking no.', carrier: 'Carrier', state: 'Shop', note: 'Note' },
  confirm: { pending: 'Confirming', confirmed: 'Confirmed', refused: 'Refused', unsupported: 'Not sent' },
  refused: 'Refused',
};

export const shipping = { zh, en };
