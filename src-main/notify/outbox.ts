import { uuidv7 } from '../kernel/ids';
import type { Severity } from '../../src-shared/exceptions';
import type { Sqlite } from '../db';
import { immediate } from '../db/connection';
import type { AlertPayload } from './render';

export interface QueuedAlert {
  id: string;
  target: string;
  kind: string;
  exceptionId: string | null;
  severity: Severity;
  payload: AlertPayload;
  createdAt: number;
  notBefore: number;
}

export interface Delivery {
  id: string;
  target: string;
  state: 'sending' | 'sent' | 'failed' | 'retry';
  body: string;
  alertCount: number;
  attempts: number;
  resent: boolean;
}

/**
 * The alert outbox (local tables): alerts queue per robot; a delivery packs some into one message
 * with its own id. Its state is committed as 'sending' BEFORE the request and 'sent' after the
 * answer, so a crash in between leaves 'sending' — re-sent once, same id, recognisable.
 */
export class AlertOutbox {
  private readonly insertAlert;
  private readonly pendingOf;
  private readonly targetsDue;
  private readonly sendsSince;
  private readonly logSend;
  private readonly prune;
  private readonly insertDelivery;
  private readonly packAlert;
  private readonly setState;
  private readonly inFlight;
  private readonly retryDue;
  private readonly startAttempt;
  private readonly dropTarget;
  private readonly markResend;

  constructor(private readonly sqlite: Sqlite) {
    this.insertAlert = sqlite.prepare(
      `INSERT INTO alert_queue (id, target, kind, exception_id, severity, payload_json, created_at, not_before, delivery_id)
       VALUES (@id, @target, @kind, @exceptionId, @severity, @payload, @createdAt, @notBefore, NULL)`,
    );
    this.pendingOf = sqlite.prepare(
      `SELECT id, target, kind, exception_id AS exceptionId, severity, payload_json AS payload, created_at AS createdAt, not_before AS notBefore
       FROM alert_queue WHERE target = ? AND delivery_id IS NULL AND not_before <= ? ORDER BY created_at, id`,
    );
    this.targetsDue = sqlite.prepare(`SELECT DISTINCT target FROM alert_queue WHERE delivery_id IS NULL AND not_before <= ?`).pluck();
    this.sendsSince = sqlite.prepare('SELECT count(*) FROM alert_sends WHERE target = ? AND at > ?').pluck();
    this.logSend = sqlite.prepare('INSERT INTO alert_sends (target, at) VALUES (?, ?)');
    this.prune = sqlite.prepare('DELETE FROM alert_sends WHERE at < ?');
    this.insertDelivery = sqlite.prepare(
      `INSERT INTO alert_deliveries (id, target, state, body, alert_count, created_at, attempt_at, attempts, resent, next_attempt_at, sent_at, last_error)
       VALUES (?, ?, 'sending', ?, ?, ?, ?, 1, 0, NULL, NULL, NULL)`,
    );
    this.packAlert = sqlite.prepare('UPDATE alert_queue SET delivery_id = ? WHERE id = ? AND delivery_id IS NULL');
    this.setState = sqlite.prepare(
      'UPDATE alert_deliveries SET state = @state, sent_at = @sentAt, next_attempt_at = @next, last_error = @error WHERE id = @id',
    );
    this.inFlight = sqlite.prepare(`SELECT id, target, state, body, alert_count AS alertCount, attempts, resent FROM alert_deliveries WHERE state = 'sending' ORDER BY created_at`);
    this.retryDue = sqlite.prepare(
      `SELECT id, target, state, body, alert_count AS alertCount, attempts, resent FROM alert_deliveries WHERE state = 'retry' AND next_attempt_at <= ? ORDER BY created_at`,
    );
    this.startAttempt = sqlite.prepare(
      `UPDATE alert_deliveries SET state = 'sending', attempt_at = @now, attempts = attempts + 1 WHERE id = @id`,
    );
    this.dropTarget = sqlite.prepare('DELETE FROM alert_queue WHERE target = ? AND delivery_id IS NULL');
    this.markResend = sqlite.prepare(`UPDATE alert_deliveries SET state = 'retry', next_attempt_at = ?, resent = 1, last_error = 'interrupted' WHERE id = ?`);
  }

  /** Queues an alert (inside the caller's transaction when there is one: it commits with the change it reports). */
  enqueue(a: { target: string; kind: string; exceptionId: string | null; severity: Severity; payload: AlertPayload; notBefore: number }, now: number): string {
    const id = uuidv7();
    this.insertAlert.run({ id, target: a.target, kind: a.kind, exceptionId: a.exceptionId, severity: a.severity, payload: JSON.stringify(a.payload), createdAt: now, notBefore: a.notBefore });
    return id;
  }

  targets(now: number): string[] {
    return this.targetsDue.all(now) as string[];
  }

  pending(target: string, now: number): QueuedAlert[] {
    return (this.pendingOf.all(target, now) as (Omit<QueuedAlert, 'payload'> & { payload: string })[]).map((r) => ({ ...r, payload: JSON.parse(r.payload) as AlertPayload }));
  }

  /** Messages this robot may still take in the minute ending now. */
  budget(target: string, perMinute: number, now: number): number {
    return Math.max(0, perMinute - (this.sendsSince.get(target, now - 60_000) as number));
  }

  /** Creates a delivery for these alerts and marks it 'sending' (committed before the request goes out). */
  pack(target: string, alertIds: string[], makeBody: (deliveryId: string) => string, now: number): Delivery {
    const id = uuidv7();
    const body = makeBody(id);
    immediate(this.sqlite, () => {
      this.insertDelivery.run(id, target, body, alertIds.length, now, now);
      for (const a of alertIds) this.packAlert.run(id, a);
      this.logSend.run(target, now);
    });
    return { id, target, state: 'sending', body, alertCount: alertIds.length, attempts: 1, resent: false };
  }

  /** Another attempt of an existing delivery (a retry, or the one re-send after a crash). */
  restart(d: Delivery, now: number): void {
    immediate(this.sqlite, () => {
      this.startAttempt.run({ id: d.id, now });
      this.logSend.run(d.target, now);
    });
  }

  /** After a crash: send it once more (as a retry due now), remembering it was re-sent. */
  resendLater(id: string, now: number): void {
    this.markResend.run(now, id);
  }

  sent(id: string, now: number): void {
    this.setState.run({ id, state: 'sent', sentAt: now, next: null, error: null });
  }

  retry(id: string, at: number, error: string): void {
    this.setState.run({ id, state: 'retry', sentAt: null, next: at, error: error.slice(0, 300) });
  }

  failed(id: string, error: string): void {
    this.setState.run({ id, state: 'failed', sentAt: null, next: null, error: error.slice(0, 300) });
  }

  /** Left 'sending' by a crash (or still in the air). */
  interrupted(): Delivery[] {
    return (this.inFlight.all() as (Omit<Delivery, 'resent'> & { resent: number })[]).map((d) => ({ ...d, resent: d.resent === 1 }));
  }

  retriesDue(now: number): Delivery[] {
    return (this.retryDue.all(now) as (Omit<Delivery, 'resent'> & { resent: number })[]).map((d) => ({ ...d, resent: d.resent === 1 }));
  }

  pruneSends(now: number): void {
    this.prune.run(now - 3_600_000);
  }

  dropQueued(target: string): void {
    this.dropTarget.run(target);
  }
}
