import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db';
import { stockHistory } from '../../src-main/erp/stock-log';
import { migrationsPath } from '../../src-main/paths';

/**
 * A replica from before the ERP change log: ERP counts were history rows in stock_snapshots. After
 * the upgrade every reader sees the same counts, and the ERP's last word is known on this PC (so the
 * next pull writes only changes).
 */
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'orderhub-erp-mig-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function migrationsBefore(tagEnd: string): string {
  const out = join(dir, 'migrations-old');
  cpSync(migrationsPath(), out, { recursive: true });
  const file = join(out, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(file, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag.endsWith(tagEnd));
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(file, JSON.stringify(journal));
  return out;
}

describe('ERP stock storage migration', () => {
  it('ERP counts stored as history rows read the same after the upgrade; the last word per connection is kept', async () => {
    const file = join(dir, 'orderhub.db');
    const old = await openDatabase(file, migrationsBefore('_erp_stock_changes'));
    const s = old.sqlite;
    s.exec(`INSERT INTO warehouses (id, code, name, created_at, updated_at) VALUES ('wh-a', 'A', '杭州仓', 1, 1), ('wh-b', 'B', '宁波仓', 1, 1)`);
    const snap = s.prepare('INSERT INTO stock_snapshots (id, sku_code, warehouse_id, on_hand, at, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, 1)');
    snap.run('s1', 'SKU1', 'wh-a', 10, 1000, 'erp:c1');
    snap.run('s2', 'SKU1', 'wh-a', 7, 2000, 'erp:c1'); // the ERP's later word
    snap.run('s3', 'SKU1', 'wh-b', 4, 1000, 'erp:c1');
    snap.run('s4', 'SKU1', 'wh-b', 3, 3000, 'shipment'); // a shipment after the pull: newest for its key
    snap.run('s5', 'SKU2', 'wh-a', 9, 1500, 'import');
    const latest = (db: typeof s, sql: string) => db.prepare(sql).all();
    const READ = (t: string) => `SELECT s.sku_code AS sku, s.warehouse_id AS wh, s.on_hand AS n FROM ${t} s
      WHERE s.at = (SELECT max(x.at) FROM ${t} x WHERE x.sku_code = s.sku_code AND x.warehouse_id = s.warehouse_id) ORDER BY sku, wh`;
    const before = latest(s, READ('stock_snapshots'));
    expect(before).toEqual([{ sku: 'SKU1', wh: 'wh-a', n: 7 }, { sku: 'SKU1', wh: 'wh-b', n: 3 }, { sku: 'SKU2', wh: 'wh-a', n: 9 }]);
    old.close();

    const db = await openDatabase(file);
    expect(latest(db.sqlite, READ('stock_counts'))).toEqual(before);
    expect(latest(db.sqlite, 'SELECT sku_code AS sku, warehouse_id AS wh, on_hand AS n FROM stock_latest ORDER BY sku, wh')).toEqual(before);
    // The ERP's last word per key, from its own rows only (the shipment is not the ERP's word).
    expect(db.sqlite.prepare(`SELECT l.sku_code, w.id AS warehouse_id, c.id AS connection_id, l.on_hand, l.at FROM erp_stock_latest l
      JOIN erp_stock_keys w ON w.n = l.warehouse_n JOIN erp_stock_keys c ON c.n = l.connection_n ORDER BY l.sku_code, w.id`).all()).toEqual([
      { sku_code: 'SKU1', warehouse_id: 'wh-a', connection_id: 'c1', on_hand: 7, at: 2000 },
      { sku_code: 'SKU1', warehouse_id: 'wh-b', connection_id: 'c1', on_hand: 4, at: 1000 },
    ]);
    expect(stockHistory(db.sqlite, 'c1')).toEqual([]); // the old history stays where it was, in stock_snapshots
    db.close();
  });
});
