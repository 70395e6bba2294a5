import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src-main/db';
import { MetricsService } from '../../src-main/metrics/service';
import { DEFAULT_MACHINE } from '../../src-main/orders/lifecycle/default-machine';
import type { MachineDefinition } from '../../src-shared/lifecycle';

/**
 * Half-life and the on-time rate against an independent calculation (written here from the
 * definitions in #12 §2, not from the queries) over randomly generated histories.
 */
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const FROM = Date.UTC(2026, 9, 1, 16); // 2026-10-02 00:00 Beijing
const TO = FROM + 14 * DAY;
const NOW = TO + 3 * DAY;
const CHANNELS = ['ch-a', 'ch-b'];
const beijingDay = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);

// Machine version 2: shop ch-b promises 48 h, grade A customers 12 h, ch-b + grade A 36 h.
const V2: MachineDefinition = {
  ...DEFAULT_MACHINE,
  shipSla: { minutes: 24 * 60, overrides: [{ channelId: 'ch-b', minutes: 48 * 60 }, { grade: 'A', minutes: 12 * 60 }, { channelId: 'ch-b', grade: 'A', minutes: 36 * 60 }] },
};

let dir: string;
let db: Database;
let metrics: MetricsService;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'orderhub-metrics-'));
  db = await openDatabase(join(dir, 'orderhub.db'));
  const s = db.sqlite;
  for (const ch of CHANNELS) s.prepare(`INSERT INTO channels (id, kind, name, config_json, paused, created_at, updated_at) VALUES (?, 'taobao', ?, '{}', 1, 0, 0)`).run(ch, `店${ch}`);
  for (const wh of ['wh-1', 'wh-2']) s.prepare('INSERT INTO warehouses (id, code, name, created_at, updated_at) VALUES (?, ?, ?, 0, 0)').run(wh, wh, `仓${wh}`);
  for (const g of ['A', 'B', 'C']) s.prepare(`INSERT INTO customers (id, grade, created_at, updated_at) VALUES (?, ?, 0, 0)`).run(`cu-${g}`, g);
  s.prepare(`INSERT INTO lifecycle_machines (id, version, definition_json, saved_at) VALUES ('m2', 2, ?, 0)`).run(JSON.stringify(V2));
  metrics = new MetricsService(s, { zone: 'Asia/Shanghai', health: [], machine: (v) => (v === 2 ? V2 : DEFAULT_MACHINE) });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Exc { openedAt: number; closedAt: number | null; type: string; owner: string; channel: string }

const excArb = fc.record({
  openedAt: fc.integer({ min: FROM - 2 * DAY, max: TO + DAY }),
  // null: still open; else how long it took (may be 0).
  took: fc.option(fc.integer({ min: 0, max: 6 * DAY }), { nil: null }),
  type: fc.constantFrom('fulfilment', 'logistics', 'stock'),
  owner: fc.constantFrom('u:u1', 'u:u2', 'r:service'),
  channel: fc.constantFrom(...CHANNELS),
}).map((r): Exc => ({ openedAt: r.openedAt, closedAt: r.took === null || r.openedAt + r.took > NOW ? null : r.openedAt + r.took, type: r.type, owner: r.owner, channel: r.channel }));

/** The definitions, directly: median of closed durations; half of the cohort (open ones never count as closed). */
function expectedHalfLife(rows: Exc[], key: (e: Exc) => string) {
  const groups = new Map<string, Exc[]>();
  for (const e of rows.filter((x) => x.openedAt >= FROM && x.openedAt < TO)) groups.set(key(e), [...(groups.get(key(e)) ?? []), e]);
  const fig = (list: Exc[]) => {
    const all = list.map((e) => (e.closedAt === null ? Infinity : e.closedAt - e.openedAt)).sort((a, b) => a - b);
    const closed = all.filter((d) => d !== Infinity);
    const mid = closed.length / 2;
    const median = !closed.length ? null : closed.length % 2 ? closed[Math.floor(mid)]! : Math.floor((closed[mid - 1]! + closed[mid]!) / 2);
    const half = all[Math.ceil(all.length / 2) - 1]!;
    return { opened: list.length, closed: closed.length, medianCloseMs: median, halfLifeMs: half === Infinity ? null : half };
  };
  const out = new Map<string, unknown>();
  for (const [k, list] of groups) {
    const days = new Map<string, Exc[]>();
    for (const e of list) days.set(beijingDay(e.openedAt), [...(days.get(beijingDay(e.openedAt)) ?? []), e]);
    out.set(k, { ...fig(list), days: [...days].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, l]) => ({ day, ...fig(l) })) });
  }
  return out;
}

interface Ord {
  channel: string; warehouse: string; grade: 'A' | 'B' | 'C' | null; mv: 1 | 2; paidAt: number; promised: number | null;
  shippedAt: number | null; movedOutAt: number | null; status: string;
}

const ordArb = fc.record({
  channel: fc.constantFrom(...CHANNELS),
  warehouse: fc.constantFrom('wh-1', 'wh-2'),
  grade: fc.constantFrom('A' as const, 'B' as const, 'C' as const, null),
  mv: fc.constantFrom(1 as const, 2 as const),
  paidAt: fc.integer({ min: FROM - 3 * DAY, max: TO + DAY }),
  promisedLead: fc.option(fc.integer({ min: HOUR, max: 5 * DAY }), { nil: null }),
  shipLead: fc.option(fc.integer({ min: MIN, max: 4 * DAY }), { nil: null }),
  /** Shipped by OrderHub (the timeline says when), the platform's time unknown. */
  ourMove: fc.boolean(),
  status: fc.constantFrom('to_ship', 'shipped', 'delivered', 'completed', 'cancelled', 'closed', 'merged', 'handed_over'),
}).map((r): Ord => {
  const shipped = ['shipped', 'delivered', 'completed', 'handed_over', 'closed'].includes(r.status) && r.shipLead !== null && r.paidAt + r.shipLead <= NOW;
  const at = shipped ? r.paidAt + r.shipLead! : null;
  return {
    channel: r.channel, warehouse: r.warehouse, grade: r.grade, mv: r.mv, paidAt: r.paidAt, promised: r.promisedLead === null ? null : r.paidAt + r.promisedLead,
    shippedAt: at !== null && !r.ourMove ? at : null, movedOutAt: at !== null && r.ourMove ? at : null,
    status: shipped ? r.status : ['shipped', 'delivered', 'completed', 'handed_over'].includes(r.status) ? 'to_ship' : r.status,
  };
});

/** Ship SLA in minutes: shop + grade, else shop, else grade, else the default (written out for the test). */
function slaMinutesOf(o: Ord): number {
  if (o.mv === 1) return 24 * 60;
  if (o.channel === 'ch-b' && o.grade === 'A') return 36 * 60;
  if (o.channel === 'ch-b') return 48 * 60;
  if (o.grade === 'A') return 12 * 60;
  return 24 * 60;
}

function expectedOnTime(orders: Ord[], key: (o: Ord, promise: number) => string) {
  const out = new Map<string, { due: number; onTime: number }>();
  for (const o of orders) {
    if (o.status === 'merged') continue;
    const promise = o.promised ?? o.paidAt + slaMinutesOf(o) * MIN;
    const shipped = o.shippedAt ?? o.movedOutAt;
    if (promise < FROM || promise >= TO) continue;
    if (promise > NOW && shipped === null) continue;
    if ((o.status === 'cancelled' || o.status === 'closed') && shipped === null) continue;
    const k = key(o, promise);
    const cur = out.get(k) ?? { due: 0, onTime: 0 };
    cur.due++;
    if (shipped !== null && shipped <= promise) cur.onTime++;
    out.set(k, cur);
  }
  return out;
}

function loadExceptions(rows: Exc[]): void {
  const s = db.sqlite;
  s.exec('DELETE FROM exceptions');
  const ins = s.prepare(`INSERT INTO exceptions (id, detector, type, subject_kind, subject_id, order_id, channel_id, severity, cause_code, owner_role, owner_user_id,
    state, opened_at, due_at, closed_at, close_kind, updated_at) VALUES (?, 'ship_overdue', ?, 'order', ?, NULL, ?, 'warning', 'ship_overdue', ?, ?, ?, ?, ?, ?, ?, 0)`);
  s.transaction(() => rows.forEach((e, i) => ins.run(`e${i}`, e.type, `o${i}`, e.channel, e.owner.startsWith('r:') ? e.owner.slice(2) : null,
    e.owner.startsWith('u:') ? e.owner.slice(2) : null, e.closedAt === null ? 'open' : 'closed', e.openedAt, e.openedAt + HOUR, e.closedAt, e.closedAt === null ? null : 'person')))();
}

function loadOrders(rows: Ord[]): void {
  const s = db.sqlite;
  s.exec('DELETE FROM order_events; DELETE FROM orders');
  const ins = s.prepare(`INSERT INTO orders (id, channel_id, platform_order_id, status, platform_status, goods_fen, paid_fen, created_at, paid_at, platform_updated_at,
    promised_ship_at, shipped_at, warehouse_id, customer_id, machine_version, ingested_at, modified_at) VALUES (?, ?, ?, ?, 'x', 100, 100, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)`);
  const ev = s.prepare(`INSERT INTO order_events (id, order_id, at, type, from_status, to_status) VALUES (?, ?, ?, 'status_changed', ?, ?)`);
  s.transaction(() => rows.forEach((o, i) => {
    ins.run(`o${i}`, o.channel, `P${i}`, o.status, o.paidAt - MIN, o.paidAt, o.paidAt, o.promised, o.shippedAt, o.warehouse, o.grade ? `cu-${o.grade}` : null, o.mv);
    // The timeline: a pick, then the move out (the first move into 已交接/已发货 is the shipped time), then a later one.
    ev.run(`ev${i}a`, `o${i}`, o.paidAt + MIN, 'to_ship', 'picking');
    if (o.movedOutAt !== null) {
      ev.run(`ev${i}b`, `o${i}`, o.movedOutAt, 'packed', 'handed_over');
      ev.run(`ev${i}c`, `o${i}`, o.movedOutAt + DAY, 'handed_over', 'shipped');
    }
  }))();
}

describe('metrics equal an independent calculation on generated histories', () => {
  it('half-life and median time to close, overall and per type / owner / shop, per opening day', () => {
    fc.assert(fc.property(fc.array(excArb, { minLength: 0, maxLength: 120 }), (rows) => {
      loadExceptions(rows);
      for (const [by, key] of [['none', () => 'all'], ['type', (e: Exc) => e.type], ['owner', (e: Exc) => e.owner], ['shop', (e: Exc) => e.channel]] as const) {
        const got = new Map(metrics.halfLife(FROM, TO, by).map(({ key: k, label: _l, ...rest }) => [k, rest]));
        expect(got).toEqual(expectedHalfLife(rows, key as (e: Exc) => string));
      }
    }), { numRuns: 60, seed: 12 });
  });

  it('on-time rate by day, shop and warehouse: promise = platform promise or paid + SLA (version, shop, grade); shipped = platform time or the first move out', () => {
    fc.assert(fc.property(fc.array(ordArb, { minLength: 0, maxLength: 150 }), (rows) => {
      loadOrders(rows);
      const off = metrics.zoneOffset(FROM);
      expect(off).toBe(8 * HOUR);
      for (const [by, key] of [['day', (_o: Ord, p: number) => beijingDay(p)], ['shop', (o: Ord) => o.channel], ['warehouse', (o: Ord) => o.warehouse], ['none', () => 'all']] as const) {
        const got = new Map(metrics.onTime.rows(FROM, TO, NOW, by, off, () => null).map((r) => [r.key, { due: r.due, onTime: r.onTime }]));
        expect(got).toEqual(expectedOnTime(rows, key as (o: Ord, p: number) => string));
      }
    }), { numRuns: 60, seed: 7 });
  });
});
