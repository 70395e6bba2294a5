import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthService } from '../../src-main/auth/auth-service';
import { openDatabase, SYSTEM_ACTOR } from '../../src-main/db';
import { auditHash, type AuditContent } from '../../src-main/db/write-path/audit-chain';
import { tempApp } from '../helpers/temp-app';
import { call, login, startInProcessHost as startHost, type Host } from './host';

/** Issue #8, the audit chain (items 13, 14, 15) and #9 item 8 (bulk records prove each row), against the real host. */

/** Someone with the database file and a SQLite tool: the append-only triggers go first. */
function tamper(dataDir: string, fn: (db: Database.Database) => void): void {
  const db = new Database(join(dataDir, 'orderhub.db'));
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  fn(db);
  db.close();
}

async function verify(host: Host, token: string, rows = false) {
  const r = await call(host, 'audit.verify', { rows }, { token });
  expect(r.status).toBe(200);
  return r.json.data as {
    ok: boolean; checked: number; keyedFrom: number | null; checkpoint: { seq: number } | null;
    broken: { fromSeq: number; toSeq: number; code: string }[];
    rows?: { checked: number; broken: { entity: string; id: string; problem: string }[] };
  };
}

/**
 * A workspace with some history (200 demo orders, users created, sign-ins), made once; each
 * test works on its own copy, tampered with while no host has it open.
 */
let base: string;
beforeAll(async () => {
  const host = await startHost(['--demo', '200']);
  const token = await login(host, 'owner');
  for (let i = 0; i < 6; i++) {
    await call(host, 'users.create', { username: `clerk${i}`, displayName: `店员${i}`, role: 'service', password: 'clerk-pass-1' }, { token });
  }
  await host.stop();
  base = host.dataDir;
}, 120_000);
afterAll(() => rmSync(base, { recursive: true, force: true }));

async function workspaceWithHistory(): Promise<{ host: Host; token: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'orderhub-sec-copy-'));
  cpSync(base, dataDir, { recursive: true });
  const host = await startHost(['--demo', '0'], { dataDir });
  return { host, token: await login(host, 'owner') };
}

/** A stopped copy of the workspace to tamper with before a host opens it. */
function copyOfWorkspace(): { dataDir: string; start(): Promise<{ host: Host; token: string }> } {
  const dataDir = mkdtempSync(join(tmpdir(), 'orderhub-sec-copy-'));
  cpSync(base, dataDir, { recursive: true });
  return {
    dataDir,
    start: async () => {
      const host = await startHost(['--demo', '0'], { dataDir });
      return { host, token: await login(host, 'owner', 'orderhub-demo', '127.0.0.2') };
    },
  };
}

async function restart(host: Host): Promise<{ host: Host; token: string }> {
  await host.stop();
  const again = await startHost(['--demo', '0'], { dataDir: host.dataDir });
  return { host: again, token: await login(again, 'owner', 'orderhub-demo', '127.0.0.2') };
}

const maxSeq = (dataDir: string) => {
  const db = new Database(join(dataDir, 'orderhub.db'), { readonly: true });
  const n = db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
  db.close();
  return n;
};

describe('#8.13 every string entering the contract is valid Unicode, and the chain hashes what is stored', () => {
  let host: Host;
  let token: string;
  beforeAll(async () => ({ host, token } = await workspaceWithHistory()));
  afterAll(() => host.dispose());

  it('an import file name with a lone surrogate is refused with the field named, and the chain still verifies', async () => {
    const csv = Buffer.from('订单号,金额\n1,2\n').toString('base64');
    const raw = `{"fileName":"\\ud800订单.csv","contentBase64":"${csv}"}`; // JSON's own escape: a lone high surrogate
    const r = await call(host, 'imports.upload', raw, { token });
    expect(r.status).toBe(400);
    expect(r.json.error.field).toBe('fileName');
    const nested = await call(host, 'imports.saveTemplate', `{"name":"t","kind":"orders","headers":["a"],"mapping":{"\\udc00":"platformOrderId"}}`, { token });
    expect(nested.status).toBe(400);
    expect(nested.json.error.field).toBe('mapping.\udc00');
    const login = await call(host, 'auth.login', '{"username":"owner\\udfff","password":"x"}');
    expect(login.json.error.field).toBe('username');
    expect((await verify(host, token)).ok).toBe(true);
  });

  it('text that reaches the write path another way is stored and hashed as the same characters', async () => {
    const app = await tempApp();
    try {
      app.services.db.writes.record({ actor: SYSTEM_ACTOR, call: 'imports.source', reason: `导入 \ud800坏名字.csv` }, { entity: 'import_jobs', action: 'insert' });
      const stored = app.services.db.sqlite.prepare('SELECT reason FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get() as string;
      expect(stored).toBe('导入 \ufffd坏名字.csv');
      expect(app.services.db.writes.verifyAudit()).toMatchObject({ ok: true });
    } finally {
      app.dispose();
    }
  });
});

describe('#8.14 audit.verify reports every broken range, not only the first', () => {
  it('an early edit does not hide a later deletion or a later edit', async () => {
    const copy = copyOfWorkspace();
    const last = maxSeq(copy.dataDir);
    tamper(copy.dataDir, (db) => {
      db.prepare(`UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 3`).run();
      db.prepare('DELETE FROM audit_log WHERE seq IN (?, ?)').run(last - 6, last - 5);
      db.prepare(`UPDATE audit_log SET after_json = '{"role":"owner"}' WHERE seq = ?`).run(last - 2);
    });
    const { host, token } = await copy.start();
    try {
      const r = await verify(host, token);
      expect(r.ok).toBe(false);
      expect(r.broken.map((b) => [b.fromSeq, b.toSeq, b.code])).toEqual([[3, 3, 'edited'], [last - 6, last - 5, 'missing'], [last - 2, last - 2, 'edited']]);
    } finally {
      await host.dispose();
    }
  });
});

describe('#8.15 someone holding the database file cannot rewrite history unseen', () => {
  it('records are keyed: an edit re-chained with plain SHA-256 (all the file allows) is caught on every record it touched', async () => {
    const copy = copyOfWorkspace();
    const from = maxSeq(copy.dataDir) - 4;
    tamper(copy.dataDir, (db) => {
      const rows = db.prepare(`SELECT seq, at, actor_id AS actorId, actor_name AS actorName, call, entity, entity_id AS entityId, action,
        before_json AS beforeJson, after_json AS afterJson, reason, prev_hash AS prevHash FROM audit_log WHERE seq >= ? ORDER BY seq`).all(from) as (AuditContent & { seq: number; prevHash: string })[];
      let prev = rows[0]!.prevHash;
      for (const r of rows) {
        if (r.seq === from) r.afterJson = '{"role":"owner","note":"promoted quietly"}';
        const hash = auditHash(prev, r);
        db.prepare('UPDATE audit_log SET after_json = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(r.afterJson, prev, hash, r.seq);
        prev = hash;
      }
      db.prepare(`UPDATE meta SET value = ? WHERE key = 'audit_head'`).run(`${rows[rows.length - 1]!.seq}:${prev}`);
    });
    const { host, token } = await copy.start();
    try {
      const r = await verify(host, token);
      expect(r.ok).toBe(false);
      expect(r.broken[0]).toMatchObject({ fromSeq: from, toSeq: from + 4, code: 'unkeyed' });
    } finally {
      await host.dispose();
    }
  });

  it('records cut from the end with the head rewritten are caught by the signed checkpoint outside the database, and stay caught', async () => {
    const copy = copyOfWorkspace();
    const last = maxSeq(copy.dataDir);
    tamper(copy.dataDir, (db) => {
      db.prepare('DELETE FROM audit_log WHERE seq > ?').run(last - 3);
      const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
      db.prepare(`UPDATE meta SET value = ? WHERE key = 'audit_head'`).run(`${head.seq}:${head.hash}`);
      db.prepare(`UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_log'`).run(head.seq);
    });
    const { host, token } = await copy.start();
    try {
      // (Signing in after the restart already appended a record where the cut ones were.)
      const r = await verify(host, token);
      expect(r.broken).toEqual([expect.objectContaining({ toSeq: last, code: 'truncated' })]);
      // New records written since do not paper over it: the checkpoint is kept as evidence, and
      // once the chain grows past it, the record in its place does not match it.
      for (let i = 0; i < 4; i++) {
        await call(host, 'users.create', { username: `later${i}`, displayName: '后来的人', role: 'service', password: 'later-pass-1' }, { token });
      }
      expect((await verify(host, token)).broken).toEqual([expect.objectContaining({ fromSeq: last, toSeq: last, code: 'rewritten' })]);
    } finally {
      await host.dispose();
    }
  });

  it('an altered checkpoint file is reported', async () => {
    const copy = copyOfWorkspace();
    const file = join(copy.dataDir, 'orderhub.db.audit-head');
    const cp = JSON.parse(readFileSync(file, 'utf8')) as { seq: number };
    writeFileSync(file, JSON.stringify({ ...cp, seq: cp.seq - 3 }));
    const { host, token } = await copy.start();
    try {
      expect((await verify(host, token)).broken.map((b) => b.code)).toContain('checkpoint');
    } finally {
      await host.dispose();
    }
  });

  it('a database from before the key (plain SHA-256 chain) still verifies, is keyed from then on, and its old records stay checked', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'orderhub-sec-old-'));
    const old = await openDatabase(join(dataDir, 'orderhub.db'));
    const auth = new AuthService(old);
    await auth.createFirstUsers({ actor: SYSTEM_ACTOR, call: 'setup.createOwner' }, [{ username: 'owner', displayName: '老板', role: 'owner', password: 'orderhub-demo' }], 'zh-CN');
    await auth.createUser({ actor: SYSTEM_ACTOR, call: 'users.create' }, { username: 'clerk', displayName: '店员', role: 'service', password: 'clerk-pass-1' }, 'zh-CN');
    const oldRecords = old.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    expect(old.sqlite.prepare(`SELECT count(*) FROM audit_log WHERE hash LIKE 'k1:%'`).pluck().get()).toBe(0);
    old.close();

    let host = await startHost([], { dataDir });
    let token = await login(host, 'owner');
    try {
      const r = await verify(host, token);
      expect(r).toMatchObject({ ok: true, keyedFrom: oldRecords + 1 });
      expect(r.checked).toBeGreaterThan(oldRecords);
      await host.stop();
      tamper(dataDir, (db) => db.prepare(`UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 1`).run());
      host = await startHost([], { dataDir });
      token = await login(host, 'owner');
      expect((await verify(host, token)).broken).toEqual([expect.objectContaining({ fromSeq: 1, code: 'edited' })]);
    } finally {
      await host.dispose();
    }
  });
});

describe('#9.8 a bulk write is one audit record that still proves each row', () => {
  it('every demo row verifies against its hash; a legitimate change is undone before checking; an edit behind the write path is found', async () => {
    const first = await workspaceWithHistory();
    const r0 = await verify(first.host, first.token, true);
    expect(r0.ok).toBe(true);
    expect(r0.rows!.checked).toBeGreaterThan(200 * 3); // orders, lines, addresses, events, ...
    const page = await call(first.host, 'orders.page', { startRow: 0, endRow: 2 }, { token: first.token });
    const [a, b] = page.json.data.rows as { id: string }[];
    expect((await call(first.host, 'orders.setUrgency', { orderIds: [a!.id], urgency: 'red' }, { token: first.token })).status).toBe(200);
    expect((await verify(first.host, first.token, true)).ok).toBe(true);

    await first.host.stop();
    tamper(first.host.dataDir, (db) => db.prepare('UPDATE orders SET paid_fen = paid_fen + 100000 WHERE id = ?').run(b!.id));
    const { host, token } = await restart(first.host);
    try {
      const r = await verify(host, token, true);
      expect(r.ok).toBe(false);
      expect(r.broken).toEqual([]); // the chain itself is intact ...
      expect(r.rows!.broken).toEqual([{ seq: expect.any(Number), entity: 'orders', id: b!.id, problem: 'changed' }]); // ... the row is not
    } finally {
      await host.dispose();
    }
  });
});
