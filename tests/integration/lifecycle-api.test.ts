import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransitionOutcome } from '../../src-shared/contract/lifecycle';
import { machineDefinition } from '../../src-shared/lifecycle';
import { DEFAULT_MACHINE } from '../../src-main/orders/lifecycle/default-machine';
import { order, seedShop } from '../helpers/lifecycle-fixture';
import { tempApp, type TempApp } from '../helpers/temp-app';

let app: TempApp;
let t: Record<'owner' | 'ops' | 'service' | 'warehouse' | 'finance', string>;
let shop: ReturnType<typeof seedShop>;

beforeAll(async () => {
  app = await tempApp();
  t = {
    owner: await app.login('owner'), ops: await app.login('ops'), service: await app.login('service'),
    warehouse: await app.login('warehouse'), finance: await app.login('finance'),
  };
  shop = seedShop(app);
});
afterAll(() => app.dispose());

const row = (id: string) => app.services.db.sqlite.prepare('SELECT * FROM orders WHERE id = ?').get(id) as Record<string, unknown>;
const count = (sql: string, ...a: unknown[]) => app.services.db.sqlite.prepare(sql).pluck().get(...a) as number;
const move = (token: string, input: Parameters<TempApp['call']>[1] & object) => app.call('orders.transition', input as never, token);
const only = (r: { results: TransitionOutcome[] }) => r.results[0]!;
let n = 0;
const fresh = (p = {}) => shop.ingest(order(`A${++n}`, p))[0]!;

describe('orders.transition: people move orders through the machine', () => {
  it('a new paid order waits in 待审核 with its platform phase beside it and a 2 h SLA clock', () => {
    const id = fresh();
    const o = row(id);
    expect(o).toMatchObject({ status: 'pending_review', platform_phase: 'paid', platform_status: 'WAIT_SELLER_SEND_GOODS', machine_version: 1 });
    expect(o.sla_due_at).toBe(Math.min((o.status_at as number) + 2 * 3_600_000, (o.paid_at as number) + 24 * 3_600_000));
  });

  it('without any rules a person walks an order to shipped, each move with its guard', async () => {
    const id = fresh();
    const v = () => row(id).version as number;
    expect(only(await move(t.ops, { ids: [id], to: 'to_route', expectedVersion: v() }))).toMatchObject({ ok: true, from: 'pending_review', to: 'to_route' });
    expect(only(await move(t.ops, { ids: [id], to: 'to_ship' }))).toEqual({ id, ok: false, refusal: { code: 'field_required', params: { field: 'warehouse' } } });
    expect(only(await move(t.ops, { ids: [id], to: 'to_ship', fields: { warehouseId: 'wh-nowhere' } }))).toMatchObject({ ok: false, refusal: { code: 'invalid_field', params: { field: 'warehouse', value: 'wh-nowhere' } } });
    expect(only(await move(t.ops, { ids: [id], to: 'to_ship', fields: { warehouseId: 'wh-hz' } }))).toMatchObject({ ok: true });
    expect(row(id).warehouse_id).toBe('wh-hz');
    expect(only(await move(t.warehouse, { ids: [id], to: 'picking' }))).toMatchObject({ ok: true });
    expect(only(await move(t.warehouse, { ids: [id], to: 'handed_over' }))).toMatchObject({ ok: false, refusal: { code: 'field_required', params: { field: 'trackingNo' } } });
    expect(only(await move(t.warehouse, { ids: [id], to: 'handed_over', fields: { trackingNo: 'SF1234567890', carrier: '顺丰' } }))).toMatchObject({ ok: true });
    expect(only(await move(t.warehouse, { ids: [id], to: 'shipped' }))).toMatchObject({ ok: true, to: 'shipped' });
    expect(row(id)).toMatchObject({ status: 'shipped', tracking_no: 'SF1234567890', sla_due_at: null });
    const steps = app.services.db.sqlite.prepare(`SELECT to_status FROM order_events WHERE order_id = ? AND to_status IS NOT NULL ORDER BY at, id`).pluck().all(id);
    expect(steps).toEqual(['pending_review', 'to_route', 'to_ship', 'picking', 'handed_over', 'shipped']);
  });

  it('refuses by role with the permission the move needs, one result per order, each refusal audited', async () => {
    const a = fresh();
    const b = fresh();
    const audits = count(`SELECT count(*) FROM audit_log WHERE action = 'transition_refused'`);
    const r = await move(t.warehouse, { ids: [a, b], to: 'to_route' });
    expect(r.results).toEqual([
      { id: a, ok: false, refusal: { code: 'permission', params: { permission: 'orders.review' } } },
      { id: b, ok: false, refusal: { code: 'permission', params: { permission: 'orders.review' } } },
    ]);
    expect(count(`SELECT count(*) FROM audit_log WHERE action = 'transition_refused'`)).toBe(audits + 2);
    expect(only(await move(t.finance, { ids: [a], to: 'cancelled', reason: { code: 'buyer_request' } }))).toMatchObject({ ok: false, refusal: { code: 'permission', params: { permission: 'orders.close' } } });
    expect(only(await move(t.ops, { ids: [a], to: 'cancelled' }))).toMatchObject({ ok: false, refusal: { code: 'field_required', params: { field: 'reason' } } });
    expect(only(await move(t.ops, { ids: [a], to: 'shipped' }))).toMatchObject({ ok: false, refusal: { code: 'field_required', params: { field: 'trackingNo' } } });
    expect(only(await move(t.ops, { ids: [a], to: 'delivered' }))).toMatchObject({ ok: false, refusal: { code: 'no_transition', params: { from: 'pending_review', to: 'delivered' } } });
    // Mixed: one moves, one is stale (a hold was put on it after the person looked).
    await app.call('orders.hold', { ids: [b], reason: { code: 'risk' } }, t.ops);
    const mixed = await move(t.ops, { ids: [a, b], to: 'cancelled', reason: { code: 'buyer_request', params: { note: '买家电话取消' } }, versions: { [a]: row(a).version as number, [b]: 1 } });
    expect(mixed.results.map((x) => x.ok)).toEqual([true, false]);
    expect(row(a).status).toBe('cancelled');
    const ev = app.services.db.sqlite.prepare(`SELECT detail_json FROM order_events WHERE order_id = ? AND to_status = 'cancelled'`).pluck().get(a) as string;
    expect(JSON.parse(ev)).toMatchObject({ source: 'person', reason: { code: 'buyer_request', params: { note: '买家电话取消' } } });
  });

  it('a stale version gets conflict with what changed, who changed it and when', async () => {
    const id = fresh();
    const seen = row(id).version as number;
    await move(t.ops, { ids: [id], to: 'to_route' });
    const r = only(await move(t.ops, { ids: [id], to: 'to_ship', expectedVersion: seen, fields: { warehouseId: 'wh-hz' } }));
    expect(r).toMatchObject({ ok: false, refusal: { code: 'conflict', params: { expectedVersion: seen, version: seen + 1 } } });
    const changes = (r as unknown as { refusal: { params: { changes: { by: string; fields: string[]; at: number }[] } } }).refusal.params.changes;
    expect(changes).toEqual([expect.objectContaining({ by: 'ops', fields: ['status'] })]);
    expect(row(id).status).toBe('to_route');
  });

  it('bulk urgency and tags carry the versions the person saw too: one stale order refuses the whole change', async () => {
    const a = fresh();
    const b = fresh();
    const seen = { [a]: row(a).version as number, [b]: row(b).version as number };
    await move(t.ops, { ids: [b], to: 'to_route' });
    const r = await app.raw('orders.tag', { orderIds: [a, b], add: ['加急'], versions: seen }, t.ops);
    expect(r).toMatchObject({ error: { code: 'conflict', field: 'expectedVersion' } });
    expect((r as { error: { message: string } }).error.message).toContain('状态');
    expect([row(a).tags, row(b).tags]).toEqual(['[]', '[]']);
    await app.call('orders.setUrgency', { orderIds: [a], urgency: 'red', versions: { [a]: seen[a]! } }, t.ops);
    expect(row(a)).toMatchObject({ urgency: 'red', version: seen[a]! + 1 });
  });

  it('强制干预 needs orders.intervene and a reason, and is audited as forced', async () => {
    const id = fresh();
    expect(only(await move(t.service, { ids: [id], to: 'completed', force: true, reason: { code: 'other' } }))).toMatchObject({ ok: false, refusal: { code: 'force_permission' } });
    expect(only(await move(t.ops, { ids: [id], to: 'completed', force: true }))).toMatchObject({ ok: false, refusal: { code: 'force_reason' } });
    expect(only(await move(t.ops, { ids: [id], to: 'completed', force: true, reason: { code: 'other', params: { note: '线下已自提' } } }))).toMatchObject({ ok: true, to: 'completed' });
    const audit = app.services.db.sqlite.prepare(`SELECT actor_name, after_json FROM audit_log WHERE action = 'transition_forced' AND entity_id = ?`).get(id) as { actor_name: string; after_json: string };
    expect(audit.actor_name).toBe('ops');
    expect(JSON.parse(audit.after_json)).toMatchObject({ from: 'pending_review', to: 'completed', reason: { code: 'other', params: { note: '线下已自提' } } });
  });

  it('orders.lifecycle shows the clock, the moves this person may make and the holds', async () => {
    const id = fresh();
    const v = await app.call('orders.lifecycle', { id }, t.warehouse);
    expect(v).toMatchObject({ status: 'pending_review', platformPhase: 'paid', machineVersion: 1, holds: [] });
    expect(v.clock.dueAt).toBe(row(id).sla_due_at);
    expect(v.moves.find((m) => m.to === 'to_route')).toMatchObject({ permission: 'orders.review', allowed: false });
    expect((await app.call('orders.lifecycle', { id }, t.ops)).moves.find((m) => m.to === 'to_route')).toMatchObject({ allowed: true });
  });
});

describe('the machine is data, versioned; an order keeps the version it entered under', () => {
  it('the ops lead saves a new version with a shop SLA; old orders keep version 1 and its rules', async () => {
    const old = fresh();
    const got = await app.call('lifecycle.get', {}, t.ops);
    expect(got.current.version).toBe(1);
    const def = structuredClone(got.current.definition);
    def.states.find((s) => s.status === 'pending_review')!.sla = { minutes: 120, overrides: [{ channelId: 'ch-tb', minutes: 30 }] };
    // This version: a person may no longer send a routed order back to review.
    def.transitions = def.transitions.filter((x) => !(x.from === 'to_route' && x.to === 'pending_review'));
    expect(await app.raw('lifecycle.save', { definition: def, expectedVersion: 1 }, t.service)).toMatchObject({ error: { code: 'forbidden' } });
    const saved = await app.call('lifecycle.save', { definition: def, expectedVersion: 1, note: '天猫店 30 分钟审单' }, t.ops);
    expect(saved).toMatchObject({ version: 2, note: '天猫店 30 分钟审单', savedBy: 'ops' });
    expect(await app.raw('lifecycle.save', { definition: def, expectedVersion: 1 }, t.ops)).toMatchObject({ error: { code: 'conflict', field: 'expectedVersion' } });

    const young = fresh();
    expect(row(young)).toMatchObject({ machine_version: 2 });
    const due = (id: string, stateMinutes: number) => Math.min((row(id).status_at as number) + stateMinutes * 60_000, (row(id).paid_at as number) + 24 * 3_600_000);
    expect(row(young).sla_due_at).toBe(due(young, 30));
    expect(row(old).sla_due_at).toBe(due(old, 120));
    const v = await app.call('orders.lifecycle', { id: young }, t.ops);
    expect(v.clock.stateDueAt).toBe((row(young).status_at as number) + 30 * 60_000);
    for (const id of [old, young]) await move(t.ops, { ids: [id], to: 'to_route' });
    expect(only(await move(t.ops, { ids: [old], to: 'pending_review' }))).toMatchObject({ ok: true });
    expect(only(await move(t.ops, { ids: [young], to: 'pending_review' }))).toMatchObject({ ok: false, refusal: { code: 'no_transition', params: { machineVersion: 2 } } });
    const all = await app.call('lifecycle.get', { version: 1 }, t.ops);
    expect(all.versions.map((x) => x.version)).toEqual([2, 1]);
    expect(all.requested?.definition).toEqual(DEFAULT_MACHINE);
  });

  it('refuses an unsound machine, naming what is wrong', async () => {
    const def = structuredClone(DEFAULT_MACHINE);
    def.states = def.states.filter((s) => s.status !== 'to_route');
    const r = await app.raw('lifecycle.save', { definition: def, expectedVersion: 2 }, t.ops);
    expect(r).toMatchObject({ error: { code: 'invalid_input' } });
    expect(machineDefinition.safeParse(def).success).toBe(false);
  });
});
