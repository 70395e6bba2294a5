import type { ChannelKind } from '../../../src-shared/orders';
import type { Renewal } from './grant';

/**
 * Token-expiry arithmetic per platform (PLATFORMS.md §10), pure and unit-tested: when a token
 * and its refresh token expire, and when to renew. All times UTC ms.
 */
const S = 1000;
const MIN = 60 * S;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/**
 * An `expires_*` value that may be a duration in seconds or a point in time (epoch seconds or
 * ms): the platforms are not consistent (Douyin's `expires_in` is documented as seconds and
 * reported as an epoch by some; PDD sends both forms). Null for missing, zero or negative.
 */
export function expiresAtFrom(value: number | null | undefined, now: number): number | null {
  if (value === null || value === undefined || !Number.isFinite(value) || value <= 0) return null;
  if (value >= 1e12) return Math.round(value); // epoch ms
  if (value >= 1e9) return Math.round(value * S); // epoch seconds
  return now + Math.round(value * S); // seconds from now
}

export interface Expiry {
  accessExpiresAt: number | null;
  refreshExpiresAt: number | null;
}

/**
 * Taobao token_result: `expire_time` (ms) or `expires_in` (s); the refresh token lives
 * `re_expires_in` seconds (`refresh_token_valid_time`, ms): 0 means the app type cannot refresh
 * (商家后台 apps get fixed-length tokens; only service-market subscriptions refresh).
 */
export function taobaoExpiry(r: { expire_time?: number | null; expires_in?: number | null; re_expires_in?: number | null; refresh_token_valid_time?: number | null }, now: number): Expiry & { refreshable: boolean } {
  const accessExpiresAt = expiresAtFrom(r.expire_time, now) ?? expiresAtFrom(r.expires_in, now);
  const byDuration = expiresAtFrom(r.re_expires_in, now);
  const byTime = r.refresh_token_valid_time && r.refresh_token_valid_time > now + MIN ? r.refresh_token_valid_time : null;
  const refreshExpiresAt = byDuration ?? byTime;
  return { accessExpiresAt, refreshExpiresAt, refreshable: refreshExpiresAt !== null };
}

/** PDD pop_auth_token_*_response: `expires_at` (epoch s) or `expires_in`; `refresh_token_expires_at|_in` the same way. */
export function pddExpiry(r: { expires_at?: number | null; expires_in?: number | null; refresh_token_expires_at?: number | null; refresh_token_expires_in?: number | null }, now: number): Expiry {
  return {
    accessExpiresAt: expiresAtFrom(r.expires_at, now) ?? expiresAtFrom(r.expires_in, now),
    refreshExpiresAt: expiresAtFrom(r.refresh_token_expires_at, now) ?? expiresAtFrom(r.refresh_token_expires_in, now),
  };
}

/** JD oauth2: `expires_in` seconds counted from `time` (ms, when the token was issued) or from now; the refresh token's life is not published. */
export function jdExpiry(r: { expires_in?: number | null; time?: number | null }, now: number): Expiry {
  const issued = r.time && r.time > 1e12 ? r.time : now;
  return { accessExpiresAt: expiresAtFrom(r.expires_in, issued), refreshExpiresAt: null };
}

/** Douyin token.create / token.refresh: `expires_in` (seconds, 7 days by default); the refresh token lives 14 days. */
export const DOUYIN_REFRESH_LIFETIME_MS = 14 * DAY;
/** A refresh more than this before expiry returns the same pair; inside it, a new pair. */
export const DOUYIN_SAME_PAIR_MS = HOUR;

export function douyinExpiry(d: { expires_in?: number | null }, now: number): Expiry {
  return { accessExpiresAt: expiresAtFrom(d.expires_in, now), refreshExpiresAt: now + DOUYIN_REFRESH_LIFETIME_MS };
}

/** Youzan auth/token data: `expires` (epoch ms in the SDKs' samples; seconds accepted); the refresh token's life is not published for youzanyun. */
export function youzanExpiry(d: { expires?: number | null; expires_in?: number | null }, now: number): Expiry {
  return { accessExpiresAt: expiresAtFrom(d.expires, now) ?? expiresAtFrom(d.expires_in, now), refreshExpiresAt: null };
}

/** Shopify: a client-credentials token has `expires_in` (about a day); a legacy shpat_ token none (never expires). */
export function shopifyExpiry(r: { expires_in?: number | null; refresh_token_expires_in?: number | null }, now: number): Expiry {
  return { accessExpiresAt: expiresAtFrom(r.expires_in, now), refreshExpiresAt: expiresAtFrom(r.refresh_token_expires_in, now) };
}

/** How long before expiry a token is renewed: a fifth of its life, at least 5 minutes, at most a day. */
export function renewMargin(lifetimeMs: number): number {
  return Math.min(DAY, Math.max(5 * MIN, Math.round(lifetimeMs / 5)));
}

/**
 * When to renew: null when the token does not expire or cannot be renewed. Douyin is renewed
 * inside its last hour (earlier, the platform answers with the same pair); the others a margin
 * before expiry, and before the refresh token itself runs out. Never sooner than a minute (or
 * half the time left) from now, so a platform answering with an old expiry cannot spin us.
 */
export function planRenewal(kind: ChannelKind, g: Expiry & { renewal: Renewal }, now: number): number | null {
  if (g.accessExpiresAt === null || g.renewal === 'none') return null;
  const left = g.accessExpiresAt - now;
  let at = kind === 'douyin' ? g.accessExpiresAt - (DOUYIN_SAME_PAIR_MS - 10 * MIN) : g.accessExpiresAt - renewMargin(left);
  if (g.refreshExpiresAt !== null && g.renewal === 'refresh_token') at = Math.min(at, g.refreshExpiresAt - renewMargin(g.refreshExpiresAt - now));
  return Math.max(at, now + Math.min(MIN, Math.max(0, left / 2)));
}

/** After a failed renewal that may work later (network, rate limit): back off, but try again before the token expires. */
export function planRetry(failures: number, accessExpiresAt: number | null, now: number): number | null {
  const wait = Math.min(30 * MIN, 30 * S * 2 ** Math.max(0, failures - 1));
  if (accessExpiresAt === null) return now + wait;
  if (now >= accessExpiresAt) return null; // expired: nothing left to save
  return Math.min(now + wait, Math.max(now + 10 * S, accessExpiresAt - MIN));
}

/** A token nothing can renew warns this long before it expires. */
export const EXPIRY_WARNING_MS = 3 * DAY;
