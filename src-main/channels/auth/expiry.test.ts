import { describe, expect, it } from 'vitest';
import {
  DOUYIN_REFRESH_LIFETIME_MS, douyinExpiry, EXPIRY_WARNING_MS, expiresAtFrom, jdExpiry, pddExpiry, planRenewal, planRetry, renewMargin,
  shopifyExpiry, taobaoExpiry, youzanExpiry,
} from './expiry';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('token expiry per platform', () => {
  it('reads an expires value as seconds from now, epoch seconds or epoch ms', () => {
    expect(expiresAtFrom(7200, NOW)).toBe(NOW + 2 * HOUR);
    expect(expiresAtFrom(Math.floor(NOW / 1000) + 3600, NOW)).toBe(Math.floor(NOW / 1000) * 1000 + HOUR);
    expect(expiresAtFrom(NOW + DAY, NOW)).toBe(NOW + DAY);
    expect(expiresAtFrom(0, NOW)).toBeNull();
    expect(expiresAtFrom(null, NOW)).toBeNull();
  });

  it('Taobao: expire_time (ms) wins over expires_in; re_expires_in 0 means the app cannot refresh', () => {
    // The real sample: expires_in 7776000, re_expires_in 0, refresh_token_valid_time = issue time.
    const fixed = taobaoExpiry({ expire_time: NOW + 90 * DAY, expires_in: 7_776_000, re_expires_in: 0, refresh_token_valid_time: NOW }, NOW);
    expect(fixed).toEqual({ accessExpiresAt: NOW + 90 * DAY, refreshExpiresAt: null, refreshable: false });
    const sub = taobaoExpiry({ expires_in: 863_693, re_expires_in: 2_592_000 }, NOW);
    expect(sub).toEqual({ accessExpiresAt: NOW + 863_693_000, refreshExpiresAt: NOW + 30 * DAY, refreshable: true });
  });

  it('PDD: expires_at in epoch seconds, refresh_token_expires_in as a duration', () => {
    const e = pddExpiry({ expires_at: Math.floor(NOW / 1000) + 86_400, refresh_token_expires_in: 30 * 86_400 }, NOW);
    expect(e).toEqual({ accessExpiresAt: NOW + DAY, refreshExpiresAt: NOW + 30 * DAY });
  });

  it('JD: expires_in counted from the issue time the answer carries', () => {
    expect(jdExpiry({ expires_in: 86_400, time: NOW - HOUR }, NOW)).toEqual({ accessExpiresAt: NOW + 23 * HOUR, refreshExpiresAt: null });
    expect(jdExpiry({ expires_in: 86_400 }, NOW).accessExpiresAt).toBe(NOW + DAY);
  });

  it('Douyin: expires_in seconds, and the refresh token lives 14 days', () => {
    expect(douyinExpiry({ expires_in: 7 * 86_400 }, NOW)).toEqual({ accessExpiresAt: NOW + 7 * DAY, refreshExpiresAt: NOW + DOUYIN_REFRESH_LIFETIME_MS });
  });

  it('Youzan: expires as epoch ms; Shopify: expires_in, none for a token that never expires', () => {
    expect(youzanExpiry({ expires: NOW + 7 * DAY }, NOW).accessExpiresAt).toBe(NOW + 7 * DAY);
    expect(shopifyExpiry({ expires_in: 86_399 }, NOW).accessExpiresAt).toBe(NOW + 86_399_000);
    expect(shopifyExpiry({}, NOW)).toEqual({ accessExpiresAt: null, refreshExpiresAt: null });
  });
});

describe('when to renew', () => {
  it('renews a fifth of the lifetime ahead, between 5 minutes and a day', () => {
    expect(renewMargin(DAY)).toBe(DAY / 5);
    expect(renewMargin(10 * MIN)).toBe(5 * MIN);
    expect(renewMargin(30 * DAY)).toBe(DAY);
    // Shopify's day-long token: at 19.2 h.
    expect(planRenewal('shopify', { accessExpiresAt: NOW + DAY, refreshExpiresAt: null, renewal: 'regrant' }, NOW)).toBe(NOW + DAY - DAY / 5);
    // Taobao's 10-day token: a day before.
    expect(planRenewal('taobao', { accessExpiresAt: NOW + 10 * DAY, refreshExpiresAt: NOW + 30 * DAY, renewal: 'refresh_token' }, NOW)).toBe(NOW + 9 * DAY);
  });

  it('Douyin is renewed inside its last hour, where the platform gives a new pair (earlier it returns the same one)', () => {
    const at = planRenewal('douyin', { accessExpiresAt: NOW + 7 * DAY, refreshExpiresAt: NOW + 14 * DAY, renewal: 'refresh_token' }, NOW)!;
    expect(at).toBe(NOW + 7 * DAY - 50 * MIN);
    expect(NOW + 7 * DAY - at).toBeLessThan(HOUR);
  });

  it('renews before the refresh token itself runs out', () => {
    const at = planRenewal('pdd', { accessExpiresAt: NOW + 30 * DAY, refreshExpiresAt: NOW + 5 * DAY, renewal: 'refresh_token' }, NOW)!;
    expect(at).toBe(NOW + 4 * DAY);
  });

  it('nothing to plan for a token that never expires or cannot be renewed; never sooner than a minute', () => {
    expect(planRenewal('shopify', { accessExpiresAt: null, refreshExpiresAt: null, renewal: 'regrant' }, NOW)).toBeNull();
    expect(planRenewal('taobao', { accessExpiresAt: NOW + DAY, refreshExpiresAt: null, renewal: 'none' }, NOW)).toBeNull();
    expect(planRenewal('jd', { accessExpiresAt: NOW + 3 * MIN, refreshExpiresAt: null, renewal: 'refresh_token' }, NOW)).toBe(NOW + MIN);
    expect(planRenewal('jd', { accessExpiresAt: NOW + 40_000, refreshExpiresAt: null, renewal: 'refresh_token' }, NOW)).toBe(NOW + 20_000);
  });

  it('retries a failed renewal with backoff, always before the token expires, and gives up after', () => {
    expect(planRetry(1, NOW + DAY, NOW)).toBe(NOW + 30_000);
    expect(planRetry(4, NOW + DAY, NOW)).toBe(NOW + 4 * MIN);
    expect(planRetry(20, NOW + DAY, NOW)).toBe(NOW + 30 * MIN);
    expect(planRetry(20, NOW + 5 * MIN, NOW)).toBe(NOW + 4 * MIN);
    expect(planRetry(1, NOW, NOW)).toBeNull();
    expect(EXPIRY_WARNING_MS).toBe(3 * DAY);
  });
});
