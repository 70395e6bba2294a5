import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NormalizedOrder } from '../../src-main/ingest/normalized-order';
import { DEFAULT_MACHINE } from '../../src-main/orders/lifecycle/default-machine';
import type { TransitionRequest } from '../../src-main/orders/lifecycle/types';
import { machineDefinition, REFUSAL_CODES, TRIGGER_SOURCES } from '../../src-shared/lifecycle';
import { ORDER_STATUSES, PLATFORM_PHASES, type OrderStatus, type PlatformPhase } from '../../src-shared/orders';
import { flowDb, order, type FlowDb } from '../helpers/lifecycle-fixture';

/**
 * The state machine under random trigger sequences, on a real replica: people (with random
 * permissions, reasons, fields, stale versions, forced or not), rules and the platform, holds
 * opened and released, new machine versions saved mid-way, and review/routing hooks that act on
 * entry like the rules will. Short seeded run by default; ORDERHUB_FULL=1 runs many more.
 */
const RUNS = process.env.ORDERHUB_FULL ? 400 : 25;
const T0 = Date.UTC(2026, 10, 20, 2);

type Action =
  | { kind: 'move'; order: number; to: OrderStatus; source: (typeof TRIGGER_SOURCES)[number]; perms: string[]; reason: boolean; tracking: boolean; warehouse: boolean; force: boolean; stale: boolean }
  | { kind: 'platform'; order: number; phase: PlatformPhase }
  | { kind: 'hold'; order: number }
  | { kind: 'release'; order: number; person: boolean }
  | { kind: 'machine'; keep: boolean[] }
  | { kind: 'newOrder'; phase: PlatformPhase };

const PERMS = ['orders.review', 'orders.changeStatus', 'orders.close', 'orders.intervene', 'fulfillment.ship', 'orders.view'];
const orderIx = fc.nat({ max: 3 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.record({
    kind: fc.constant('move' as const), order: orderIx, to: fc.constantFrom(...ORDER_STATUSES), source: fc.constantFrom(...TRIGGER_SOURCES),
    perms: fc.subarray(PERMS), reason: fc.boolean(), tracking: fc.boolean(), warehouse: fc.boolean(),
    force: fc.boolean(), stale: fc.boolean(),
  }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('platform' as const), order: orderIx, phase: fc.constantFrom(...PLATFORM_PHASES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('hold' as const), order: orderIx }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('release' as const), order: orderIx, person: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('machine' as const), keep: fc.array(fc.boolean(), { minLength: DEFAULT_MACHINE.transitions.length, maxLength: DEFAULT_MACHINE.transitions.length }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('newOrder' as const), phase: fc.constantFrom(...PLATFORM_PHASES) }) },
);

describe('the order state machine under random triggers', () => {
  it('never reaches a state or makes a move its machine version does not allow, and audits every refusal with its reason', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 30 }), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), async (actions, coins) => {
        let clock = T0;
        const f = await flowDb(() => clock);
        try {
          await play(f, actions, coins, () => (clock += 60_000));
        } finally {
          f.dispose();
        }
      }),
      { numRuns: RUNS, seed: process.env.ORDERHUB_FULL ? undefined : 20261120 },
    );
  }, 240_000);
});

async function play(f: FlowDb, actions: Action[], coins: boolean[], tick: () => number): Promise<void> {
  const { lifecycle, holds } = f.flow;
  // The spy counts every refusal the machine returns, nested ones (from hooks) included.
  const refused: string[] = [];
  const transition = lifecycle.transition.bind(lifecycle);
  lifecycle.transition = (tx, req: TransitionRequest) => {
    const r = transition(tx, req);
    if (!r.ok) refused.push(r.refusal.code);
    return r;
  };
  // Hooks as the rules will register them: review passes or holds; routing assigns a warehouse or holds for stock.
  let c = 0;
  const coin = () => coins[c++ % coins.length]!;
  lifecycle.onEnter('pending_review', (tx, id) => {
    if (coin()) lifecycle.transition(tx, { orderId: id, to: 'to_route', source: 'rule' });
    else holds.open(tx, id, { type: 'review', code: 'amount_over', params: { thresholdFen: 100 } });
  });
  lifecycle.onEnter('to_route', (tx, id) => {
    if (coin()) lifecycle.transition(tx, { orderId: id, to: 'to_ship', source: 'rule', fields: { warehouseId: f.warehouseId } });
    else holds.open(tx, id, { type: 'stock', code: 'short', params: { sku: 'SKU-001', missing: 1 } });
  });

  const platform: NormalizedOrder[] = [];
  const ids: string[] = [];
  const add = (phase: PlatformPhase) => {
    const o = order(`P${platform.length + 1}`, { phase, platformUpdatedAt: tick(), trackingNo: phase === 'paid' || phase === 'unpaid' ? null : `SF${platform.length}` });
    platform.push(o);
    ids.push(f.ingest(o)[0]!);
  };
  add('paid');
  add('unpaid');
  let refusalAudits = 0;

  for (const a of actions) {
    const before = refused.length;
    tick();
    if (a.kind === 'newOrder') add(a.phase);
    else if (a.kind === 'machine') {
      const next = machineDefinition.safeParse({ ...DEFAULT_MACHINE, transitions: DEFAULT_MACHINE.transitions.filter((_, i) => a.keep[i]) });
      if (next.success) f.run((tx) => lifecycle.machines.save(tx, next.data, 'property test', tick()));
    } else {
      const id = ids[a.order % ids.length]!;
      const o = f.row(id);
      if (a.kind === 'move') {
        f.run((tx) => lifecycle.transition(tx, {
          orderId: id, to: a.to, source: a.source, permissions: a.perms as never, force: a.force,
          ...(a.reason ? { reason: { code: 'other' } } : {}),
          ...(a.tracking || a.warehouse ? { fields: { ...(a.tracking ? { trackingNo: 'SF9' } : {}), ...(a.warehouse ? { warehouseId: f.warehouseId } : {}) } } : {}),
          ...(a.stale ? { expectedVersion: (o.version as number) - 1 } : {}),
        }));
      } else if (a.kind === 'platform') {
        const ix = a.order % platform.length;
        platform[ix] = { ...platform[ix]!, phase: a.phase, platformUpdatedAt: tick(), trackingNo: 'SF7' };
        f.ingest(platform[ix]!);
      } else if (a.kind === 'hold') {
        f.run((tx) => holds.open(tx, id, { type: 'manual', code: 'other' }));
      } else {
        const h = holds.openFor(id)[0];
        if (h) f.run((tx) => holds.release(tx, h.id, { code: 'checked_ok' }, a.person ? { source: 'person', permissions: ['orders.review'] } : { source: 'system' }));
      }
    }
    // Every refusal has a known reason code and exactly one audit record.
    for (const code of refused.slice(before)) expect(REFUSAL_CODES).toContain(code);
    refusalAudits = f.count(`SELECT count(*) FROM audit_log WHERE action = 'transition_refused'`);
    expect(refusalAudits).toBe(refused.length);
    for (const id of ids) checkOrder(f, id);
  }
}

/** The order's status and every move it made are allowed by the machine version it entered under. */
function checkOrder(f: FlowDb, id: string): void {
  const o = f.row(id);
  const machine = f.flow.lifecycle.machines.get(o.machine_version as number).definition;
  expect(machine.states.map((s) => s.status)).toContain(o.status);
  const events = f.db.sqlite.prepare(
    `SELECT type, from_status AS "from", to_status AS "to", detail_json AS detail FROM order_events WHERE order_id = ? AND to_status IS NOT NULL ORDER BY at, id`,
  ).all(id) as { type: string; from: OrderStatus | null; to: OrderStatus; detail: string }[];
  expect(events[0]!.from).toBeNull(); // admitted once
  for (const e of events.slice(1)) {
    expect(e.type).toBe('status_changed');
    const d = JSON.parse(e.detail) as { forced?: boolean; source: string };
    if (d.forced) continue;
    const t = machine.transitions.find((x) => x.from === e.from && x.to === e.to);
    expect(t, `${e.from} → ${e.to} by ${d.source}`).toBeDefined();
    expect(t!.sources).toContain(d.source);
  }
  const forced = events.filter((e) => (JSON.parse(e.detail) as { forced?: boolean }).forced).length;
  expect(f.count(`SELECT count(*) FROM audit_log WHERE action = 'transition_forced' AND entity_id = ?`, id)).toBe(forced);
  // Nothing but the machine wrote the status: it is where the last recorded move left it.
  expect(o.status).toBe(events.at(-1)!.to);
}
