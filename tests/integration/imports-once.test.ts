import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, ordersOf, utf8Bom } from '../helpers/import-fixtures';
import { tempApp, type TempApp } from '../helpers/temp-app';

/**
 * The files people actually have (issue 15, items 7–9): a home-made sheet with simple headers is
 * guessed, mapped and imported once by the ops lead (who may not save templates) into a shop they
 * create on the spot; amounts a row leaves out are derived; addresses are normalised; a file
 * whose every row is refused is a failed job.
 */
let app: TempApp;
let ops: string;
const HEADER = ['单号', '日期', '实付', '优惠', '状态', '收货人', '电话', '地址'];
const sheet = (rows: string[][]) => utf8Bom(csv([HEADER, ...rows]));

beforeAll(async () => {
  app = await tempApp();
  ops = await app.login('ops');
});
afterAll(() => app.dispose());

describe('importing a home-made sheet once', () => {
  it('the preview guesses every simple header and names no platform for a home-made sheet', async () => {
    const file = sheet([['D-1', '2026/11/20', '90', '10', '已付款', '王五', '13800001234', '上海 上海市 徐汇区 漕溪北路 1号 200030']]);
    const p = await app.call('imports.preview', { fileName: '销售.csv', contentBase64: file.toString('base64') }, ops);
    expect(p.template).toBeNull();
    expect(p.suggestedMapping).toEqual({
      单号: 'platformOrderId', 日期: 'createdAt', 实付: 'paidYuan', 优惠: 'discountYuan', 状态: 'platformStatus', 收货人: 'receiverName',
      电话: 'receiverPhone', 地址: 'address',
    });
    expect(p.channelKind).toBeNull();
  });

  it('ops lead imports it once into a shop they create: no template saved, goods derived, address normalised', async () => {
    const file = sheet([
      ['D-1', '2026/11/20', '90', '10', '已付款', '王五', '13800001234', '上海 上海市 徐汇区 漕溪北路 1号 200030'],
      ['D-2', '2026-11-21 09:30', '45.5', '', '完成', '赵六', '13900005678', '浙江省 杭州市 西湖区 文三路 8号'],
    ]);
    const p = await app.call('imports.preview', { fileName: '销售.csv', contentBase64: file.toString('base64') }, ops);
    const before = (await app.call('imports.templates', {}, ops)).length;
    const { jobId, channelId } = await app.call('imports.upload', {
      fileName: '销售.csv', contentBase64: file.toString('base64'),
      once: { kind: 'orders', channelKind: 'pos', headers: p.headers, mapping: p.suggestedMapping, defaults: {} },
      newShop: { name: '南京路门店', kind: 'pos' },
    }, ops);
    await app.services.imports.wait(jobId);
    expect(await app.call('imports.status', { jobId }, ops)).toMatchObject({ state: 'done', rowsImported: 2, rowsRejected: 0, channelId });
    expect((await app.call('imports.templates', {}, ops)).length).toBe(before);
    const [d1, d2] = ordersOf(app);
    expect(d1).toMatchObject({ id: 'D-1', channel: '南京路门店', paidFen: 9000, goodsFen: 10000, discountFen: 1000, province: '上海市', city: '上海市', detail: '漕溪北路 1号' });
    expect(d2).toMatchObject({ id: 'D-2', paidFen: 4550, goodsFen: 4550, province: '浙江省', city: '杭州市' });
  });

  it('saving the mapping as a shared template stays with the role that manages templates', async () => {
    const r = await app.raw('imports.saveTemplate', { name: '门店日报', kind: 'orders', headers: HEADER, mapping: { 单号: 'platformOrderId', 日期: 'createdAt', 实付: 'paidYuan' } }, ops);
    expect(r).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('a one-time mapping is checked like a template: a missing order no. is named', async () => {
    const file = sheet([['D-9', '2026/11/20', '1', '', '', '', '', '']]);
    const r = await app.raw('imports.upload', {
      fileName: 'x.csv', contentBase64: file.toString('base64'),
      once: { kind: 'orders', headers: HEADER, mapping: { 日期: 'createdAt', 实付: 'paidYuan' } }, newShop: { name: '南京路门店', kind: 'pos' },
    }, ops);
    expect(r).toMatchObject({ error: { code: 'invalid_input', field: 'mapping', message: expect.stringContaining('订单编号') } });
  });

  it('a file whose every row is refused is a failed job, with its reasons kept', async () => {
    const file = sheet([['D-3', '不是日期', '1', '', '', '', '', ''], ['D-4', '', '', '', '', '', '', '']]);
    const channelId = (app.services.db.sqlite.prepare(`SELECT id FROM channels WHERE name = '南京路门店'`).pluck().get()) as string;
    const { jobId } = await app.call('imports.upload', {
      fileName: 'bad.csv', contentBase64: file.toString('base64'), channelId,
      once: { kind: 'orders', headers: HEADER, mapping: { 单号: 'platformOrderId', 日期: 'createdAt', 实付: 'paidYuan' } },
    }, ops);
    await app.services.imports.wait(jobId);
    const failed = await app.call('imports.status', { jobId }, ops);
    expect(failed).toMatchObject({ state: 'failed', rowsTotal: 2, rowsImported: 0, rowsRejected: 2, message: '2 行中没有一行导入成功（2 行被拒），请查看被拒原因' });
    expect((await app.call('imports.rejects', { jobId }, ops)).total).toBe(2);
  });
});
