import { stringify } from 'lossless-json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAOBAO_TRADE_FIELDS, normalizeTaobaoTrade } from '../../src-main/channels/taobao/normalize';
import { parsePlatformJson, type JsonObject } from '../../src-main/channels/wire/json';
import { storageByTable, storageOwner } from '../../src-main/db/storage';
import { generateDemoWorkspace } from '../../src-main/demo/generate';
import { rand } from '../sim/random';
import { makeTaobaoTrade, renderTaobaoTrade } from '../sim/taobao-orders';
import { tempApp, type TempApp } from '../helpers/temp-app';

/**
 * Storage per order in a test-sized run (issue 9, item 8), the grid's share: orders, lines,
 * events, addresses, customers with their indexes, the search index, the change feed and raw
 * payloads. Bounds stated here (measured: 3,000 demo orders and 1,000 connector orders):
 *   - demo orders, the grid's tables: ≤ 4,600 bytes per order (measured ≈ 4,350); of it the
 *     search index ≤ 260 (≈ 200) and the change feed ≤ 60 (≈ 40, and bounded in rows);
 *   - connector orders: raw payloads (rows, blocks, dictionary) ≤ 360 bytes per order (≈ 320;
 *     each payload gzip'd on its own row took ≈ 800), the page audit ≤ 400 (≈ 260; one record
 *     per order took ≈ 4,100).
 */
let app: TempApp;
beforeAll(async () => {
  app = await tempApp();
});
afterAll(() => app.dispose());

const perOrder = (orders: number) => {
  const tables = storageByTable(app.services.db.sqlite);
  const of = (pred: (t: string) => boolean) => tables.filter((t) => pred(t.table)).reduce((s, t) => s + t.bytes, 0) / orders;
  return { of, grid: of((t) => storageOwner(t) === 'grid'), tables };
};

describe('bytes per order', () => {
  it('demo orders: the grid’s tables, search index and change feed stay under their bounds', async () => {
    await generateDemoWorkspace(app.services.db, app.services.flow.lifecycle, { orders: 3000, seed: 9, now: Date.UTC(2026, 10, 23) });
    app.services.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const p = perOrder(3000);
    expect(p.of((t) => t === 'order_search' || t === 'line_search')).toBeGreaterThan(50); // the index is there
    expect(p.of((t) => t === 'order_search' || t === 'line_search')).toBeLessThan(260);
    expect(p.of((t) => t === 'order_changes')).toBeLessThan(60);
    expect(p.grid).toBeLessThan(4600);
  });

  it('connector orders: raw payloads compressed per page, new orders audited per page', () => {
    const sqlite = app.services.db.sqlite;
    const raw0 = perOrder(1).of((t) => t.startsWith('order_raw'));
    const audit0 = perOrder(1).of((t) => t === 'audit_log');
    const ctx = { actor: { id: null, name: 'test' }, call: 'test.storage' };
    const ch = app.services.channels.store.create(ctx, { kind: 'taobao', name: 'storage', config: { app_key: '1', app_secret: 's', session: 's' } });
    const r = rand(3);
    const fields = new Set(TAOBAO_TRADE_FIELDS.split(','));
    const taken = new Set<string>();
    for (let page = 0; page < 10; page++) {
      const items = Array.from({ length: 100 }, (_, k) => {
        const t = makeTaobaoTrade(r, Date.UTC(2026, 9, 1) + (page * 100 + k) * 60_000, (id) => taken.has(id));
        taken.add(t.id);
        const raw = stringify(renderTaobaoTrade(t, fields))!;
        return { platformOrderId: t.id, raw, result: { ok: true as const, order: normalizeTaobaoTrade(parsePlatformJson(raw, 'taobao') as JsonObject) } };
      });
      app.services.pipeline.ingestPage(ch, items, { ctx, source: 'poll:taobao' });
    }
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(sqlite.prepare(`SELECT count(*) FROM order_raw`).pluck().get()).toBe(1000);
    const raw = perOrder(1).of((t) => t.startsWith('order_raw')) - raw0;
    const audit = perOrder(1).of((t) => t === 'audit_log') - audit0;
    expect(raw / 1000).toBeLessThan(360);
    expect(audit / 1000).toBeLessThan(400);
  });
});
