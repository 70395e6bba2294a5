import { FACT_SOURCES, PERSON_SOURCES, type MachineDefinition, type Refusal, type TransitionSpec } from '../../../src-shared/lifecycle';
import type { OrderHold, OrderStatus } from '../../../src-shared/orders';
import type { TransitionRequest } from './types';

/** What the guards need to know about the order (read inside the transaction). */
export interface OrderSnapshot {
  status: OrderStatus;
  trackingNo: string | null;
  carrier: string | null;
  warehouseId: string | null;
  openHolds: readonly { type: OrderHold; code: string }[];
}

export const FORCE_PERMISSION = 'orders.intervene' as const;

/**
 * The machine's guards for one request, in the order a person would ask them: is there such a
 * move, may this source make it, may this person, is everything it needs there, is anything
 * holding the order. Pure: the property tests drive it with random machines and requests.
 * Returns null when the move is allowed.
 */
export function checkTransition(m: MachineDefinition, machineVersion: number, o: OrderSnapshot, req: TransitionRequest): Refusal | null {
  const { to, source } = req;
  if (o.status === to) return { code: 'same_state', params: { status: to } };
  if (!m.states.some((s) => s.status === to)) return { code: 'unknown_state', params: { status: to, machineVersion } };

  // Merging moves lines between orders: only the merge itself enters or leaves 已合并, never a forced move.
  if (req.force && (to === 'merged' || o.status === 'merged')) return { code: 'no_transition', params: { from: o.status, to, machineVersion } };
  if (req.force) {
    if (!req.permissions?.includes(FORCE_PERMISSION)) return { code: 'force_permission', params: { permission: FORCE_PERMISSION } };
    if (!req.reason?.code.trim()) return { code: 'force_reason', params: {} };
    return null;
  }

  const spec = findTransition(m, o.status, to);
  if (!spec) return { code: 'no_transition', params: { from: o.status, to, machineVersion } };
  if (!spec.sources.includes(source)) return { code: 'source_not_allowed', params: { from: o.status, to, source, allowed: spec.sources } };
  if (PERSON_SOURCES.includes(source) && spec.permission && !req.permissions?.includes(spec.permission)) {
    return { code: 'permission', params: { permission: spec.permission } };
  }
  // Facts (the platform, a carrier) report what already happened: missing fields and holds never refuse them.
  if (FACT_SOURCES.includes(source)) return null;
  for (const field of spec.requires) {
    if (!hasField(field, o, req)) return { code: 'field_required', params: { field } };
  }
  if (spec.holdsBlock && o.openHolds.length) {
    return { code: 'holds_open', params: { holds: o.openHolds.map((h) => ({ type: h.type, code: h.code })) } };
  }
  return null;
}

export function findTransition(m: MachineDefinition, from: OrderStatus, to: OrderStatus): TransitionSpec | undefined {
  return m.transitions.find((t) => t.from === from && t.to === to);
}

function hasField(field: TransitionSpec['requires'][number], o: OrderSnapshot, req: TransitionRequest): boolean {
  const present = (v: string | null | undefined) => typeof v === 'string' && v.trim() !== '';
  switch (field) {
    case 'trackingNo':
      return present(req.fields?.trackingNo) || present(o.trackingNo);
    case 'carrier':
      return present(req.fields?.carrier) || present(o.carrier);
    case 'warehouse':
      return present(req.fields?.warehouseId) || present(o.warehouseId);
    case 'reason':
      return present(req.reason?.code);
  }
}
