import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderUpserter } from '../../src-main/ingest/order-upsert';
import { tempApp, type TempApp } from '../helpers/temp-app';
import { csv, gbk, importFile, ordersOf, PDD_HEADER, pddRow, TAOBAO_HEADER, TAOBAO_ITEMS_HEADER, taobaoRow, seedFileShops, utf8Bom } from '../helpers/import-fixtures';

describe('imports: jobs, channels and the Taobao item pairing', () => {
  let app: TempApp;
  let token: string;
  beforeEach(async () => {
    app = await tempApp();
    token = await app.login('owner');
  });
  afterEach(() => app.dispose());

  const pdd = (n: number) => utf8Bom(csv([PDD_HEADER, ...Array.from({ length: n }, (_, i) =>
    pddRow({ time: '2026-05-18 09:30:00', title: '横幅', id: `260518-${String(i).padStart(15, '0')}`, status: '待发货', goods: '10', paid: '10', qty: '1' }))]));

  it('a cancelled job stops and says what stayed; a finished one reports full progress', async () => {
    seedFileShops(app, ['pdd']);
    const { jobId } = await app.call('imports.upload', { fileName: 'big.csv', contentBase64: pdd(3000).toString('base64') }, token);
    const cancelled = await app.call('imports.cancel', { jobId }, token);
    expect(cancelled.jobId).toBe(jobId);
    await app.services.imports.wait(jobId);
    const job = await app.call('imports.status', { jobId }, token);
    expect(job.state).toBe('cancelled');
    expect(job.message).toContain('取消');
    expect(ordersOf(app).length).toBe(job.rowsImported);

    const done = await importFile(app, token, 'small.csv', pdd(5));
    expect(done).toMatchObject({ state: 'done', progress: 1, rowsImported: 5 });
  });

  it('file orders go to the shop picked or created, else the only shop of that platform; never a shop nobody chose', async () => {
    const now = Date.now();
    const shop = (id: string, name: string) => app.services.db.writes.run({ actor: { id: null, name: 't' }, call: 'test' }, (tx) =>
      tx.insert('channels', { id, kind: 'pdd', name, configJson: '{}', paused: false, createdAt: now, updatedAt: now }));
    const channels = () => app.services.db.sqlite.prepare('SELECT name FROM channels ORDER BY name').pluck().all();
    // No PDD shop yet and none named: the job fails saying so, and no shop appears.
    const none = await importFile(app, token, 'a.csv', pdd(1));
    expect(none).toMatchObject({ state: 'failed', rowsImported: 0, message: expect.stringContaining('还没有拼多多店铺') });
    expect(channels()).toEqual([]);

    shop('ch-a', '拼多多 A 店');
    await importFile(app, token, 'a.csv', pdd(1));
    expect(ordersOf(app)[0]).toMatchObject({ channel: '拼多多 A 店' });

    shop('ch-b', '拼多多 B 店');
    const toB = await importFile(app, token, 'b.csv', pdd(2), { channelId: 'ch-b' });
    expect(toB).toMatchObject({ channelId: 'ch-b', rowsImported: 2 });
    // Two PDD shops and none picked: no guess between them, no new shop.
    const third = await importFile(app, token, 'c.csv', pdd(1));
    expect(third).toMatchObject({ state: 'failed', message: expect.stringContaining('有 2 个拼多多店铺') });
    expect(channels()).toEqual(['拼多多 A 店', '拼多多 B 店']);
    // A shop the user creates while importing, under the name they give it.
    const created = await importFile(app, token, 'c.csv', pdd(1), { newShop: { name: '拼多多 清仓店', kind: 'pdd' } });
    expect(created).toMatchObject({ state: 'done', rowsImported: 1 });
    expect(channels()).toEqual(['拼多多 A 店', '拼多多 B 店', '拼多多 清仓店']);
    expect(ordersOf(app).map((o) => o.channel).sort()).toEqual(['拼多多 A 店', '拼多多 B 店', '拼多多 B 店', '拼多多 清仓店']);
    expect(await app.raw('imports.upload', { fileName: 'x.csv', contentBase64: 'eA==', channelId: 'nope' }, token)).toMatchObject({ error: { field: 'channelId' } });
  });

  it('a file never overwrites an order a connector fetched as fresh or fresher; older file data stays out', async () => {
    const now = Date.now();
    app.services.db.writes.run({ actor: { id: null, name: 't' }, call: 'test' }, (tx) => {
      tx.insert('channels', { id: 'ch-api', kind: 'pdd', name: '拼多多 API 店', configJson: '{}', paused: false, createdAt: now, updatedAt: now });
      new OrderUpserter(app.services.db.sqlite, app.services.flow).upsert(tx, 'ch-api', {
        platformOrderId: '260518-000000000000000', platformStatus: '已发货待签收', phase: 'shipped', createdAt: Date.UTC(2026, 4, 18, 1, 30),
        platformUpdatedAt: Date.UTC(2026, 4, 18, 1, 30), goodsFen: 1000, paidFen: 1000,
        lines: [{ title: '横幅 A', skuCode: 'A', qty: 1, unitPriceFen: 600, paidFen: 600 }, { title: '横幅 B', skuCode: 'B', qty: 1, unitPriceFen: 400, paidFen: 400 }],
      }, { source: 'poll:pdd', payload: '{}' });
    });
    const job = await importFile(app, token, 'pdd.csv', pdd(1));
    expect(job).toMatchObject({ state: 'done', rowsImported: 0, rowsUpdated: 0, rowsUnchanged: 1 });
    expect(ordersOf(app)[0]).toMatchObject({ status: 'shipped', lines: 2, channel: '拼多多 API 店' });
  });

  it('the 宝贝报表 alone is kept until its 订单报表 arrives, which then carries the real lines', async () => {
    seedFileShops(app, ['taobao']);
    const id = '2450123456789099999';
    const items = await importFile(app, token, 'ExportOrderDetailList.csv', gbk(csv([
      TAOBAO_ITEMS_HEADER,
      [`="${id}"`, '衬衫', '59.90', '2', '', '颜色：白', '', '', '交易成功', 'SH-W'],
      [`="${id}"`, '领带', '30', '1', '', '', '', '', '交易成功', 'TIE'],
    ])));
    expect(items).toMatchObject({ state: 'done', rowsImported: 0, message: expect.stringContaining('导入对应的订单报表后自动补上') });
    expect(ordersOf(app)).toHaveLength(0);

    const orders = await importFile(app, token, 'ExportOrderList.csv', gbk(csv([
      TAOBAO_HEADER,
      taobaoRow({ id: `="${id}"`, goods: '149.80', postage: '0', paid: '149.80', status: '卖家已发货，等待买家确认', created: '2026-06-03 20:00:00', title: '衬衫 领带', qty: 3 }),
    ])));
    expect(orders).toMatchObject({ rowsImported: 1 });
    expect(ordersOf(app)[0]).toMatchObject({ id, status: 'shipped', paidFen: 14980, lines: 2 });
  });
});
