import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delayFor, SOURCE_FREE, SOURCE_MAX_DELAY_MS } from '../../src-main/auth/login-throttle';
import { call, login, startHost, type Host, type Reply } from './host';

/** Issue #8, sign-in (items 6, 7, 8, 10), replayed over HTTP against the real host. */

const failuresOf = async (host: Host, token: string, username: string) => {
  const r = await call(host, 'audit.list', { action: 'login_failed', limit: 500 }, { token });
  return (r.json.data.rows as { after: { username: string } }[]).filter((x) => x.after.username === username).length;
};

describe('sign-in under attack', () => {
  let host: Host;
  beforeAll(async () => (host = await startHost()));
  afterAll(() => host.dispose());

  it('#8.6 400 concurrent wrong passwords lock the account after exactly 5, and #8.7 the owner still signs in from another source', async () => {
    const replies = await Promise.all(Array.from({ length: 400 }, () => call(host, 'auth.login', { username: 'owner', password: 'not-the-password' })));
    expect(replies.map((r) => r.status)).toEqual(Array(400).fill(401));
    expect(new Set(replies.map((r) => r.text)).size).toBe(1); // one answer, whatever happened inside

    // The right password from the attacking source is refused now: the pair is locked.
    const again = await call(host, 'auth.login', { username: 'owner', password: 'orderhub-demo' });
    expect(again.status).toBe(401);
    expect(again.text).toBe(replies[0]!.text);

    // From another source (another PC) the owner signs in: the attacker cannot lock them out.
    const elsewhere = await call(host, 'auth.login', { username: 'owner', password: 'orderhub-demo' }, { from: '127.0.0.2' });
    expect(elsewhere.status).toBe(200);
    const token = elsewhere.json.data.token as string;
    // Only 5 passwords were ever checked (the rest were refused unchecked), and the lock is on record.
    expect(await failuresOf(host, token, 'owner')).toBe(5);
    const locked = await call(host, 'audit.list', { action: 'locked', limit: 10 }, { token });
    expect(locked.json.data.rows).toHaveLength(1);
    expect(locked.json.data.rows[0].after).toMatchObject({ username: 'owner', source: '127.0.0.1' });
    // The users screen shows the lock, and the owner can lift it.
    const users = await call(host, 'users.list', {}, { token });
    const owner = users.json.data.find((u: { username: string }) => u.username === 'owner');
    expect(owner.lockedUntil).toBeGreaterThan(Date.now());
    expect((await call(host, 'users.update', { id: owner.id, unlock: true }, { token })).status).toBe(200);
  }, 120_000);

  it('#8.7 unknown, locked and disabled users get the same answer as a wrong password, in the same time', async () => {
    const owner = await login(host, 'owner', 'orderhub-demo', '127.0.0.9');
    const users = (await call(host, 'users.list', {}, { token: owner, from: '127.0.0.9' })).json.data as { id: string; username: string }[];
    const warehouse = users.find((u) => u.username === 'warehouse')!;
    expect((await call(host, 'users.update', { id: warehouse.id, disabled: true }, { token: owner, from: '127.0.0.9' })).status).toBe(200);
    for (let i = 0; i < 5; i++) await call(host, 'auth.login', { username: 'service', password: 'wrong-password' }, { from: '127.0.0.10' });

    // Interleaved, so load on the machine falls on every kind alike. Each wrong/unknown/disabled
    // attempt comes from an address of its own, so no pair locks and no address slows down; ten
    // rounds keep every user name within its free attempts (no growing delay either).
    const kinds = {
      wrong: (round: number) => ({ username: 'finance', password: 'wrong-password', from: `127.0.11.${round + 1}` }),
      unknown: (round: number) => ({ username: 'nobody-here', password: 'wrong-password', from: `127.0.12.${round + 1}` }),
      locked: () => ({ username: 'service', password: 'orderhub-demo', from: '127.0.0.10' }),
      disabled: (round: number) => ({ username: 'warehouse', password: 'orderhub-demo', from: `127.0.13.${round + 1}` }),
    };
    const seen: Record<string, Reply[]> = { wrong: [], unknown: [], locked: [], disabled: [], none: [] };
    for (let round = 0; round < 10; round++) {
      for (const [kind, at] of Object.entries(kinds)) {
        const k = at(round);
        seen[kind]!.push(await call(host, 'auth.login', { username: k.username, password: k.password }, { from: k.from }));
      }
      seen.none!.push(await call(host, 'auth.me', {})); // a refusal with no password check: the floor
    }
    const answers = Object.entries(seen).filter(([k]) => k !== 'none').flatMap(([, rs]) => rs);
    expect(new Set(answers.map((r) => `${r.status} ${r.text}`)).size).toBe(1);
    // The fastest of ten is what the work costs (load on a shared machine only adds to it);
    // above the floor of a request that checks no password, that is the scrypt.
    const fastest = Object.fromEntries(Object.entries(seen).map(([k, rs]) => [k, Math.min(...rs.map((r) => r.ms))]));
    const check = fastest.wrong! - fastest.none!;
    for (const kind of ['unknown', 'locked', 'disabled']) {
      const why = `${kind} ${fastest[kind]!.toFixed(0)} ms vs wrong ${fastest.wrong!.toFixed(0)} ms, floor ${fastest.none!.toFixed(0)} ms (${JSON.stringify(Object.fromEntries(Object.entries(seen).map(([k, rs]) => [k, rs.map((r) => Math.round(r.ms))])))})`;
      // Not answered without the check (faster), nor with a second one (much slower).
      expect(fastest[kind]! - fastest.none!, why).toBeGreaterThan(check * 0.3);
      expect(fastest[kind]!, why).toBeLessThan(fastest.wrong! * 3 + 100);
    }
  }, 120_000);

  it('#8.7 attempts from one source wait longer and longer once it has failed too often', async () => {
    const from = '127.0.0.20';
    for (let i = 1; i <= SOURCE_FREE; i++) await call(host, 'auth.login', { username: `spray-${i}`, password: 'x' }, { from });
    const waits: number[] = [];
    for (let i = SOURCE_FREE + 1; i <= SOURCE_FREE + 4; i++) {
      const r = await call(host, 'auth.login', { username: `spray-${i}`, password: 'x' }, { from });
      expect(r.status).toBe(401);
      waits.push(r.ms);
      expect(r.ms).toBeGreaterThanOrEqual(delayFor(i, SOURCE_FREE, SOURCE_MAX_DELAY_MS)); // 250 ms, 500 ms, 1 s, 2 s
    }
    expect(waits[3]!).toBeGreaterThan(waits[0]!);
  }, 120_000);
});

describe('passwords and sessions', () => {
  let host: Host;
  beforeAll(async () => (host = await startHost()));
  afterAll(() => host.dispose());

  it('#8.8 changing a password ends the user\'s other sessions, not this one', async () => {
    const here = await login(host, 'ops');
    const other = await login(host, 'ops', 'orderhub-demo', '127.0.0.3');
    const r = await call(host, 'auth.changePassword', { currentPassword: 'orderhub-demo', newPassword: 'new-ops-pass-1' }, { token: here });
    expect(r.status).toBe(200);
    expect((await call(host, 'auth.me', {}, { token: here })).status).toBe(200);
    expect((await call(host, 'auth.me', {}, { token: other, from: '127.0.0.3' })).status).toBe(401);
    expect((await call(host, 'auth.login', { username: 'ops', password: 'orderhub-demo' }, { from: '127.0.0.4' })).status).toBe(401);
    expect((await call(host, 'auth.login', { username: 'ops', password: 'new-ops-pass-1' }, { from: '127.0.0.4' })).status).toBe(200);
  });

  it('#8.8 wrong current-password guesses count toward the lockout and the fifth ends the session', async () => {
    const from = '127.0.0.5';
    const token = await login(host, 'finance', 'orderhub-demo', from);
    for (let i = 1; i <= 4; i++) {
      const r = await call(host, 'auth.changePassword', { currentPassword: `guess-${i}`, newPassword: 'stolen-pass-1' }, { token, from });
      expect(r.status).toBe(400);
      expect(r.json.error.field).toBe('currentPassword');
    }
    const fifth = await call(host, 'auth.changePassword', { currentPassword: 'guess-5', newPassword: 'stolen-pass-1' }, { token, from });
    expect(fifth.status).toBe(401);
    expect((await call(host, 'auth.me', {}, { token, from })).status).toBe(401);
    // The guesses locked sign-in from that source too; the password did not change.
    expect((await call(host, 'auth.login', { username: 'finance', password: 'orderhub-demo' }, { from })).status).toBe(401);
    expect((await call(host, 'auth.login', { username: 'finance', password: 'orderhub-demo' }, { from: '127.0.0.6' })).status).toBe(200);
  });
});

describe('first run', () => {
  it('#8.10 three concurrent setup.createOwner calls on a fresh workspace make exactly one owner', async () => {
    const host = await startHost([], { env: { ORDERHUB_OWNER_PASSWORD: '' } });
    try {
      const replies = await Promise.all(['boss1', 'boss2', 'boss3'].map((username) =>
        call(host, 'setup.createOwner', { username, displayName: '老板', password: 'owner-pass-1' })));
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      const token = replies.find((r) => r.status === 200)!.json.data.token as string;
      const users = (await call(host, 'users.list', {}, { token })).json.data as { role: string }[];
      expect(users).toHaveLength(1);
      expect(users[0]!.role).toBe('owner');
    } finally {
      await host.dispose();
    }
  });
});
