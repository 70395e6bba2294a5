import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErpFailure, ErpSession } from '../../src-main/erp/odbc/session';
import { odbcHome, type OdbcHome } from '../helpers/odbc';

/**
 * An ERP session over the real SQLite3 ODBC driver: a result read in batches (the next one fetched
 * while the caller works on this one) arrives whole and in order, a pull stopped early closes its
 * cursor and leaves the connection usable, and the driver's own words come back with the failure.
 */
let home: OdbcHome;
let dir: string;
let cs: string;
const ROWS = 2345;

beforeAll(() => {
  home = odbcHome();
  dir = mkdtempSync(join(tmpdir(), 'orderhub-erp-session-'));
  const file = join(dir, 'erp.db');
  const db = new Database(file);
  db.exec('CREATE TABLE items (n INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  const ins = db.prepare('INSERT INTO items VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 1; i <= ROWS; i++) ins.run(i, `五香牛肉干 ${i} 喆`);
  })();
  db.close();
  cs = `Driver={SQLite3};Database=${file};Timeout=5000;`;
});
afterAll(() => {
  home.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('an ERP session', () => {
  it('a result read in small batches arrives whole, in order, with Chinese text intact', async () => {
    const s = await ErpSession.open(cs, { readOnly: true });
    try {
      const got: unknown[] = [];
      let batches = 0;
      for await (const rows of s.selectBatches('SELECT n, name FROM items ORDER BY n', [], 100)) {
        batches++;
        expect(rows.length).toBeLessThanOrEqual(100);
        got.push(...rows);
      }
      expect(batches).toBe(Math.ceil(ROWS / 100));
      expect(got).toHaveLength(ROWS);
      expect(got[0]).toEqual({ n: 1, name: '五香牛肉干 1 喆' });
      expect(got.map((r) => (r as { n: number }).n)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    } finally {
      await s.close();
    }
  });

  it('stopping after the first batch closes the cursor and the connection answers the next query', async () => {
    const s = await ErpSession.open(cs, { readOnly: true });
    try {
      const stop = new AbortController();
      let seen = 0;
      for await (const rows of s.selectBatches('SELECT n FROM items ORDER BY n', [], 50, stop.signal)) {
        seen += rows.length;
        stop.abort(); // the next batch is being fetched meanwhile; it is dropped with the cursor
      }
      expect(seen).toBe(50);
      expect(await s.select('SELECT count(*) AS c FROM items')).toEqual([{ c: ROWS }]);
      // A second batched read on the same connection starts from the beginning.
      let first: unknown;
      for await (const rows of s.selectBatches('SELECT n FROM items ORDER BY n', [], 500)) {
        first ??= rows[0];
      }
      expect(first).toEqual({ n: 1 });
    } finally {
      await s.close();
    }
  });

  it("the driver's error comes back with its words; the session stays usable", async () => {
    const s = await ErpSession.open(cs, { readOnly: false });
    try {
      const e = await s.select('SELECT nope FROM items').catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ErpFailure);
      expect((e as ErpFailure).reason.code).toBe('erp_rejected');
      expect(String((e as ErpFailure).reason.params.message)).toMatch(/no such column: nope/);
      const batched = await (async () => {
        for await (const _ of s.selectBatches('SELECT missing_col FROM items', [], 100)) void _;
      })().catch((x: unknown) => x);
      expect(batched).toBeInstanceOf(ErpFailure);
      expect(String((batched as ErpFailure).reason.params.message)).toMatch(/missing_col/);
      expect(await s.execute('UPDATE items SET name = ? WHERE n = 1', ['改名 喆'])).toBe(1);
      expect(await s.select('SELECT name FROM items WHERE n = 1')).toEqual([{ name: '改名 喆' }]);
    } finally {
      await s.close();
    }
  });

  it('an unreachable ERP is named as such', async () => {
    const e = await ErpSession.open('Driver={No Such Driver};Database=x;', { readOnly: true }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ErpFailure);
    expect((e as ErpFailure).reason.code).toBe('erp_unreachable');
    expect(String((e as ErpFailure).reason.params.message)).toMatch(/No Such Driver|not found|Can't open lib/i);
  });
});
