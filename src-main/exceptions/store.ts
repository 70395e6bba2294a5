import { uuidv7 } from '../kernel/ids';
import type { CloseKind, ConfirmRole, ExceptionEventKind, Severity, SubjectKind } from '../../src-shared/exceptions';
import type { Role } from '../../src-shared/roles';
import type { Sqlite, WriteTx } from '../db';
import type { DetectorConfig } from './settings';

const MIN = 60_000;

export interface Confirmation {
  role: ConfirmRole;
  userId: string | null;
  name: string | null;
  at: number;
  note: string | null;
}

/** An exception row as main works with it. */
export interface ExceptionRecord {
  id: string;
  detector: DetectorConfig['code'];
  type: DetectorConfig['type'];
  subjectKind: SubjectKind;
  subjectId: string;
  orderId: string | null;
  channelId: string | null;
  severity: Severity;
  causeCode: string;
  causeParams: Record<string, unknown>;
  ownerRole: Role | null;
  ownerUserId: string | null;
  ownerName: string | null;
  state: 'open' | 'snoozed' | 'closed';
  openedAt: number;
  dueAt: number;
  snoozedUntil: number | null;
  confirmations: ConfirmRole[];
  confirmed: Confirmation[];
  closedAt: number | null;
  closeKind: CloseKind | null;
  closeCode: string | null;
  closeParams: Record<string, unknown> | null;
  closedByName: string | null;
  silenced: boolean;
  version: number;
}

export const EXCEPTION_COLUMNS = `e.id, e.detector, e.type, e.subject_kind AS subjectKind, e.subject_id AS subjectId, e.order_id AS orderId,
  e.channel_id AS channelId, e.severity, e.cause_code AS causeCode, e.cause_params_json AS causeParams, e.owner_role AS ownerRole,
  e.owner_user_id AS ownerUserId, e.owner_name AS ownerName, e.state, e.opened_at AS openedAt, e.due_at AS dueAt, e.snoozed_until AS snoozedUntil,
  e.confirmations_json AS confirmations, e.confirmed_json AS confirmed, e.closed_at AS closedAt, e.close_kind AS closeKind, e.close_code AS closeCode,
  e.close_params_json AS closeParams, e.closed_by_name AS closedByName, e.silenced, e.version`;

/** Row (JSON text, 0/1) → record; the one place the conversion happens. */
export function toRecord(r: Record<string, unknown>): ExceptionRecord {
  return {
    ...(r as unknown as ExceptionRecord),
    causeParams: JSON.parse(r.causeParams as string) as Record<string, unknown>,
    confirmations: JSON.parse(r.confirmations as string) as ConfirmRole[],
    confirmed: JSON.parse(r.confirmed as string) as Confirmation[],
    closeParams: r.closeParams ? (JSON.parse(r.closeParams as string) as Record<string, unknown>) : null,
    silenced: r.silenced === 1,
  };
}

export interface Actor {
  id: string | null;
  name: string | null;
}

/**
 * Every change of an exception, through the write path (row + audit + sync log in the caller's
 * transaction) with its own history row. Counters follow by trigger.
 */
export class ExceptionStore {
  private readonly getOne;
  private readonly openFor;

  constructor(private readonly sqlite: Sqlite) {
    this.getOne = sqlite.prepare(`SELECT ${EXCEPTION_COLUMNS} FROM exceptions e WHERE e.id = ?`);
    this.openFor = sqlite.prepare(`SELECT ${EXCEPTION_COLUMNS} FROM exceptions e WHERE e.detector = ? AND e.subject_kind = ? AND e.subject_id = ? AND e.state <> 'closed'`);
  }

  get(id: string): ExceptionRecord | null {
    const r = this.getOne.get(id) as Record<string, unknown> | undefined;
    return r ? toRecord(r) : null;
  }

  openOf(detector: string, kind: SubjectKind, subjectId: string): ExceptionRecord | null {
    const r = this.openFor.get(detector, kind, subjectId) as Record<string, unknown> | undefined;
    return r ? toRecord(r) : null;
  }

  open(tx: WriteTx, d: DetectorConfig, s: { kind: SubjectKind; id: string; orderId: string | null; channelId: string | null }, severity: Severity, params: Record<string, unknown>, now: number): ExceptionRecord {
    const id = uuidv7();
    const row = {
      id, detector: d.code, type: d.type, subjectKind: s.kind, subjectId: s.id, orderId: s.orderId, channelId: s.channelId, severity,
      causeCode: d.code, causeParamsJson: JSON.stringify(params), ownerRole: d.ownerUserId ? null : d.owner, ownerUserId: d.ownerUserId,
      ownerName: d.ownerName, state: 'open', openedAt: now, dueAt: now + d.targetMinutes * MIN, snoozedUntil: null,
      confirmationsJson: JSON.stringify(d.confirmations), confirmedJson: '[]', closedAt: null, closeKind: null, closeCode: null,
      closeParamsJson: null, closedById: null, closedByName: null, silenced: false, version: 1, updatedAt: now,
    };
    tx.insert('exceptions', row);
    this.event(tx, id, now, 'opened', { id: null, name: 'system' }, d.code, params);
    return {
      id, detector: d.code, type: d.type, subjectKind: s.kind, subjectId: s.id, orderId: s.orderId, channelId: s.channelId, severity, causeCode: d.code,
      causeParams: params, ownerRole: row.ownerRole, ownerUserId: d.ownerUserId, ownerName: d.ownerName, state: 'open', openedAt: now, dueAt: row.dueAt,
      snoozedUntil: null, confirmations: d.confirmations, confirmed: [], closedAt: null, closeKind: null, closeCode: null, closeParams: null,
      closedByName: null, silenced: false, version: 1,
    };
  }

  escalate(tx: WriteTx, e: ExceptionRecord, severity: Severity, params: Record<string, unknown>, now: number): void {
    this.patch(tx, e, { severity, causeParamsJson: JSON.stringify(params) }, now);
    this.event(tx, e.id, now, 'escalated', { id: null, name: 'system' }, severity, params);
  }

  close(tx: WriteTx, e: ExceptionRecord, how: { kind: CloseKind; code: string; params: Record<string, unknown>; actor: Actor; silenced: boolean }, now: number): void {
    this.patch(tx, e, {
      state: 'closed', closedAt: now, closeKind: how.kind, closeCode: how.code, closeParamsJson: JSON.stringify(how.params),
      closedById: how.actor.id, closedByName: how.actor.name, silenced: how.silenced,
    }, now);
    this.event(tx, e.id, now, 'closed', how.actor, how.code, { kind: how.kind, ...how.params });
  }

  /** Records one role's confirmation; returns the confirmations now given. */
  confirm(tx: WriteTx, e: ExceptionRecord, c: Confirmation, now: number): Confirmation[] {
    const confirmed = [...e.confirmed, c];
    this.patch(tx, e, { confirmedJson: JSON.stringify(confirmed) }, now);
    this.event(tx, e.id, now, 'confirmed', { id: c.userId, name: c.name }, c.role, c.note ? { note: c.note } : {});
    return confirmed;
  }

  assign(tx: WriteTx, e: ExceptionRecord, to: { userId: string | null; name: string | null; role: Role | null }, reason: { code: string; params: Record<string, unknown> }, actor: Actor, now: number): void {
    this.patch(tx, e, { ownerUserId: to.userId, ownerName: to.name, ownerRole: to.userId ? null : to.role }, now);
    this.event(tx, e.id, now, 'assigned', actor, reason.code, { ...reason.params, from: e.ownerName ?? e.ownerRole, to: to.name ?? to.role });
  }

  snooze(tx: WriteTx, e: ExceptionRecord, until: number, reason: { code: string; params: Record<string, unknown> }, actor: Actor, now: number): void {
    this.patch(tx, e, { state: 'snoozed', snoozedUntil: until }, now);
    this.event(tx, e.id, now, 'snoozed', actor, reason.code, { ...reason.params, until });
  }

  wake(tx: WriteTx, e: ExceptionRecord, now: number): void {
    this.patch(tx, e, { state: 'open', snoozedUntil: null }, now);
    this.event(tx, e.id, now, 'woke', { id: null, name: 'system' }, null, {});
  }

  note(tx: WriteTx, e: ExceptionRecord, body: string, actor: Actor, now: number): void {
    this.patch(tx, e, {}, now);
    this.event(tx, e.id, now, 'note', actor, null, { body });
  }

  /** The condition cleared after a person closed it: the detector may open it again. */
  rearm(tx: WriteTx, id: string): void {
    tx.update('exceptions', id, { silenced: false });
  }

  private patch(tx: WriteTx, e: ExceptionRecord, fields: Record<string, unknown>, now: number): void {
    tx.update('exceptions', e.id, { ...fields, version: e.version + 1, updatedAt: now });
    e.version += 1;
  }

  private event(tx: WriteTx, exceptionId: string, at: number, kind: ExceptionEventKind, actor: Actor, code: string | null, params: Record<string, unknown>): void {
    tx.insert('exception_events', { id: uuidv7(), exceptionId, at, kind, actorId: actor.id, actorName: actor.name, code, paramsJson: JSON.stringify(params) });
  }
}
