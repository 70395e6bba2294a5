import { machineDefinition, type MachineDefinition, type RequiredField, type TransitionSpec, type TriggerSource } from '../../../src-shared/lifecycle';
import type { OrderStatus } from '../../../src-shared/orders';
import type { Permission } from '../../../src-shared/roles';

/**
 * Version 1 of the machine, built in (never stored; saved versions start at 2). Frozen: orders
 * that entered under it keep these rules, so a change here would rewrite history — save a new
 * version on the editor instead.
 */
const PRE_SHIP: OrderStatus[] = ['pending_review', 'to_route', 'to_ship', 'picking', 'packed'];
const MERGEABLE: OrderStatus[] = ['pending_review', 'to_route', 'to_ship'];

function t(
  from: OrderStatus | OrderStatus[],
  to: OrderStatus,
  permission: Permission | null,
  sources: TriggerSource[],
  opts: { requires?: RequiredField[]; holdsBlock?: boolean } = {},
): TransitionSpec[] {
  return (Array.isArray(from) ? from : [from]).map((f) => ({
    from: f, to, permission, sources, requires: opts.requires ?? [], holdsBlock: opts.holdsBlock ?? false,
  }));
}

const PEOPLE_AND_FACTS: TriggerSource[] = ['person', 'platform', 'system'];

export const DEFAULT_MACHINE: MachineDefinition = machineDefinition.parse({
  states: [
    { status: 'pending_payment', sla: null },
    // 待审核 ≤ 2 h: a person (or the review rules) decides quickly.
    { status: 'pending_review', sla: { minutes: 120, overrides: [] } },
    { status: 'to_route', sla: { minutes: 60, overrides: [] } },
    { status: 'to_ship', sla: null },
    { status: 'picking', sla: null },
    { status: 'packed', sla: null },
    { status: 'handed_over', sla: null },
    { status: 'shipped', sla: null },
    { status: 'delivered', sla: null },
    { status: 'completed', sla: null },
    { status: 'cancelled', sla: null },
    { status: 'closed', sla: null },
    { status: 'merged', sla: null },
  ],
  // paid → shipped within 24 h unless the ops lead sets a shop or customer grade apart (e.g. 48 h).
  shipSla: { minutes: 24 * 60, overrides: [] },
  transitions: [
    ...t('pending_payment', 'pending_review', 'orders.changeStatus', ['platform', 'system', 'person']),
    ...t('pending_payment', 'cancelled', 'orders.close', PEOPLE_AND_FACTS, { requires: ['reason'] }),

    ...t('pending_review', 'to_route', 'orders.review', ['rule', 'person', 'system'], { holdsBlock: true }),
    ...t('to_route', 'pending_review', 'orders.review', ['rule', 'person', 'system']),
    ...t('to_route', 'to_ship', 'orders.changeStatus', ['rule', 'person', 'system'], { requires: ['warehouse'], holdsBlock: true }),
    ...t('to_ship', 'to_route', 'orders.changeStatus', ['rule', 'person', 'system']),

    ...t('to_ship', 'picking', 'fulfillment.ship', ['scan', 'person', 'system'], { holdsBlock: true }),
    ...t('picking', 'packed', 'fulfillment.ship', ['scan', 'person', 'system'], { holdsBlock: true }),
    ...t(['picking', 'packed'], 'to_ship', 'fulfillment.ship', ['person', 'system']),
    ...t(['to_ship', 'picking', 'packed'], 'handed_over', 'fulfillment.ship', ['scan', 'person'], { requires: ['trackingNo'], holdsBlock: true }),
    ...t('handed_over', 'to_ship', 'fulfillment.ship', ['person']),
    ...t('handed_over', 'shipped', 'fulfillment.ship', ['carrier', 'platform', 'scan', 'person', 'system'], { requires: ['trackingNo'] }),
    // Shipped from the platform's back office (or a person records it): the fact wins, holds or not.
    ...t(PRE_SHIP, 'shipped', 'fulfillment.ship', ['platform', 'person'], { requires: ['trackingNo'], holdsBlock: true }),

    ...t('shipped', 'delivered', 'orders.changeStatus', ['carrier', 'platform', 'person', 'system']),
    ...t(['shipped', 'delivered'], 'completed', 'orders.changeStatus', ['platform', 'system', 'person']),
    // Virtual goods, self-pickup: the platform completes what never shipped.
    ...t([...PRE_SHIP, 'handed_over'], 'completed', null, ['platform']),

    ...t(PRE_SHIP, 'cancelled', 'orders.close', PEOPLE_AND_FACTS, { requires: ['reason'] }),
    ...t(['handed_over', 'shipped', 'delivered', 'completed'], 'closed', 'orders.close', ['platform', 'person'], { requires: ['reason'] }),

    ...t(MERGEABLE, 'merged', null, ['system']),
    ...MERGEABLE.flatMap((s) => t('merged', s, null, ['system'])),
  ],
});
