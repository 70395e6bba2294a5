import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MACHINE } from '../../src-main/orders/lifecycle/default-machine';
import { flowDb, order, type FlowDb } from '../helpers/lifecycle-fixture';

/**
 * Ingestion asks, it never writes status: the platform phase is stored beside our status and
 * its changes are triggers of the machine (with the hooks the rules will register).
 */
let f: FlowDb;
let clock = Date.UTC(2026, 10, 20, 3);
beforeEach(async () => (f = await flowDb(() => (clock += 1000))));
afterEach(() => f.dispose());

const statusOf = (id: string) => f.row(id).status;
const timeline = (id: string) =>
  f.db.sqlite.prepare(`SELECT type, from_status AS "from", to_status AS "to", detail_json AS d FROM order_events WHERE order_id = ? ORDER BY at, id`).all(id) as { type: string; from: string | null; to: string | null; d: string }[];

describe('platform phases are triggers', () => {
  it('a refund before shipment cancels the order and lets the hooks release what it held', () => {
    const released: string[] = [];
    f.flow.lifecycle.onEnter('cancelled', (_tx, id, t) => released.push(`${id}:${t.from}:${t.source}`));
    const o = order('R1');
    const [id] = f.ingest(o);
    f.run((tx) => f.flow.lifecycle.transition(tx, { orderId: id!, to: 'to_route', source: 'rule' }));
    f.ingest({ ...o, phase: 'refunded', refundStatus: 'SUCCESS', platformStatus: 'TRADE_CLOSED', platformUpdatedAt: o.platformUpdatedAt + 1 });
    expect(f.row(id!)).toMatchObject({ status: 'cancelled', platform_phase: 'refunded', platform_status: 'TRADE_CLOSED', sla_due_at: null });
    expect(released).toEqual([`${id}:to_route:platform`]);
    const last = timeline(id!).filter((e) => e.to).at(-1)!;
    expect(last).toMatchObject({ type: 'status_changed', from: 'to_route', to: 'cancelled' });
    expect(JSON.parse(last.d)).toMatchObject({ source: 'platform', reason: { code: 'platform_refunded' } });
  });

  it('shipped on the platform marks it shipped (held or not); a refund after that closes it', () => {
    const o = order('S1', { trackingNo: 'YT1234567890', carrier: '圆通' });
    const [id] = f.ingest(o);
    f.run((tx) => f.flow.holds.open(tx, id!, { type: 'manual', code: 'risk' }));
    f.ingest({ ...o, phase: 'shipped', platformStatus: 'WAIT_BUYER_CONFIRM_GOODS', platformUpdatedAt: o.platformUpdatedAt + 1 });
    expect(statusOf(id!)).toBe('shipped');
    f.ingest({ ...o, phase: 'refunded', platformStatus: 'TRADE_CLOSED', platformUpdatedAt: o.platformUpdatedAt + 2 });
    expect(statusOf(id!)).toBe('closed');
  });

  it('a move the order’s machine does not allow the platform is refused, audited and shown in its timeline', () => {
    const strict = { ...DEFAULT_MACHINE, transitions: DEFAULT_MACHINE.transitions.filter((t) => !(t.to === 'shipped' && t.from === 'pending_review')) };
    f.run((tx) => f.flow.lifecycle.machines.save(tx, strict, 'no platform shipping from review', clock));
    const o = order('S2');
    const [id] = f.ingest(o);
    f.ingest({ ...o, phase: 'shipped', platformUpdatedAt: o.platformUpdatedAt + 1 });
    expect(f.row(id!)).toMatchObject({ status: 'pending_review', platform_phase: 'shipped' });
    expect(timeline(id!).at(-1)).toMatchObject({ type: 'transition_refused' });
    expect(JSON.parse(timeline(id!).at(-1)!.d)).toMatchObject({ to: 'shipped', source: 'platform', refusal: { code: 'no_transition' } });
    expect(f.count(`SELECT count(*) FROM audit_log WHERE action = 'transition_refused' AND entity_id = ?`, id)).toBe(1);
  });

  it('the upsert writes the platform’s word, never our status: a new status word of the same phase moves nothing', () => {
    const o = order('W1');
    const [id] = f.ingest(o);
    f.run((tx) => f.flow.lifecycle.transition(tx, { orderId: id!, to: 'to_route', source: 'person', permissions: ['orders.review'] }));
    f.ingest({ ...o, platformStatus: 'SELLER_CONSIGNED_PART', platformUpdatedAt: o.platformUpdatedAt + 1 });
    expect(f.row(id!)).toMatchObject({ status: 'to_route', platform_status: 'SELLER_CONSIGNED_PART', platform_phase: 'paid' });
  });

  it('an unpaid order waits in 待付款 and enters review when the platform says paid', () => {
    const o = order('U1', { phase: 'unpaid', paidAt: null, platformStatus: 'WAIT_BUYER_PAY' });
    const [id] = f.ingest(o);
    expect(f.row(id!)).toMatchObject({ status: 'pending_payment', sla_due_at: null });
    f.ingest({ ...o, phase: 'paid', paidAt: o.createdAt + 60_000, platformStatus: 'WAIT_SELLER_SEND_GOODS', platformUpdatedAt: o.platformUpdatedAt + 1 });
    expect(statusOf(id!)).toBe('pending_review');
  });
});

describe('a rule that settles its own hold', () => {
  it('releases it without the machine re-running the rule: the rule moves the order itself, once', () => {
    const { lifecycle, holds } = f.flow;
    let stock = 0;
    let routed = 0;
    const route = (tx: Parameters<Parameters<typeof lifecycle.onEnter>[1]>[0], id: string) => {
      routed++;
      if (!stock) return void holds.open(tx, id, { type: 'stock', code: 'short', params: { missing: 1 } });
      for (const h of holds.openFor(id)) if (h.type === 'stock') holds.release(tx, h.id, { code: 'stock_arrived' });
      lifecycle.transition(tx, { orderId: id, to: 'to_ship', source: 'rule', fields: { warehouseId: f.warehouseId } });
    };
    lifecycle.onEnter('to_route', route);
    const [id] = f.ingest(order('RS1'));
    f.run((tx) => lifecycle.transition(tx, { orderId: id!, to: 'to_route', source: 'rule' }));
    expect(f.row(id!)).toMatchObject({ status: 'to_route', hold: 'stock' });
    stock = 5;
    f.run((tx) => route(tx, id!)); // stock arrived: the rule tries again
    expect(f.row(id!)).toMatchObject({ status: 'to_ship', hold: null });
    expect(routed).toBe(2); // the release did not set the route hook off a third time
  });
});

describe('可合单 groups follow the machine', () => {
  it('an order the warehouse starts leaves its group, whoever moved it', () => {
    const address = { receiverName: '郑*', receiverPhone: '137****2222', province: '浙江省', city: '绍兴市', district: '越城区', detail: '解放路9号' };
    const [a, b] = f.ingest(order('G1', { address }), order('G2', { address }));
    expect(f.row(a!).merge_group).toBeTruthy();
    expect(f.row(b!).merge_group).toBe(f.row(a!).merge_group);
    const ops = { source: 'person' as const, permissions: ['orders.review', 'orders.changeStatus', 'fulfillment.ship'] as const };
    f.run((tx) => {
      f.flow.lifecycle.transition(tx, { orderId: a!, to: 'to_route', ...ops });
      f.flow.lifecycle.transition(tx, { orderId: a!, to: 'to_ship', ...ops, fields: { warehouseId: f.warehouseId } });
      expect(f.flow.lifecycle.transition(tx, { orderId: a!, to: 'picking', ...ops })).toMatchObject({ ok: true });
    });
    expect([f.row(a!).merge_group, f.row(b!).merge_group]).toEqual([null, null]);
  });
});

describe('with the rules’ hooks: review, routing, holds', () => {
  beforeEach(() => {
    const { lifecycle, holds } = f.flow;
    lifecycle.onEnter('pending_review', (tx, id) => {
      if (holds.openFor(id).length) return;
      if ((f.row(id).paid_fen as number) > 50_000) holds.open(tx, id, { type: 'review', code: 'amount_over', params: { thresholdFen: 50_000 } });
      else lifecycle.transition(tx, { orderId: id, to: 'to_route', source: 'rule' });
    });
    lifecycle.onEnter('to_route', (tx, id) => void lifecycle.transition(tx, { orderId: id, to: 'to_ship', source: 'rule', fields: { warehouseId: f.warehouseId } }));
  });

  it('a plain paid order is reviewed and routed on arrival; a big one waits held for a person', () => {
    const [small, big] = f.ingest(order('H1'), order('H2', { paidFen: 99_900, goodsFen: 99_900 }));
    expect(f.row(small!)).toMatchObject({ status: 'to_ship', warehouse_id: f.warehouseId });
    expect(f.row(big!)).toMatchObject({ status: 'pending_review', hold: 'review' });
    // The person's release is the approval: routed at once.
    const h = f.flow.holds.openFor(big!)[0]!;
    f.run((tx) => f.flow.holds.release(tx, h.id, { code: 'checked_ok' }, { source: 'person', permissions: ['orders.review'] }));
    expect(f.row(big!)).toMatchObject({ status: 'to_ship', hold: null });
  });

  it('the platform’s "do not ship yet" holds the order before review; when it stops, review runs again', () => {
    const o = order('P1', { platformStatus: 'PAID_FORBID_CONSIGN', platformPaused: true });
    const [id] = f.ingest(o);
    expect(f.row(id!)).toMatchObject({ status: 'pending_review', hold: 'platform' });
    expect(f.flow.holds.openFor(id!)).toMatchObject([{ type: 'platform', code: 'platform_paused', params: { platformStatus: 'PAID_FORBID_CONSIGN' } }]);
    f.ingest({ ...o, platformStatus: 'WAIT_SELLER_SEND_GOODS', platformPaused: false, platformUpdatedAt: o.platformUpdatedAt + 1 });
    expect(f.row(id!)).toMatchObject({ status: 'to_ship', hold: null });
    expect(f.flow.holds.historyOf(id!)[0]).toMatchObject({ releaseCode: 'platform_resumed' });
  });

  it('an unknown status word is held; once the dictionary knows it the hold is released', () => {
    const o = order('N1', { phase: null, platformStatus: 'BRAND_NEW_WORD' });
    const [id] = f.ingest(o);
    expect(f.row(id!)).toMatchObject({ status: 'pending_review', platform_phase: null, hold: 'unmapped_status' });
    f.ingest({ ...o, phase: 'paid', platformUpdatedAt: o.platformUpdatedAt + 1 });
    expect(f.row(id!)).toMatchObject({ status: 'to_ship', platform_phase: 'paid', hold: null });
  });

  it('an address changed after payment wins, is flagged, keeps its history and is routed again', () => {
    const rerouted: string[] = [];
    f.flow.lifecycle.onReroute((_tx, id, why) => rerouted.push(`${id}:${why.code}`));
    const o = order('AD1');
    const [id] = f.ingest(o);
    expect(statusOf(id!)).toBe('to_ship');
    f.ingest({ ...o, address: { ...o.address, detail: '文一西路969号' }, platformUpdatedAt: o.platformUpdatedAt + 1 });
    expect(f.row(id!)).toMatchObject({ address_detail: '文一西路969号', status: 'to_ship' }); // routed again (back to 待分仓, routed on)
    expect(f.row(id!).address_changed_at).toBeTypeOf('number');
    expect(rerouted).toEqual([`${id}:address_changed`]);
    expect(f.count('SELECT count(*) FROM order_addresses WHERE order_id = ?', id)).toBe(2);
    const moves = timeline(id!).filter((e) => e.to).map((e) => e.to);
    expect(moves).toEqual(['pending_review', 'to_route', 'to_ship', 'to_route', 'to_ship']);
  });
});
