import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erpItems, hubChange, hubOrders, hubSetup, seedK3 } from '../helpers/erp-fixtures';
import { odbcHome, type OdbcHome } from '../helpers/odbc';
import { startPostgres, type PgCluster } from '../helpers/postgres';
import { tempApp, type TempApp } from '../helpers/temp-app';

/**
 * The bridge against a real ODBC driver: psqlODBC (PostgreSQL Unicode) in a throwaway PostgreSQL
 * holding Kingdee K3 WISE-shaped tables and the hub's staging tables, reached through a DSN in a
 * test-owned odbc.ini. The app is called as the UI calls it.
 */
let pg: PgCluster;
let home: OdbcHome;
let app: TempApp;
let token: string;
let connId: string;
let channelId: string;
const WAREHOUSES = [{ code: 'WH01', name: '杭州成品仓' }, { code: 'WH02', name: '宁波保税仓' }];
const items = erpItems(40);
const qtyOf = (i: number, w: number) => 10 + i + w * 100;
const erp = (sql: string) => pg.psql(sql, 'k3').trim();

beforeAll(async () => {
  home = odbcHome();
  pg = await startPostgres();
  await pg.createDatabase('k3');
  seedK3(pg, 'k3', items, WAREHOUSES, qtyOf);
  home.addDsn('K3_ACCOUNT', { Driver: 'PostgreSQL Unicode', Servername: '127.0.0.1', Port: pg.port, Database: 'k3', Username: 'postgres' });
  app = await tempApp({ erp: { autostart: false } });
  token = await app.login('owner');
  ({ channelId } = hubSetup(app.services.db, []));
}, 120_000);
afterAll(async () => {
  app?.dispose();
  await pg?.stop();
  home?.dispose();
});

describe('K3 WISE over psqlODBC', () => {
  it('connects by DSN with a sealed, write-only password; the test shows driver, DBMS and version', async () => {
    const c = await app.call('erp.connections.create', { name: 'K3 正式账套', dsn: 'K3_ACCOUNT', user: 'postgres', password: 's3cret-喆', preset: 'k3wise', readOnly: false }, token);
    connId = c.id;
    expect(c.passwordSet).toBe(true);
    expect(c.mappings).toEqual(expect.arrayContaining(['skus', 'warehouses', 'stock', 'orders', 'locks', 'outbound']));
    const listed = JSON.stringify(await app.call('erp.connections.list', {}, token));
    expect(listed).not.toContain('s3cret');
    const sqlite = app.services.db.sqlite;
    expect(JSON.stringify(sqlite.prepare('SELECT * FROM erp_connection_local').all())).not.toContain('s3cret');
    expect(JSON.stringify(sqlite.prepare('SELECT before_json, after_json FROM audit_log').all())).not.toContain('s3cret');
    expect(sqlite.prepare(`SELECT count(*) FROM outbox WHERE entity = 'erp_connection_local'`).pluck().get()).toBe(0); // local: never synced

    const t = await app.call('erp.connections.test', { id: connId }, token);
    expect(t).toMatchObject({ ok: true, driver: 'PostgreSQL Unicode', dbms: 'PostgreSQL', textRoundTrip: true });
    expect(t.dbmsVersion).toMatch(/^\d+\.\d+/);
  });

  it('previews the stock mapping on real rows, and refuses a mapping that lacks a column or writes', async () => {
    const mapping = (await app.call('erp.mappings.get', { connectionId: connId }, token)).find((m) => m.kind === 'stock')!.mapping as Record<string, unknown>;
    const p = await app.call('erp.mappings.preview', { connectionId: connId, kind: 'stock', mapping }, token);
    expect(p.rows.length).toBe(20);
    expect(p.columns).toEqual(['sku', 'warehouse', 'qty']);
    const first = p.rows.find((r) => r.values.sku === 'SKU000001' && r.values.warehouse === 'WH01');
    if (first) expect(first.values.qty).toBe(qtyOf(0, 0));
    expect(p.rows.every((r) => r.reason === null)).toBe(true);

    const noQty = await app.raw('erp.mappings.preview', { connectionId: connId, kind: 'stock', mapping: { mode: 'sql', sql: 'SELECT i.FNumber AS sku, s.FNumber AS warehouse FROM ICInventory v JOIN t_ICItem i ON i.FItemID = v.FItemID JOIN t_Stock s ON s.FItemID = v.FStockID' } }, token);
    expect(noQty).toMatchObject({ error: { code: 'invalid_input', field: 'mapping' } });
    expect((noQty as { error: { message: string } }).error.message).toContain('qty');

    const writes = await app.raw('erp.mappings.save', { connectionId: connId, kind: 'skus', mapping: { mode: 'sql', sql: "DELETE FROM t_ICItem; SELECT 1 AS code, 'x' AS name" } }, token);
    expect(writes).toMatchObject({ error: { code: 'invalid_input', field: 'mapping.sql' } });
    expect(erp('SELECT count(*) FROM t_ICItem')).toBe(String(items.length));
  });

  it('pulls the SKU master with Chinese names, the warehouses, and a stock snapshot summed over batches', async () => {
    expect(await app.call('erp.pullNow', { connectionId: connId, what: 'skus', full: true }, token)).toMatchObject({ read: 40, created: 40, rejected: 0 });
    const sqlite = app.services.db.sqlite;
    expect(sqlite.prepare('SELECT title, spec FROM skus WHERE code = ?').get('SKU000002')).toEqual({ title: items[1]!.name, spec: items[1]!.spec });
    expect(await app.call('erp.pullNow', { connectionId: connId, what: 'warehouses', full: true }, token)).toMatchObject({ created: 2 });
    expect(sqlite.prepare(`SELECT name FROM warehouses WHERE code = 'WH02'`).pluck().get()).toBe('宁波保税仓');

    expect(await app.call('erp.pullNow', { connectionId: connId, what: 'stock', full: true }, token)).toMatchObject({ read: 80, created: 80, rejected: 0 });
    const onHand = (sku: string, wh: string) => sqlite.prepare(
      `SELECT s.on_hand FROM stock_counts s JOIN warehouses w ON w.id = s.warehouse_id WHERE s.sku_code = ? AND w.code = ? ORDER BY s.at DESC LIMIT 1`,
    ).pluck().get(sku, wh);
    expect(onHand('SKU000007', 'WH02')).toBe(qtyOf(6, 1));

    // A delta: one count changed in the ERP, one item's stock gone; the rest is not written again.
    erp(`UPDATE ICInventory SET FQty = FQty + 5 WHERE FItemID = 1002 AND FStockID = 50 AND FBatchNo = 'B1'`);
    erp(`DELETE FROM ICInventory WHERE FItemID = 1003 AND FStockID = 51`);
    const delta = await app.call('erp.pullNow', { connectionId: connId, what: 'stock', full: false }, token);
    expect(delta).toMatchObject({ read: 79, created: 1, unchanged: 78, zeroed: 0 });
    expect(onHand('SKU000003', 'WH01')).toBe(qtyOf(2, 0) + 5);
    const full = await app.call('erp.pullNow', { connectionId: connId, what: 'stock', full: true }, token);
    expect(full).toMatchObject({ created: 0, zeroed: 1 });
    expect(onHand('SKU000004', 'WH02')).toBe(0);
  });

  it('keeps a bad stock row aside with its reason and writes the others', async () => {
    erp(`INSERT INTO ICInventory (FItemID, FBatchNo, FStockID, FQty) VALUES (1010, 'B9', 50, 0.5)`); // half a unit: the sum is not a whole count
    erp(`UPDATE ICInventory SET FQty = FQty + 1 WHERE FItemID = 1011 AND FStockID = 50 AND FBatchNo = 'B1'`);
    const r = await app.call('erp.pullNow', { connectionId: connId, what: 'stock', full: false }, token);
    expect(r).toMatchObject({ rejected: 1, created: 1 });
    const rejects = await app.call('erp.rejects', { connectionId: connId, limit: 50 }, token);
    expect(rejects[0]).toMatchObject({ lane: 'stock', rowKey: 'SKU000011 @ WH01', field: 'qty', value: String(qtyOf(10, 0) + 0.5), reason: { code: 'not_whole' } });
    expect(JSON.parse(rejects[0]!.raw)).toMatchObject({ sku: 'SKU000011', warehouse: 'WH01' });
    erp(`DELETE FROM ICInventory WHERE FBatchNo = 'B9'`);
    await app.call('erp.pullNow', { connectionId: connId, what: 'stock', full: false }, token);
    expect(await app.call('erp.rejects', { connectionId: connId, limit: 50 }, token)).toEqual([]);
  });

  it('pushes orders at 待发货 once, with Chinese text intact; a retry writes nothing; a change updates; a cancel voids', async () => {
    const remark = "请用顺丰 喆镕堃昇 O'Brien 😀";
    const ids = hubOrders(app.services.db, channelId, [
      { lines: [{ sku: 'SKU000001', qty: 2, priceFen: 3550 }, { sku: 'SKU000002', qty: 1, title: '手撕鸭脖 喆记' }], warehouseCode: 'WH01', remark },
      { lines: [{ sku: 'SKU000003', qty: 1 }], warehouseCode: 'WH02' },
      { lines: [{ sku: 'SKU000004', qty: 3 }], warehouseCode: 'WH01' },
      { status: 'pending_payment', lines: [{ sku: 'SKU000005', qty: 1 }] },
    ]);
    const first = await app.call('erp.pushNow', { connectionId: connId }, token);
    expect(first).toMatchObject({ inserted: 3, failed: 0, rejected: 0, locksWritten: 4 });
    expect(erp('SELECT count(*) FROM hub_order')).toBe('3');
    expect(erp('SELECT count(*) FROM hub_order_line')).toBe('4');
    expect(erp(`SELECT remark FROM hub_order WHERE ext_order_no = '${ids[0]}'`)).toBe(remark);
    expect(erp(`SELECT remark FROM hub_order_line WHERE ext_order_no = '${ids[0]}' AND line_no = 2`)).toBe('手撕鸭脖 喆记');
    expect(erp(`SELECT total_amount::text FROM hub_order WHERE ext_order_no = '${ids[0]}'`)).toMatch(/^90\.9+0*$|^90\.90*$/);
    expect(erp(`SELECT count(*) FROM hub_stock_lock WHERE status = 'ACTIVE' AND warehouse_code = 'WH01'`)).toBe('3');

    expect(await app.call('erp.pushNow', { connectionId: connId }, token)).toMatchObject({ inserted: 0, updated: 0, locksWritten: 0 });

    hubChange(app.services.db, ids[1]!, { sellerNote: '改地址' });
    expect(await app.call('erp.pushNow', { connectionId: connId }, token)).toMatchObject({ updated: 1, inserted: 0 });
    expect(erp(`SELECT remark FROM hub_order WHERE ext_order_no = '${ids[1]}'`)).toBe('改地址');

    // The ERP-side importer has taken order 3: a later change is refused and listed, not forced in.
    erp(`UPDATE hub_order SET status = 'IMPORTED', erp_bill_no = 'SEORD000086' WHERE ext_order_no = '${ids[2]}'`);
    hubChange(app.services.db, ids[2]!, { lineQty: { lineNo: 1, qty: 5 } });
    expect(await app.call('erp.pushNow', { connectionId: connId }, token)).toMatchObject({ rejected: 1, locksWritten: 1 });
    expect(erp(`SELECT qty::int FROM hub_order_line WHERE ext_order_no = '${ids[2]}'`)).toBe('3');
    const rej = (await app.call('erp.rejects', { connectionId: connId, limit: 50 }, token)).find((r) => r.rowKey === ids[2]);
    expect(rej?.reason).toEqual({ code: 'erp_already_imported', params: { status: 'IMPORTED' } });

    hubChange(app.services.db, ids[0]!, { status: 'cancelled' });
    expect(await app.call('erp.pushNow', { connectionId: connId }, token)).toMatchObject({ cancelled: 1, locksReleased: 2 });
    expect(erp(`SELECT status FROM hub_order WHERE ext_order_no = '${ids[0]}'`)).toBe('CANCEL_REQ');
    expect(erp(`SELECT string_agg(status, ',' ORDER BY lock_key) FROM hub_stock_lock WHERE ext_order_no = '${ids[0]}'`)).toBe('RELEASED,RELEASED');
    expect(erp('SELECT count(*) FROM hub_order')).toBe('3');

    const audit = app.services.db.sqlite.prepare(`SELECT action FROM audit_log WHERE entity = 'erp_order' ORDER BY seq`).pluck().all();
    expect(audit).toEqual(['erp_insert', 'erp_insert', 'erp_insert', 'erp_update', 'erp_void']);
    expect(app.services.db.writes.verifyAudit().ok).toBe(true);
  });

  it('reconciles reservations against ERP on hand and locks, and shipped orders against ERP sales outbound', async () => {
    const [big, shipped] = hubOrders(app.services.db, channelId, [
      { lines: [{ sku: 'SKU000020', qty: 9999 }], warehouseCode: 'WH01' },
      { lines: [{ sku: 'SKU000021', qty: 4 }], warehouseCode: 'WH02' },
    ]);
    await app.call('erp.pushNow', { connectionId: connId }, token);
    hubChange(app.services.db, shipped!, { status: 'shipped' });
    // The ERP's importer turned the staging row into SEOrder 501 (key in FPOOrdBillNo); its sales outbound shows 3, not 4.
    erp(`INSERT INTO SEOrder (FInterID, FBillNo, FPOOrdBillNo) VALUES (501, 'SEORD000501', '${shipped}');
         INSERT INTO ICStockBill VALUES (9001, 'XOUT0001', 21); INSERT INTO ICStockBillEntry VALUES (9001, 1, 1020, 3, 501, 1);`);
    const { differences } = await app.call('erp.reconcile', { connectionId: connId }, token);
    expect(differences).toContainEqual(expect.objectContaining({ kind: 'reserved_over_on_hand', skuCode: 'SKU000020', warehouseCode: 'WH01', ours: 9999, erp: qtyOf(19, 0) }));
    expect(differences).toContainEqual(expect.objectContaining({ kind: 'out_qty_mismatch', extOrderNo: shipped, skuCode: 'SKU000021', ours: 4, erp: 3 }));
    // Locks were pushed before the order shipped: the ERP still holds 4 for it, we hold none.
    expect(differences).toContainEqual(expect.objectContaining({ kind: 'lock_mismatch', skuCode: 'SKU000021', warehouseCode: 'WH02', ours: 0, erp: 4 }));
    await app.call('erp.pushNow', { connectionId: connId }, token);
    const after = (await app.call('erp.reconcile', { connectionId: connId }, token)).differences;
    expect(after.filter((d) => d.kind === 'lock_mismatch')).toEqual([]);
    expect(big).toBeTruthy();
  });

  it('lists SKUs we sell that the ERP does not know', async () => {
    hubOrders(app.services.db, channelId, [{ lines: [{ sku: 'NOT-IN-K3', qty: 1 }], warehouseCode: 'WH01' }]);
    const u = await app.call('erp.unknownSkus', { connectionId: connId }, token);
    expect(u.erpItems).toBe(40);
    expect(u.codes).toContainEqual({ code: 'NOT-IN-K3', title: null, openLines: 1 });
    expect(u.codes.find((c) => c.code === 'SKU000001')).toBeUndefined();
  });

  it('a read-only link refuses every write; the ERP is untouched', async () => {
    await app.call('erp.connections.update', { id: connId, readOnly: true }, token);
    const before = erp('SELECT count(*) FROM hub_order') + erp('SELECT count(*) FROM hub_stock_lock');
    hubOrders(app.services.db, channelId, [{ lines: [{ sku: 'SKU000030', qty: 1 }], warehouseCode: 'WH01' }]);
    const r = await app.raw('erp.pushNow', { connectionId: connId }, token);
    expect(r).toMatchObject({ error: { code: 'conflict', message: '此连接设为只读，不会向 ERP 写入任何数据' } });
    expect(erp('SELECT count(*) FROM hub_order') + erp('SELECT count(*) FROM hub_stock_lock')).toBe(before);
    expect(await app.call('erp.pullNow', { connectionId: connId, what: 'skus', full: true }, token)).toMatchObject({ read: 40 });
    await app.call('erp.connections.update', { id: connId, readOnly: false }, token);
  });

  it('an unreachable ERP is reported with failing-since, backlog and a backoff; pending orders wait', async () => {
    const down = await app.call('erp.connections.create', { name: '停机的账套', connectionString: `Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=1;Database=k3;Uid=postgres;Pwd=x;`, preset: 'k3wise', readOnly: false }, token);
    const before = Date.now();
    const r = await app.raw('erp.pushNow', { connectionId: down.id }, token);
    expect(r).toMatchObject({ error: { code: 'conflict' } });
    expect((r as { error: { message: string } }).error.message).toMatch(/^连不上 ERP/);
    const h = (await app.call('erp.connections.list', {}, token)).find((c) => c.id === down.id)!.health.find((x) => x.lane === 'orders')!;
    expect(h.failingSince).toBeGreaterThanOrEqual(before);
    expect(h.failures).toBe(1);
    expect(h.backlog).toBeGreaterThan(0);
    expect(h.nextAttemptAt).toBeGreaterThan(h.failingSince!);
    expect(h.lastError?.code).toBe('erp_unreachable');
    await app.call('erp.connections.remove', { id: down.id }, token);
  });

  it('two PCs pushing the same orders at once insert each order once', async () => {
    const { copyFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { openApp } = await import('../../src-main/app');
    const { createLogger } = await import('../../src-main/log');
    const ids = hubOrders(app.services.db, channelId, Array.from({ length: 60 }, (_, i) => ({ lines: [{ sku: `SKU0000${10 + (i % 20)}`, qty: 1 + (i % 3) }], warehouseCode: 'WH02' })));
    const pending = app.services.erp.sources.backlog(connId, Date.now());
    expect(pending).toBeGreaterThanOrEqual(60);
    // PC 2 has the same orders (as sync would bring them) and its own DSN for the same ERP.
    app.services.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const dir2 = mkdtempSync(join(tmpdir(), 'orderhub-pc2-'));
    copyFileSync(join(app.dataDir, 'orderhub.db'), join(dir2, 'orderhub.db'));
    copyFileSync(join(app.dataDir, 'secret.key'), join(dir2, 'secret.key'));
    const pc2 = await openApp({ dataDir: dir2, log: createLogger(dir2, { console: false }), erp: { autostart: false }, channels: { autostart: false } });
    try {
      const ctx = { actor: { id: null, name: 'pc2' }, call: 'erp.pushNow' };
      const [a, b] = await Promise.all([
        app.services.erp.push(connId, 'manual', ctx),
        pc2.services.erp.push(connId, 'manual', ctx),
      ]);
      expect(a.inserted + b.inserted).toBe(pending);
      expect(a.alreadyThere + b.alreadyThere).toBeLessThanOrEqual(pending); // the slower PC finds what the other wrote
      expect(a.failed + b.failed).toBe(0);
      const keys = ids.map((x) => `'${x}'`).join(',');
      expect(erp(`SELECT count(*), count(DISTINCT ext_order_no) FROM hub_order WHERE ext_order_no IN (${keys})`)).toBe('60|60');
      expect(erp(`SELECT count(*) FROM hub_order_line WHERE ext_order_no IN (${keys})`)).toBe('60');
      for (const h of [app, pc2]) {
        expect(h.services.db.sqlite.prepare(`SELECT count(*) FROM erp_pushes WHERE state = 'pushed' AND order_id IN (${keys})`).pluck().get()).toBe(60);
      }
    } finally {
      pc2.close();
    }
  });
});
