import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REFUSAL_CODES, TRIGGER_SOURCES, type MachineDefinition } from '../../../src-shared/lifecycle';
import { ORDER_STATUSES, type OrderStatus } from '../../../src-shared/orders';
import { PERMISSIONS } from '../../../src-shared/roles';
import { DEFAULT_MACHINE } from './default-machine';
import { checkTransition, findTransition, type OrderSnapshot } from './guards';

const order = (status: OrderStatus, p: Partial<OrderSnapshot> = {}): OrderSnapshot => ({
  status, trackingNo: null, carrier: null, warehouseId: null, openHolds: [], ...p,
});
const OPS = ['orders.review', 'orders.changeStatus', 'orders.close', 'fulfillment.ship', 'orders.intervene'] as const;

describe('the machine’s guards', () => {
  it('lets a person with the permission move an order along an allowed transition', () => {
    expect(checkTransition(DEFAULT_MACHINE, 1, order('pending_review'), { orderId: 'o', to: 'to_route', source: 'person', permissions: OPS })).toBeNull();
  });

  it('names the guard that refused: transition, source, permission, field, holds', () => {
    const m = DEFAULT_MACHINE;
    expect(checkTransition(m, 1, order('pending_payment'), { orderId: 'o', to: 'shipped', source: 'person', permissions: OPS }))
      .toEqual({ code: 'no_transition', params: { from: 'pending_payment', to: 'shipped', machineVersion: 1 } });
    expect(checkTransition(m, 1, order('pending_review'), { orderId: 'o', to: 'to_route', source: 'carrier' }))
      .toMatchObject({ code: 'source_not_allowed', params: { source: 'carrier' } });
    expect(checkTransition(m, 1, order('pending_review'), { orderId: 'o', to: 'to_route', source: 'person', permissions: ['orders.view'] }))
      .toEqual({ code: 'permission', params: { permission: 'orders.review' } });
    expect(checkTransition(m, 1, order('to_route'), { orderId: 'o', to: 'to_ship', source: 'rule' }))
      .toEqual({ code: 'field_required', params: { field: 'warehouse' } });
    expect(checkTransition(m, 1, order('to_route'), { orderId: 'o', to: 'to_ship', source: 'rule', fields: { warehouseId: 'w1' } })).toBeNull();
    expect(checkTransition(m, 1, order('to_ship'), { orderId: 'o', to: 'cancelled', source: 'person', permissions: OPS }))
      .toEqual({ code: 'field_required', params: { field: 'reason' } });
    expect(checkTransition(m, 1, order('to_ship', { openHolds: [{ type: 'quality', code: 'batch_frozen' }] }), { orderId: 'o', to: 'picking', source: 'scan', permissions: OPS }))
      .toEqual({ code: 'holds_open', params: { holds: [{ type: 'quality', code: 'batch_frozen' }] } });
  });

  it('takes the platform’s and a carrier’s word as facts: holds and missing fields never refuse them', () => {
    const held = order('to_ship', { openHolds: [{ type: 'manual', code: 'other' }] });
    expect(checkTransition(DEFAULT_MACHINE, 1, held, { orderId: 'o', to: 'shipped', source: 'platform' })).toBeNull();
    expect(checkTransition(DEFAULT_MACHINE, 1, held, { orderId: 'o', to: 'shipped', source: 'person', permissions: OPS, fields: { trackingNo: 'SF1' } }))
      .toMatchObject({ code: 'holds_open' });
  });

  it('forces a move only with orders.intervene and a reason', () => {
    const req = { orderId: 'o', to: 'completed' as const, source: 'person' as const, force: true };
    expect(checkTransition(DEFAULT_MACHINE, 1, order('pending_payment'), { ...req, permissions: ['orders.close'], reason: { code: 'other' } }))
      .toEqual({ code: 'force_permission', params: { permission: 'orders.intervene' } });
    expect(checkTransition(DEFAULT_MACHINE, 1, order('pending_payment'), { ...req, permissions: OPS }))
      .toEqual({ code: 'force_reason', params: {} });
    expect(checkTransition(DEFAULT_MACHINE, 1, order('pending_payment'), { ...req, permissions: OPS, reason: { code: 'other' } })).toBeNull();
    // Never into or out of 已合并: only a merge moves lines between orders.
    expect(checkTransition(DEFAULT_MACHINE, 1, order('to_ship'), { ...req, to: 'merged', permissions: OPS, reason: { code: 'other' } })).toMatchObject({ code: 'no_transition' });
  });

  it('property: whatever the machine and the request, an allowed unforced move is a transition of the machine that its source may make', () => {
    const status = fc.constantFrom(...ORDER_STATUSES);
    const machine = fc.subarray(DEFAULT_MACHINE.transitions).map((transitions): MachineDefinition => ({ ...DEFAULT_MACHINE, transitions }));
    const request = fc.record({
      to: status,
      source: fc.constantFrom(...TRIGGER_SOURCES),
      permissions: fc.subarray([...PERMISSIONS]),
      reason: fc.option(fc.constantFrom('other', 'buyer_request'), { nil: undefined }),
      tracking: fc.option(fc.constant('SF123'), { nil: undefined }),
      force: fc.boolean(),
    });
    fc.assert(fc.property(machine, status, request, fc.boolean(), (m, from, r, held) => {
      const o = order(from, held ? { openHolds: [{ type: 'manual', code: 'x' }] } : {});
      const refusal = checkTransition(m, 7, o, {
        orderId: 'o', to: r.to, source: r.source, permissions: r.permissions, force: r.force,
        ...(r.reason ? { reason: { code: r.reason } } : {}), ...(r.tracking ? { fields: { trackingNo: r.tracking } } : {}),
      });
      if (refusal) {
        expect(REFUSAL_CODES).toContain(refusal.code);
        return;
      }
      expect(r.to).not.toBe(from);
      if (r.force) {
        expect(r.permissions).toContain('orders.intervene');
        expect(r.reason).toBeDefined();
        return;
      }
      const t = findTransition(m, from, r.to)!;
      expect(t).toBeDefined();
      expect(t.sources).toContain(r.source);
      if ((r.source === 'person' || r.source === 'scan') && t.permission) expect(r.permissions).toContain(t.permission);
      if (t.holdsBlock && r.source !== 'platform' && r.source !== 'carrier') expect(held).toBe(false);
    }), { numRuns: 3000 });
  });
});
