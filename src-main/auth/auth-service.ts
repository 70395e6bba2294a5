import type { AuthedUser } from '../kernel/call';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt, ne } from 'drizzle-orm';
import { uuidv7 } from '../kernel/ids';
import type { UserView } from '../../src-shared/contract';
import { ApiError } from '../../src-shared/errors';
import { ROLE_PERMISSIONS, type Permission, type Role } from '../../src-shared/roles';
import type { Database } from '../db';
import { sessions, users } from '../db/schema';
import type { WriteContext } from '../db/write-path/write-path';
import { say, type Locale } from '../kernel/i18n';
import { LoginThrottle, MAX_FAILED_LOGINS } from './login-throttle';
import { hashPassword, verifyPassword } from './passwords';

export { LOCKOUT_MS, MAX_FAILED_LOGINS } from './login-throttle';
export const SESSION_TTL_MS = 12 * 60 * 60_000;

type UserRow = typeof users.$inferSelect;
type NewUser = { username: string; displayName: string; role: Role; password: string };

/** `lockedUntil` comes from the sign-in throttle (local to this PC), not from the synced row. */
export function toUserView(u: UserRow, lockedUntil: number | null = null): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    disabled: u.disabled,
    lockedUntil: lockedUntil && lockedUntil > Date.now() ? lockedUntil : null,
    createdAt: u.createdAt,
  };
}

/** The one answer to every refused sign-in: an unknown, locked or disabled user looks like a wrong password. */
export function signInRefused(locale: Locale): ApiError {
  return new ApiError(
    'unauthenticated',
    say(locale, '用户名或密码错误（连续输错 5 次会暂时锁定；已停用的账户也无法登录）', 'wrong username or password (5 wrong in a row lock sign-in for a while; a disabled account cannot sign in)'),
    'password',
  );
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Users, passwords, sessions and lockout. All user writes go through the write path. */
export class AuthService {
  private readonly throttle: LoginThrottle;
  /** A real hash of a random password: an unknown user is checked against it, for equal time. */
  private readonly dummyHash = hashPassword(randomBytes(16).toString('hex'));
  /** How long a password check takes here lately (moving average). */
  private checkMs = 60;
  /** Locked refusals being hashed right now (see `lockedWait`). */
  private lockedHashing = 0;

  constructor(
    private readonly database: Database,
    private readonly now: () => number = Date.now,
    private readonly sessionTtlMs = SESSION_TTL_MS,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    /** Sessions were ended: open event streams are checked again (they may belong to them). */
    private readonly onSessionsEnded: () => void = () => {},
  ) {
    this.throttle = new LoginThrottle(database.sqlite, now);
  }

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

  view(u: UserRow): UserView {
    return toUserView(u, this.throttle.lockedUntil(u.username));
  }

  list(): UserView[] {
    return this.db.select().from(users).orderBy(users.createdAt).all().map((u) => this.view(u));
  }

  async createUser(ctx: WriteContext, input: NewUser, locale: Locale): Promise<UserView> {
    if (this.findByUsername(input.username)) throw taken(input.username, locale);
    const [row] = await this.rows([input]);
    // Re-check inside the transaction: scrypt yielded the event loop.
    this.database.writes.run(ctx, (tx) => {
      if (this.findByUsername(input.username)) throw taken(input.username, locale);
      tx.insert('users', row!);
    });
    return this.view(this.findById(row!.id)!);
  }

  /**
   * The first users of a new workspace (the owner, or the demo's five), all or none: the
   * "no users yet" check and the inserts share one IMMEDIATE transaction, so of three
   * concurrent first-run calls exactly one creates anything.
   */
  async createFirstUsers(ctx: WriteContext, input: NewUser[], locale: Locale): Promise<UserView[]> {
    const refused = () => new ApiError('conflict', say(locale, '工作区已有账户，请直接登录', 'this workspace already has users: sign in'));
    if (this.userCount() > 0) throw refused();
    const rows = await this.rows(input);
    this.database.writes.run(ctx, (tx) => {
      if (this.userCount() > 0) throw refused();
      for (const r of rows) tx.insert('users', r);
    });
    return rows.map((r) => this.view(this.findById(r.id)!));
  }

  private async rows(input: NewUser[]) {
    const t = this.now();
    return Promise.all(input.map(async (u) => ({
      id: uuidv7(), username: u.username, displayName: u.displayName, role: u.role,
      passwordHash: await hashPassword(u.password), disabled: false, failedLogins: 0, lockedUntil: null, createdAt: t, updatedAt: t,
    })));
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
    this.database.writes.run(ctx, (tx) => {
      tx.update('users', user.id, patch);
      if (input.unlock) {
        this.throttle.unlock(user.username);
        tx.note({ entity: 'users', entityId: user.id, action: 'unlocked' });
      }
      if (input.disabled || input.role !== undefined || input.password !== undefined) this.endSessionsOf(user.id);
    });
    return this.view(this.findById(user.id)!);
  }

  /**
   * Checks a password. The attempt is counted before the password is looked at and the count
   * checked in the same IMMEDIATE transaction (login-throttle.ts); every refusal — wrong
   * password, unknown, locked or disabled user — gives the same answer after one scrypt.
   */
  async login(ctx: WriteContext, username: string, password: string, source: string, locale: Locale) {
    const ticket = this.database.writes.run(ctx, (tx) => {
      const tk = this.throttle.begin(username, source);
      if (tk.lockedNow) tx.note({ entity: 'users', entityId: this.findByUsername(username)?.id ?? null, action: 'locked', after: { username, source, reason: 'too many attempts at once' } });
      else if (tk.firstRefusal) tx.note({ entity: 'users', entityId: this.findByUsername(username)?.id ?? null, action: 'login_refused_locked', after: { username, source } });
      return tk;
    });
    if (ticket.delayMs) await this.sleep(ticket.delayMs);
    if (ticket.decision === 'locked') {
      await this.lockedWait(password);
      throw signInRefused(locale);
    }
    const user = this.findByUsername(username);
    const right = await this.check(password, user?.passwordHash ?? (await this.dummyHash));

    const userCtx = user ? { ...ctx, actor: { id: user.id, name: user.username } } : ctx;
    const session = this.database.writes.run(userCtx, (tx) => {
      if (right && user && !user.disabled && this.throttle.succeed(ticket)) {
        tx.note({ entity: 'users', entityId: user.id, action: 'login', after: { source } });
        return { ...this.startSession(user.id), user: this.view(user) };
      }
      const why = !user ? 'unknown user' : user.disabled ? 'disabled' : right ? 'locked meanwhile' : 'wrong password';
      const { lockedNow } = this.throttle.fail(ticket);
      tx.note({ entity: 'users', entityId: user?.id ?? null, action: 'login_failed', after: { username, source, reason: why } });
      if (lockedNow) tx.note({ entity: 'users', entityId: user?.id ?? null, action: 'locked', after: { username, source, failures: MAX_FAILED_LOGINS } });
      return null;
    });
    if (!session) throw signInRefused(locale);
    return session;
  }

  /**
   * A locked pair's attempt takes as long as a check: one guess at a time (someone probing which
   * names are locked) costs a real scrypt against the dummy hash, so it cannot be told apart from
   * a wrong password, however loaded the machine. A flood of them (more than two at once) waits
   * the recent check time instead, so 400 concurrent guesses do not buy 400 scrypts of CPU.
   */
  private async lockedWait(password: string): Promise<void> {
    if (this.lockedHashing >= 2) return this.sleep(this.checkMs);
    this.lockedHashing++;
    try {
      await this.check(password, await this.dummyHash);
    } finally {
      this.lockedHashing--;
    }
  }

  /** One scrypt check, timed into the moving average that a flood of locked refusals waits for. */
  private async check(password: string, hash: string): Promise<boolean> {
    const started = performance.now();
    const right = await verifyPassword(password, hash);
    this.checkMs = this.checkMs * 0.8 + (performance.now() - started) * 0.2;
    return right;
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

  private endSessionsOf(userId: string, except?: string): void {
    const mine = eq(sessions.userId, userId);
    this.db.delete(sessions).where(except ? and(mine, ne(sessions.tokenHash, hashToken(except))) : mine).run();
    // After the transaction that called us commits (a rolled-back change ends nothing; a re-check then finds every session alive).
    queueMicrotask(this.onSessionsEnded);
  }

  /**
   * Your own password. A wrong current password counts toward the lockout like a wrong sign-in
   * (a borrowed session cannot guess it); the guess that locks also ends this session. A change
   * ends every other session of the user.
   */
  async changePassword(ctx: WriteContext, userId: string, current: string, next: string, session: { token: string | null; source: string }, locale: Locale) {
    const user = this.findById(userId);
    if (!user) throw new ApiError('unauthenticated', say(locale, '登录已失效，请重新登录', 'session missing or expired: sign in again'));
    const wrong = () => new ApiError('invalid_input', say(locale, '当前密码不正确（连续输错 5 次会退出登录并暂时锁定）', 'current password is wrong (5 wrong in a row sign you out and lock sign-in for a while)'), 'currentPassword');
    const ticket = this.database.writes.run(ctx, (tx) => {
      const tk = this.throttle.begin(user.username, session.source);
      if (tk.lockedNow) tx.note({ entity: 'users', entityId: user.id, action: 'locked', after: { source: session.source, reason: 'too many attempts at once' } });
      return tk;
    });
    if (ticket.delayMs) await this.sleep(ticket.delayMs);
    const right = ticket.decision === 'check' ? await this.check(current, user.passwordHash) : (await this.lockedWait(current), false);
    const passwordHash = right && ticket.decision === 'check' ? await hashPassword(next) : null;
    const outcome = this.database.writes.run(ctx, (tx) => {
      if (passwordHash && this.throttle.succeed(ticket)) {
        tx.update('users', userId, { passwordHash, updatedAt: this.now() });
        this.endSessionsOf(userId, session.token ?? undefined);
        return 'changed' as const;
      }
      const { lockedNow, lockedUntil } = ticket.decision === 'locked' ? { lockedNow: false, lockedUntil: 1 } : this.throttle.fail(ticket);
      tx.note({ entity: 'users', entityId: user.id, action: 'password_change_failed', after: { source: session.source } });
      if (lockedNow) tx.note({ entity: 'users', entityId: user.id, action: 'locked', after: { source: session.source, failures: MAX_FAILED_LOGINS } });
      if (lockedUntil !== null && session.token) this.endSession(session.token);
      return lockedUntil !== null ? ('locked' as const) : ('wrong' as const);
    });
    if (outcome === 'locked') {
      throw new ApiError('unauthenticated', say(locale, '当前密码连续输错，已退出登录并暂时锁定', 'too many wrong current passwords: signed out and locked for a while'), 'currentPassword');
    }
    if (outcome === 'wrong') throw wrong();
  }
}

function taken(username: string, locale: Locale): ApiError {
  return new ApiError('conflict', say(locale, `用户名 "${username}" 已存在`, `username "${username}" is taken`), 'username');
}
