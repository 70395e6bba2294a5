import type { ConfirmRole } from '../../src-shared/exceptions';
import type { Role } from '../../src-shared/roles';
import type { WriteTx } from '../db';
import type { AuthedUser } from '../kernel/call';
import type { ExceptionRecord, ExceptionStore } from './store';

const MIN = 60_000;

/** A refusal in both languages, with the field at fault: the handler turns it into the API's error. */
export class ExceptionRefusal extends Error {
  constructor(readonly code: 'not_found' | 'conflict' | 'forbidden' | 'invalid_input', readonly zh: string, readonly en: string, readonly field?: string) {
    super(en);
  }
}

export interface PersonReason {
  code: string;
  note?: string | undefined;
}

const params = (r: PersonReason) => (r.note ? { note: r.note } : {});
const who = (u: AuthedUser) => ({ id: u.id, name: u.displayName });

/** What a person may do to an exception; each runs inside the caller's write transaction. */
export class ExceptionActions {
  constructor(private readonly store: ExceptionStore) {}

  private live(id: string, expectedVersion?: number): ExceptionRecord {
    const e = this.store.get(id);
    if (!e) throw new ExceptionRefusal('not_found', `没有这条异常（${id}）`, `no exception ${id}`, 'id');
    if (e.state === 'closed') throw new ExceptionRefusal('conflict', `异常已关闭（${id}）`, `exception ${id} is already closed`, 'id');
    if (expectedVersion !== undefined && expectedVersion !== e.version) {
      throw new ExceptionRefusal('conflict', `异常已被他人修改（版本 ${expectedVersion} → ${e.version}），请刷新后再试`, `exception changed since version ${expectedVersion} (now ${e.version}); refresh and try again`, 'expectedVersion');
    }
    return e;
  }

  /** A person works on exceptions they own (themselves or their role); a manager on anybody's. */
  private mayWork(u: AuthedUser, e: ExceptionRecord): void {
    if (u.permissions.includes('exceptions.manage')) return;
    if (e.ownerUserId === u.id || (e.ownerUserId === null && e.ownerRole === u.role)) return;
    if (e.confirmations.includes(u.role as ConfirmRole)) return;
    throw new ExceptionRefusal('forbidden', `这条异常由${e.ownerName ?? '其他角色'}负责，您不能处理`, `this exception belongs to ${e.ownerName ?? e.ownerRole ?? 'someone else'}`, 'id');
  }

  confirm(tx: WriteTx, u: AuthedUser, id: string, note: string | undefined, now: number, expectedVersion?: number): { closed: boolean; missing: ConfirmRole[] } {
    const e = this.live(id, expectedVersion);
    const role = u.role as ConfirmRole;
    if (!e.confirmations.includes(role)) {
      throw new ExceptionRefusal('forbidden', `这条异常不需要您的角色确认（需要：${e.confirmations.join('、') || '无'}）`, `this exception needs no confirmation from your role (needs: ${e.confirmations.join(', ') || 'none'})`, 'id');
    }
    if (e.confirmed.some((c) => c.role === role)) throw new ExceptionRefusal('conflict', '您的角色已经确认过', 'your role has already confirmed', 'id');
    const confirmed = this.store.confirm(tx, e, { role, userId: u.id, name: u.displayName, at: now, note: note ?? null }, now);
    const missing = e.confirmations.filter((r) => !confirmed.some((c) => c.role === r));
    if (missing.length) return { closed: false, missing };
    // The last confirmation stops the clock.
    this.store.close(tx, { ...e, confirmed }, { kind: 'confirmed', code: 'all_confirmed', params: { roles: e.confirmations }, actor: who(u), silenced: true }, now);
    return { closed: true, missing: [] };
  }

  close(tx: WriteTx, u: AuthedUser, id: string, reason: PersonReason, now: number, expectedVersion?: number): void {
    const e = this.live(id, expectedVersion);
    this.mayWork(u, e);
    const missing = e.confirmations.filter((r) => !e.confirmed.some((c) => c.role === r));
    if (missing.length) {
      throw new ExceptionRefusal('conflict', `关闭前还需要这些角色确认：${missing.join('、')}`, `closing needs these confirmations first: ${missing.join(', ')}`, 'id');
    }
    this.store.close(tx, e, { kind: 'person', code: reason.code, params: params(reason), actor: who(u), silenced: true }, now);
  }

  assign(tx: WriteTx, u: AuthedUser, id: string, to: { userId: string | null; name: string | null; role: Role | null }, reason: PersonReason, now: number): void {
    const e = this.live(id);
    this.store.assign(tx, e, to, { code: reason.code, params: params(reason) }, who(u), now);
  }

  snooze(tx: WriteTx, u: AuthedUser, id: string, minutes: number, reason: PersonReason, now: number): void {
    const e = this.live(id);
    this.mayWork(u, e);
    this.store.snooze(tx, e, now + minutes * MIN, { code: reason.code, params: params(reason) }, who(u), now);
  }

  note(tx: WriteTx, u: AuthedUser, id: string, body: string, now: number): void {
    const e = this.store.get(id);
    if (!e) throw new ExceptionRefusal('not_found', `没有这条异常（${id}）`, `no exception ${id}`, 'id');
    this.store.note(tx, e, body, who(u), now);
  }
}
