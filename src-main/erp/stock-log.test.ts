import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db';
import { applyCounts, type CountsByWarehouse, type WarehouseCounts } from './stock-log';

/** erp_stock_latest as the change log leaves it: counts written in chunks of bound rows, withdrawn ones dropped, the newest pull winning. */
let dir: string;
let db: Database;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'orderhub-stock-log-'));
  db = await openDatabase(join(dir, 'orderhub.db'));
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const sku = (i: number) => `SKU${String(i).padStart(6, '0')}`;
const latest = () =>
  new Map((db.sqlite.prepare(`SELECT w.id || '|' || l.sku_code AS k, l.on_hand AS n FROM erp_stock_latest l JOIN erp_stock_keys w ON w.n = l.warehouse_n`).all() as { k: string; n: number }[]).map((r) => [r.k, r.n]));
const apply = (at: number, seq: number, byWh: CountsByWarehouse) => db.sqlite.transaction(() => applyCounts(db.sqlite, 'conn-1', at, seq, byWh))();

describe('applyCounts', () => {
  it('writes every count of a batch that crosses many statement chunks, in two warehouses', () => {
    const a: WarehouseCounts = Array.from({ length: 1234 }, (_, i) => [sku(i), i % 97, null]);
    const b: WarehouseCounts = Array.from({ length: 501 }, (_, i) => [sku(i), 5, null]);
    apply(100, 0, new Map([['wh-a', a], ['wh-b', b]]));
    const now = latest();
    expect(now.size).toBe(1234 + 501);
    expect(now.get(`wh-a|${sku(0)}`)).toBe(0);
    expect(now.get(`wh-a|${sku(1233)}`)).toBe(1233 % 97);
    expect(now.get(`wh-b|${sku(500)}`)).toBe(5);
  });

  it('a later pull updates and withdraws; an older change applied late undoes nothing', () => {
    apply(200, 0, new Map([['wh-a', [[sku(1), 42, 1], [sku(2), null, 2], [sku(1), 43, 42]] as WarehouseCounts]]));
    let now = latest();
    expect(now.get(`wh-a|${sku(1)}`)).toBe(43); // the ERP listed it twice: its last word
    expect(now.has(`wh-a|${sku(2)}`)).toBe(false);
    apply(150, 0, new Map([['wh-a', [[sku(1), 7, null], [sku(3), 8, null]] as WarehouseCounts]]));
    now = latest();
    expect(now.get(`wh-a|${sku(1)}`)).toBe(43);
    expect(now.get(`wh-a|${sku(3)}`)).toBe(8); // last written at 100: the change from 150 is newer for it
    expect(now.size).toBe(1234 + 501 - 1);
  });

  it('keeps SKU codes exactly, whatever characters they hold', () => {
    const odd = ['引号"和\\反斜杠', '__proto__', '00123', '123', 'tab\tand\nnewline', '😀 表情', ''];
    apply(300, 0, new Map([['wh-odd', odd.map((code, i) => [code, i + 1, null]) as WarehouseCounts]]));
    const now = latest();
    odd.forEach((code, i) => expect(now.get(`wh-odd|${code}`)).toBe(i + 1));
    apply(301, 0, new Map([['wh-odd', [['__proto__', null, 2], ['123', 0, 4]] as WarehouseCounts]]));
    const after = latest();
    expect(after.has('wh-odd|__proto__')).toBe(false);
    expect(after.get('wh-odd|123')).toBe(0);
    expect(after.get('wh-odd|00123')).toBe(3);
  });
});
