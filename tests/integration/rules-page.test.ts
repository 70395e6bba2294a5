import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src-main/db';
import { IngestPipeline } from '../../src-main/ingest/pipeline';
import { createLogger } from '../../src-main/log';
import { createOrderFlow } from '../../src-main/orders/flow';
import { createRulesServices, type RulesServices } from '../../src-main/rules/services';
import type { Rule } from '../../src-shared/rules';
import { CTX, normalized, RulesWorld, T0, WAREHOUSES, type OrderSpec } from '../helpers/rules-world';
import { tempApp } from '../helpers/temp-app';

/**
 * The page path (Fulfilment.reviewAndRoute: a page's facts, stock and capacity read once, one
 * audit record per order) against the one-order path (review() per order, routing in its hook)
 * on copies of the same workspace: the same decisions, tags, warehouses, reservations, routes,
 * holds, stock waits and timeline, order by order — with orders competing for the last units.
 */
const RUNS = process.env.ORDERHUB_FULL ? 100 : 8;
const SKUS = ['A-1', 'A-2', 'B-1', 'C-1', 'U-1']; // U-1 has no stock anywhere: not tracked
const MIN = 60_000;

const RULES: Rule[] = [
  { id: 'remark', name: '留言', stage: 'review', priority: 1, enabled: true, when: { '!!': [{ var: 'remark' }] }, actions: [{ type: 'hold', reason: 'buyer_remark' }] },
  { id: 'big', name: '大额', stage: 'review', priority: 2, enabled: true, when: { '>': [{ var: 'paidFen' }, 40_000] }, actions: [{ type: 'addTag', tag: '大额' }, { type: 'setUrgency', urgency: 'yellow' }] },
  { id: 'new', name: '新客', stage: 'review', priority: 3, enabled: true, when: { '==': [{ var: 'customer.firstOrder' }, true] }, actions: [{ type: 'addTag', tag: '新客' }, { type: 'assignTo', userId: null, userName: '小张' }] },
  { id: 'dup', name: '重复', stage: 'review', priority: 4, enabled: true, when: { '==': [{ var: 'duplicateSuspect' }, true] }, actions: [{ type: 'hold', reason: 'suspect_duplicate' }] },
  { id: 'gd', name: '广东走宁波', stage: 'route', priority: 1, enabled: true, when: { '==': [{ var: 'province' }, '广东省'] }, actions: [{ type: 'assignWarehouse', warehouseId: 'wh-nb', fallback: true }, { type: 'setUrgency', urgency: 'red' }] },
  { id: 'split', name: 'B 拆单', stage: 'route', priority: 2, enabled: true, when: { in: ['B', { var: 'spus' }] }, actions: [{ type: 'splitByWarehouse', warehouseIds: ['wh-hz', 'wh-nb'] }, { type: 'addTag', tag: '拆单' }] },
  { id: 'bj', name: '北京只走杭州', stage: 'route', priority: 3, enabled: true, when: { '==': [{ var: 'province' }, '北京市'] }, actions: [{ type: 'assignWarehouse', warehouseId: 'wh-hz' }, { type: 'assignTo', userId: null, userName: '小李' }] },
];

const orderArb = fc.record({
  lines: fc.array(fc.record({ sku: fc.constantFrom(...SKUS), qty: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3 }),
  province: fc.constantFrom('浙江省', '广东省', '北京市', '江苏省'),
  buyer: fc.constantFrom('b1', 'b2', 'b3', 'b4', 'b5', 'b6'),
  remark: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant('请发顺丰') }),
  paidFen: fc.integer({ min: 1_000, max: 60_000 }),
  /** Minutes after the previous order: equal paid times, and some after the 16:00 cut-off. */
  gap: fc.integer({ min: 0, max: 90 }),
});
const worldArb = fc.record({
  orders: fc.array(orderArb, { minLength: 4, maxLength: 40 }),
  stock: fc.array(fc.record({ sku: fc.constantFrom('A-1', 'A-2', 'B-1', 'C-1'), wh: fc.constantFrom('wh-hz', 'wh-nb'), onHand: fc.integer({ min: 0, max: 8 }) }), { minLength: 1, maxLength: 8 }),
  safety: fc.option(fc.record({ sku: fc.constantFrom('A-1', 'B-1'), qty: fc.integer({ min: 0, max: 2 }) }), { nil: undefined }),
  capacity: fc.option(fc.record({ wh: fc.constantFrom('wh-hz', 'wh-nb'), daily: fc.integer({ min: 1, max: 6 }) }), { nil: undefined }),
  page: fc.integer({ min: 1, max: 25 }),
  withLifecycle: fc.boolean(),
});

interface Workspace {
  db: Database;
  rules: RulesServices;
}

function open(db: Database, dir: string, withLifecycle: boolean): Workspace & { pipeline: IngestPipeline } {
  const flow = createOrderFlow(db, () => T0 + 600 * MIN);
  const rules = createRulesServices({
    db, zone: 'Asia/Shanghai', dataDir: dir, log: createLogger(dir, { console: false }),
    lifecycle: withLifecycle ? flow.lifecycle : null, holds: withLifecycle ? flow.holds : null, now: () => T0 + 600 * MIN,
  });
  return { db, rules, pipeline: new IngestPipeline(db, flow) };
}

/** Everything a person would see of the orders' review and routing, by order number. */
function outcome(db: Database): unknown {
  const q = (sql: string) => db.sqlite.prepare(sql).all();
  return {
    orders: q(`SELECT platform_order_id AS no, status, tags, urgency, warehouse_id FROM orders ORDER BY no`),
    reservations: q(`SELECT o.platform_order_id AS no, l.line_no, r.sku_code, r.warehouse_id, r.qty, r.made_by_kind, r.made_by_name, r.rule_version, r.released_at, r.release_reason
      FROM stock_reservations r JOIN orders o ON o.id = r.order_id JOIN order_lines l ON l.id = r.order_line_id ORDER BY no, l.line_no, r.warehouse_id, r.released_at`),
    routes: q(`SELECT o.platform_order_id AS no, r.warehouse_id, r.ship_day, r.made_by_kind, r.made_by_name, r.rule_version, r.reason_json, r.released_at, r.release_reason
      FROM order_routes r JOIN orders o ON o.id = r.order_id ORDER BY no, r.warehouse_id, r.released_at`),
    holds: q(`SELECT o.platform_order_id AS no, h.type, h.code, h.params_json, h.released_at FROM order_holds h JOIN orders o ON o.id = h.order_id ORDER BY no, h.type, h.code, h.params_json`),
    waits: q(`SELECT o.platform_order_id AS no, w.paid_at, w.missing_json FROM stock_waits w JOIN orders o ON o.id = w.order_id ORDER BY no`),
    assignments: q(`SELECT o.platform_order_id AS no, a.user_name, a.rule_id, a.rule_version FROM order_assignments a JOIN orders o ON o.id = a.order_id ORDER BY no`),
    // The timeline: each stage's rules_applied event (what fired, the facts, holds, warehouses, reservations) and the status moves.
    events: q(`SELECT o.platform_order_id AS no, e.type, e.from_status, e.to_status, e.detail_json FROM order_events e JOIN orders o ON o.id = e.order_id
      WHERE e.type IN ('rules_applied', 'status_changed') ORDER BY no, e.at, e.id`), // the timeline's own order (ids count up as events are made)
  };
}

describe('routing a page of orders at once gives what routing them one by one gives', () => {
  it('same decisions, reservations, holds and timeline, with orders competing for the last units in paid-time order', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async (world) => {
        const dir = mkdtempSync(join(tmpdir(), 'orderhub-rules-page-'));
        const dbs: Database[] = [];
        try {
          const one = open(await openDatabase(join(dir, 'one.db')), dir, world.withLifecycle);
          dbs.push(one.db);
          one.db.writes.run(CTX, (tx) => {
            tx.insert('channels', { id: 'ch', kind: 'taobao', name: '店', configJson: '{}', paused: true, createdAt: T0, updatedAt: T0 });
            WAREHOUSES.forEach((w) => tx.insert('warehouses', { ...w, city: null, createdAt: T0, updatedAt: T0 }));
            if (world.capacity) tx.insert('warehouse_capacity', { warehouseId: world.capacity.wh, dailyOrders: world.capacity.daily, cutoffMinute: 960, priority: 100, updatedAt: T0 });
            if (world.safety) tx.insert('safety_stock', { skuCode: world.safety.sku, qty: world.safety.qty, updatedAt: T0 });
            one.rules.stock.applySnapshot(tx, world.stock.map((s) => ({ skuCode: s.sku, warehouseId: s.wh, onHand: s.onHand })), 'test', T0);
          });
          // Orders come in before any rule is published: they wait in 待审核 for the run below.
          let at = T0;
          const specs: OrderSpec[] = world.orders.map((o, i) => ({ no: `N${String(i).padStart(3, '0')}`, paidAt: (at += o.gap * MIN), lines: o.lines, province: o.province, buyer: o.buyer, remark: o.remark, paidFen: o.paidFen }));
          const items = specs.map((s) => ({ platformOrderId: s.no, raw: '{}', result: { ok: true as const, order: normalized(s) } }));
          one.pipeline.ingestPage({ id: 'ch', kind: 'taobao' }, items, { ctx: CTX, source: 'test', now: T0 });
          one.db.writes.run(CTX, (tx) => one.rules.engine.rules.save(tx, RULES, { baseVersion: 0, note: null, by: { id: null, name: 't' }, now: T0, say: (zh) => zh }));
          one.db.sqlite.exec(`VACUUM INTO '${join(dir, 'page.db')}'`);
          const page = open(await openDatabase(join(dir, 'page.db')), dir, world.withLifecycle);
          dbs.push(page.db);

          const ids = one.db.sqlite.prepare(`SELECT id FROM orders WHERE status = 'pending_review' ORDER BY paid_at, id`).pluck().all() as string[];
          const audits = (db: Database) => db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
          const before = audits(page.db);
          for (let i = 0; i < ids.length; i += world.page) {
            const slice = ids.slice(i, i + world.page);
            one.db.writes.run(CTX, (tx) => {
              for (const id of slice) {
                if (world.withLifecycle) one.rules.fulfilment.review(tx, id);
                else if (!one.rules.engine.review(tx, id)!.holds.length) one.rules.fulfilment.route(tx, id);
              }
            });
            page.db.writes.run(CTX, (tx) => page.rules.fulfilment.reviewAndRoute(tx, slice));
          }
          const a = outcome(one.db);
          expect(outcome(page.db)).toEqual(a);
          // Something was decided (not two empty results), and without the state machine one audit record per order.
          expect((a as { events: unknown[] }).events.length).toBeGreaterThan(0);
          if (!world.withLifecycle) expect(audits(page.db) - before).toBe(ids.length);
        } finally {
          for (const db of dbs) db.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: RUNS, seed: process.env.ORDERHUB_FULL ? undefined : 20261202 },
    );
  }, 120_000);
});

describe('a poll page through the app', () => {
  it('is reviewed and routed as one page: held for review, placed while stock lasts in the order the orders came, then waiting for stock', async () => {
    const app = await tempApp();
    try {
      const w = new RulesWorld(app.services.db, app.dataDir); // the shop, the warehouses, stock: the app's own rules services route
      w.stock([{ sku: 'A-1', wh: 'wh-hz', onHand: 2 }]);
      const rules = app.services.rules;
      app.services.db.writes.run(CTX, (tx) => rules.engine.rules.save(tx, RULES, { baseVersion: rules.engine.rules.latestVersion(), note: null, by: { id: null, name: 't' }, now: T0, say: (zh) => zh }));
      const specs: OrderSpec[] = [
        { no: 'P1', paidAt: T0, lines: [{ sku: 'A-1', qty: 1 }], buyer: 'x1' },
        { no: 'P2', paidAt: T0 + MIN, lines: [{ sku: 'A-1', qty: 1 }], buyer: 'x2', remark: '请发顺丰' },
        { no: 'P3', paidAt: T0 + 2 * MIN, lines: [{ sku: 'A-1', qty: 1 }], buyer: 'x3' },
        { no: 'P4', paidAt: T0 + 3 * MIN, lines: [{ sku: 'A-1', qty: 1 }], buyer: 'x4' },
      ];
      const audits = () => app.services.db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
      const before = audits();
      app.services.pipeline.ingestPage(w.channel, specs.map((s) => ({ platformOrderId: s.no, raw: '{}', result: { ok: true as const, order: normalized(s) } })), { ctx: CTX, source: 'poll:test' });
      const rows = app.services.db.sqlite.prepare(`SELECT o.platform_order_id AS no, o.status, o.warehouse_id AS wh,
          (SELECT group_concat(h.code) FROM order_holds h WHERE h.order_id = o.id AND h.released_at IS NULL) AS holds,
          (SELECT sum(qty) FROM stock_reservations r WHERE r.order_id = o.id AND r.released_at IS NULL) AS reserved
        FROM orders o WHERE o.platform_order_id LIKE 'P%' ORDER BY no`).all();
      expect(rows).toEqual([
        { no: 'P1', status: 'to_ship', wh: 'wh-hz', holds: null, reserved: 1 },
        { no: 'P2', status: 'pending_review', wh: null, holds: 'review_hold', reserved: null },
        { no: 'P3', status: 'to_ship', wh: 'wh-hz', holds: null, reserved: 1 },
        { no: 'P4', status: 'to_route', wh: null, holds: 'stock_short', reserved: null },
      ]);
      // The page's routing: one record per order for review + route (the state machine's moves and holds keep their own).
      const routed = app.services.db.sqlite.prepare(`SELECT count(*) FROM audit_log WHERE seq > ? AND entity = 'orders' AND action = 'update' AND json_extract(after_json, '$.inserted.order_routes') IS NOT NULL`).pluck().get(before);
      expect(routed).toBe(2);
      expect(audits() - before).toBeGreaterThan(0);
    } finally {
      await app.dispose();
    }
  }, 60_000);
});
