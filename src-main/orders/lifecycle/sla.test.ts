import { describe, expect, it } from 'vitest';
import { machineDefinition } from '../../../src-shared/lifecycle';
import { DEFAULT_MACHINE } from './default-machine';
import { slaClock, slaMinutes } from './sla';

const H = 3_600_000;

describe('SLA clocks', () => {
  it('待审核 is due in 2 h, paid → shipped in 24 h: the nearer one is the clock', () => {
    const c = slaClock(DEFAULT_MACHINE, { status: 'pending_review', statusAt: 10 * H, paidAt: 9 * H, channelId: 'c', grade: null });
    expect(c).toEqual({ stateDueAt: 12 * H, shipDueAt: 33 * H, dueAt: 12 * H });
    expect(slaClock(DEFAULT_MACHINE, { status: 'to_ship', statusAt: 10 * H, paidAt: 9 * H, channelId: 'c', grade: null }))
      .toEqual({ stateDueAt: null, shipDueAt: 33 * H, dueAt: 33 * H });
  });

  it('stops when the parcel has left or before payment', () => {
    for (const status of ['shipped', 'completed', 'cancelled', 'pending_payment'] as const) {
      expect(slaClock(DEFAULT_MACHINE, { status, statusAt: 10 * H, paidAt: 9 * H, channelId: 'c', grade: null }).dueAt).toBeNull();
    }
  });

  it('the most specific limit wins: shop + grade, shop, grade, default', () => {
    const spec = { minutes: 1440, overrides: [{ channelId: 'tmall', minutes: 2880 }, { grade: 'A' as const, minutes: 720 }, { channelId: 'tmall', grade: 'A' as const, minutes: 600 }] };
    expect(slaMinutes(spec, 'pdd', null)).toBe(1440);
    expect(slaMinutes(spec, 'tmall', 'C')).toBe(2880);
    expect(slaMinutes(spec, 'pdd', 'A')).toBe(720);
    expect(slaMinutes(spec, 'tmall', 'A')).toBe(600);
    const m = machineDefinition.parse({ ...DEFAULT_MACHINE, shipSla: spec });
    expect(slaClock(m, { status: 'to_ship', statusAt: 0, paidAt: 0, channelId: 'tmall', grade: 'B' }).shipDueAt).toBe(48 * H);
  });
});
