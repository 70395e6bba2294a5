import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db';
import { dryRunLoop, type DryRunRow } from '../../src-main/rules/dry-run';
import type { Rule, StageDecision } from '../../src-shared/rules';
import { RulesWorld, T0, type OrderSpec } from '../helpers/rules-world';

const RUNS = process.env.ORDERHUB_FULL ? 100 : 12;
const MIN = 60_000;
const SKUS = ['TS01', 'TS02', 'JN01', 'SK01'];

/** A pool of rules over the documented order shape: review (tags, urgency, holds, assignee) and route (warehouse, split). */
const POOL: Rule[] = [
  { id: 'big', name: '大额', stage: 'review', priority: 1, enabled: true, when: { '>': [{ var: 'paidFen' }, 30000] }, actions: [{ type: 'hold', reason: 'amount_over' }] },
  { id: 'remark', name: '留言', stage: 'review', priority: 2, enabled: true, when: { in: ['顺丰', { var: 'remark' }] }, actions: [{ type: 'addTag', tag: '顺丰' }, { type: 'setUrgency', urgency: 'yellow' }] },
  { id: 'new', name: '新客', stage: 'review', priority: 3, enabled: true, when: { '==': [{ var: 'customer.firstOrder' }, true] }, actions: [{ type: 'assignTo', userId: null, userName: '小张' }] },
  { id: 'dup', name: '重复', stage: 'review', priority: 4, enabled: true, when: { '==': [{ var: 'duplicateSuspect' }, true] }, actions: [{ type: 'hold', reason: 'suspect_duplicate' }] },
  { id: 'evening', name: '晚单', stage: 'review', priority: 5, enabled: true, when: { '>=': [{ var: 'paidHour' }, 20] }, actions: [{ type: 'addTag', tag: '晚单' }] },
  { id: 'gd', name: '广东宁波', stage: 'route', priority: 1, enabled: true, when: { '==': [{ var: 'province' }, '广东省'] }, actions: [{ type: 'assignWarehouse', warehouseId: 'wh-nb', fallback: true }] },
  { id: 'jeans', name: '牛仔拆单', stage: 'route', priority: 2, enabled: true, when: { in: ['JN01', { var: 'skus' }] }, actions: [{ type: 'splitByWarehouse', warehouseIds: ['wh-nb', 'wh-hz'] }] },
  { id: 'many', name: '多件杭州', stage: 'route', priority: 3, enabled: true, when: { '>=': [{ var: 'totalQty' }, 4] }, actions: [{ type: 'assignWarehouse', warehouseId: 'wh-hz' }, { type: 'setUrgency', urgency: 'red' }] },
];

const orderArb = fc.record({
  minute: fc.integer({ min: 0, max: 60 * 14 }),
  buyer: fc.constantFrom('甲', '乙', '丙', '丁'),
  province: fc.constantFrom('浙江省', '广东省', '江苏省'),
  remark: fc.option(fc.constantFrom('请发顺丰', '周末送'), { nil: null }),
  paidFen: fc.integer({ min: 1000, max: 50_000 }),
  lines: fc.array(fc.record({ sku: fc.option(fc.constantFrom(...SKUS), { freq: 6, nil: null }), qty: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3 }),
});

const worldArb = fc.record({
  orders: fc.array(orderArb, { minLength: 1, maxLength: 25 }),
  rules: fc.subarray(POOL),
  stock: fc.array(fc.record({ sku: fc.constantFrom(...SKUS.slice(0, 3)), wh: fc.constantFrom('wh-hz', 'wh-nb'), onHand: fc.integer({ min: 0, max: 8 }) }), { maxLength: 6 }),
  capacity: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
});

/** What a user compares: per order, what fired and what changed. */
function outcome(review: StageDecision | null, route: StageDecision | null) {
  const stages = [review, route].filter((d): d is StageDecision => !!d);
  return {
    fired: stages.flatMap((d) => d.fired.map((f) => `${f.ruleId}@${f.version}:${JSON.stringify(f.facts)}`)),
    addTags: stages.flatMap((d) => d.addTags),
    urgency: review?.urgency ?? route?.urgency ?? null,
    assignTo: review?.assignTo?.userName ?? route?.assignTo?.userName ?? null,
    holds: stages.flatMap((d) => d.holds.map((h) => JSON.stringify(h))),
    routes: route && !route.holds.length ? route.routes.map((r) => `${r.warehouseId}:${r.shipDay}:${JSON.stringify(r.reason)}`) : [],
    lines: route && !route.holds.length ? route.assignments.map((a) => `${a.lineId}>${a.warehouseId}`) : [],
  };
}

async function dryRun(file: string, w: RulesWorld): Promise<Map<string, ReturnType<typeof outcome>>> {
  const read = new Database(file, { readonly: true });
  const out = new Map<string, ReturnType<typeof outcome>>();
  const batches: number[] = [];
  try {
    await dryRunLoop(read, 'Asia/Shanghai', w.services.engine.rules.current(), { from: T0 - 1, to: T0 + 86_400_000 }, {
      batchSize: 7,
      onBatch: (b) => {
        batches.push(b.processed);
        b.rows.forEach((r: DryRunRow) => out.set(r.orderId, outcome(r.review, r.route)));
      },
    });
  } finally {
    read.close();
  }
  expect(batches.at(-1)).toBe(out.size); // progress ends at the total
  return out;
}

describe('dry run', () => {
  it('the dry run gives exactly the decisions the real run then makes (same evaluation function, same data)', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, async (world) => {
        const dir = mkdtempSync(join(tmpdir(), 'orderhub-dryrun-'));
        const file = join(dir, 'orderhub.db');
        const db = await openDatabase(file);
        db.sqlite.pragma('synchronous = OFF'); // durability is not under test here
        try {
          const w = new RulesWorld(db, dir);
          if (world.rules.length) w.saveRules(world.rules);
          w.stock(world.stock.map((s) => ({ ...s })));
          if (world.capacity !== null) {
            w.tx((tx) => tx.insert('warehouse_capacity', { warehouseId: 'wh-hz', dailyOrders: world.capacity, cutoffMinute: 18 * 60, priority: 1, updatedAt: T0 }));
          }
          const specs: OrderSpec[] = world.orders.map((o, i) => ({
            no: `O${String(i).padStart(3, '0')}`, paidAt: T0 + o.minute * MIN + i, buyer: o.buyer, province: o.province, remark: o.remark,
            paidFen: o.paidFen, lines: o.lines.map((l) => ({ sku: l.sku, qty: l.qty })),
          }));
          const ids = w.ingest(specs);
          const before = await dryRun(file, w);

          // The real run: each order as it arrives, in payment order, at its payment time.
          const real = new Map<string, ReturnType<typeof outcome>>();
          for (const s of [...specs].sort((a, b) => a.paidAt - b.paidAt)) {
            const id = ids.get(s.no)!;
            w.now = s.paidAt;
            real.set(id, w.tx((tx) => {
              const review = w.services.engine.review(tx, id)!;
              if (review.holds.length) return outcome(review, null);
              return outcome(review, w.services.fulfilment.route(tx, id)!.decision);
            }));
          }
          expect(before).toEqual(real);

          // Replayed again afterwards, the routing is the same: the period's own reservations are set aside.
          const after = await dryRun(file, w);
          for (const [id, r] of real) expect({ id, routes: after.get(id)!.routes, holds: after.get(id)!.holds }).toEqual({ id, routes: r.routes, holds: r.holds });
        } finally {
          db.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: RUNS, seed: process.env.ORDERHUB_FULL ? undefined : 1011 },
    );
  });
});
