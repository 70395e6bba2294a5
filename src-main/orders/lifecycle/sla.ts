import type { MachineDefinition, SlaClock, SlaSpec } from '../../../src-shared/lifecycle';
import { isPreShipment, type CustomerGrade, type OrderStatus } from '../../../src-shared/orders';

const MIN = 60_000;

/** The limit that applies: shop + grade, else shop, else grade, else the default. */
export function slaMinutes(spec: SlaSpec, channelId: string, grade: CustomerGrade | null): number {
  const o = spec.overrides;
  return (
    o.find((x) => x.channelId === channelId && x.grade !== undefined && x.grade === grade)?.minutes ??
    o.find((x) => x.channelId === channelId && x.grade === undefined)?.minutes ??
    o.find((x) => x.channelId === undefined && x.grade !== undefined && x.grade === grade)?.minutes ??
    spec.minutes
  );
}

export interface ClockInput {
  status: OrderStatus;
  statusAt: number;
  paidAt: number | null;
  channelId: string;
  grade: CustomerGrade | null;
}

/**
 * An order's SLA clocks under its machine version: leave the current state by (the state's
 * SLA) and ship by (paid → shipped), the latter only while the order is paid and not shipped.
 */
export function slaClock(m: MachineDefinition, o: ClockInput): SlaClock {
  const state = m.states.find((s) => s.status === o.status);
  const stateDueAt = state?.sla ? o.statusAt + slaMinutes(state.sla, o.channelId, o.grade) * MIN : null;
  const shipDueAt = m.shipSla && o.paidAt !== null && isPreShipment(o.status) && o.status !== 'pending_payment'
    ? o.paidAt + slaMinutes(m.shipSla, o.channelId, o.grade) * MIN
    : null;
  const dues = [stateDueAt, shipDueAt].filter((x): x is number => x !== null);
  return { stateDueAt, shipDueAt, dueAt: dues.length ? Math.min(...dues) : null };
}
