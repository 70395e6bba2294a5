import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db';
import { FactsReader, ORDER_FACT_COLUMNS, ORDER_FACT_FROM, type OrderFactRow, type RawLine } from '../../src-main/rules/facts';

const RUNS = process.env.ORDERHUB_FULL ? 200 : 25;
const T0 = Date.UTC(2026, 10, 10, 2);
const MIN = 60_000;

/**
 * Orders that stress the buyer-history and 疑似重复 look-ups: few buyers (by customer, or by
 * nick only), two shops, creation times that tie, cancelled orders, orders without lines, and
 * more than 20 earlier look-alikes within ten minutes.
 */
const orderArb = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 'Z', '订', '0', 'ab').chain((p) => fc.integer({ min: 0, max: 999 }).map((n) => `${p}${n}`)),
  customer: fc.option(fc.constantFrom('cu-1', 'cu-2', 'cu-3'), { nil: null }),
  nick: fc.option(fc.constantFrom('甲', '乙', '丙'), { nil: null }),
  shop: fc.constantFrom('ch-a', 'ch-b'),
  minute: fc.constantFrom(0, 1, 2, 5, 9, 10, 11, 12, 30),
  tie: fc.boolean(),
  status: fc.constantFrom('pending_review', 'pending_review', 'to_ship', 'cancelled', 'closed'),
  paidFen: fc.integer({ min: 1, max: 90_000 }),
  lines: fc.array(fc.record({ sku: fc.option(fc.constantFrom('S1', 'S2'), { nil: null }), qty: fc.integer({ min: 1, max: 2 }), gift: fc.boolean() }), { maxLength: 2 }),
});

describe('rule facts for a page of orders', () => {
  it('are exactly the facts each order gets alone (buyer history, first order, 疑似重复), whatever the page size', async () => {
    const seen = { repeat: false, dup: false, notDup: false };
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(orderArb, { selector: (o) => o.id, minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 17 }), async (orders, pageSize) => {
        const dir = mkdtempSync(join(tmpdir(), 'orderhub-facts-page-'));
        const db = await openDatabase(join(dir, 'orderhub.db'));
        db.sqlite.pragma('synchronous = OFF'); // durability is not under test here
        try {
          const s = db.sqlite;
          s.pragma('foreign_keys = OFF'); // rows written directly: this test is about reading them back
          const order = s.prepare(`INSERT INTO orders (id, channel_id, platform_order_id, status, platform_status, platform_phase, goods_fen, paid_fen, created_at, paid_at,
            platform_updated_at, customer_id, buyer_nick, urgency, tags, version, ingested_at, modified_at)
            VALUES (?, ?, ?, ?, 'X', 'paid', ?, ?, ?, ?, ?, ?, ?, 'green', '[]', 1, 0, 0)`);
          const line = s.prepare('INSERT INTO order_lines (id, order_id, line_no, sku_code, title, qty, unit_price_fen, paid_fen, gift) VALUES (?, ?, ?, ?, ?, ?, 100, 100, ?)');
          for (const [i, c] of [['ch-a', 'taobao'], ['ch-b', 'jd']].entries()) {
            s.prepare(`INSERT INTO channels (id, kind, name, config_json, paused, created_at, updated_at) VALUES (?, ?, ?, '{}', 1, 0, 0)`).run(c[0], c[1], `店${i}`);
          }
          for (const cu of ['cu-1', 'cu-2', 'cu-3']) s.prepare(`INSERT INTO customers (id, grade, created_at, updated_at) VALUES (?, 'B', 0, 0)`).run(cu);
          orders.forEach((o, i) => {
            const created = T0 + o.minute * MIN + (o.tie ? 0 : i);
            order.run(o.id, o.shop, `P${i}`, o.status, o.paidFen, o.paidFen, created, created + 30_000, created, o.customer, o.nick);
            o.lines.forEach((l, k) => line.run(`${o.id}-${k}`, o.id, k + 1, l.sku, l.sku ?? '赠品', l.qty, l.gift ? 1 : 0));
          });
          // Over twenty look-alikes of one buyer within ten minutes: both forms compare the same nearest twenty.
          for (let k = 0; k < 24; k++) {
            order.run(`dup-${k}`, 'ch-a', `D${k}`, 'to_ship', 100, 100, T0 + 3 * MIN + k * 1000, T0 + 3 * MIN + k * 1000, 0, 'cu-1', '甲');
            line.run(`dup-${k}-0`, `dup-${k}`, 1, k < 3 ? 'S1' : 'S9', 'x', 1, 0);
          }

          const facts = new FactsReader(s, 'Asia/Shanghai');
          const rows = s.prepare(`SELECT ${ORDER_FACT_COLUMNS} FROM ${ORDER_FACT_FROM} ORDER BY o.created_at, o.id`).all() as OrderFactRow[];
          const linesOf = s.prepare('SELECT order_id AS orderId, id, sku_code AS skuCode, qty, gift, title FROM order_lines WHERE order_id = ? ORDER BY line_no, id');
          const alone = rows.map((r) => facts.build(r, linesOf.all(r.id) as RawLine[]));
          const paged = [];
          for (let i = 0; i < rows.length; i += pageSize) {
            const page = rows.slice(i, i + pageSize);
            paged.push(...facts.buildPage(page, new Map(page.map((r) => [r.id, linesOf.all(r.id) as RawLine[]]))));
          }
          expect(paged).toEqual(alone);
          seen.repeat ||= alone.some((f) => f.customer.previousOrders > 0 && f.customer.id === null);
          seen.dup ||= alone.some((f) => f.duplicateSuspect);
          seen.notDup ||= alone.some((f) => !f.duplicateSuspect && f.customer.id === 'cu-1' && f.lines.some((l) => l.skuCode === 'S1'));
        } finally {
          db.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: RUNS, seed: process.env.ORDERHUB_FULL ? undefined : 2026 },
    );
    // The data did exercise what it is meant to: nick-only repeat buyers, suspected duplicates, and look-alikes left out.
    expect(seen).toEqual({ repeat: true, dup: true, notDup: true });
  });
});
