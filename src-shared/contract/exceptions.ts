import { z } from 'zod';
import {
  DETECTOR_CODES, EXCEPTION_REASONS, EXCEPTION_STATES, EXCEPTION_TYPES, SEVERITIES,
  type CloseKind, type ConfirmRole, type DetectorCode, type ExceptionEventKind, type ExceptionState, type ExceptionType, type Severity,
  type ShipmentState, type SubjectKind,
} from '../exceptions';
import type { OrderStatus } from '../orders';
import { ROLES, type Role } from '../roles';
import { call, REPORT_DEADLINE_MS } from './define';
import { bilingual } from './bilingual';

/** Exceptions (#12 §1): the 异常 workspace, a person's actions on an exception, detector settings, purchase marks. */

const id = z.string().trim().min(1).max(64);
/** One exception (`id`) or several (`ids`, bulk from the workspace). */
const oneOrMany = { id: id.optional(), ids: z.array(id).min(1, '请至少选择一条异常').max(1000).optional() };
const oneOf = (x: { id?: string | undefined; ids?: string[] | undefined }) => (x.id === undefined) !== (x.ids === undefined);
const oneOfMessage = { message: bilingual('请指定一条或多条异常', 'name one exception or several'), path: ['ids'] };
const version = z.number().int().min(1);
const note = z.string().trim().max(500);
const CONFIRM_ROLES = ['ops_lead', 'service', 'warehouse', 'finance'] as const satisfies readonly ConfirmRole[];

/** A reason a person gives: a code and an optional note in their words (stored as code + params). */
export const exceptionReason = z.object({
  code: z.enum(EXCEPTION_REASONS),
  note: note.optional(),
});
export type ExceptionReasonInput = z.input<typeof exceptionReason>;

export interface ExceptionView {
  id: string;
  detector: DetectorCode;
  type: ExceptionType;
  subjectKind: SubjectKind;
  subjectId: string;
  orderId: string | null;
  platformOrderId: string | null;
  orderStatus: OrderStatus | null;
  channelId: string | null;
  shopName: string | null;
  /** The shop, ERP bridge or sync connection's name for system exceptions. */
  subjectName: string | null;
  severity: Severity;
  causeCode: string;
  causeParams: Record<string, unknown>;
  ownerRole: Role | null;
  ownerUserId: string | null;
  ownerName: string | null;
  state: ExceptionState;
  openedAt: number;
  dueAt: number;
  overdue: boolean;
  snoozedUntil: number | null;
  confirmations: ConfirmRole[];
  confirmed: { role: ConfirmRole; name: string | null; at: number; note: string | null }[];
  closedAt: number | null;
  closeKind: CloseKind | null;
  closeCode: string | null;
  closeParams: Record<string, unknown> | null;
  closedByName: string | null;
  version: number;
}

export interface ExceptionEventView {
  id: string;
  at: number;
  kind: ExceptionEventKind;
  actorName: string | null;
  code: string | null;
  params: Record<string, unknown>;
}

export interface ExceptionPage {
  rows: ExceptionView[];
  total: number;
}

/** Per tab: open (not snoozed) exceptions, overdue ones, and mine. */
export interface ExceptionCounts {
  byType: { type: ExceptionType; open: number; overdue: number }[];
  open: number;
  snoozed: number;
  mine: number;
}

/** Per person result of a bulk action: done, or refused with the reason in words. */
export type BulkOutcome = { id: string; ok: true } | { id: string; ok: false; message: string };

export interface DetectorView {
  code: DetectorCode;
  type: ExceptionType;
  enabled: boolean;
  severity: Severity;
  escalatesTo: Severity | null;
  ownerRole: Role;
  ownerUserId: string | null;
  ownerName: string | null;
  confirmations: ConfirmRole[];
  targetMinutes: number;
  limits: Record<string, number>;
  /** The condition, as data (JsonLogic). */
  when: unknown;
}

export interface PurchaseMarkView {
  id: string;
  skuCode: string;
  qty: number | null;
  expectedAt: number;
  note: string | null;
  createdAt: number;
  createdByName: string | null;
}

export interface ShipmentView {
  id: string;
  orderId: string;
  carrier: string | null;
  carrierCode: string | null;
  trackingNo: string;
  state: ShipmentState;
  createdAt: number;
  pickedUpAt: number | null;
  deliveredAt: number | null;
  lastEventAt: number | null;
  lastEventText: string | null;
  active: boolean;
  nextPollAt: number | null;
  events: { at: number; context: string; area: string | null; status: string | null }[];
}

/** 'active' = open or snoozed; 'all' = any state. */
export const LIST_STATES = [...EXCEPTION_STATES, 'active', 'all'] as const;

export const exceptionCalls = {
  'exceptions.list': call<ExceptionPage>()({
    input: z.object({
      type: z.enum(EXCEPTION_TYPES).optional(),
      state: z.enum(LIST_STATES).default('open'),
      ownerId: id.optional(),
      /** Assigned to me, or to my role and nobody in particular. */
      mine: z.boolean().default(false),
      orderId: id.optional(),
      detector: z.enum(DETECTOR_CODES).optional(),
      severity: z.enum(SEVERITIES).optional(),
      channelId: id.optional(),
      overdueOnly: z.boolean().default(false),
      /** Opened in [openedFrom, openedTo) (a half-life chart's day). */
      openedFrom: z.number().int().min(0).optional(),
      openedTo: z.number().int().min(0).optional(),
      offset: z.number().int().min(0).max(1_000_000).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }).strict(),
    access: 'exceptions.view',
    runs: 'read',
    deadlineMs: REPORT_DEADLINE_MS,
    summary: 'Exceptions, overdue first then oldest; filters by type, state, owner, order, detector, severity, shop.',
  }),
  'exceptions.counts': call<ExceptionCounts>()({
    input: z.object({}).strict(),
    access: 'exceptions.view',
    runs: 'read',
    deadlineMs: REPORT_DEADLINE_MS,
    summary: 'Counts for the 异常 workspace tabs (from the counters the write path keeps).',
  }),
  'exceptions.get': call<{ exception: ExceptionView; events: ExceptionEventView[]; shipment: ShipmentView | null }>()({
    input: z.object({ id }).strict(),
    access: 'exceptions.view',
    runs: 'read',
    deadlineMs: REPORT_DEADLINE_MS,
    summary: 'One exception with its history and, for an order, its parcel tracking.',
  }),
  'exceptions.assign': call<BulkOutcome[]>()({
    input: z.object({
      ...oneOrMany,
      /** A person, or a role (nobody in particular). */
      userId: id.nullable().default(null),
      role: z.enum(ROLES).nullable().default(null),
      reason: exceptionReason.default({ code: 'handover' }),
    }).strict().refine(oneOf, oneOfMessage).refine((x) => (x.userId === null) !== (x.role === null), { message: '请选择处理人或角色（二选一）', path: ['userId'] }),
    access: 'exceptions.manage',
    summary: 'Reassign exceptions to a person or a role, with a reason (audited, in each exception\'s history).',
  }),
  'exceptions.confirm': call<{ closed: boolean; missing: ConfirmRole[] }>()({
    input: z.object({ id, note: note.optional(), expectedVersion: version.optional() }).strict(),
    access: 'exceptions.work',
    summary: 'Give one of the confirmations the exception\'s type needs (your role\'s); the last one closes it.',
  }),
  'exceptions.close': call<BulkOutcome[]>()({
    input: z.object({ ...oneOrMany, reason: exceptionReason, expectedVersion: version.optional() }).strict().refine(oneOf, oneOfMessage),
    access: 'exceptions.work',
    summary: 'Close exceptions with a reason; one whose type needs confirmations closes only when all are given.',
  }),
  'exceptions.snooze': call<BulkOutcome[]>()({
    input: z.object({
      ...oneOrMany,
      /** Minutes from now (up to 7 days). */
      minutes: z.number().int().min(10).max(7 * 24 * 60),
      reason: exceptionReason,
    }).strict().refine(oneOf, oneOfMessage),
    access: 'exceptions.work',
    summary: 'Snooze exceptions with a reason: hidden from the open list and alerts until then; their clock keeps running.',
  }),
  'exceptions.note': call<{ ok: true }>()({
    input: z.object({ id, body: z.string().trim().min(1, '备注不能为空').max(1000) }).strict(),
    access: 'exceptions.work',
    summary: 'A note in the exception\'s history.',
  }),
  'exceptions.people': call<{ id: string; displayName: string; role: Role }[]>()({
    input: z.object({}).strict(),
    access: 'exceptions.manage',
    runs: 'read',
    deadlineMs: REPORT_DEADLINE_MS,
    summary: 'People exceptions can be assigned to (active users, with their roles).',
  }),
  'exceptions.detectors': call<DetectorView[]>()({
    input: z.object({}).strict(),
    access: 'exceptions.view',
    runs: 'read',
    deadlineMs: REPORT_DEADLINE_MS,
    summary: 'The detectors as this workspace runs them: condition, severity, owner, confirmations, target, thresholds.',
  }),
  'exceptions.saveDetector': call<DetectorView>()({
    input: z.object({
      code: z.enum(DETECTOR_CODES),
      enabled: z.boolean().optional(),
      severity: z.enum(SEVERITIES).nullable().optional(),
      ownerRole: z.enum(ROLES).nullable().optional(),
      ownerUserId: id.nullable().optional(),
      confirmations: z.array(z.enum(CONFIRM_ROLES)).max(4).nullable().optional(),
      targetMinutes: z.number().int().min(5).max(30 * 24 * 60).nullable().optional(),
      limits: z.record(z.string().max(40), z.number().int().min(0).max(90 * 24 * 60)).nullable().optional(),
    }).strict(),
    access: 'exceptions.manage',
    summary: 'Change a detector\'s settings (null restores the built-in value).',
  }),
  'exceptions.runNow': call<{ opened: number; escalated: number; cleared: number; orders: number }>()({
    input: z.object({}).strict(),
    access: 'exceptions.manage',
    summary: 'Run every detector now (they also run every minute).',
  }),
  'purchases.list': call<PurchaseMarkView[]>()({
    input: z.object({ skuCode: z.string().trim().max(64).optional() }).strict(),
    access: 'stock.view',
    runs: 'read',
    deadlineMs: REPORT_DEADLINE_MS,
    summary: 'Purchases under way (采购在途) by SKU, with when they are expected.',
  }),
  'purchases.mark': call<PurchaseMarkView>()({
    input: z.object({
      skuCode: z.string().trim().min(1, 'SKU 编码不能为空').max(64),
      qty: z.number().int().min(1).max(10_000_000).nullable().default(null),
      expectedAt: z.number().int().min(0),
      note: note.nullable().default(null),
    }).strict(),
    access: 'stock.manage',
    summary: 'Mark a purchase under way for a SKU: orders short of it are not flagged 采购协同失效 until it is late.',
  }),
  'purchases.clear': call<{ ok: true }>()({
    input: z.object({ id }).strict(),
    access: 'stock.manage',
    summary: 'The purchase arrived or was called off.',
  }),
} as const;
