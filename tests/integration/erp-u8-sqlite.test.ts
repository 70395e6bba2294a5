import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/kernel/clock';
import { erpItems, hubChange, hubOrders, hubSetup, seedU8 } from '../helpers/erp-fixtures';
import { odbcHome, type OdbcHome } from '../helpers/odbc';
import { tempApp, type TempApp } from '../helpers/temp-app';

/**
 * The bridge against the SQLite3 ODBC driver (libsqliteodbc) with Yonyou U8-shaped tables, reached
 * by a connection string; and the scheduler's trigger that takes an order at 待发货 to the ERP.
 */
let home: OdbcHome;
let dir: string;
let erpFile: string;
let app: TempApp;
let token: string;
let connId: string;
let channelId: string;
const WAREHOUSES = [{ code: '01', name: '成品库' }, { code: '02', name: '电商仓' }];
const items = erpItems(30, { gbkOnly: true });
const erp = () => new Database(erpFile, { fileMustExist: true });
const one = (sql: string, ...p: unknown[]) => {
  const db = erp();
  try {
    return db.prepare(sql).get(...p) as Record<string, unknown> | undefined;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  home = odbcHome();
  dir = mkdtempSync(join(tmpdir(), 'orderhub-u8-'));
  erpFile = join(dir, 'UFDATA_001_2026.db');
  seedU8(erpFile, items, WAREHOUSES, (i, w) => 5 * i + w);
  app = await tempApp({ erp: { autostart: false } });
  token = await app.login('owner');
  ({ channelId } = hubSetup(app.services.db, []));
});
afterAll(() => {
  app?.dispose();
  home?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('U8 over the SQLite3 ODBC driver', () => {
  it('connects by connection string; the password typed into it is split out and sealed', async () => {
    const c = await app.call('erp.connections.create', { name: '用友 U8 001 账套', connectionString: `Driver={SQLite3};Database=${erpFile};Timeout=5000;PWD=hidden-pw;`, preset: 'u8', readOnly: false }, token);
    connId = c.id;
    expect(c.connectionString).not.toContain('hidden-pw');
    expect(c.passwordSet).toBe(true);
    const t = await app.call('erp.connections.test', { id: connId }, token);
    expect(t).toMatchObject({ ok: true, driver: 'SQLite3', dbms: 'SQLite', textRoundTrip: true });
  });

  it('pulls U8 inventory (GBK-only characters intact) and stock summed over lots', async () => {
    const preview = await app.call('erp.mappings.preview', { connectionId: connId, kind: 'skus', mapping: (await app.call('erp.presets', {}, token)).find((p) => p.preset === 'u8')!.mappings.skus as Record<string, unknown> }, token);
    expect(preview.rows[0]!.values).toMatchObject({ code: 'SKU000001', name: items[0]!.name, unit: '盒' });
    expect(items[0]!.name).toContain('喆');
    expect(await app.call('erp.pullNow', { connectionId: connId, what: 'skus', full: true }, token)).toMatchObject({ created: 30 });
    expect(app.services.db.sqlite.prepare(`SELECT title FROM skus WHERE code = 'SKU000001'`).pluck().get()).toBe(items[0]!.name);
    await app.call('erp.pullNow', { connectionId: connId, what: 'warehouses', full: true }, token);
    expect(await app.call('erp.pullNow', { connectionId: connId, what: 'stock', full: true }, token)).toMatchObject({ read: 60, created: 60, rejected: 0 }); // a first count of 0 is recorded too
    expect(app.services.db.sqlite.prepare(
      `SELECT s.on_hand FROM stock_counts s JOIN warehouses w ON w.id = s.warehouse_id WHERE s.sku_code = 'SKU000010' AND w.code = '02'`,
    ).pluck().get()).toBe(5 * 9 + 1);
  });

  it('a table mapping (no SQL) reads the same rows', async () => {
    const mapping = { mode: 'table', table: 'Warehouse', columns: { code: 'cWhCode', name: 'cWhName' } };
    const p = await app.call('erp.mappings.preview', { connectionId: connId, kind: 'warehouses', mapping }, token);
    expect(p.rows.map((r) => r.values)).toEqual([{ code: '01', name: '成品库' }, { code: '02', name: '电商仓' }]);
    const bad = await app.raw('erp.mappings.save', { connectionId: connId, kind: 'warehouses', mapping: { ...mapping, table: 'Warehouse; DROP TABLE Warehouse' } }, token);
    expect(bad).toMatchObject({ error: { code: 'invalid_input', field: 'mapping.table' } });
  });

  it('pushes orders with Chinese text and emoji into the staging tables; a retry writes nothing', async () => {
    const ids = hubOrders(app.services.db, channelId, [
      { lines: [{ sku: 'SKU000001', qty: 1, title: '五香牛肉干·喆记 😀' }, { sku: 'SKU000002', qty: 2 }], warehouseCode: '02', remark: "镕堃昇 'quoted'" },
      { lines: [{ sku: 'SKU000003', qty: 1 }, { sku: null, qty: 1, title: '无编码赠品' }], warehouseCode: '02' },
      { lines: [{ sku: 'SKU000004', qty: 4 }], warehouseCode: '01' },
    ]);
    const r = await app.call('erp.pushNow', { connectionId: connId }, token);
    expect(r).toMatchObject({ inserted: 2, rejected: 1, failed: 0 });
    expect(one('SELECT count(*) AS n FROM hub_order')).toEqual({ n: 2 });
    expect(one('SELECT remark FROM hub_order WHERE ext_order_no = ?', ids[0])).toEqual({ remark: "镕堃昇 'quoted'" });
    expect(one('SELECT remark, qty, price FROM hub_order_line WHERE ext_order_no = ? AND line_no = 1', ids[0])).toEqual({ remark: '五香牛肉干·喆记 😀', qty: 1, price: 19.9 });
    const rejects = await app.call('erp.rejects', { connectionId: connId, limit: 10 }, token);
    expect(rejects.find((x) => x.rowKey === ids[1])).toMatchObject({ field: 'lines.2.sku', reason: { code: 'line_without_sku', params: { lineNo: 2 } } });

    expect(await app.call('erp.pushNow', { connectionId: connId }, token)).toMatchObject({ inserted: 0, updated: 0, rejected: 0 });
    // Fixing the bad order (a new version) sends it, and its reject is settled.
    app.services.db.writes.run({ actor: { id: null, name: 't' }, call: 't' }, (tx) => {
      const line = app.services.db.sqlite.prepare('SELECT id FROM order_lines WHERE order_id = ? AND line_no = 2').pluck().get(ids[1]) as string;
      tx.update('order_lines', line, { skuCode: 'SKU000005' });
    });
    hubChange(app.services.db, ids[1]!, { sellerNote: '补了编码' });
    expect(await app.call('erp.pushNow', { connectionId: connId }, token)).toMatchObject({ inserted: 1 });
    expect((await app.call('erp.rejects', { connectionId: connId, limit: 10 }, token)).find((x) => x.rowKey === ids[1])).toBeUndefined();
  });

  it('rows of one SKU × warehouse spread over many fetches are summed; a bad row arriving later withdraws its count', async () => {
    const { createErp } = await import('../../src-main/erp/service');
    const { createLogger } = await import('../../src-main/log');
    // Tiny batches: 7 rows a fetch, a write every 5 counts; lot L1 of every item first, then every L2.
    const bridge = createErp({ db: app.services.db, secrets: app.services.secrets, log: createLogger(app.dataDir, { console: false }), zone: 'Asia/Shanghai', autostart: false, pullSizes: { fetch: 7, write: 5 } });
    const ctx = { actor: { id: null, name: 't' }, call: 'erp.pullNow' };
    const sql = 'SELECT cInvCode AS sku, cWhCode AS warehouse, iQuantity AS qty, cBatch AS batch FROM CurrentStock ORDER BY cBatch, AutoID';
    await app.call('erp.mappings.save', { connectionId: connId, kind: 'stock', mapping: { mode: 'sql', sql } }, token);
    const w = new Database(erpFile);
    w.exec(`UPDATE CurrentStock SET iQuantity = iQuantity + 100 WHERE cBatch = 'L2' AND cInvCode IN ('SKU000011', 'SKU000012')`);
    // SQLite keeps what it is given: a text in the quantity column, as a broken ERP row would hold.
    w.exec(`UPDATE CurrentStock SET iQuantity = 'n/a' WHERE cBatch = 'L2' AND cInvCode = 'SKU000012' AND cWhCode = '01'`);
    w.close();
    const r = await bridge.pull(connId, 'stock', { full: false, trigger: 'manual', ctx });
    expect(r).toMatchObject({ read: 120, created: 3, rejected: 1, unchanged: 56 });
    const onHand = (sku: string, wh: string) => app.services.db.sqlite.prepare(
      `SELECT s.on_hand FROM stock_counts s JOIN warehouses w ON w.id = s.warehouse_id WHERE s.sku_code = ? AND w.code = ? ORDER BY s.at DESC LIMIT 1`,
    ).pluck().get(sku, wh);
    expect(onHand('SKU000011', '01')).toBe(150);
    expect(onHand('SKU000011', '02')).toBe(151);
    expect(onHand('SKU000012', '02')).toBe(156);
    expect(onHand('SKU000012', '01')).toBe(55); // its half-read count was withdrawn: the last good one stands
    // Counts that came back to their previous value after the second lot are no change in the pull's history.
    const at = app.services.db.sqlite.prepare('SELECT max(at) FROM erp_stock_changes').pluck().get() as number;
    expect(bridge.stockHistory(connId, { at }).map((c) => `${c.skuCode}:${c.was}→${c.onHand}`).sort()).toEqual(['SKU000011:50→150', 'SKU000011:51→151', 'SKU000012:56→156']);
    const rej = (await app.call('erp.rejects', { connectionId: connId, limit: 10 }, token)).find((x) => x.lane === 'stock');
    expect(rej).toMatchObject({ rowKey: 'SKU000012 @ 01', field: 'qty', value: 'n/a', reason: { code: 'not_a_number' } });
    bridge.stop();
  });

  it('with the default schedule an order reaching 待发货 is in the ERP tables within 60 s (scheduler trigger, manual clock)', async () => {
    const clock = new ManualClock(Date.now());
    const { createErp } = await import('../../src-main/erp/service');
    const { createLogger } = await import('../../src-main/log');
    const bridge = createErp({ db: app.services.db, secrets: app.services.secrets, log: createLogger(app.dataDir, { console: false }), zone: 'Asia/Shanghai', clock, autostart: false });
    const [id] = hubOrders(app.services.db, channelId, [{ status: 'pending_review', lines: [{ sku: 'SKU000006', qty: 1 }], warehouseCode: '01' }]);
    bridge.scheduler.tick(); // first look at start-up: nothing at 待发货 yet
    await bridge.scheduler.idle();
    expect(one('SELECT count(*) AS n FROM hub_order WHERE ext_order_no = ?', id)).toEqual({ n: 0 });
    hubChange(app.services.db, id!, { status: 'to_ship' });
    const reachedAt = clock.now();
    let seconds = 0;
    while (!one('SELECT 1 AS x FROM hub_order WHERE ext_order_no = ?', id) && seconds < 120) {
      clock.advance(1000);
      seconds++;
      bridge.scheduler.tick();
      await bridge.scheduler.idle();
    }
    expect(clock.now() - reachedAt).toBeLessThanOrEqual(60_000);
    expect(seconds).toBeLessThanOrEqual(10); // the default pushSeconds
    bridge.stop();
  });
});
