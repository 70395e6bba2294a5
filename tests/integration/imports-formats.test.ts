import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempApp, type TempApp } from '../helpers/temp-app';
import {
  csv, gbk, importFile, ordersOf, PDD_HEADER, pddRow, QIANNIU_HEADER, TAOBAO_HEADER, TAOBAO_ITEMS_HEADER, taobaoRow, utf8Bom, xlsx, seedFileShops,
} from '../helpers/import-fixtures';

const bj = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h - 8, mi, s);

describe('imports: built-in formats as the platforms export them', () => {
  let app: TempApp;
  let token: string;
  beforeAll(async () => {
    app = await tempApp();
    seedFileShops(app);
    token = await app.login('owner');
  });
  afterAll(() => app.dispose());

  it('Taobao 订单报表 in GBK: quoted commas, a newline in a cell, text-forced and 19-digit ids, trailing-space headers', async () => {
    const file = gbk(csv([
      TAOBAO_HEADER,
      taobaoRow({ id: '="2450123456789012345"', goods: '100.00', postage: '10.00', paid: '95.5', status: '交易成功', remark: '请发顺丰,谢谢\n周末也可以', created: '2026-05-31 14:16:18', paidAt: '2026-05-31 14:20:00', title: '羊毛衫, 红色', qty: 2 }),
      taobaoRow({ id: "'2450123456789012346", goods: '34', postage: '0', paid: '34.00', status: '买家已付款，等待卖家发货', created: '2026-06-01 00:05:00', title: '袜子', qty: 1 }),
    ]));
    const job = await importFile(app, token, 'ExportOrderList202606.csv', file);
    expect(job).toMatchObject({ state: 'done', kind: 'orders', templateName: '淘宝/天猫 订单报表', rowsTotal: 2, rowsImported: 2, rowsRejected: 0 });
    const [a, b] = ordersOf(app);
    expect(a).toMatchObject({
      id: '2450123456789012345', status: 'completed', goodsFen: 10000, postageFen: 1000, paidFen: 9550, discountFen: 1450,
      createdAt: bj(2026, 5, 31, 14, 16, 18), paidAt: bj(2026, 5, 31, 14, 20), remark: '请发顺丰,谢谢\n周末也可以', phone: '13800001234',
      province: '浙江省', city: '杭州市', detail: '文三路 1号', channel: '淘宝（文件导入）', lines: 1,
    });
    expect(b).toMatchObject({ id: '2450123456789012346', status: 'pending_review', phase: 'paid', paidFen: 3400, createdAt: bj(2026, 6, 1, 0, 5), lines: 1 });
    // Same pipeline steps as the connectors: both orders share a buyer phone, so one customer.
    const customers = app.services.db.sqlite.prepare('SELECT COUNT(DISTINCT customer_id) AS n, COUNT(customer_id) AS linked FROM orders').get();
    expect(customers).toEqual({ n: 1, linked: 2 });

    // The companion 宝贝报表 arrives next: its lines replace the one summary line, once.
    const items = gbk(csv([
      TAOBAO_ITEMS_HEADER,
      ['="2450123456789012345"', '羊毛衫, 红色', '40.00', '1', '', '颜色分类：红色;尺码：L', '', '', '交易成功', 'SW-R-L'],
      ['="2450123456789012345"', '羊毛衫, 蓝色', '60', '1', '', '颜色分类：蓝色;尺码：M', '', '', '交易成功', 'SW-B-M'],
    ]));
    const j2 = await importFile(app, token, 'ExportOrderDetailList202606.csv', items);
    expect(j2).toMatchObject({ state: 'done', templateName: '淘宝/天猫 宝贝报表', rowsUpdated: 1, rowsRejected: 0 });
    const lines = app.services.db.sqlite.prepare(
      `SELECT sku_code AS sku, unit_price_fen AS price, qty FROM order_lines l JOIN orders o ON o.id = l.order_id
       WHERE o.platform_order_id = '2450123456789012345' ORDER BY line_no`,
    ).all();
    expect(lines).toEqual([{ sku: 'SW-R-L', price: 4000, qty: 1 }, { sku: 'SW-B-M', price: 6000, qty: 1 }]);

    // Re-importing the order report keeps the paired lines and changes nothing.
    const again = await importFile(app, token, 'ExportOrderList202606.csv', file);
    expect(again).toMatchObject({ state: 'done', rowsImported: 0, rowsUpdated: 0, rowsUnchanged: 2 });
    expect(ordersOf(app)[0]!.lines).toBe(2);
  });

  it('千牛 xlsx: date cells, numbers and text ids; a changed row updates the order and records an event', async () => {
    const rows = (paid: string) => [
      QIANNIU_HEADER,
      ['5118609024991031607', 'PAY1', 34, 0, 40, paid, '交易成功', '江苏省 南京市 建邺区 沙洲街道****', '快递', new Date(Date.UTC(2026, 4, 31, 14, 16, 18)),
        '杂志', 1, '73600316247086', '中通快递', '', '', 1, '', '手机订单', '分册名:2026年5月刊', '2026-05-31 14:22:47'],
    ];
    const job = await importFile(app, token, 'qianniu.xlsx', await xlsx(rows('34.00')));
    expect(job).toMatchObject({ state: 'done', templateName: '千牛 订单导出（xlsx）', rowsImported: 1 });
    const o = ordersOf(app).find((r) => r.id === '5118609024991031607')!;
    expect(o).toMatchObject({ goodsFen: 3400, paidFen: 3400, createdAt: bj(2026, 5, 31, 14, 16, 18), status: 'completed', lines: 1, province: '江苏省' });

    const changed = await importFile(app, token, 'qianniu.xlsx', await xlsx(rows('30.5')));
    expect(changed).toMatchObject({ rowsImported: 0, rowsUpdated: 1 });
    const events = app.services.db.sqlite.prepare(
      `SELECT type FROM order_events e JOIN orders o ON o.id = e.order_id WHERE o.platform_order_id = ? ORDER BY at`,
    ).pluck().all('5118609024991031607');
    expect(events).toEqual(['ingested', 'updated']);
  });

  it('Pinduoduo export (UTF-8 BOM): the SKU-dimension header variant, blank deal time falls back to the order-number date', async () => {
    const file = utf8Bom(csv([
      PDD_HEADER,
      pddRow({ time: '', title: '接考横幅', id: '260517-607198974342268', status: '已收货', goods: '17.8', paid: '17.8', qty: '1', sku: 'HF-01' }),
      pddRow({ time: '2026-05-18 09:30:00', title: '横幅', id: '260518-607198974342269', status: '待发货', goods: '20', shop: '1.5', platform: '0.5', paid: '18', qty: '2' }),
    ]));
    const job = await importFile(app, token, 'pdd_orders.csv', file);
    expect(job).toMatchObject({ state: 'done', templateName: '拼多多 商家后台订单导出', rowsImported: 2, rowsRejected: 0 });
    const pdd = ordersOf(app).filter((r) => r.channel === '拼多多（文件导入）');
    expect(pdd).toMatchObject([
      { id: '260517-607198974342268', status: 'delivered', phase: 'delivered', goodsFen: 1780, paidFen: 1780, createdAt: bj(2026, 5, 17), lines: 1 },
      { id: '260518-607198974342269', status: 'pending_review', phase: 'paid', goodsFen: 2000, paidFen: 1800, discountFen: 200, createdAt: bj(2026, 5, 18, 9, 30), lines: 1 },
    ]);
    const count = () => app.services.db.sqlite.prepare('SELECT (SELECT COUNT(*) FROM outbox) + (SELECT COUNT(*) FROM audit_log) + (SELECT COUNT(*) FROM order_events)').pluck().get();
    const before = count();
    const again = await importFile(app, token, 'pdd_orders.csv', file);
    expect(again).toMatchObject({ rowsImported: 0, rowsUpdated: 0, rowsUnchanged: 2 });
    expect(count()).toBe(before); // nothing written: no outbox, audit or event rows
  });
});
