import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db';
import { orderPages } from '../../src-main/rules/dry-run';
import { ORDER_FACT_COLUMNS, ORDER_FACT_FROM, type OrderFactRow, type RawLine } from '../../src-main/rules/facts';

const RUNS = process.env.ORDERHUB_FULL ? 200 : 30;
const FROM = Date.UTC(2026, 10, 10);
const TO = FROM + 10_000;

/**
 * Orders around the replayed range: paid just before it, at its first and last instant, at its
 * end (excluded), never paid; many sharing one paid time (the keyset's tie-break on id); with no
 * lines, gift lines, and one SKU split over several lines.
 */
const orderArb = fc.record({
  id: fc.constantFrom('a', 'b', 'Z', '订', '0').chain((p) => fc.integer({ min: 0, max: 99 }).map((n) => `${p}${n}`)),
  paidAt: fc.option(fc.constantFrom(FROM - 1, FROM, FROM, FROM + 5, FROM + 5, FROM + 5, TO - 1, TO), { nil: null }),
  lines: fc.array(fc.record({ sku: fc.option(fc.constantFrom('S1', 'S2'), { nil: null }), qty: fc.integer({ min: 1, max: 3 }), gift: fc.boolean() }), { maxLength: 4 }),
});

describe('the dry run reads its orders', () => {
  it('every order paid in [from, to) exactly once, in paid-time order, with all its lines, whatever the page size', async () => {
    const seen = { noLines: false, gift: false, split: false, multiPage: false };
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(orderArb, { selector: (o) => o.id, maxLength: 40 }), fc.integer({ min: 1, max: 9 }), async (orders, pageSize) => {
        const dir = mkdtempSync(join(tmpdir(), 'orderhub-order-pages-'));
        const db = await openDatabase(join(dir, 'orderhub.db'));
        db.sqlite.pragma('synchronous = OFF'); // durability is not under test here
        try {
          const s = db.sqlite;
          s.pragma('foreign_keys = OFF'); // rows written directly: this test is about reading them back
          s.prepare(`INSERT INTO channels (id, kind, name, config_json, paused, created_at, updated_at) VALUES ('ch-a', 'taobao', '店', '{}', 1, 0, 0)`).run();
          const order = s.prepare(`INSERT INTO orders (id, channel_id, platform_order_id, status, platform_status, platform_phase, goods_fen, paid_fen, created_at, paid_at,
            platform_updated_at, urgency, tags, version, ingested_at, modified_at) VALUES (?, 'ch-a', ?, 'pending_review', 'X', 'paid', 100, 100, ?, ?, 0, 'green', '[]', 1, 0, 0)`);
          const line = s.prepare('INSERT INTO order_lines (id, order_id, line_no, sku_code, title, qty, unit_price_fen, paid_fen, gift) VALUES (?, ?, ?, ?, ?, ?, 100, 100, ?)');
          orders.forEach((o, i) => {
            order.run(o.id, `P${i}`, FROM - 100, o.paidAt);
            // Line numbers written out of order: the read gives them by line_no.
            [...o.lines.entries()].reverse().forEach(([k, l]) => line.run(`${o.id}-${k}`, o.id, k + 1, l.sku, l.sku ?? '赠品', l.qty, l.gift ? 1 : 0));
          });

          const expected = (s.prepare(`SELECT ${ORDER_FACT_COLUMNS} FROM ${ORDER_FACT_FROM} WHERE o.paid_at >= ? AND o.paid_at < ? ORDER BY o.paid_at, o.id`)
            .all(FROM, TO) as OrderFactRow[]).map((r) => ({
            row: r,
            lines: s.prepare('SELECT order_id AS orderId, id, sku_code AS skuCode, qty, gift, title FROM order_lines WHERE order_id = ? ORDER BY line_no, id').all(r.id) as RawLine[],
          }));
          const got: typeof expected = [];
          let pages = 0;
          for (const page of orderPages(s, { from: FROM, to: TO }, pageSize)) {
            pages++;
            expect(page.rows.length).toBeLessThanOrEqual(pageSize);
            for (const r of page.rows) got.push({ row: r, lines: page.lines.get(r.id) ?? [] });
          }
          expect(got).toEqual(expected);
          seen.noLines ||= expected.some((e) => !e.lines.length);
          seen.gift ||= expected.some((e) => e.lines.some((l) => l.gift));
          seen.split ||= expected.some((e) => e.lines.filter((l) => l.skuCode === 'S1').length > 1);
          seen.multiPage ||= pages > 2;
        } finally {
          db.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: RUNS, seed: process.env.ORDERHUB_FULL ? undefined : 2026 },
    );
    expect(seen).toEqual({ noLines: true, gift: true, split: true, multiPage: true });
  });
});
