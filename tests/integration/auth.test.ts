import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthService, LOCKOUT_MS } from '../../src-main/auth/auth-service';
import { tempApp, type TempApp } from '../helpers/temp-app';

let app: TempApp;
beforeEach(async () => (app = await tempApp()));
afterEach(() => app.dispose());

describe('sign-in and sessions', () => {
  it('demo users sign in and auth.me reports role and permissions', async () => {
    const token = await app.login('finance');
    const me = await app.call('auth.me', {}, token);
    expect(me.role).toBe('finance');
    expect(me.permissions).toContain('finance.export');
    expect(me.permissions).not.toContain('orders.close');
  });

  it('a missing or unknown token is refused as unauthenticated', async () => {
    expect(await app.raw('auth.me', {}, null)).toMatchObject({ error: { code: 'unauthenticated' } });
    expect(await app.raw('users.list', {}, 'not-a-token')).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('an expired session is refused', async () => {
    let now = Date.now();
    const auth = new AuthService(app.services.db, () => now, 60_000);
    const { token } = auth.startSession(app.services.auth.findByUsername('owner')!.id);
    expect(auth.authenticate(token)).not.toBeNull();
    now += 60_001;
    expect(auth.authenticate(token)).toBeNull();
  });

  it('logout ends the session', async () => {
    const token = await app.login('ops');
    await app.call('auth.logout', {}, token);
    expect(await app.raw('auth.me', {}, token)).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('five wrong passwords lock the user for five minutes, audited', async () => {
    for (let i = 0; i < 5; i++) {
      expect(await app.raw('auth.login', { username: 'service', password: 'wrong-password' }, null)).toMatchObject({ error: { code: 'unauthenticated', field: 'password' } });
    }
    const locked = await app.raw('auth.login', { username: 'service', password: 'orderhub-demo' }, null);
    expect(locked).toMatchObject({ error: { code: 'unauthenticated' } });
    expect((locked as { error: { message: string } }).error.message).toMatch(/锁定/);
    const user = app.services.auth.findByUsername('service')!;
    expect(app.services.auth.view(user).lockedUntil! - Date.now()).toBeGreaterThan(LOCKOUT_MS - 5_000);
    const actions = app.services.db.sqlite.prepare(`SELECT action FROM audit_log WHERE entity_id = ? ORDER BY seq`).pluck().all(user.id);
    expect(actions.filter((a) => a === 'login_failed')).toHaveLength(5);
    expect(actions).toContain('locked');
    expect(actions).toContain('login_refused_locked');
  });

  it('the owner can unlock a locked user', async () => {
    for (let i = 0; i < 5; i++) await app.raw('auth.login', { username: 'service', password: 'wrong-password' }, null);
    const owner = await app.login('owner');
    const id = app.services.auth.findByUsername('service')!.id;
    await app.call('users.update', { id, unlock: true }, owner);
    expect(await app.login('service')).toBeTruthy();
  });
});

describe('input validation', () => {
  it('invalid input names the field and the value', async () => {
    const owner = await app.login('owner');
    const r = await app.raw('users.create', { username: 'x', displayName: '小王', role: 'service', password: 'longenough' }, owner);
    expect(r).toMatchObject({ error: { code: 'invalid_input', field: 'username' } });
    expect((r as { error: { message: string } }).error.message).toContain('"x"');
    const bad = await app.raw('users.create', { username: 'xiaowang', displayName: '小王', role: 'boss', password: 'longenough' }, owner);
    expect(bad).toMatchObject({ error: { code: 'invalid_input', field: 'role' } });
    expect((bad as { error: { message: string } }).error.message).toContain('"boss"');
    expect(app.services.auth.findByUsername('xiaowang')).toBeUndefined();
  });

  it('an unknown call is not_found', async () => {
    expect(await app.raw('orders.explode', {}, null)).toMatchObject({ error: { code: 'not_found' } });
  });

  it('owner creates a user who can then sign in, and the audit log never holds the password hash', async () => {
    const owner = await app.login('owner');
    const created = await app.call('users.create', { username: 'xiaowang', displayName: '小王', role: 'warehouse', password: 'secret-pass-1' }, owner);
    expect(created.role).toBe('warehouse');
    expect(await app.login('xiaowang', 'secret-pass-1')).toBeTruthy();
    const after = app.services.db.sqlite.prepare(`SELECT after_json FROM audit_log WHERE entity = 'users' AND entity_id = ? AND action = 'insert'`).pluck().get(created.id) as string;
    expect(JSON.parse(after)).toMatchObject({ username: 'xiaowang', passwordHash: '[redacted]' });
    expect(app.services.db.sqlite.prepare(`SELECT count(*) FROM audit_log WHERE after_json LIKE '%scrypt$%' OR before_json LIKE '%scrypt$%'`).pluck().get()).toBe(0);
  });

  it('a new workspace has no users until the owner is created, and only once', async () => {
    const fresh = await tempApp({ demo: false });
    try {
      expect(await fresh.call('setup.status', {}, null)).toMatchObject({ needsOwner: true, demo: false });
      const r = await fresh.call('setup.createOwner', { username: 'boss', displayName: '老板', password: 'owner-pass-1' }, null);
      expect(r.user.role).toBe('owner');
      expect(await fresh.raw('setup.createOwner', { username: 'boss2', displayName: '老板2', password: 'owner-pass-1' }, null)).toMatchObject({ error: { code: 'conflict' } });
    } finally {
      fresh.dispose();
    }
  });
});

describe('first-run choice', () => {
  it('a new workspace can become the demo workspace, once, and signs in as its owner', async () => {
    const fresh = await tempApp({ demo: false });
    try {
      const r = await fresh.call('setup.createDemo', { orders: 200 }, null);
      expect(r.user.username).toBe('owner');
      expect(await fresh.call('setup.status', {}, null)).toMatchObject({ needsOwner: false, demo: true });
      expect(fresh.services.db.sqlite.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(200);
      expect((await fresh.call('auth.me', {}, r.token)).role).toBe('owner');
      expect(await fresh.raw('setup.createDemo', { orders: 0 }, null)).toMatchObject({ error: { code: 'conflict' } });
    } finally {
      fresh.dispose();
    }
  });
});
