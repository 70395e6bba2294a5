import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWallClock } from '../../src-shared/time';
import type { FinanceFile } from '../../src-shared/contract/finance';
import { seedChannel, seedOrders, type SeedOrder } from '../helpers/finance-seed';
import { tempApp, type TempApp } from '../helpers/temp-app';

/**
 * An export made in English reads in English: the platform's status and refund words, the
 * platform names, OrderHub's statuses and the commission source — never TRADE_FINISHED, `1`, or
 * the Chinese words the same file carries in zh-CN. (Shop, buyer and product names are the
 * merchant's own data and stay as typed.)
 */
let app: TempApp;
let finance: string;
const CJK = /[\u3400-\u9fff]/;

beforeAll(async () => {
  app = await tempApp();
  finance = await app.login('finance');
  const db = app.services.db;
  const tb = seedChannel(db, { name: 'Flagship', kind: 'taobao', commissionBps: 500 });
  const pdd = seedChannel(db, { name: 'PDD store', kind: 'pdd' });
  const dy = seedChannel(db, { name: 'Douyin store', kind: 'douyin' });
  const pos = seedChannel(db, { name: 'Shop floor', kind: 'pos' });
  const at = parseWallClock('2026-07-10 10:00:00');
  const line = (paid: number, refund = 0) => [{ skuCode: 'SKU-1', title: 'Tea', qty: 1, unitPriceFen: paid, paidFen: paid, refundFen: refund }];
  const order = (channelId: string, id: string, platformStatus: string, refundFen = 0): SeedOrder => ({
    channelId, platformOrderId: id, platformStatus, paidAt: at, goodsFen: 1_000, paidFen: 1_000, refundFen, lines: line(1_000, refundFen),
  });
  seedOrders(db, [
    order(tb, 'TB-DONE', 'TRADE_FINISHED'),
    order(tb, 'TB-REFUND', 'TRADE_CLOSED', 1_000),
    order(pdd, 'PDD-WAIT', '1'),
    order(dy, 'DY-DONE', '5'),
    order(pos, 'POS-DONE', '已完成'),
  ]);
});
afterAll(() => app.dispose());

async function exportIn(locale: 'zh-CN' | 'en', format: 'xlsx' | 'csv'): Promise<FinanceFile> {
  const r = await app.api.dispatch('exports.finance', { month: '2026-07', basis: 'paid', format }, finance, locale);
  if ('error' in r) throw new Error(r.error.message);
  return r.data as FinanceFile;
}

async function ordersSheet(file: FinanceFile): Promise<Record<string, unknown>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
  const sheet = wb.worksheets[1]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(Array.from((row.values as unknown[]).slice(1), (v, i) => [header[i], v])));
  });
  return rows;
}

const WORD_COLUMNS = ['Platform', 'Status', 'Platform status', 'After-sales', 'Commission from'];

describe('finance export in English', () => {
  it('names platform statuses, refunds, platforms and statuses in English (XLSX opened with exceljs)', async () => {
    const file = await exportIn('en', 'xlsx');
    expect(file.fileName).toBe('finance-reconciliation_2026-07_paid.xlsx');
    const rows = await ordersSheet(file);
    const by = (id: string) => rows.find((r) => r['Order no.'] === id)!;
    expect(by('TB-DONE')).toMatchObject({ Platform: 'Taobao/Tmall', Status: 'Completed', 'Platform status': 'Completed' });
    expect(by('TB-REFUND')).toMatchObject({ 'Platform status': 'Closed after a full refund', 'After-sales': 'Refunded' });
    expect(by('PDD-WAIT')['Platform status']).toBe('Awaiting shipment');
    expect(by('DY-DONE')['Platform status']).toBe('Completed');
    expect(by('POS-DONE')['Platform status']).toBe('Completed');
    for (const r of rows) for (const c of WORD_COLUMNS) expect(String(r[c] ?? ''), `${String(r['Order no.'])} ${c}`).not.toMatch(CJK);
    // Nothing left as a platform's code.
    expect(rows.map((r) => r['Platform status'])).not.toContain('TRADE_FINISHED');
  });

  it('says the same in an English CSV, and the zh-CN file keeps the Chinese words', async () => {
    const csv = Buffer.from((await exportIn('en', 'csv')).contentBase64, 'base64').toString('utf8').replace(/^\uFEFF/, '');
    const records = parse(csv, { relax_column_count: true, skip_empty_lines: true }) as string[][];
    const head = records.find((r) => r.includes('Platform status'))!;
    const row = (id: string) => records.find((r) => r[head.indexOf('Order no.')] === id)!;
    expect(row('TB-DONE')[head.indexOf('Platform status')]).toBe('Completed');
    expect(row('PDD-WAIT')[head.indexOf('Platform status')]).toBe('Awaiting shipment');
    expect(row('TB-REFUND')[head.indexOf('After-sales')]).toBe('Refunded');
    expect(csv).not.toMatch(/交易成功|待发货|退款成功|淘宝|拼多多|平台数据|店铺费率|未设置/);

    const zh = await ordersSheet(await exportIn('zh-CN', 'xlsx'));
    const z = (id: string) => zh.find((r) => r['订单编号'] === id)!;
    expect(z('TB-DONE')['平台状态']).toBe('交易成功');
    expect(z('PDD-WAIT')['平台状态']).toBe('待发货');
    expect(z('TB-REFUND')['售后状态']).toBe('退款成功');
  });
});
