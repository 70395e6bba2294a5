import { describe, expect, it } from 'vitest';
import { delayFor, LOCKOUT_MS, lockFor, MAX_LOCKOUT_MS } from './login-throttle';

describe('sign-in throttle arithmetic', () => {
  it('delays start after the free attempts and double up to the cap', () => {
    expect([20, 21, 22, 23, 24, 30, 60].map((n) => delayFor(n, 20, 10_000))).toEqual([0, 250, 500, 1000, 2000, 10_000, 10_000]);
  });

  it('each lock in a row lasts twice the last, up to an hour', () => {
    expect([1, 2, 3, 4, 5, 9].map(lockFor)).toEqual([LOCKOUT_MS, 2 * LOCKOUT_MS, 4 * LOCKOUT_MS, 8 * LOCKOUT_MS, MAX_LOCKOUT_MS, MAX_LOCKOUT_MS]);
  });
});
