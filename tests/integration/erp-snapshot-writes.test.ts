import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erpItems, hubOrders, hubSetup, seedU8 } from '../helpers/erp-fixtures';
import { odbcHome, type OdbcHome } from '../helpers/odbc';
import { tempApp, type TempApp } from '../helpers/temp-app';

/**
 * What a stock snapshot writes (U8 shapes over the SQLite3 ODBC driver), as the sync log and the
 * audit log show it: only counts the ERP changed, in one change-log row under one audit record; a bad row kept with its
 * reason; a lower count under a reservation takes the reservation back.
 */
let home: OdbcHome;
let dir: string;
let erpFile: string;
let app: TempApp;
let token: string;
let connId: string;
const ITEMS = 40;
const WAREHOUSES = [{ code: '01', name: '成品库' }, { code: '02', name: '电商仓' }];
const qty = (i: number, w: number) => 10 + i + w;

beforeAll(async () => {
  home = odbcHome();
  dir = mkdtempSync(join(tmpdir(), 'orderhub-erp-snap-'));
  erpFile = join(dir, 'UFDATA_002_2026.db');
  seedU8(erpFile, erpItems(ITEMS), WAREHOUSES, qty);
  app = await tempApp({ erp: { autostart: false } });
  token = await app.login('owner');
  hubSetup(app.services.db, []);
  connId = (await app.call('erp.connections.create', { name: 'U8 002', connectionString: `Driver={SQLite3};Database=${erpFile};Timeout=5000;`, preset: 'u8', readOnly: false }, token)).id;
  await app.call('erp.pullNow', { connectionId: connId, what: 'warehouses', full: true }, token);
  // Lots read one by one (not summed in the ERP), so one bad lot is a row of its own.
  const sql = 'SELECT cInvCode AS sku, cWhCode AS warehouse, iQuantity AS qty, cBatch AS batch FROM CurrentStock ORDER BY cBatch, AutoID';
  await app.call('erp.mappings.save', { connectionId: connId, kind: 'stock', mapping: { mode: 'sql', sql } }, token);
  expect(await app.call('erp.pullNow', { connectionId: connId, what: 'stock', full: true }, token)).toMatchObject({ read: 160, created: 80, rejected: 0 });
  // A first snapshot: the current counts and one change-log row; no per-count history rows.
  const sqlite = app.services.db.sqlite;
  expect(sqlite.prepare('SELECT count(*) FROM stock_snapshots').pluck().get()).toBe(0);
  expect(sqlite.prepare('SELECT count(*) AS rows, sum(n) AS counts FROM erp_stock_changes').get()).toEqual({ rows: 1, counts: 80 });
  expect(sqlite.prepare(`SELECT count(*) FROM stock_counts WHERE source = 'erp:' || ?`).pluck().get(connId)).toBe(80);
});
afterAll(() => {
  app?.dispose();
  home?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('a stock snapshot writes what changed, and only that', () => {
  it('N unchanged and M changed counts: one sync-log record carrying the M counts, one audit record; a bad row kept with field and value; a lower count takes a reservation back', async () => {
    const sqlite = app.services.db.sqlite;
    const db = app.services.db;
    db.writes.syncLog.setEnabled(true); // this PC in a team: every synced write is logged
    const whId = (code: string) => sqlite.prepare('SELECT id FROM warehouses WHERE code = ?').pluck().get(code) as string;

    // An order holding 12 of SKU000001 in 01 (the ERP has 10 there).
    const [orderId] = hubOrders(db, (sqlite.prepare('SELECT id FROM channels').pluck().get() as string), [{ lines: [{ sku: 'SKU000001', qty: 12 }], warehouseCode: '01' }]);
    const lineId = sqlite.prepare('SELECT id FROM order_lines WHERE order_id = ?').pluck().get(orderId) as string;
    db.writes.run({ actor: { id: null, name: 't' }, call: 'test.reserve' }, (tx) =>
      tx.insert('stock_reservations', {
        id: uuidv7(), orderId, orderLineId: lineId, skuCode: 'SKU000001', warehouseId: whId('01'), qty: 12, madeByKind: 'system', madeById: null, madeByName: 'test',
        ruleVersion: null, createdAt: Date.now(), expiresAt: null, releasedAt: null, releaseReason: null, releasedByName: null,
      }),
    );

    // In the ERP: 20 counts change (items 1–10 in both warehouses; SKU000001 @ 01 drops to 3), one row turns unreadable.
    const erp = new Database(erpFile);
    erp.exec(`UPDATE CurrentStock SET iQuantity = iQuantity + 7 WHERE cBatch = 'L1' AND cInvCode <= 'SKU000010'`);
    erp.exec(`UPDATE CurrentStock SET iQuantity = CASE cBatch WHEN 'L1' THEN 1 ELSE 2 END WHERE cInvCode = 'SKU000001' AND cWhCode = '01'`);
    erp.exec(`UPDATE CurrentStock SET iQuantity = 'n/a' WHERE cBatch = 'L2' AND cInvCode = 'SKU000040' AND cWhCode = '02'`);
    erp.close();
    const M = 20;
    const N = 80 - M - 1;

    const outboxBefore = sqlite.prepare('SELECT coalesce(max(seq), 0) FROM outbox').pluck().get() as number;
    const auditBefore = sqlite.prepare('SELECT coalesce(max(seq), 0) FROM audit_log').pluck().get() as number;
    const r = await app.call('erp.pullNow', { connectionId: connId, what: 'stock', full: true }, token);
    expect(r).toMatchObject({ read: 160, created: M, unchanged: N, rejected: 1, zeroed: 0 });

    // The sync log carries one change-log row holding exactly the M changed counts, with the ERP's numbers; no per-count rows.
    const logged = sqlite.prepare(`SELECT entity, op, values_json AS v FROM outbox WHERE seq > ? AND entity IN ('stock_snapshots', 'erp_stock_changes')`).all(outboxBefore) as { entity: string; op: string; v: string }[];
    expect(logged.map((x) => `${x.entity}:${x.op}`)).toEqual(['erp_stock_changes:insert']);
    const row = JSON.parse(logged[0]!.v) as { n: number; counts_json: string; counts_hash: string };
    expect(row.n).toBe(M);
    const counts = new Map(Object.entries(JSON.parse(row.counts_json) as Record<string, [string, number, number][]>).flatMap(([w, list]) => list.map(([sku, n]) => [`${sku}@${w}`, n] as const)));
    expect(counts.size).toBe(M);
    expect(counts.get(`SKU000001@${whId('01')}`)).toBe(3);
    expect(counts.get(`SKU000010@${whId('02')}`)).toBe(qty(9, 1) + 7);
    expect(counts.has(`SKU000011@${whId('01')}`)).toBe(false);

    // One audit record for the snapshot's counts: the count and the counts' hash (the chain proves them).
    const audits = sqlite.prepare(`SELECT entity, action, after_json AS a FROM audit_log WHERE seq > ? AND entity IN ('stock_snapshots', 'erp_stock_changes')`).all(auditBefore) as { entity: string; action: string; a: string }[];
    expect(audits.map((a) => `${a.entity}:${a.action}`)).toEqual(['erp_stock_changes:insert']);
    expect(JSON.parse(audits[0]!.a)).toMatchObject({ n: M, countsHash: createHash('sha256').update(row.counts_json).digest('hex') });
    expect(db.writes.verifyAudit({ rows: true }).ok).toBe(true);

    // The history answers what changed in this pull, from what to what.
    const at = sqlite.prepare('SELECT max(at) FROM erp_stock_changes').pluck().get() as number;
    const history = app.services.erp.stockHistory(connId, { at });
    expect(history).toHaveLength(M);
    expect(history.find((c) => c.skuCode === 'SKU000001' && c.warehouseId === whId('01'))).toMatchObject({ was: qty(0, 0), onHand: 3 });
    expect(app.services.erp.stockHistory(connId, { skuCode: 'SKU000002', warehouseId: whId('02') }).map((c) => c.onHand)).toEqual([qty(1, 1), qty(1, 1) + 7]);

    // The unreadable row is kept, naming the field and the value; its count is not touched.
    const rejects = await app.call('erp.rejects', { connectionId: connId, limit: 10 }, token);
    expect(rejects).toContainEqual(expect.objectContaining({ lane: 'stock', rowKey: 'SKU000040 @ 02', field: 'qty', value: 'n/a', reason: expect.objectContaining({ code: 'not_a_number' }) }));
    expect(sqlite.prepare(`SELECT on_hand FROM stock_counts WHERE sku_code = 'SKU000040' AND warehouse_id = ? ORDER BY at DESC LIMIT 1`).pluck().get(whId('02'))).toBe(qty(39, 1));

    // 3 on hand under a reservation of 12: the ledger took it back.
    expect(sqlite.prepare('SELECT release_reason FROM stock_reservations WHERE order_id = ?').pluck().get(orderId)).toBe('rerouted');

    // The same snapshot again: nothing changed, nothing written, no audit record for counts.
    const outboxMid = sqlite.prepare('SELECT coalesce(max(seq), 0) FROM outbox').pluck().get() as number;
    const auditMid = sqlite.prepare('SELECT coalesce(max(seq), 0) FROM audit_log').pluck().get() as number;
    expect(await app.call('erp.pullNow', { connectionId: connId, what: 'stock', full: true }, token)).toMatchObject({ created: 0, unchanged: 79, rejected: 1 });
    expect(sqlite.prepare(`SELECT count(*) FROM outbox WHERE seq > ?`).pluck().get(outboxMid)).toBe(0);
    expect(sqlite.prepare(`SELECT count(*) FROM audit_log WHERE seq > ? AND entity IN ('stock_snapshots', 'erp_stock_changes')`).pluck().get(auditMid)).toBe(0);
    expect(sqlite.prepare('SELECT count(*) FROM erp_stock_changes').pluck().get()).toBe(2);
  });

  it('another PC gets the counts from the change-log rows alone, in any order, and sees what this PC sees', async () => {
    const sqlite = app.services.db.sqlite;
    const pc2 = await tempApp({ erp: { autostart: false } });
    try {
      const rows = sqlite.prepare('SELECT * FROM erp_stock_changes ORDER BY at, seq').all() as Record<string, unknown>[];
      expect(rows.length).toBe(2);
      const send = (r: Record<string, unknown>, i: number) =>
        pc2.services.db.writes.run({ actor: { id: null, name: 'sync' }, call: 'sync.pull' }, (tx) =>
          tx.applyRemote({ table: 'erp_stock_changes', row: r.id as string, op: 'insert', values: r, hlc: `${String(Date.now() + i).padStart(15, '0')}-00000-pc1`, call: 'erp.pullNow', actorId: null, actorName: 'system', origin: `pc1 #${i}` }),
        );
      // The newer pull arrives first: the older one applied after it changes nothing it already answered.
      expect(send(rows[1]!, 1)).toBe('applied');
      expect(send(rows[0]!, 2)).toBe('applied');
      const counts = (db: Database.Database) => db.prepare(`SELECT sku_code || '@' || warehouse_id AS k, on_hand AS n FROM stock_counts WHERE source LIKE 'erp:%' ORDER BY k`).all();
      expect(counts(pc2.services.db.sqlite)).toEqual(counts(sqlite));
      expect(counts(pc2.services.db.sqlite)).toHaveLength(80);
      const wh01 = sqlite.prepare(`SELECT id FROM warehouses WHERE code = '01'`).pluck().get() as string;
      expect(pc2.services.db.sqlite.prepare('SELECT on_hand FROM stock_counts WHERE sku_code = ? AND warehouse_id = ? ORDER BY at DESC LIMIT 1').pluck().get('SKU000001', wh01)).toBe(3);
      // Applying them again (a restart's catch-up, a duplicated page) changes nothing.
      const { applyPendingChanges } = await import('../../src-main/erp/stock-log');
      expect(applyPendingChanges(pc2.services.db.sqlite)).toBe(0);
      expect(pc2.services.erp.stockHistory(connId, { skuCode: 'SKU000001', warehouseId: wh01 }).map((c) => c.onHand)).toEqual([qty(0, 0), 3]);
    } finally {
      pc2.dispose();
    }
  });
});
