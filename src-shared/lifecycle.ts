import { z } from 'zod';
import { CUSTOMER_GRADES, ORDER_STATUSES, type OrderStatus } from './orders';
import { PERMISSIONS } from './roles';

/**
 * The order state machine as data: which states exist, which transitions are allowed, and
 * each transition's guards (who may trigger it, from which source, with which fields), plus
 * an SLA per state and for paid → shipped. The ops lead edits it on a screen; every save is a
 * new version, and an order keeps the version it entered under.
 */

/** What triggered a transition: a person (a call), a rule, a barcode scan, a carrier event, a platform phase, the system. */
export const TRIGGER_SOURCES = ['person', 'rule', 'scan', 'carrier', 'platform', 'system'] as const;
export type TriggerSource = (typeof TRIGGER_SOURCES)[number];

export const TRIGGER_SOURCE_LABELS: Record<TriggerSource, { zh: string; en: string }> = {
  person: { zh: '人工操作', en: 'A person' },
  rule: { zh: '规则', en: 'A rule' },
  scan: { zh: '扫码', en: 'A scan' },
  carrier: { zh: '物流事件', en: 'A carrier event' },
  platform: { zh: '平台状态', en: 'The platform' },
  system: { zh: '系统', en: 'The system' },
};

/** Fields a transition can require; each is taken from the request or, failing that, from the order. */
export const REQUIRED_FIELDS = ['trackingNo', 'carrier', 'warehouse', 'reason'] as const;
export type RequiredField = (typeof REQUIRED_FIELDS)[number];

export const REQUIRED_FIELD_LABELS: Record<RequiredField, { zh: string; en: string }> = {
  trackingNo: { zh: '运单号', en: 'Tracking number' },
  carrier: { zh: '快递公司', en: 'Carrier' },
  warehouse: { zh: '发货仓', en: 'Warehouse' },
  reason: { zh: '原因', en: 'Reason' },
};

/** States the code itself relies on (entry, routing, shipment, cancel, merge): they cannot be taken out. */
export const REQUIRED_STATES = [
  'pending_payment', 'pending_review', 'to_route', 'to_ship', 'shipped', 'completed', 'cancelled', 'closed', 'merged',
] as const satisfies readonly OrderStatus[];

/** Sources that report facts (the parcel did leave): holds never refuse them. */
export const FACT_SOURCES: readonly TriggerSource[] = ['platform', 'carrier'];
/** Sources where a person acts: the transition's permission is checked for them. */
export const PERSON_SOURCES: readonly TriggerSource[] = ['person', 'scan'];

const minutes = z.number().int().min(1).max(60 * 24 * 90);

export const slaSpec = z.object({
  /** Default minutes allowed. */
  minutes,
  /** More specific limits: by shop (channel id), by customer grade, or both; the most specific wins. */
  overrides: z
    .array(z.object({ channelId: z.string().min(1).max(64).optional(), grade: z.enum(CUSTOMER_GRADES).optional(), minutes }))
    .max(200)
    .default([]),
});
export type SlaSpec = z.output<typeof slaSpec>;

export const stateSpec = z.object({
  status: z.enum(ORDER_STATUSES),
  /** How long an order may stay in this state; null = no clock. */
  sla: slaSpec.nullable().default(null),
});
export type StateSpec = z.output<typeof stateSpec>;

export const transitionSpec = z.object({
  from: z.enum(ORDER_STATUSES),
  to: z.enum(ORDER_STATUSES),
  /** The permission a person (or a person's scan) needs; null = any signed-in person with the source allowed. */
  permission: z.enum(PERMISSIONS).nullable(),
  sources: z.array(z.enum(TRIGGER_SOURCES)).min(1).max(TRIGGER_SOURCES.length),
  requires: z.array(z.enum(REQUIRED_FIELDS)).max(REQUIRED_FIELDS.length).default([]),
  /** Refused while the order has open holds (facts from the platform or a carrier still pass). */
  holdsBlock: z.boolean().default(false),
});
export type TransitionSpec = z.output<typeof transitionSpec>;

const machineShape = z.object({
  states: z.array(stateSpec).min(1).max(ORDER_STATUSES.length),
  transitions: z.array(transitionSpec).max(400),
  /** paid → shipped: the promise to the buyer, per shop and customer grade. */
  shipSla: slaSpec.nullable().default(null),
});

/** A machine definition, checked for soundness (the editor shows these messages by path). */
export const machineDefinition = machineShape.superRefine((m, ctx) => {
  const seen = new Set<OrderStatus>();
  m.states.forEach((s, i) => {
    if (seen.has(s.status)) ctx.addIssue({ code: 'custom', path: ['states', i, 'status'], message: `状态重复：${s.status}` });
    seen.add(s.status);
  });
  for (const r of REQUIRED_STATES) {
    if (!seen.has(r)) ctx.addIssue({ code: 'custom', path: ['states'], message: `必须保留的状态缺失：${r}` });
  }
  const pairs = new Set<string>();
  m.transitions.forEach((t, i) => {
    const at = (k: string) => ['transitions', i, k];
    if (!seen.has(t.from)) ctx.addIssue({ code: 'custom', path: at('from'), message: `起始状态不在状态机中：${t.from}` });
    if (!seen.has(t.to)) ctx.addIssue({ code: 'custom', path: at('to'), message: `目标状态不在状态机中：${t.to}` });
    if (t.from === t.to) ctx.addIssue({ code: 'custom', path: at('to'), message: `起止状态相同：${t.to}` });
    const key = `${t.from}>${t.to}`;
    if (pairs.has(key)) ctx.addIssue({ code: 'custom', path: at('to'), message: `转换重复：${t.from} → ${t.to}` });
    pairs.add(key);
    if ((t.to === 'merged' || t.from === 'merged') && t.sources.some((s) => s !== 'system')) {
      ctx.addIssue({ code: 'custom', path: at('sources'), message: '合单与撤销合单只能由系统执行' });
    }
  });
  for (const s of m.states) {
    if (s.status === 'completed' || s.status === 'cancelled' || s.status === 'closed' || s.status === 'merged') continue;
    if (!m.transitions.some((t) => t.from === s.status)) {
      ctx.addIssue({ code: 'custom', path: ['transitions'], message: `状态 ${s.status} 没有任何出口` });
    }
  }
});
export type MachineDefinition = z.output<typeof machineDefinition>;
export type MachineDefinitionInput = z.input<typeof machineDefinition>;

/** A saved version of the machine, as lifecycle.get returns it. */
export interface MachineVersion {
  version: number;
  definition: MachineDefinition;
  /** Null for the built-in first version. */
  savedAt: number | null;
  savedBy: string | null;
  note: string | null;
}

/**
 * Why a transition was refused. Every refusal carries one of these codes and its parameters,
 * is audited, and is shown in words by the reader's language.
 */
export const REFUSAL_CODES = [
  'not_found', // params: {}
  'conflict', // params: {expectedVersion, version, changes}
  'same_state', // params: {status}
  'unknown_state', // params: {status, machineVersion}
  'no_transition', // params: {from, to, machineVersion}
  'source_not_allowed', // params: {from, to, source, allowed}
  'permission', // params: {permission}
  'field_required', // params: {field}
  'invalid_field', // params: {field, value}: e.g. a warehouse that does not exist
  'holds_open', // params: {holds: [{type, code}]}
  'force_permission', // params: {permission}
  'force_reason', // params: {}
  'loop', // params: {depth}: hooks moved the order back and forth without settling
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface Refusal {
  code: RefusalCode;
  params: Record<string, unknown>;
}

/** A change to one order since the version a person saw (for `conflict`). */
export interface OrderChange {
  at: number;
  by: string | null;
  fields: string[];
}

/** Time on an order's SLA clocks. `stateDueAt`: leave the current state by; `shipDueAt`: ship by. */
export interface SlaClock {
  stateDueAt: number | null;
  shipDueAt: number | null;
  /** The nearer of the two while it still applies. */
  dueAt: number | null;
}
