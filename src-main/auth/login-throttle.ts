import type { Sqlite } from '../db';

/** Wrong passwords in a row from one source for one user name before that pair is locked. */
export const MAX_FAILED_LOGINS = 5;
/** The first lock of a pair; each lock in a row lasts twice the last, up to an hour. */
export const LOCKOUT_MS = 5 * 60_000;
export const MAX_LOCKOUT_MS = 60 * 60_000;
/** Failures from one source (any user name) and for one user name (any source) counted over this window. */
export const WINDOW_MS = 15 * 60_000;
/** A source may fail this often in the window before each attempt waits longer (password spraying). */
export const SOURCE_FREE = 20;
/** A user name may fail this often (all sources) before each attempt waits longer (many sources). */
export const USER_FREE = 10;
export const SOURCE_MAX_DELAY_MS = 10_000;
export const USER_MAX_DELAY_MS = 5_000;

/** The growing delay before an attempt is answered: 250 ms, 500 ms, 1 s, … up to the cap. */
export function delayFor(failures: number, free: number, capMs: number): number {
  if (failures <= free) return 0;
  return Math.min(capMs, 250 * 2 ** Math.min(20, failures - free - 1));
}

export function lockFor(locks: number): number {
  return Math.min(MAX_LOCKOUT_MS, LOCKOUT_MS * 2 ** Math.max(0, locks - 1));
}

interface Row {
  key: string;
  failures: number;
  locks: number;
  lockedUntil: number | null;
  refused: number;
  updatedAt: number;
}

/** One sign-in attempt as counted before its password is checked. */
export interface Ticket {
  username: string;
  source: string;
  /** 'locked': refused without looking at the password (answered after as long as a check takes). */
  decision: 'check' | 'locked';
  /** Wait this long before answering (growing with the source's and the user name's failures). */
  delayMs: number;
  /** This attempt locked the pair (the one past the limit while others were still being checked). */
  lockedNow: boolean;
  /** The first attempt refused by this lock: audited; later ones are only counted. */
  firstRefusal: boolean;
}

/**
 * Sign-in throttling, keyed by user name AND source (house plan: anonymous requests cannot keep
 * the owner locked out forever). A pair (user name, source) is locked after 5 failures in a
 * row — a guess from elsewhere is not refused by it — while failures per source and per user
 * name add growing delays. Every method runs inside the caller's IMMEDIATE transaction: an
 * attempt is counted as a failure BEFORE its password is checked and refunded if it was right,
 * so 400 concurrent guesses see each other's counts.
 */
export class LoginThrottle {
  private readonly get;
  private readonly put;
  private readonly forUser;
  private readonly dropUser;
  private readonly prune;

  constructor(
    sqlite: Sqlite,
    private readonly now: () => number,
  ) {
    this.get = sqlite.prepare(
      'SELECT key, failures, locks, locked_until AS lockedUntil, refused, updated_at AS updatedAt FROM login_throttle WHERE key = ?',
    );
    this.put = sqlite.prepare(
      `INSERT INTO login_throttle (key, failures, locks, locked_until, refused, updated_at) VALUES (@key, @failures, @locks, @lockedUntil, @refused, @updatedAt)
       ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, locks = excluded.locks, locked_until = excluded.locked_until,
         refused = excluded.refused, updated_at = excluded.updated_at`,
    );
    this.forUser = sqlite.prepare(`SELECT max(locked_until) FROM login_throttle WHERE key >= ? AND key < ? AND locked_until > ?`).pluck();
    this.dropUser = sqlite.prepare(`DELETE FROM login_throttle WHERE key = ? OR (key >= ? AND key < ?)`);
    this.prune = sqlite.prepare(`DELETE FROM login_throttle WHERE updated_at < ? AND (locked_until IS NULL OR locked_until < ?)`);
  }

  /** Counts an attempt (as a failure until proven right) and decides whether its password is looked at. */
  begin(username: string, source: string): Ticket {
    const t = this.now();
    const pair = this.row(pairKey(username, source), t);
    if (pair.lockedUntil !== null && pair.lockedUntil <= t) Object.assign(pair, { failures: 0, lockedUntil: null, refused: 0 });
    let lockedNow = false;
    if (pair.lockedUntil === null) {
      pair.failures += 1;
      // More attempts than the limit are in flight at once: the pair locks now, unchecked.
      if (pair.failures > MAX_FAILED_LOGINS) lockedNow = this.lock(pair, t);
    }
    const check = pair.lockedUntil === null;
    let firstRefusal = false;
    if (!check) {
      pair.refused += 1;
      firstRefusal = pair.refused === 1;
    }
    this.save(pair, t);

    // Only attempts whose password is looked at count per source and per user name: a refusal
    // of a locked pair costs nothing and tells nothing, so it need not slow anyone else down.
    // It waits as long as a checked attempt would, though, so the two cannot be told apart.
    const src = this.windowed(`source:${source}`, t);
    const user = this.windowed(`user:${username}`, t);
    const delayMs = Math.max(delayFor(src.failures + 1, SOURCE_FREE, SOURCE_MAX_DELAY_MS), delayFor(user.failures + 1, USER_FREE, USER_MAX_DELAY_MS));
    if (check) {
      this.save({ ...src, failures: src.failures + 1 }, t);
      this.save({ ...user, failures: user.failures + 1 }, t);
    }
    return { username, source, decision: check ? 'check' : 'locked', delayMs, lockedNow, firstRefusal };
  }

  /** The password was right: refunds the attempt. False when the pair was locked meanwhile (then it is refused). */
  succeed(ticket: Ticket): boolean {
    const t = this.now();
    const pair = this.row(pairKey(ticket.username, ticket.source), t);
    if (pair.lockedUntil !== null && pair.lockedUntil > t) return false;
    for (const key of [`source:${ticket.source}`, `user:${ticket.username}`]) {
      const r = this.row(key, t);
      r.failures = Math.max(0, r.failures - 1);
      this.save(r, t);
    }
    this.save({ ...pair, failures: 0, locks: 0, lockedUntil: null, refused: 0 }, t);
    this.prune.run(t - 24 * 60 * 60_000, t);
    return true;
  }

  /** The password was wrong: the failure is already counted; the one that reaches the limit locks the pair. */
  fail(ticket: Ticket): { lockedNow: boolean; lockedUntil: number | null } {
    const t = this.now();
    const pair = this.row(pairKey(ticket.username, ticket.source), t);
    let lockedNow = false;
    if (pair.lockedUntil === null && pair.failures >= MAX_FAILED_LOGINS) {
      lockedNow = this.lock(pair, t);
      this.save(pair, t);
    }
    return { lockedNow, lockedUntil: pair.lockedUntil };
  }

  /** Until when any source is locked out of this user name (the users screen shows it), or null. */
  lockedUntil(username: string): number | null {
    const prefix = `pair:${username}\u0000`;
    return (this.forUser.get(prefix, `pair:${username}\u0001`, this.now()) as number | null) ?? null;
  }

  /** The owner unlocks a user: every lock and count on the name goes. */
  unlock(username: string): void {
    this.dropUser.run(`user:${username}`, `pair:${username}\u0000`, `pair:${username}\u0001`);
  }

  private lock(pair: Row, t: number): boolean {
    pair.locks += 1;
    pair.lockedUntil = t + lockFor(pair.locks);
    pair.refused = 0;
    return true;
  }

  private row(key: string, t: number): Row {
    const r = this.get.get(key) as Row | undefined;
    if (r && t - r.updatedAt > 24 * 60 * 60_000 && (r.lockedUntil === null || r.lockedUntil < t)) {
      return { key, failures: 0, locks: 0, lockedUntil: null, refused: 0, updatedAt: t };
    }
    return r ?? { key, failures: 0, locks: 0, lockedUntil: null, refused: 0, updatedAt: t };
  }

  /** A counter that forgets failures older than the window. */
  private windowed(key: string, t: number): Row {
    const r = this.row(key, t);
    if (t - r.updatedAt > WINDOW_MS) r.failures = 0;
    return r;
  }

  private save(r: Row, t: number): void {
    this.put.run({ ...r, updatedAt: t });
  }
}

/** NUL cannot occur in a user name (the contract refuses it), so the pair key splits cleanly. */
const pairKey = (username: string, source: string) => `pair:${username}\u0000${source}`;
