import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db';
import { EAST_CHINA } from './data/places';
import { generateDemoWorkspace } from './generate';
import { createOrderFlow } from '../orders/flow';

type Row = Record<string, unknown>;
const NOW = Date.UTC(2026, 10, 23, 6, 0, 0); // 14:00 in Hangzhou: the warehouse is mid-shift
const DAY = 86_400_000;
const dirs: string[] = [];

async function workspace(orders: number, seed: number, inTeam = false): Promise<Database> {
  const dir = mkdtempSync(join(tmpdir(), 'orderhub-demo-'));
  dirs.push(dir);
  const db = await openDatabase(join(dir, 'orderhub.db'));
  if (inTeam) db.writes.syncLog.setEnabled(true);
  await generateDemoWorkspace(db, createOrderFlow(db).lifecycle, { orders, seed, now: NOW });
  return db;
}
const dump = (db: Database, table: string) => db.sqlite.prepare(`SELECT * FROM ${table} ORDER BY id`).all();

let db: Database;
const all = (sql: string, ...a: unknown[]) => db.sqlite.prepare(sql).all(...a) as Row[];
const one = (sql: string, ...a: unknown[]) => db.sqlite.prepare(sql).get(...a) as Row;

beforeAll(async () => {
  db = await workspace(4000, 7);
});
afterAll(() => {
  db.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('demo workspace', () => {
  it('is the same for the same seed, and different for another seed', async () => {
    const a = await workspace(400, 42);
    const b = await workspace(400, 42);
    const c = await workspace(400, 43);
    for (const t of ['channels', 'warehouses', 'skus', 'customers', 'orders', 'order_lines', 'order_addresses', 'order_events', 'order_notes']) {
      expect(dump(a, t), t).toEqual(dump(b, t));
    }
    expect(dump(a, 'orders')).not.toEqual(dump(c, 'orders'));
    for (const x of [a, b, c]) x.close();
  });

  it('has six shops on six channels, three warehouses and about 500 SKUs with specs', () => {
    expect(all('SELECT kind FROM channels ORDER BY kind').map((r) => r.kind)).toEqual(['douyin', 'jd', 'pdd', 'pos', 'taobao', 'youzan']);
    // Running, but marked demo: the poller never calls a platform for them (channels/demo-feed.ts keeps them alive).
    expect(all('SELECT paused, json_extract(config_json, \'$.demo\') AS demo FROM channels').every((r) => r.paused === 0 && r.demo === 1)).toBe(true);
    expect(all('SELECT name FROM warehouses').map((r) => r.name).sort()).toEqual(['嘉兴前置仓', '宁波保税仓', '杭州主仓'].sort());
    const skus = one('SELECT count(*) n, sum(spec LIKE \'颜色:%\') colour, sum(spec LIKE \'%尺码:%\') size FROM skus');
    expect(skus.n).toBeGreaterThanOrEqual(450);
    expect(skus.colour).toBeGreaterThan(100);
    expect(skus.size).toBeGreaterThan(100);
  });

  it('spreads orders over 180 days with the status mix of their age', () => {
    const span = one('SELECT min(created_at) lo, max(created_at) hi FROM orders');
    expect(span.lo as number).toBeGreaterThanOrEqual(NOW - 180 * DAY);
    expect(span.hi as number).toBeLessThanOrEqual(NOW);
    const mix = (from: number, to: number) => Object.fromEntries(
      all('SELECT status, count(*) n FROM orders WHERE created_at >= ? AND created_at < ? GROUP BY status', NOW - from * DAY, NOW - to * DAY).map((r) => [r.status, r.n as number]),
    );
    const share = (m: Record<string, number>, ss: string[]) => ss.reduce((s, k) => s + (m[k] ?? 0), 0) / Object.values(m).reduce((s, n) => s + n, 0);
    const old = mix(180, 30);
    expect(share(old, ['completed'])).toBeGreaterThan(0.8);
    expect(share(old, ['cancelled', 'closed'])).toBeGreaterThan(0.03);
    expect(share(old, ['to_route', 'to_ship', 'picking', 'packed', 'handed_over', 'shipped'])).toBe(0);
    const recent = mix(1, 0);
    expect(share(recent, ['pending_payment', 'pending_review', 'to_route', 'to_ship', 'picking', 'packed', 'handed_over'])).toBeGreaterThan(0.3);
    expect(share(recent, ['completed'])).toBeLessThan(0.1); // only till sales complete on the day
    expect(one(`SELECT count(*) n FROM orders WHERE refund_fen > 0 AND status = 'completed'`).n).toBeGreaterThan(0); // partial refunds
    expect(one(`SELECT count(*) n FROM orders WHERE urgency = 'red'`).n).toBeGreaterThan(0);
  });

  it('ships most parcels to East China, to masked buyers searchable by phone last 4', () => {
    const byProvince = all('SELECT province, count(*) n FROM orders GROUP BY province');
    const total = byProvince.reduce((s, r) => s + (r.n as number), 0);
    const east = byProvince.filter((r) => EAST_CHINA.has(r.province as string)).reduce((s, r) => s + (r.n as number), 0);
    expect(east / total).toBeGreaterThan(0.6);
    expect(byProvince.length).toBeGreaterThan(10);
    for (const o of all('SELECT receiver_name, receiver_phone, phone_last4 FROM orders LIMIT 500')) {
      expect(o.receiver_name).toMatch(/^\p{Script=Han}{1,2}\*+$/u);
      expect(o.receiver_phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
      expect(String(o.receiver_phone).slice(-4)).toBe(o.phone_last4);
    }
  });

  it('gives each platform its real order-id format, and shipped parcels a carrier and tracking number', () => {
    const FORMATS: Record<string, RegExp> = {
      taobao: /^\d{19}$/, pdd: /^\d{6}-\d{15}$/, jd: /^\d{12}$/, douyin: /^69\d{17}$/, youzan: /^E\d{23}$/, pos: /^HZ01-\d{8}-\d{5}$/,
    };
    const rows = all('SELECT c.kind, o.platform_order_id id, o.created_at FROM orders o JOIN channels c ON c.id = o.channel_id');
    for (const r of rows) expect(r.id, String(r.kind)).toMatch(FORMATS[r.kind as string]!);
    expect(one('SELECT count(DISTINCT platform_order_id) n FROM orders').n).toBe(rows.length);
    // PDD's date prefix is the Beijing date of the order
    const pdd = rows.find((r) => r.kind === 'pdd')!;
    const bj = new Date((pdd.created_at as number) + 8 * 3_600_000).toISOString().slice(2, 10).replaceAll('-', '');
    expect(String(pdd.id).slice(0, 6)).toBe(bj);
    expect(one(`SELECT count(*) n FROM orders WHERE shipped_at IS NOT NULL AND (tracking_no IS NULL OR carrier IS NULL)`).n).toBe(0);
    expect(one(`SELECT count(*) n FROM orders WHERE shipped_at IS NULL AND tracking_no IS NOT NULL`).n).toBe(0);
  });

  it('has 1–5 products per order plus free gifts, amounts that add up, and a timeline for every order', () => {
    const lines = one(`SELECT min(n) lo, max(n) hi FROM (SELECT count(*) n FROM order_lines WHERE gift = 0 GROUP BY order_id)`);
    expect([lines.lo, lines.hi]).toEqual([1, 5]);
    expect(one('SELECT count(*) n FROM order_lines WHERE gift = 1 AND (unit_price_fen <> 0 OR paid_fen <> 0)').n).toBe(0);
    expect(one('SELECT count(*) n FROM order_lines WHERE gift = 1').n).toBeGreaterThan(0);
    expect(one('SELECT count(*) n FROM orders WHERE paid_fen <> goods_fen - discount_fen + postage_fen').n).toBe(0);
    expect(one(`SELECT count(*) n FROM orders o WHERE goods_fen <> (SELECT sum(unit_price_fen * qty) FROM order_lines WHERE order_id = o.id)`).n).toBe(0);
    expect(one(`SELECT count(*) n FROM orders o WHERE paid_fen - postage_fen <> (SELECT sum(paid_fen) FROM order_lines WHERE order_id = o.id)`).n).toBe(0);
    expect(one(`SELECT count(*) n FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.type = 'ingested')`).n).toBe(0);
    expect(one(`SELECT count(*) n FROM order_events WHERE type = 'status_changed'`).n).toBeGreaterThan(4000);
    expect(one(`SELECT count(*) n FROM orders WHERE buyer_remark LIKE '=HYPERLINK%'`).n).toBeGreaterThan(0);
    expect(one(`SELECT count(*) n FROM orders WHERE tags <> '[]'`).n).toBeGreaterThan(0);
  });

  it('keeps people’s hours: warehouse steps in the 8:30–21:00 shift, deliveries by day', () => {
    const minuteBj = `((e.at + 28800000) % 86400000) / 60000`;
    const warehouse = one(`SELECT count(*) n, sum(${minuteBj} < 510 OR ${minuteBj} >= 1260) outside FROM order_events e WHERE to_status IN ('picking','packed','handed_over')`);
    expect(warehouse.n as number).toBeGreaterThan(1000);
    expect(warehouse.outside).toBe(0);
    // delivered events arrive at the next poll after the courier's scan (9:00–20:00), so within minutes of that window
    expect(one(`SELECT count(*) n FROM order_events e WHERE to_status = 'delivered' AND (${minuteBj} < 540 OR ${minuteBj} >= 1206)`).n).toBe(0);
  });

  it('writes through the bulk write path: in a team an outbox record per row with its values, one audit record per batch', async () => {
    expect(one('SELECT count(*) n FROM outbox').n).toBe(0); // alone, nobody to send them to
    const team = await workspace(150, 7, true);
    const count = (sql: string) => team.sqlite.prepare(sql).pluck().get() as number;
    const rows = ['channels', 'warehouses', 'skus', 'customers', 'orders', 'order_lines', 'order_addresses', 'order_events', 'order_notes']
      .reduce((s, t) => s + count(`SELECT count(*) FROM ${t}`), 0);
    expect(count('SELECT count(*) FROM outbox')).toBe(rows);
    const rec = team.sqlite.prepare(`SELECT values_json, hlc FROM outbox WHERE entity = 'orders' LIMIT 1`).get() as { values_json: string; hlc: string };
    expect(JSON.parse(rec.values_json)).toMatchObject({ paid_fen: expect.any(Number), status: expect.any(String) });
    team.close();
    const audit = one(`SELECT count(*) n, sum(action = 'bulk_insert') bulk FROM audit_log`);
    expect(audit.n).toBe(audit.bulk);
    expect(audit.n as number).toBeLessThan(60);
    expect(db.writes.verifyAudit()).toMatchObject({ ok: true });
  });
});
