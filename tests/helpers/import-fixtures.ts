import type { ChannelKind } from '../../src-shared/orders';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { TempApp } from './temp-app';

/** Spreadsheet fixtures generated in the test (no binaries committed), shaped like PLATFORMS.md §8. */

export function csv(rows: (string | number)[][]): string {
  return rows.map((r) => r.map((c) => {
    const s = String(c);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }).join(',')).join('\r\n') + '\r\n';
}

export const gbk = (text: string) => iconv.encode(text, 'gbk');
export const utf8Bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);

export async function xlsx(rows: unknown[][], sheet = 'Sheet1'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The legacy 订单报表 header, trailing spaces included, as the real export writes it. */
export const TAOBAO_HEADER = [
  '订单编号', '买家会员名', '买家支付宝账号', '支付交易号', '买家应付货款', '买家应付邮费', '买家支付积分', '总金额', '返点积分',
  '买家实际支付金额', '买家实际支付积分', '订单状态', '买家留言', '收货人姓名', '收货地址 ', '运送方式', '联系电话 ', '联系手机',
  '订单创建时间', '订单付款时间 ', '宝贝标题 ', '宝贝种类 ', '物流单号 ', '物流公司', '订单备注', '宝贝总数量', '店铺Id', '店铺名称',
];

export function taobaoRow(o: {
  id: string; nick?: string; goods: string; postage: string; paid: string; status: string; remark?: string; name?: string;
  address?: string; phone?: string; created: string; paidAt?: string; title: string; qty: number;
}): string[] {
  return [
    o.id, o.nick ?? 'tb_buyer', 'a***@example.com', 'P1', o.goods, o.postage, '0', '', '0', o.paid, '0', o.status, o.remark ?? '',
    o.name ?? '张三', o.address ?? '浙江省 杭州市 西湖区 文三路 1号', '快递', '', o.phone ?? "'13800001234", o.created, o.paidAt ?? '',
    o.title, '1', '', '', '', String(o.qty), '1001', '测试店',
  ];
}

export const TAOBAO_ITEMS_HEADER = ['订单编号', '标题', '价格', '购买数量', '外部系统编号', '商品属性', '套餐信息', '备注', '订单状态', '商家编码'];

export const QIANNIU_HEADER = [
  '订单编号', '支付单号', '买家应付货款', '买家应付邮费', '总金额', '买家实付金额', '订单状态', '收货地址', '运送方式', '订单创建时间',
  '商品标题', '宝贝种类', '物流单号', '物流公司', '备注标签', '商家备注', '宝贝总数量', '开票信息', '手机订单', '商品属性SKU', '发货时间',
];

export const PDD_HEADER = [
  '订单成交时间', '商品', '订单号', '订单状态', '商品总价(元)', '邮费(元)', '店铺优惠折扣(元)', '平台优惠折扣(元)', '多多支付立减金额(元)',
  '用户实付金额(元)', '商家实收金额(元)', '商品数量(件)', '发货时间', '确认收货时间', '商品id', '商品规格', '样式ID',
  '商家编码-SKU维度', '商家编码-商品维度', '商家备注', '售后状态', '快递单号', '快递公司',
];

export function pddRow(o: { time: string; title: string; id: string; status: string; goods: string; postage?: string; shop?: string; platform?: string; paid: string; qty: string; sku?: string; spec?: string }): string[] {
  return [
    o.time, o.title, o.id, o.status, o.goods, o.postage ?? '0', o.shop ?? '0', o.platform ?? '0', '0', o.paid, o.paid, o.qty, '', '',
    '754299529443', o.spec ?? '无规格', '', o.sku ?? '', '', '', '无售后或售后取消', '', '',
  ];
}

/**
 * Shops that file orders go into, one per platform, as a user would create them when importing
 * (issue 15, item 7: a file never lands in a shop nobody chose). Paused: nothing to poll.
 */
export function seedFileShops(app: TempApp, kinds: ChannelKind[] = ['taobao', 'pdd', 'pos']): void {
  const names: Partial<Record<ChannelKind, string>> = { taobao: '淘宝（文件导入）', pdd: '拼多多（文件导入）', pos: '线下门店（文件导入）' };
  const now = Date.now();
  app.services.db.writes.run({ actor: { id: null, name: 'test' }, call: 'test.fixture' }, (tx) => {
    for (const kind of kinds) {
      tx.insert('channels', { id: `file-${kind}`, kind, name: names[kind] ?? `${kind}（文件导入）`, configJson: '{"fileImport":true}', paused: true, createdAt: now, updatedAt: now });
    }
  });
}

/** Uploads a file and waits for its job to finish; returns the job. */
export async function importFile(app: TempApp, token: string, fileName: string, content: Buffer, extra: { templateId?: string; allOrNothing?: boolean; channelId?: string; newShop?: { name: string; kind: ChannelKind } } = {}) {
  const { jobId } = await app.call('imports.upload', { fileName, contentBase64: content.toString('base64'), ...extra }, token);
  await app.services.imports.wait(jobId);
  return app.call('imports.status', { jobId }, token);
}

export function ordersOf(app: TempApp) {
  return app.services.db.sqlite.prepare(
    `SELECT o.platform_order_id AS id, o.status, o.platform_phase AS phase, o.platform_status AS platformStatus, o.goods_fen AS goodsFen, o.postage_fen AS postageFen,
      o.paid_fen AS paidFen, o.discount_fen AS discountFen, o.created_at AS createdAt, o.paid_at AS paidAt,
      o.receiver_phone AS phone, o.province, o.city, o.address_detail AS detail, o.buyer_remark AS remark, c.name AS channel,
      (SELECT COUNT(*) FROM order_lines l WHERE l.order_id = o.id) AS lines
     FROM orders o JOIN channels c ON c.id = o.channel_id ORDER BY o.platform_order_id`,
  ).all() as Record<string, unknown>[];
}
