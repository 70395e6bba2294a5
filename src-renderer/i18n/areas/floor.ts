/** Words of the warehouse floor's printed sheets: 拣货单 waves, 发货单, carrier handover (已交接). */
const zh = {
  tabs: { scan: '扫描发货', pick: '拣货单', slip: '发货单', handover: '交接快递', bins: '库位', keys: '快捷键：F2 扫描发货 · Alt+1…5 切换' },
  pick: {
    title: '按波次打印拣货单', warehouse: '仓库', cutoff: '付款截至', cutoffHint: '不限时间', shops: '店铺', allShops: '全部店铺',
    urgency: '紧急程度', carriers: '快递', allCarriers: '全部快递',
    preview: '本波次 {{orders}} 单 · {{units}} 件 · {{skus}} 种商品', held: '另有 {{n}} 单被拦截，不在本波次', capped: '超过 5000 单，先打付款最早的 5000 单',
    empty: '没有符合条件的待拣货订单', print: '打印拣货单', confirm: '打印后这 {{n}} 单将进入「拣货中」，确定打印？',
    printed: '已打印拣货单：{{orders}} 单', skipped: '{{n}} 单未能开始拣货：{{list}}', open: '打开打印', download: '下载 PDF',
    waves: '今日波次', at: '打印时间', orders: '单数', units: '件数', prints: '打印次数', by: '打印人', wave: '筛选',
    reprint: '重印', reprintConfirm: '重印的拣货单会标明「重印」，订单状态不变。确定重印？', reprinted: '已重印（第 {{n}} 次）',
    popup: '浏览器拦截了新窗口：请用「下载 PDF」保存后打印',
    printFailed: '没能打印（{{why}}）：请用「下载 PDF」保存后打印',
    printForbidden: '当前账号没有打印拣货单和发货单的权限',
  },
  slip: {
    title: '打印发货单', help: '勾选订单（拣货中在前），或扫描订单号勾选', scan: '扫描订单号，回车勾选', notFound: '列表里没有订单 {{no}}',
    print: '打印发货单（{{n}} 单）', orderNo: '订单号', shop: '店铺', receiver: '收货人', status: '状态', units: '件数', none: '请先勾选订单',
  },
  bins: {
    heading: '商品库位（拣货单按库位顺序排）', sku: 'SKU 编码', title: '商品名称', spec: '规格', bin: '库位', updatedAt: '修改时间', unset: '未设库位',
    search: '搜 SKU、名称或库位', unsetOnly: '只看未设库位', import: '批量设置库位', count: '共 {{n}} 个商品，{{unset}} 个未设库位',
    keys: '双击或直接打字修改库位，回车保存并到下一行；清空即取消库位', readOnly: '只读：没有录入库位的权限', none: '没有商品资料',
    saved: '库位已保存', importTitle: '批量设置库位（{{warehouse}}）', help: '从 Excel 复制两列粘贴到这里：SKU 编码、库位（可带表头）；或选择 CSV / xlsx 文件。',
    file: '选择文件…', close: '关闭', savePaste: '保存粘贴的库位', done: '保存 {{saved}} 个，未变 {{unchanged}} 个，{{rejected}} 行未保存（仍留在上面的框里，改好再保存）',
    row: '行', field: '哪一列', value: '内容', reason: '原因', blank: '（空）', fields: { skuCode: 'SKU 编码', bin: '库位' },
  },
  handover: {
    title: '按快递批次交接', carrier: '快递公司', choose: '请选择快递公司', scan: '扫描物流单号或订单号，回车勾选', notFound: '待交接列表里没有 {{no}}',
    confirm: '确认把 {{n}} 个包裹交接给{{carrier}}？', submit: '确认交接（{{n}} 个包裹）', done: '已交接 {{n}} 个包裹给{{carrier}}',
    refused: '{{n}} 单未交接', orderNo: '订单号', shop: '店铺', trackingNo: '物流单号', shippedAt: '发货时间', none: '没有待交接的包裹',
  },
};

const en: typeof zh = {
  tabs: { scan: 'Scan to ship', pick: 'Pick lists', slip: 'Packing slips', handover: 'Carrier handover', bins: 'Bins', keys: 'Keys: F2 scan to ship · Alt+1…5 switch' },
  pick: {
    title: 'Print a pick list for a wave', warehouse: 'Warehouse', cutoff: 'Paid by', cutoffHint: 'Any time', shops: 'Shops', allShops: 'All shops',
    urgency: 'Urgency', carriers: 'Carriers', allCarriers: 'All carriers',
    preview: 'This wave: {{orders}} orders · {{units}} units · {{skus}} SKUs', held: '{{n}} held orders are left out', capped: 'More than 5,000 orders: the 5,000 paid first go now',
    empty: 'No orders to pick match', print: 'Print pick list', confirm: 'These {{n}} orders will move to Picking. Print?',
    printed: 'Pick list printed: {{orders}} orders', skipped: '{{n}} orders could not start picking: {{list}}', open: 'Open to print', download: 'Download PDF',
    waves: "Today's waves", at: 'Printed', orders: 'Orders', units: 'Units', prints: 'Prints', by: 'By', wave: 'Filters',
    reprint: 'Reprint', reprintConfirm: 'A reprint is marked as one and moves no order. Reprint?', reprinted: 'Reprinted (reprint {{n}})',
    popup: 'The browser blocked the new window: download the PDF and print it',
    printFailed: 'Could not print ({{why}}): use Download PDF and print the file',
    printForbidden: 'This account may not print pick lists and packing slips',
  },
  slip: {
    title: 'Print packing slips', help: 'Tick orders (picking first), or scan order numbers to tick them', scan: 'Scan an order no., Enter to tick', notFound: 'Order {{no}} is not in the list',
    print: 'Print packing slips ({{n}})', orderNo: 'Order no.', shop: 'Shop', receiver: 'Receiver', status: 'Status', units: 'Units', none: 'Tick orders first',
  },
  bins: {
    heading: 'SKU bins (pick lists walk the bins in order)', sku: 'SKU code', title: 'Product', spec: 'Spec', bin: 'Bin', updatedAt: 'Changed', unset: 'No bin',
    search: 'Search SKU, product or bin', unsetOnly: 'Only SKUs without a bin', import: 'Set bins in bulk', count: '{{n}} SKUs, {{unset}} without a bin',
    keys: 'Double-click or type to change a bin; Enter saves and moves down; empty it to remove', readOnly: 'Read only: no permission to enter bins', none: 'No products',
    saved: 'Bin saved', importTitle: 'Set bins in bulk ({{warehouse}})', help: 'Paste two columns copied from Excel: SKU code, bin (a header row is fine); or choose a CSV / xlsx file.',
    file: 'Choose a file…', close: 'Close', savePaste: 'Save the pasted bins', done: '{{saved}} saved, {{unchanged}} unchanged, {{rejected}} rows not saved (still in the box above: fix and save again)',
    row: 'Row', field: 'Column', value: 'Value', reason: 'Why', blank: '(empty)', fields: { skuCode: 'SKU code', bin: 'Bin' },
  },
  handover: {
    title: 'Hand over by carrier batch', carrier: 'Carrier', choose: 'Choose the carrier', scan: 'Scan a tracking or order no., Enter to tick', notFound: '{{no}} is not waiting for handover',
    confirm: 'Hand {{n}} parcels to {{carrier}}?', submit: 'Hand over ({{n}} parcels)', done: '{{n}} parcels handed to {{carrier}}',
    refused: '{{n}} orders not handed over', orderNo: 'Order no.', shop: 'Shop', trackingNo: 'Tracking no.', shippedAt: 'Shipped', none: 'No parcels waiting for handover',
  },
};

export const floor = { zh, en };
