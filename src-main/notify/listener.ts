import { uuidv7 } from '../kernel/ids';
import { SEVERITY_RANK } from '../../src-shared/exceptions';
import type { Sqlite, WriteTx } from '../db';
import type { ExceptionListener } from '../exceptions/runner';
import type { ExceptionRecord } from '../exceptions/store';
import type { AlertOutbox } from './outbox';
import { notBefore, type AlertPolicies } from './policies';
import { noticeText, type NoticeWords } from './notice-words';
import type { AlertPayload } from './render';
import type { Robots } from './robots';

/**
 * Hears exceptions open and escalate (inside the transaction that did it) and queues their alerts
 * by the detector's policy: robots above the severity threshold (held through quiet hours), and a
 * desktop notice for the owner — the person, or everyone in the owning role.
 */
export class AlertListener implements ExceptionListener {
  private readonly orderInfo;
  private readonly roleUsers;
  private readonly insertNotice;

  constructor(sqlite: Sqlite, private readonly deps: { outbox: AlertOutbox; policies: AlertPolicies; robots: Robots; zone: string }) {
    this.orderInfo = sqlite.prepare('SELECT o.platform_order_id AS orderNo, c.name AS shopName FROM orders o JOIN channels c ON c.id = o.channel_id WHERE o.id = ?');
    this.roleUsers = sqlite.prepare('SELECT id FROM users WHERE role = ? AND disabled = 0').pluck();
    this.insertNotice = sqlite.prepare('INSERT INTO desktop_notices (id, user_id, title, body, words_json, exception_id, created_at, shown_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)');
  }

  opened(_tx: WriteTx, e: ExceptionRecord, now: number): void {
    this.raise(e, false, now);
  }

  escalated(_tx: WriteTx, e: ExceptionRecord, now: number): void {
    this.raise(e, true, now);
  }

  private raise(e: ExceptionRecord, escalated: boolean, now: number): void {
    const policy = this.deps.policies.of(e.detector);
    if (SEVERITY_RANK[e.severity] < SEVERITY_RANK[policy.minSeverity]) return;
    const info = e.orderId ? (this.orderInfo.get(e.orderId) as { orderNo: string; shopName: string } | undefined) : undefined;
    const payload: AlertPayload = {
      kind: 'exception', exceptionId: e.id, detector: e.detector, severity: e.severity, escalated, causeParams: e.causeParams,
      orderNo: info?.orderNo ?? null, shopName: info?.shopName ?? null, ownerName: e.ownerName, ownerRole: e.ownerRole,
    };
    const robots = this.deps.robots.list().filter((r) => r.enabled && (policy.robotIds.includes('*') || policy.robotIds.includes(r.id)));
    const at = notBefore(now, policy.quietFrom, policy.quietTo, this.deps.zone);
    for (const r of robots) this.deps.outbox.enqueue({ target: `robot:${r.id}`, kind: 'exception', exceptionId: e.id, severity: e.severity, payload, notBefore: at }, now);
    if (!policy.desktop) return;
    const users = e.ownerUserId ? [e.ownerUserId] : e.ownerRole ? (this.roleUsers.all(e.ownerRole) as string[]) : [];
    const words: NoticeWords = { kind: 'exception', detector: e.detector, causeParams: e.causeParams, orderNo: info?.orderNo ?? null, escalated };
    const { title, body } = noticeText(words, 'zh');
    const json = JSON.stringify(words);
    for (const u of users) this.insertNotice.run(uuidv7(), u, title, body, json, e.id, now);
  }
}
