import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempApp, type TempApp } from '../helpers/temp-app';

/** Someone edits the replica file with a SQLite tool: they drop the append-only triggers first. */
function tamper(app: TempApp, sql: string, ...params: unknown[]) {
  const raw = new Database(join(app.dataDir, 'orderhub.db'));
  raw.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  raw.prepare(sql).run(...params);
  raw.close();
}

let app: TempApp;
let owner: string;
beforeEach(async () => {
  app = await tempApp();
  owner = await app.login('owner');
  for (let i = 0; i < 3; i++) {
    await app.call('users.create', { username: `clerk${i}`, displayName: `店员${i}`, role: 'service', password: 'clerk-pass-1' }, owner);
  }
});
afterEach(() => app.dispose());

const verify = () => app.call('audit.verify', {}, owner);
const maxSeq = () => app.services.db.sqlite.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;

describe('the audit log is append-only and hash-chained', () => {
  it('an untouched chain verifies', async () => {
    const r = await verify();
    expect(r.ok).toBe(true);
    expect(r.checked).toBeGreaterThan(8);
  });

  it('the database itself refuses edits and deletes', () => {
    const sqlite = app.services.db.sqlite;
    expect(() => sqlite.prepare(`UPDATE audit_log SET actor_name = 'x' WHERE seq = 1`).run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
  });

  it('an edited record is reported at its seq', async () => {
    tamper(app, `UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 5`);
    const r = await verify();
    expect(r).toMatchObject({ ok: false, checked: maxSeq(), brokenAt: { seq: 5 } });
    expect(r.broken).toEqual([expect.objectContaining({ fromSeq: 5, toSeq: 5, code: 'edited' })]);
  });

  it('an edited hash is caught by the next link', async () => {
    tamper(app, `UPDATE audit_log SET after_json = '{"role":"owner"}', hash = ? WHERE seq = 6`, 'f'.repeat(64));
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.brokenAt!.seq).toBe(6);
  });

  it('a deleted record in the middle is reported', async () => {
    tamper(app, 'DELETE FROM audit_log WHERE seq = 4');
    const r = await verify();
    expect(r).toMatchObject({ ok: false, brokenAt: { seq: 4 } });
    expect(r.broken).toEqual([expect.objectContaining({ fromSeq: 4, toSeq: 4, code: 'missing' })]);
  });

  it('records cut from the end are reported', async () => {
    const last = maxSeq();
    tamper(app, 'DELETE FROM audit_log WHERE seq >= ?', last - 1);
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.brokenAt!.problem).toMatch(/end of the chain/);
  });

  it('two records swapped (reordered) are reported', async () => {
    tamper(app, `UPDATE audit_log SET seq = -1 WHERE seq = 3`);
    tamper(app, `UPDATE audit_log SET seq = 3 WHERE seq = 4`);
    tamper(app, `UPDATE audit_log SET seq = 4 WHERE seq = -1`);
    expect(await verify()).toMatchObject({ ok: false, brokenAt: { seq: 3 } });
  });
});

describe('a write nested inside another keeps one chain', () => {
  const setting = (tx: Parameters<Parameters<TempApp['services']['db']['writes']['run']>[1]>[0], id: string) =>
    tx.insert('settings', { id, valueJson: '1', updatedAt: Date.now() });

  it('records the outer write adds before and after the inner one link in seq order, and the head is the last', async () => {
    const writes = app.services.db.writes;
    const ctx = { actor: { id: null, name: 'owner' }, call: 'test.nested' };
    writes.run(ctx, (outer) => {
      setting(outer, 'nested.before');
      writes.run(ctx, (inner) => setting(inner, 'nested.inner'));
      setting(outer, 'nested.after');
    });
    expect(await verify()).toMatchObject({ ok: true, broken: [] });
    const head = app.services.db.sqlite.prepare(`SELECT value FROM meta WHERE key = 'audit_head'`).pluck().get() as string;
    expect(Number(head.split(':')[0])).toBe(maxSeq());
  });

  it('an inner write that fails and is caught leaves the outer chain whole', async () => {
    const writes = app.services.db.writes;
    const ctx = { actor: { id: null, name: 'owner' }, call: 'test.nested' };
    writes.run(ctx, (outer) => {
      setting(outer, 'nested.kept');
      expect(() =>
        writes.run(ctx, (inner) => {
          setting(inner, 'nested.rolled-back');
          throw new Error('inner refused');
        }),
      ).toThrow('inner refused');
      setting(outer, 'nested.kept-too');
    });
    expect(await verify()).toMatchObject({ ok: true, broken: [] });
  });
});
