import type { AuthedUser } from '../kernel/call';
import { createHash, randomBytes } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { UserView } from '../../src-shared/contract';
import { ApiError } from '../../src-shared/errors';
import { ROLE_PERMISSIONS, type Permission, type Role } from '../../src-shared/roles';
import type { Database } from '../db';
import { sessions, users } from '../db/schema';
import type { WriteContext } from '../db/write-path/write-path';
import { say, type Locale } from '../kernel/i18n';
import { hashPassword, verifyPassword } from './passwords';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 5 * 60_000;
export const SESSION_TTL_MS = 12 * 60 * 60_000;

type UserRow = typeof users.$inferSelect;


export function toUserView(u: UserRow): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    disabled: u.disabled,
    lockedUntil: u.lockedUntil && u.lockedUntil > Date.now() ? u.lockedUntil : null,
    createdAt: u.createdAt,
  };
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Users, passwords, sessions and lockout. All user writes go through the write path. */
export class AuthService {
  constructor(
    private readonly database: Database,
    private readonly now: () => number = Date.now,
    private readonly sessionTtlMs = SESSION_TTL_MS,
    /** Sessions were ended: open event streams are checked again (they may belong to them). */
    private readonly onSessionsEnded: () => void = () => {},
  ) {}

  private get db() {
    return this.database.db;
  }

  userCount(): number {
    return this.database.sqlite.prepare('SELECT count(*) FROM users').pluck().get() as number;
  }

  findByUsername(username: string): UserRow | undefined {
    return this.db.select().from(users).where(eq(users.username, username)).get();
  }

  findById(id: string): UserRow | undefined {
    return this.db.select().from(users).where(eq(users.id, id)).get();
  }

  list(): UserView[] {
    return this.db.select().from(users).orderBy(users.createdAt).all().map(toUserView);
  }

  async createUser(
    ctx: WriteContext,
    input: { username: string; displayName: string; role: Role; password: string },
    locale: Locale,
  ): Promise<UserView> {
    if (this.findByUsername(input.username)) {
      throw new ApiError('conflict', say(locale, `用户名 "${input.username}" 已存在`, `username "${input.username}" is taken`), 'username');
    }
    const passwordHash = await hashPassword(input.password);
    const t = this.now();
    const row = {
      id: uuidv7(), username: input.username, displayName: input.displayName, role: input.role,
      passwordHash, disabled: false, failedLogins: 0, lockedUntil: null, createdAt: t, updatedAt: t,
    };
    // Re-check inside the transaction: scrypt yielded the event loop.
    this.database.writes.run(ctx, (tx) => {
      if (this.findByUsername(input.username)) throw new ApiError('conflict', say(locale, `用户名 "${input.username}" 已存在`, `username "${input.username}" is taken`), 'username');
      tx.insert('users', row);
    });
    return toUserView(this.findById(row.id)!);
  }

  async updateUser(
    ctx: WriteContext,
    input: { id: string; displayName?: string; role?: Role; disabled?: boolean; password?: string; unlock?: boolean },
    actorId: string,
    locale: Locale,
  ): Promise<UserView> {
    const user = this.findById(input.id);
    if (!user) throw new ApiError('not_found', say(locale, `用户 ${input.id} 不存在`, `user ${input.id} not found`), 'id');
    if (input.id === actorId && (input.disabled || (input.role && input.role !== 'owner' && user.role === 'owner'))) {
      throw new ApiError('conflict', say(locale, '不能停用自己或取消自己的老板角色', 'you cannot disable yourself or drop your own owner role'), input.disabled ? 'disabled' : 'role');
    }
    const patch: Partial<UserRow> = { updatedAt: this.now() };
    if (input.displayName !== undefined) patch.displayName = input.displayName;
    if (input.role !== undefined) patch.role = input.role;
    if (input.disabled !== undefined) patch.disabled = input.disabled;
    if (input.password !== undefined) patch.passwordHash = await hashPassword(input.password);
    if (input.unlock) Object.assign(patch, { lockedUntil: null, failedLogins: 0 });
    this.database.writes.run(ctx, (tx) => {
      tx.update('users', user.id, patch);
      if (input.disabled || input.role !== undefined || input.password !== undefined) this.endSessionsOf(user.id);
    });
    return toUserView(this.findById(user.id)!);
  }

  /** Checks a password, counting failures: the 5th in a row locks the user for 5 minutes. */
  async login(ctx: WriteContext, username: string, password: string, locale: Locale) {
    const user = this.findByUsername(username);
    const wrong = () => new ApiError('unauthenticated', say(locale, '用户名或密码错误', 'wrong username or password'), 'password');
    if (!user) {
      await verifyPassword(password, 'scrypt$16384$AAAAAAAAAAAAAAAAAAAAAA==$AAAA'); // same cost as a real check
      this.database.writes.record(ctx, { entity: 'users', action: 'login_failed', after: { username, reason: 'unknown user' } });
      throw wrong();
    }
    const userCtx = { ...ctx, actor: { id: user.id, name: user.username } };
    const t = this.now();
    if (user.lockedUntil && user.lockedUntil > t) {
      const minutes = Math.ceil((user.lockedUntil - t) / 60_000);
      this.database.writes.record(userCtx, { entity: 'users', entityId: user.id, action: 'login_refused_locked' });
      throw new ApiError('unauthenticated', say(locale, `登录失败次数过多，账户已锁定，请 ${minutes} 分钟后再试`, `too many failed sign-ins: locked, try again in ${minutes} min`), 'username');
    }
    if (user.disabled) {
      this.database.writes.record(userCtx, { entity: 'users', entityId: user.id, action: 'login_refused_disabled' });
      throw new ApiError('unauthenticated', say(locale, '该账户已停用，请联系老板', 'this account is disabled'), 'username');
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      const failed = user.failedLogins + 1;
      const lock = failed >= MAX_FAILED_LOGINS;
      this.database.writes.run({ ...userCtx, reason: lock ? `${failed} failed sign-ins` : null }, (tx) => {
        tx.update('users', user.id, lock ? { failedLogins: 0, lockedUntil: t + LOCKOUT_MS } : { failedLogins: failed });
        tx.note({ entity: 'users', entityId: user.id, action: lock ? 'locked' : 'login_failed', after: { failedLogins: failed } });
      });
      if (lock) throw new ApiError('unauthenticated', say(locale, '连续 5 次密码错误，账户已锁定 5 分钟', '5 wrong passwords in a row: locked for 5 minutes'), 'password');
      throw wrong();
    }
    return this.database.writes.run(userCtx, (tx) => {
      if (user.failedLogins || user.lockedUntil) tx.update('users', user.id, { failedLogins: 0, lockedUntil: null });
      tx.note({ entity: 'users', entityId: user.id, action: 'login' });
      return { ...this.startSession(user.id), user: toUserView(user) };
    });
  }

  startSession(userId: string): { token: string; expiresAt: number } {
    const token = randomBytes(32).toString('base64url');
    const createdAt = this.now();
    const expiresAt = createdAt + this.sessionTtlMs;
    this.db.insert(sessions).values({ tokenHash: hashToken(token), userId, createdAt, expiresAt }).run();
    this.db.delete(sessions).where(lt(sessions.expiresAt, createdAt)).run();
    return { token, expiresAt };
  }

  /** The user behind a live token, or null (missing, expired, user disabled). */
  authenticate(token: string | null): AuthedUser | null {
    if (!token) return null;
    const s = this.db.select().from(sessions).where(eq(sessions.tokenHash, hashToken(token))).get();
    if (!s || s.expiresAt <= this.now()) return null;
    const u = this.findById(s.userId);
    if (!u || u.disabled) return null;
    return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, permissions: ROLE_PERMISSIONS[u.role] };
  }

  endSession(token: string): void {
    this.db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token))).run();
    this.onSessionsEnded();
  }

  /** When a token's session ends (for event streams, which must stop then); null for a dead token. */
  sessionExpiry(token: string): number | null {
    const s = this.db.select().from(sessions).where(eq(sessions.tokenHash, hashToken(token))).get();
    return s && s.expiresAt > this.now() ? s.expiresAt : null;
  }

  private endSessionsOf(userId: string): void {
    this.db.delete(sessions).where(eq(sessions.userId, userId)).run();
    // After the transaction that called us commits (a rolled-back change ends nothing; a re-check then finds every session alive).
    queueMicrotask(this.onSessionsEnded);
  }

  async changePassword(ctx: WriteContext, userId: string, current: string, next: string, locale: Locale) {
    const user = this.findById(userId);
    if (!user || !(await verifyPassword(current, user.passwordHash))) {
      throw new ApiError('invalid_input', say(locale, '当前密码不正确', 'current password is wrong'), 'currentPassword');
    }
    const passwordHash = await hashPassword(next);
    this.database.writes.run(ctx, (tx) => tx.update('users', userId, { passwordHash, updatedAt: this.now() }));
  }
}
