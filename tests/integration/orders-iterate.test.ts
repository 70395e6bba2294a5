import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iterateOrders } from '../../src-main/orders/query/iterate';
import { insertFixtureOrders } from '../helpers/orders-fixture';
import { tempApp, type TempApp } from '../helpers/temp-app';

let app: TempApp;
beforeAll(async () => {
  app = await tempApp();
  insertFixtureOrders(app.services.db, 2500);
});
afterAll(() => app.dispose());

const tempTables = () =>
  app.services.db.sqlite.prepare(`SELECT count(*) FROM sqlite_temp_master WHERE type = 'table'`).pluck().get() as number;

describe('iterateOrders', () => {
  it('yields every matching row once, in sort order, in chunks', () => {
    const sqlite = app.services.db.sqlite;
    const expected = sqlite
      .prepare(`SELECT id FROM orders WHERE status IN ('to_ship', 'picking') ORDER BY paid_fen DESC, id DESC`)
      .pluck()
      .all();
    const it = iterateOrders(sqlite, { filters: { status: { type: 'set', values: ['to_ship', 'picking'] } }, sort: [{ colId: 'paidFen', sort: 'desc' }] }, { viewAmounts: true, chunkSize: 97 });
    expect(it.total).toBe(expected.length);
    const sizes: number[] = [];
    const ids: string[] = [];
    for (const chunk of it) {
      sizes.push(chunk.length);
      ids.push(...chunk.map((r) => r.id));
    }
    expect(ids).toEqual(expected);
    expect(Math.max(...sizes)).toBe(97);
    expect(tempTables()).toBe(0);
  });

  it('frees its snapshot when the loop breaks early, and hides amounts when asked', () => {
    const it = iterateOrders(app.services.db.sqlite, {}, { viewAmounts: false, chunkSize: 10 });
    expect(it.total).toBe(2500);
    for (const chunk of it) {
      expect(chunk[0]!.paidFen).toBeNull();
      expect(chunk[0]!.goodsFen).toBeNull();
      break;
    }
    expect(tempTables()).toBe(0);
    it.close();
  });
});
