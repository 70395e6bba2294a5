/** Words of the warehouse floor's printed sheets: 拣货单 waves, 发货单, carrier handover (已交接). */
const zh = {
  tabs: { scan: '扫描发货', pick: '拣货单', slip: '发货单', handover: '交接快递', keys: '快捷键：F2 扫描发货 · Alt+1…4 切换' },
  pick: {
    title: '按波次打印拣货单', warehouse: '仓库', cutoff: '付款截至', cutoffHint: '不限时间', shops: '店铺', allShops: '全部店铺',
    urgency: '紧急程度', carriers: '快递', allCarriers: '全部快递',
    preview: '本波次 {{orders}} 单 · {{units}} 件 · {{skus}} 种商品', held: '另有 {{n}} 单被拦截，不在本波次', capped: '超过 5000 单，先打付款最早的 5000 单',
    empty: '没有符合条件的待拣货订单', print: '打印拣货单', confirm: '打印后这 {{n}} 单将进入「拣货中」，确定打印？',
    printed: '已打印拣货单：{{orders}} 单', skipped: '{{n}} 单未能开始拣货：{{list}}', open: '打开打印', download: '下载 PDF',
    waves: '今日波次', at: '打印时间', orders: '单数', units: '件数', prints: '打印次数', by: '打印人', wave: '筛选',
    reprint: '重印', reprintConfirm: '重印的拣货单会标明「重印」，订单状态不变。确定重印？', reprinted: '已重印（第 {{n}} 次）',
    popup: '浏览器拦截了新窗口：请用「下载 PDF」保存后打印',
  },
  slip: {
    title: '打印发货单', help: '勾选订单（拣货中在前），或扫描订单号勾选', scan: '扫描订单号，回车勾选', notFound: '列表里没有订单 {{no}}',
    print: '打印发货单（{{n}} 单）', orderNo: '订单号', shop: '店铺', receiver: '收货人', status: '状态', units: '件数', none: '请先勾选订单',
  },
  handover: {
    title: '按快递批次交接', carrier: '快递公司', choose: '请选择快递公司', scan: '扫描物流单号或订单号，回车勾选', notFound: '待交接列表里没有 {{no}}',
    confirm: '确认把 {{n}} 个包裹交接给{{carrier}}？', submit: '确认交接（{{n}} 个包裹）', done: '已交接 {{n}} 个包裹给{{carrier}}',
    refused: '{{n}} 单未交接', orderNo: '订单号', shop: '店铺', trackingNo: '物流单号', shippedAt: '发货时间', none: '没有待交接的包裹',
  },
};

const en: typeof zh = {
  tabs: { scan: 'Scan to ship', pick: 'Pick lists', slip: 'Packing slips', handover: 'Carrier handover', keys: 'Keys: F2 scan to ship · Alt+1…4 switch' },
  pick: {
    title: 'Print a pick list for a wave', warehouse: 'Warehouse', cutoff: 'Paid by', cutoffHint: 'Any time', shops: 'Shops', allShops: 'All shops',
    urgency: 'Urgency', carriers: 'Carriers', allCarriers: 'All carriers',
    preview: 'This wave: {{orders}} orders · {{units}} units · {{skus}} SKUs', held: '{{n}} held orders are left out', capped: 'More than 5,000 orders: the 5,000 paid first go now',
    empty: 'No orders to pick match', print: 'Print pick list', confirm: 'These {{n}} orders will move to Picking. Print?',
    printed: 'Pick list printed: {{orders}} orders', skipped: '{{n}} orders could not start picking: {{list}}', open: 'Open to print', download: 'Download PDF',
    waves: "Today's waves", at: 'Printed', orders: 'Orders', units: 'Units', prints: 'Prints', by: 'By', wave: 'Filters',
    reprint: 'Reprint', reprintConfirm: 'A reprint is marked as one and moves no order. Reprint?', reprinted: 'Reprinted (reprint {{n}})',
    popup: 'The browser blocked the new window: download the PDF and print it',
  },
  slip: {
    title: 'Print packing slips', help: 'Tick orders (picking first), or scan order numbers to tick them', scan: 'Scan an order no., Enter to tick', notFound: 'Order {{no}} is not in the list',
    print: 'Print packing slips ({{n}})', orderNo: 'Order no.', shop: 'Shop', receiver: 'Receiver', status: 'Status', units: 'Units', none: 'Tick orders first',
  },
  handover: {
    title: 'Hand over by carrier batch', carrier: 'Carrier', choose: 'Choose the carrier', scan: 'Scan a tracking or order no., Enter to tick', notFound: '{{no}} is not waiting for handover',
    confirm: 'Hand {{n}} parcels to {{carrier}}?', submit: 'Hand over ({{n}} parcels)', done: '{{n}} parcels handed to {{carrier}}',
    refused: '{{n}} orders not handed over', orderNo: 'Order no.', shop: 'Shop', trackingNo: 'Tracking no.', shippedAt: 'Shipped', none: 'No parcels waiting for handover',
  },
};

export const floor = { zh, en };
