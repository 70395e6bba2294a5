import type { ConfirmRole, DetectorCode, ExceptionType, Severity, SubjectKind } from '../../src-shared/exceptions';
import type { JsonLogicRule } from '../../src-shared/rules';
import type { Role } from '../../src-shared/roles';

/**
 * A detector: a condition in JsonLogic (the rules' language) over the facts of one subject
 * (src-main/exceptions/README.md documents the shape), with what an exception it opens carries.
 * Thresholds are facts too (`limits.*`), so a workspace changes a number without touching the rule.
 */
export interface DetectorDef {
  code: DetectorCode;
  type: ExceptionType;
  /** What the condition is evaluated over: each candidate order, or each shop / the ERP bridge / sync. */
  scope: 'order' | SubjectKind;
  when: JsonLogicRule;
  severity: Severity;
  /** When this also holds, the exception is (or becomes) more severe. */
  escalate?: { when: JsonLogicRule; severity: Severity };
  limits: Record<string, number>;
  owner: Role;
  /** Roles that must each confirm before a person-closed exception of this kind stops its clock. */
  confirmations: ConfirmRole[];
  /** Open longer than this and the exception is overdue. */
  targetMinutes: number;
  /** Facts recorded with the cause besides those the condition reads (what a person needs to act). */
  show?: string[];
}

const v = (name: string) => ({ var: name });
const not = (x: unknown) => ({ '!': x });
const gte = (a: unknown, b: unknown) => ({ '>=': [a, b] });

/** The built-in list (#12 §1). */
export const DETECTORS: DetectorDef[] = [
  {
    code: 'ship_overdue', type: 'fulfilment', scope: 'order', owner: 'ops_lead', confirmations: [], targetMinutes: 240, show: ['order.status'],
    when: { and: [v('order.paid'), v('order.preShipment'), { '>': [v('order.overdueMinutes'), v('limits.graceMinutes')] }] },
    severity: 'warning', escalate: { when: gte(v('order.overdueMinutes'), v('limits.criticalMinutes')), severity: 'critical' },
    limits: { graceMinutes: 0, criticalMinutes: 24 * 60 },
  },
  {
    code: 'shipped_no_tracking', type: 'fulfilment', scope: 'order', owner: 'warehouse', confirmations: [], targetMinutes: 120, show: ['order.status'],
    when: { and: [v('order.shipped'), not(v('order.hasTrackingNo')), not(v('order.final'))] },
    severity: 'warning', limits: {},
  },
  {
    code: 'no_pickup', type: 'logistics', scope: 'order', owner: 'warehouse', confirmations: [], targetMinutes: 240, show: ['order.carrier'],
    when: { and: [v('shipment.exists'), v('shipment.tracked'), not(v('shipment.pickedUp')), not(v('order.final')), gte(v('shipment.minutesSinceCreated'), v('limits.warnMinutes'))] },
    // 2 h: a warning; 24 h: raise it with the carrier.
    severity: 'warning', escalate: { when: gte(v('shipment.minutesSinceCreated'), v('limits.raiseMinutes')), severity: 'critical' },
    limits: { warnMinutes: 120, raiseMinutes: 24 * 60 },
  },
  {
    code: 'no_movement', type: 'logistics', scope: 'order', owner: 'service', confirmations: [], targetMinutes: 24 * 60, show: ['order.carrier', 'shipment.state'],
    when: { and: [v('shipment.pickedUp'), not(v('shipment.final')), not(v('order.final')), gte(v('shipment.minutesSinceLastEvent'), v('limits.minutes'))] },
    severity: 'warning', limits: { minutes: 48 * 60 },
  },
  {
    code: 'delivery_failed', type: 'logistics', scope: 'order', owner: 'service', confirmations: ['service', 'finance'], targetMinutes: 24 * 60, show: ['order.carrier'],
    when: { in: [v('shipment.state'), ['problem', 'returning', 'returned', 'refused']] },
    severity: 'critical', limits: {},
  },
  {
    code: 'stock_short_no_purchase', type: 'stock', scope: 'order', owner: 'ops_lead', confirmations: [], targetMinutes: 8 * 60, show: ['history.missingSkus'],
    when: { and: [v('history.stockShort'), not(v('history.purchaseUnderWay')), not(v('order.final'))] },
    severity: 'warning', limits: {},
  },
  {
    code: 'suspected_duplicate', type: 'order_data', scope: 'order', owner: 'service', confirmations: [], targetMinutes: 120,
    when: { and: [v('history.duplicateSuspect'), not(v('order.final'))] },
    severity: 'warning', limits: {},
  },
  {
    code: 'unmapped_status', type: 'order_data', scope: 'order', owner: 'ops_lead', confirmations: [], targetMinutes: 240, show: ['order.platformPhase'],
    when: v('history.unmappedStatus'),
    severity: 'warning', limits: {},
  },
  {
    code: 'quality_hold', type: 'quality', scope: 'order', owner: 'warehouse', confirmations: [], targetMinutes: 8 * 60,
    when: { and: [v('history.qualityHold'), not(v('order.final'))] },
    severity: 'critical', limits: {},
  },
  {
    code: 'address_changed_after_pick', type: 'fulfilment', scope: 'order', owner: 'warehouse', confirmations: ['warehouse'], targetMinutes: 60, show: ['order.status'],
    // The fact does not clear by itself: the warehouse confirms the parcel carries the new address.
    when: { and: [v('order.addressChangedAfterPick'), { '!=': [v('order.status'), 'cancelled'] }] },
    severity: 'critical', limits: {},
  },
  {
    // 发货回传 refused (#11 §4): the parcel left but the shop does not know — refunded, closed, a waybill it rejects.
    code: 'ship_confirm_refused', type: 'fulfilment', scope: 'order', owner: 'ops_lead', confirmations: [], targetMinutes: 120,
    show: ['confirm.trackingNo', 'confirm.reason', 'confirm.reasonCode', 'confirm.reasonParams'],
    when: v('confirm.refused'),
    severity: 'critical', limits: {},
  },
  {
    code: 'channel_failing', type: 'system', scope: 'channel', owner: 'ops_lead', confirmations: [], targetMinutes: 60, show: ['subject.name', 'subject.lastError'],
    when: { and: [v('subject.failing'), gte(v('subject.failingMinutes'), v('limits.minutes'))] },
    severity: 'critical', limits: { minutes: 30 },
  },
  {
    code: 'erp_failing', type: 'system', scope: 'erp', owner: 'ops_lead', confirmations: [], targetMinutes: 120, show: ['subject.name', 'subject.lastError'],
    when: { and: [v('subject.failing'), gte(v('subject.failingMinutes'), v('limits.minutes'))] },
    severity: 'critical', limits: { minutes: 60 },
  },
  {
    code: 'sync_failing', type: 'system', scope: 'sync', owner: 'ops_lead', confirmations: [], targetMinutes: 120, show: ['subject.name', 'subject.lastError'],
    when: { and: [v('subject.failing'), gte(v('subject.failingMinutes'), v('limits.minutes'))] },
    severity: 'critical', limits: { minutes: 30 },
  },
];

export const DETECTOR_BY_CODE = new Map(DETECTORS.map((d) => [d.code, d]));
