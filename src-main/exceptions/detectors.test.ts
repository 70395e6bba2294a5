import { describe, expect, it } from 'vitest';
import { DETECTOR_CODES, type DetectorCode } from '../../src-shared/exceptions';
import { causeText } from '../../src-shared/exception-words';
import { DETECTOR_BY_CODE, DETECTORS } from './detectors';
import { decide } from './evaluate';
import { orderFacts, type OrderDetectorFacts } from './facts';

const NOW = Date.UTC(2026, 10, 20, 4, 0, 0);
const MIN = 60_000;

/** An order's facts as the reader builds them (pure), from a few row fields. */
function facts(o: Partial<Parameters<typeof orderFacts>[0]> = {}, extra: {
  holds?: { type: string; code: string }[]; ship?: Parameters<typeof orderFacts>[2]; pickAt?: number | null; missing?: string | null; purchases?: Map<string, number>; tracking?: boolean;
} = {}): OrderDetectorFacts {
  return orderFacts(
    { id: 'o1', status: 'to_ship', platformPhase: 'paid', paidAt: NOW - 30 * 60 * MIN, slaDueAt: NOW + 60 * MIN, trackingNo: null, carrier: null, addressChangedAt: null, channelId: 'ch', kind: 'taobao', warehouseId: 'wh', ...o },
    extra.holds ?? [], extra.ship ?? null, extra.pickAt ?? null, extra.missing ?? null, extra.purchases ?? new Map(), NOW, extra.tracking ?? true,
  );
}

function opens(code: DetectorCode, f: OrderDetectorFacts | object): ReturnType<typeof decide> {
  const d = DETECTOR_BY_CODE.get(code)!;
  const withLimits = 'order' in f ? { ...(f as OrderDetectorFacts), limits: d.limits } : { ...f, limits: d.limits };
  return decide(d, withLimits, null, false);
}

const ship = (p: Partial<NonNullable<Parameters<typeof orderFacts>[2]>>) => ({ orderId: 'o1', carrierCode: 'yuantong', state: 'created' as const, createdAt: NOW - 3 * 60 * MIN, pickedUpAt: null, lastEventAt: null, ...p });

describe('built-in detectors (#12 §1), one condition each', () => {
  it('every detector code has a definition', () => {
    expect(DETECTORS.map((d) => d.code).sort()).toEqual([...DETECTOR_CODES].sort());
  });

  it('paid and not shipped past its SLA: a warning, critical after 24 h overdue; in time: nothing', () => {
    expect(opens('ship_overdue', facts()).kind).toBe('none');
    const late = opens('ship_overdue', facts({ slaDueAt: NOW - 90 * MIN }));
    expect(late).toMatchObject({ kind: 'open', severity: 'warning', params: { overdueMinutes: 90, status: 'to_ship' } });
    expect(opens('ship_overdue', facts({ slaDueAt: NOW - 25 * 60 * MIN }))).toMatchObject({ kind: 'open', severity: 'critical', params: { escalated: true } });
    // Not paid yet, or already on its way: not this cause.
    expect(opens('ship_overdue', facts({ slaDueAt: NOW - 90 * MIN, status: 'pending_payment', paidAt: null })).kind).toBe('none');
    expect(opens('ship_overdue', facts({ slaDueAt: NOW - 90 * MIN, status: 'shipped' })).kind).toBe('none');
    expect(causeText('ship_overdue', (late as { params: Record<string, unknown> }).params, 'zh')).toBe('超过承诺时效 1 小时 30 分，当前待发货');
  });

  it('marked shipped without a tracking number', () => {
    expect(opens('shipped_no_tracking', facts({ status: 'shipped' })).kind).toBe('open');
    expect(opens('shipped_no_tracking', facts({ status: 'shipped', trackingNo: 'YT1' })).kind).toBe('none');
    expect(opens('shipped_no_tracking', facts({ status: 'to_ship' })).kind).toBe('none');
  });

  it('tracking number with no pickup scan: nothing before 2 h, a warning after, critical (raise with the carrier) after 24 h', () => {
    expect(opens('no_pickup', facts({ status: 'handed_over' }, { ship: ship({ createdAt: NOW - 60 * MIN }) })).kind).toBe('none');
    expect(opens('no_pickup', facts({ status: 'handed_over' }, { ship: ship({}) }))).toMatchObject({ kind: 'open', severity: 'warning' });
    const raise = opens('no_pickup', facts({ status: 'handed_over' }, { ship: ship({ createdAt: NOW - 25 * 60 * MIN }) }));
    expect(raise).toMatchObject({ kind: 'open', severity: 'critical' });
    expect(causeText('no_pickup', (raise as { params: Record<string, unknown> }).params, 'zh')).toBe('运单号生成 25 小时 仍未揽收，请联系快递处理');
    // Picked up, or a carrier tracking cannot follow, or tracking off on this PC: not this cause.
    expect(opens('no_pickup', facts({ status: 'shipped' }, { ship: ship({ state: 'in_transit', pickedUpAt: NOW - 2 * 60 * MIN }) })).kind).toBe('none');
    expect(opens('no_pickup', facts({ status: 'handed_over' }, { ship: ship({ carrierCode: null }) })).kind).toBe('none');
    expect(opens('no_pickup', facts({ status: 'handed_over' }, { ship: ship({}), tracking: false })).kind).toBe('none');
  });

  it('no movement for 48 h after pickup', () => {
    const moving = ship({ state: 'in_transit', pickedUpAt: NOW - 72 * 60 * MIN, lastEventAt: NOW - 47 * 60 * MIN });
    expect(opens('no_movement', facts({ status: 'shipped' }, { ship: moving })).kind).toBe('none');
    expect(opens('no_movement', facts({ status: 'shipped' }, { ship: { ...moving, lastEventAt: NOW - 49 * 60 * MIN } })).kind).toBe('open');
    expect(opens('no_movement', facts({ status: 'delivered' }, { ship: { ...moving, state: 'delivered', lastEventAt: NOW - 49 * 60 * MIN } })).kind).toBe('none');
  });

  it('delivered-failed or returned by the carrier, needing service and finance', () => {
    for (const state of ['problem', 'returning', 'returned', 'refused'] as const) {
      expect(opens('delivery_failed', facts({ status: 'shipped' }, { ship: ship({ state, pickedUpAt: NOW - 100 * MIN }) })).kind).toBe('open');
    }
    expect(opens('delivery_failed', facts({ status: 'shipped' }, { ship: ship({ state: 'in_transit' }) })).kind).toBe('none');
    expect(DETECTOR_BY_CODE.get('delivery_failed')!.confirmations).toEqual(['service', 'finance']);
  });

  it('stock short with no purchase under way (采购协同失效); a purchase expected later keeps it quiet, a late one does not', () => {
    const missing = JSON.stringify([{ skuCode: 'SKU-1', warehouseId: 'wh', need: 2, available: 0 }]);
    const short = { holds: [{ type: 'stock', code: 'stock_short' }], missing };
    expect(opens('stock_short_no_purchase', facts({ status: 'to_route' }, short))).toMatchObject({ kind: 'open', params: { missingSkus: ['SKU-1'] } });
    expect(opens('stock_short_no_purchase', facts({ status: 'to_route' }, { ...short, purchases: new Map([['SKU-1', NOW + 86_400_000]]) })).kind).toBe('none');
    expect(opens('stock_short_no_purchase', facts({ status: 'to_route' }, { ...short, purchases: new Map([['SKU-1', NOW - 1]]) })).kind).toBe('open');
    expect(opens('stock_short_no_purchase', facts({ status: 'to_route' })).kind).toBe('none');
  });

  it('suspected duplicate, unmapped platform status and quality hold read the order\'s open holds and phase', () => {
    expect(opens('suspected_duplicate', facts({}, { holds: [{ type: 'suspect_duplicate', code: 'same_buyer_items' }] })).kind).toBe('open');
    expect(opens('suspected_duplicate', facts()).kind).toBe('none');
    expect(opens('unmapped_status', facts({ platformPhase: null })).kind).toBe('open');
    expect(opens('unmapped_status', facts()).kind).toBe('none');
    expect(opens('quality_hold', facts({}, { holds: [{ type: 'quality', code: 'batch_frozen' }] }))).toMatchObject({ kind: 'open', severity: 'critical' });
  });

  it('address changed after the pick list was printed (picking started), never before it', () => {
    expect(opens('address_changed_after_pick', facts({ status: 'packed', addressChangedAt: NOW - 10 * MIN }, { pickAt: NOW - 60 * MIN })).kind).toBe('open');
    expect(opens('address_changed_after_pick', facts({ status: 'packed', addressChangedAt: NOW - 90 * MIN }, { pickAt: NOW - 60 * MIN })).kind).toBe('none');
    expect(opens('address_changed_after_pick', facts({ status: 'to_ship', addressChangedAt: NOW - 10 * MIN }, { pickAt: null })).kind).toBe('none');
  });

  it('a shop, the ERP bridge or sync failing longer than its threshold; paused is not failing', () => {
    const subject = (failing: boolean, failingMinutes: number | null) => ({ subject: { name: '天猫旗舰店', failing, failingMinutes, lastError: '27 Invalid session' } });
    expect(opens('channel_failing', subject(true, 20)).kind).toBe('none');
    const open = opens('channel_failing', subject(true, 31));
    expect(open).toMatchObject({ kind: 'open', severity: 'critical' });
    expect(causeText('channel_failing', (open as { params: Record<string, unknown> }).params, 'zh')).toBe('天猫旗舰店 已连续失败 31 分钟（27 Invalid session）');
    expect(opens('erp_failing', subject(true, 61)).kind).toBe('open');
    expect(opens('sync_failing', subject(false, null)).kind).toBe('none');
  });

  it('opens once: an open exception of the same cause is kept (escalated when it gets worse), cleared when the condition is false', () => {
    const d = DETECTOR_BY_CODE.get('ship_overdue')!;
    const late = { ...facts({ slaDueAt: NOW - 90 * MIN }), limits: d.limits };
    expect(decide(d, late, { id: 'e1', severity: 'warning' }, false).kind).toBe('none');
    expect(decide(d, { ...facts({ slaDueAt: NOW - 25 * 60 * MIN }), limits: d.limits }, { id: 'e1', severity: 'warning' }, false)).toMatchObject({ kind: 'escalate', severity: 'critical' });
    expect(decide(d, { ...facts({ status: 'shipped', slaDueAt: null }), limits: d.limits }, { id: 'e1', severity: 'warning' }, false)).toMatchObject({ kind: 'clear', params: { status: 'shipped' } });
    // Closed by a person while still true: not again until it clears once.
    expect(decide(d, late, null, true).kind).toBe('none');
    expect(decide(d, { ...facts(), limits: d.limits }, null, true).kind).toBe('rearm');
  });
});
