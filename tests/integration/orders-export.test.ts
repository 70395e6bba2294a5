import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderQuery } from '../../src-shared/contract';
import { fenToYuan } from '../../src-shared/money';
import { formatInZone } from '../../src-shared/time';
import { tempApp, type TempApp } from '../helpers/temp-app';

type Row = Record<string, unknown>;
let app: TempApp;
let finance: string;

beforeAll(async () => {
  app = await tempApp({ demoOrders: 1200 });
  finance = await app.login('finance');
});
afterAll(() => app.dispose());

const HEADERS = ['渠道', '店铺', '订单号', '状态', '买家', '收货人', '省市', '金额(元)', '付款时间', '承诺发货', '仓库', '紧急度', '标签', '物流单号', '买家留言'];
const one = (sql: string, ...args: unknown[]) => app.services.db.sqlite.prepare(sql).get(...args) as Row;

async function exportCsv(query: OrderQuery, token = finance) {
  const r = await app.call('orders.export', { ...query, format: 'csv' }, token);
  const buf = Buffer.from(r.contentBase64, 'base64');
  return { ...r, buf, records: parse(buf, { bom: true }) as string[][] };
}

/** Every row of a view as the grid pages it. */
async function gridRows(query: OrderQuery) {
  const first = await app.call('orders.page', { ...query, startRow: 0, endRow: 1000 }, finance);
  const rows = [...first.rows];
  for (let start = 1000; start < first.total; start += 1000) rows.push(...(await app.call('orders.page', { ...query, startRow: start, endRow: start + 1000 }, finance)).rows);
  return { total: first.total, rows };
}

describe('orders.export: the whole view, not just the loaded rows', () => {
  it('a filtered, sorted view re-reads as CSV: Chinese header, the grid’s count and order, numeric amounts, zone times', async () => {
    const query: OrderQuery = { filters: { status: { type: 'set', values: ['completed', 'delivered'] } }, sort: [{ colId: 'paidFen', sort: 'desc' }] };
    const grid = await gridRows(query);
    expect(grid.total).toBeGreaterThan(1000); // more than one block: the export is not the loaded rows
    const { records, rows, fileName, buf } = await exportCsv(query);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(fileName).toMatch(/^订单导出-\d{8}-\d{4}\.csv$/);
    expect(records[0]).toEqual(HEADERS);
    expect(rows).toBe(grid.total);
    expect(records.length - 1).toBe(grid.total);
    const data = records.slice(1);
    expect(data.map((r) => r[2]!.trim())).toEqual(grid.rows.map((r) => r.platformOrderId)); // same rows, same order
    data.forEach((r, i) => {
      const g = grid.rows[i]!;
      expect(r[7]).toBe(fenToYuan(g.paidFen!));
      expect(r[7]).toMatch(/^-?\d+\.\d{2}$/); // a bare number: Excel reads it as one
      expect(r[8]).toBe(g.paidAt === null ? '' : formatInZone(g.paidAt, 'Asia/Shanghai'));
      expect(['已完成', '已签收']).toContain(r[3]);
    });
  });

  it('a formula-like buyer remark arrives neutralised, with 19-digit order ids kept whole', async () => {
    const { records } = await exportCsv({ filters: { buyerRemark: { type: 'text', op: 'contains', value: 'HYPERLINK' } } });
    expect(records.length).toBeGreaterThan(1);
    for (const r of records.slice(1)) expect(r[14]).toBe('\'=HYPERLINK("http://x","点我")');
    const all = await exportCsv({});
    const remarks = all.records.slice(1).map((r) => r[14]!);
    expect(remarks.some((x) => /^[=+\-@]/.test(x))).toBe(false);
    const taobao = all.records.slice(1).find((r) => r[0] === '淘宝/天猫')!;
    expect(taobao[2]).toMatch(/^\d{19}\t$/); // the trailing tab keeps Excel from 2.45E+18
  });

  it('quick search by phone last 4 exports what the grid finds', async () => {
    const { phone_last4 } = one(`SELECT phone_last4 FROM orders GROUP BY phone_last4 HAVING count(*) > 1 LIMIT 1`);
    const query = { quick: phone_last4 as string };
    const grid = await gridRows(query);
    const { records } = await exportCsv(query);
    expect(records.length - 1).toBe(grid.total);
    expect(grid.total).toBeGreaterThan(1);
  });

  it('XLSX keeps the chosen columns in view order, money as numbers, remarks inert', async () => {
    const r = await app.call('orders.export', {
      format: 'xlsx', filters: { buyerRemark: { type: 'text', op: 'notBlank' } }, columns: ['buyerRemark', 'platformOrderId', 'paidFen'],
    }, finance);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.contentBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '买家留言', '订单号', '金额(元)']);
    expect(ws.rowCount - 1).toBe(r.rows);
    for (let i = 2; i <= ws.rowCount; i++) {
      expect(typeof ws.getCell(i, 3).value).toBe('number');
      expect(String(ws.getCell(i, 1).value)).not.toMatch(/^[=+\-@]/);
    }
    const id = String(ws.getCell(2, 2).value);
    const o = one('SELECT paid_fen FROM orders WHERE platform_order_id = ?', id);
    expect(ws.getCell(2, 3).value).toBe((o.paid_fen as number) / 100);
  });

  it('is audited with who, the query, the row count and the file’s SHA-256', async () => {
    const query: OrderQuery = { filters: { channelKind: { type: 'set', values: ['pdd'] } } };
    const { buf, rows } = await exportCsv(query);
    const a = one(`SELECT * FROM audit_log WHERE entity = 'orders' AND action = 'export' ORDER BY seq DESC LIMIT 1`);
    expect(a.actor_name).toBe('finance');
    expect(a.call).toBe('orders.export');
    const after = JSON.parse(a.after_json as string);
    expect(after).toMatchObject({ format: 'csv', rows, sha256: createHash('sha256').update(buf).digest('hex') });
    expect(after.query.filters).toEqual(query.filters);
  });

  it('refuses roles without orders.export and columns it does not know', async () => {
    for (const who of ['service', 'warehouse']) {
      expect(await app.raw('orders.export', { format: 'csv' }, await app.login(who))).toMatchObject({ error: { code: 'forbidden' } });
    }
    expect(await app.raw('orders.export', { format: 'csv', columns: ['platformOrderId', 'password_hash'] }, finance))
      .toMatchObject({ error: { code: 'invalid_input', field: 'columns' } });
  });
});
