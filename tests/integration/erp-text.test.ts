import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erpItems, hubOrders, hubSetup, seedK3 } from '../helpers/erp-fixtures';
import { odbcHome, type OdbcHome } from '../helpers/odbc';
import { startPostgres, type PgCluster } from '../helpers/postgres';
import { tempApp, type TempApp } from '../helpers/temp-app';

/**
 * Chinese text against an ERP whose text columns are not Unicode. PostgreSQL has no GBK server
 * encoding, but EUC_CN (GB2312) is one, and it is stricter: it refuses the GBK-only characters
 * (喆 镕 堃 昇) and emoji exactly as a GB2312 varchar would. psqlODBC converts between our UTF-8
 * and the server's encoding, as SQL Server's driver converts to the column's code page.
 */
let pg: PgCluster;
let home: OdbcHome;
let app: TempApp;
let token: string;
let channelId: string;
const erp = (sql: string) => pg.psql(sql, 'gb').trim();

beforeAll(async () => {
  home = odbcHome();
  pg = await startPostgres();
  await pg.createDatabase('gb', { encoding: 'EUC_CN' });
  seedK3(pg, 'gb', erpItems(12), [{ code: 'WH01', name: '杭州成品仓' }], (i) => i + 1);
  app = await tempApp({ erp: { autostart: false } });
  token = await app.login('owner');
  ({ channelId } = hubSetup(app.services.db, [{ code: 'WH01', name: '杭州成品仓' }]));
}, 120_000);
afterAll(async () => {
  app?.dispose();
  await pg?.stop();
  home?.dispose();
});

describe('Chinese text with a GB2312 (EUC_CN) ERP database', () => {
  it('pulls Chinese names stored in GB2312 correctly', async () => {
    expect(erp(`SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = 'gb'`)).toBe('EUC_CN');
    const c = await app.call('erp.connections.create', { name: 'GB2312 账套', connectionString: pg.odbc('gb'), preset: 'k3wise', readOnly: false }, token);
    await app.call('erp.pullNow', { connectionId: c.id, what: 'skus', full: true }, token);
    const titles = app.services.db.sqlite.prepare(`SELECT title FROM skus ORDER BY code`).pluck().all() as string[];
    expect(titles.slice(0, 3)).toEqual(erpItems(3).map((i) => i.name));
  });

  it('with the mapping set to GB2312, an order with 喆 or emoji is kept aside naming the character; the others go through', async () => {
    const c = (await app.call('erp.connections.list', {}, token))[0]!;
    const orders = (await app.call('erp.mappings.get', { connectionId: c.id }, token)).find((m) => m.kind === 'orders')!.mapping as Record<string, unknown>;
    await app.call('erp.mappings.save', { connectionId: c.id, kind: 'orders', mapping: { ...orders, charset: 'gb2312' } }, token);
    const [ok, gbk, emoji] = hubOrders(app.services.db, channelId, [
      { lines: [{ sku: 'SKU000001', qty: 1, title: '五香牛肉干 一百克' }], warehouseCode: 'WH01', remark: '请尽快发货' },
      { lines: [{ sku: 'SKU000002', qty: 1 }], warehouseCode: 'WH01', remark: '收件人王喆' },
      { lines: [{ sku: 'SKU000003', qty: 1, title: '礼盒🎁' }], warehouseCode: 'WH01' },
    ]);
    const r = await app.call('erp.pushNow', { connectionId: c.id }, token);
    expect(r).toMatchObject({ inserted: 1, rejected: 2, failed: 0 });
    expect(erp(`SELECT remark FROM hub_order WHERE ext_order_no = '${ok}'`)).toBe('请尽快发货');
    expect(erp(`SELECT remark FROM hub_order_line WHERE ext_order_no = '${ok}'`)).toBe('五香牛肉干 一百克');
    const rejects = await app.call('erp.rejects', { connectionId: c.id, limit: 10 }, token);
    expect(rejects.find((x) => x.rowKey === gbk)?.reason).toEqual({ code: 'text_not_encodable', params: { field: 'header.remark', value: '收件人王喆', char: '喆', charset: 'gb2312' } });
    expect(rejects.find((x) => x.rowKey === emoji)?.reason).toMatchObject({ code: 'text_not_encodable', params: { field: 'lines.1.remark', char: '🎁' } });
  });

  it('mis-set to Unicode, the ERP itself refuses the character: that order is kept with the driver\'s words, the others go through', async () => {
    const c = (await app.call('erp.connections.list', {}, token))[0]!;
    const orders = (await app.call('erp.mappings.get', { connectionId: c.id }, token)).find((m) => m.kind === 'orders')!.mapping as Record<string, unknown>;
    await app.call('erp.mappings.save', { connectionId: c.id, kind: 'orders', mapping: { ...orders, charset: 'unicode' } }, token);
    const [bad, fine] = hubOrders(app.services.db, channelId, [
      { lines: [{ sku: 'SKU000004', qty: 1 }], warehouseCode: 'WH01', remark: '堃' },
      { lines: [{ sku: 'SKU000005', qty: 2 }], warehouseCode: 'WH01', remark: '普通备注' },
    ]);
    const r = await app.call('erp.pushNow', { connectionId: c.id }, token);
    expect(r.failed).toBeGreaterThanOrEqual(1);
    expect(erp(`SELECT count(*) FROM hub_order WHERE ext_order_no = '${fine}'`)).toBe('1');
    expect(erp(`SELECT count(*) FROM hub_order WHERE ext_order_no = '${bad}'`)).toBe('0');
    expect(erp(`SELECT count(*) FROM hub_order_line WHERE ext_order_no = '${bad}'`)).toBe('0'); // the transaction left nothing half-written
    const reason = (await app.call('erp.rejects', { connectionId: c.id, limit: 20 }, token)).find((x) => x.rowKey === bad)?.reason;
    expect(reason?.code).toBe('erp_rejected');
    expect(String(reason?.params.message)).toMatch(/EUC_CN/);
    expect(reason?.params.state).toBe('22P05');
  });
});
