import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src-main/db';
import { tempApp, type TempApp } from '../helpers/temp-app';
import { csv, gbk, importFile, ordersOf, seedFileShops, xlsx } from '../helpers/import-fixtures';

const POS_HEADER = ['单号', '日期', '货号', '品名', '数量', '单价', '金额', '门店'];

describe('imports: saved templates, SKU master and stock snapshots', () => {
  let app: TempApp;
  let token: string;
  beforeAll(async () => {
    app = await tempApp({ inTeam: true });
    seedFileShops(app);
    token = await app.login('owner');
  });
  afterAll(() => app.dispose());

  it('an unknown POS sheet is previewed, mapped, saved, and the next POS file is recognised by its header', async () => {
    const day1 = await xlsx([
      ['2026年6月1日 门店销售日报'],
      POS_HEADER,
      ['P0001', '2026/6/1 10:15', 'A-1', '可乐', 2, 3.5, 7, '一店'],
      ['P0001', '2026/6/1 10:15', 'B-2', '薯片', 1, 6, 6, '一店'],
      ['P0002', 46174.5, 'A-1', '可乐', 1, '3.50', '3.5', '一店'],
    ]);
    const preview = await app.call('imports.preview', { fileName: 'orders_daily.xlsx', contentBase64: day1.toString('base64') }, token);
    expect(preview).toMatchObject({ format: 'xlsx', headers: POS_HEADER, template: null });
    expect(preview.rows).toHaveLength(3);
    expect(preview.rows[0]!.slice(0, 2)).toEqual(['P0001', '2026/6/1 10:15']);

    const failed = await importFile(app, token, 'orders_daily.xlsx', day1);
    expect(failed).toMatchObject({ state: 'failed', message: expect.stringContaining('无法识别表头') });

    const t = await app.call('imports.saveTemplate', {
      name: '门店 POS 日报', kind: 'orders', channelKind: 'pos', headers: preview.headers,
      mapping: { 单号: 'platformOrderId', 日期: 'createdAt', 货号: 'lineSkuCode', 品名: 'lineTitle', 数量: 'lineQty', 单价: 'lineUnitPriceYuan', 金额: 'linePaidYuan' },
      defaults: { platformStatus: '已完成' },
    }, token);
    expect(t).toMatchObject({ builtin: false, kind: 'orders' });

    const job = await importFile(app, token, 'orders_daily.xlsx', day1);
    expect(job).toMatchObject({ state: 'done', templateName: '门店 POS 日报', rowsImported: 2, rowsRejected: 0 });
    const pos = ordersOf(app);
    expect(pos).toMatchObject([
      { id: 'P0001', status: 'completed', paidFen: 1300, goodsFen: 1300, createdAt: Date.UTC(2026, 5, 1, 2, 15), lines: 2, channel: '线下门店（文件导入）' },
      { id: 'P0002', paidFen: 350, createdAt: Date.UTC(2026, 5, 1, 4), lines: 1 },
    ]);

    // Day 2 arrives as GBK CSV with the same header (and trailing spaces): recognised automatically.
    const day2 = gbk(csv([POS_HEADER.map((h) => `${h} `), ['P0003', '2026-06-02 09:00:00', 'A-1', '可乐', '3', '3.5', '10.5', '一店']]));
    const p2 = await app.call('imports.preview', { fileName: 'orders_daily.csv', contentBase64: day2.toString('base64') }, token);
    expect(p2).toMatchObject({ encoding: 'gb18030', template: { id: t.id, name: '门店 POS 日报' } });
    const j2 = await importFile(app, token, 'orders_daily.csv', day2);
    expect(j2).toMatchObject({ state: 'done', rowsImported: 1 });
    expect(ordersOf(app).find((o) => o.id === 'P0003')).toMatchObject({ paidFen: 1050, lines: 1 });
  });

  it('imports the SKU master through the write path, idempotently', async () => {
    const file = await xlsx([['商家编码', '商品名称', '规格', '条码', '售价'], ['SW-R-L', '羊毛衫', '红色 L', '6901234567890', '199.00'], ['SW-B-M', '羊毛衫', '蓝色 M', '6901234567891', 199]]);
    const t = await app.call('imports.saveTemplate', {
      name: 'SKU 资料', kind: 'skus', channelKind: 'pos', headers: ['商家编码', '商品名称', '规格', '条码', '售价'],
      mapping: { 商家编码: 'code', 商品名称: 'title', 规格: 'spec', 条码: 'barcode', 售价: 'priceYuan' }, defaults: {},
    }, token);
    const job = await importFile(app, token, 'skus.xlsx', file);
    expect(job).toMatchObject({ state: 'done', kind: 'skus', templateId: t.id, rowsImported: 2 });
    expect(app.services.db.sqlite.prepare('SELECT code, price_fen AS p, barcode FROM skus ORDER BY code').all()).toEqual([
      { code: 'SW-B-M', p: 19900, barcode: '6901234567891' }, { code: 'SW-R-L', p: 19900, barcode: '6901234567890' },
    ]);
    expect(await importFile(app, token, 'skus.xlsx', file)).toMatchObject({ rowsImported: 0, rowsUpdated: 0, rowsUnchanged: 2 });
    expect(app.services.db.sqlite.prepare("SELECT COUNT(*) FROM outbox WHERE entity = 'skus'").pluck().get()).toBe(2);
  });

  it('imports a stock snapshot per warehouse; an unknown warehouse is rejected by name', async () => {
    const now = Date.now();
    app.services.db.writes.run({ actor: SYSTEM_ACTOR, call: 'test' }, (tx) =>
      tx.insert('warehouses', { id: uuidv7(), code: 'HZ01', name: '杭州仓', city: '杭州', createdAt: now, updatedAt: now }));
    const header = ['商家编码', '仓库', '库存', '盘点时间'];
    const t = await app.call('imports.saveTemplate', {
      name: '库存盘点', kind: 'stock', channelKind: 'pos', headers: header,
      mapping: { 商家编码: 'skuCode', 仓库: 'warehouse', 库存: 'onHand', 盘点时间: 'at' }, defaults: {},
    }, token);
    const file = utf8(csv([header, ['SW-R-L', '杭州仓', '12', '2026-06-01 08:00:00'], ['SW-B-M', 'HZ01', '0', '2026-06-01 08:00:00'], ['SW-B-M', '上海仓', '5', '2026-06-01 08:00:00']]));
    const job = await importFile(app, token, 'stock.csv', file);
    expect(job).toMatchObject({ state: 'done', kind: 'stock', templateId: t.id, rowsImported: 2, rowsRejected: 1 });
    const { rows } = await app.call('imports.rejects', { jobId: job.jobId }, token);
    expect(rows[0]).toMatchObject({ rowNo: 4, field: '仓库', value: '上海仓', reason: expect.stringContaining('不存在') });
    expect(app.services.db.sqlite.prepare('SELECT sku_code AS sku, on_hand AS n, at FROM stock_snapshots ORDER BY sku_code').all()).toEqual([
      { sku: 'SW-B-M', n: 0, at: Date.UTC(2026, 5, 1) }, { sku: 'SW-R-L', n: 12, at: Date.UTC(2026, 5, 1) },
    ]);
    expect(await importFile(app, token, 'stock.csv', file)).toMatchObject({ rowsImported: 0, rowsUnchanged: 2, rowsRejected: 1 });
    // All or nothing: the unknown warehouse is only found while writing, and still nothing stays.
    const later = utf8(csv([header, ['SW-R-L', '杭州仓', '11', '2026-06-02 08:00:00'], ['SW-B-M', '上海仓', '5', '2026-06-02 08:00:00']]));
    const aon = await importFile(app, token, 'stock2.csv', later, { allOrNothing: true });
    expect(aon).toMatchObject({ state: 'failed', rowsImported: 0, rowsRejected: 1, message: expect.stringContaining('没有写入任何数据') });
    expect(app.services.db.sqlite.prepare('SELECT COUNT(*) FROM stock_snapshots').pluck().get()).toBe(2);
    expect((await app.call('imports.rejects', { jobId: aon.jobId }, token)).rows).toMatchObject([{ rowNo: 3, value: '上海仓' }]);
  });

  it('lists built-in and saved templates; built-ins cannot be deleted', async () => {
    const list = await app.call('imports.templates', {}, token);
    expect(list.filter((t) => t.builtin).map((t) => t.id)).toEqual(['builtin:taobao-orders', 'builtin:qianniu-orders', 'builtin:taobao-items', 'builtin:pdd-orders']);
    expect(list.some((t) => t.name === '门店 POS 日报')).toBe(true);
    expect(await app.raw('imports.deleteTemplate', { id: 'builtin:pdd-orders' }, token)).toMatchObject({ error: { code: 'invalid_input' } });
    const ops = await app.login('ops');
    expect(await app.raw('imports.saveTemplate', { name: 'x', kind: 'skus', headers: ['a'], mapping: {} }, ops)).toMatchObject({ error: { code: 'forbidden' } });
  });
});

const utf8 = (s: string) => Buffer.from(s, 'utf8');
