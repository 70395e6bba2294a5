import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The desktop app's first start after an update that migrates a large workspace, through the built
 * Electron shell (stand-in `electron` module, the core in a real child process): the window's calls,
 * held in the main process while the core opens, are answered after a moment with where the
 * migration stands, not left waiting for a minute or told that the core is restarting.
 */
type Answer = { atMs: number; tookMs: number; data?: { demo: boolean }; error?: { code: string; message: string } };
function openShell(userData: string, env: Record<string, string> = {}): { errors: string[]; answers: Answer[] } {
  const run = spawnSync(process.execPath, ['tests/e2e/children/electron-reopen.mjs'], {
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, ORDERHUB_TEST_USER_DATA: userData, ORDERHUB_DEMO: '1', ORDERHUB_DEMO_ORDERS: '20', ...env },
  });
  const out = JSON.parse(run.stdout.trim().split('\n').pop() || 'null') as { errors: string[]; answers: Answer[] } | null;
  if (!out) throw new Error(`the shell printed nothing:\n${run.stdout}\n${run.stderr}`);
  return out;
}

describe('the Electron shell opening a workspace that an update migrates', () => {
  it('tells the window 正在升级本地数据 with its progress while the core migrates, then answers as usual', () => {
    const userData = mkdtempSync(join(tmpdir(), 'orderhub-electron-update-'));
    const first = openShell(userData);
    expect(first.errors).toEqual([]);
    expect(first.answers.at(-1)).toMatchObject({ data: { demo: true } });

    // A long timeline, and this version's last migration not applied yet: the update.
    const db = new Database(join(userData, 'workspace', 'orderhub.db'));
    const orderId = db.prepare('SELECT id FROM orders LIMIT 1').pluck().get() as string;
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)
       INSERT INTO order_events (id, order_id, at, type, actor_name, detail_json) SELECT printf('ev-%07d', i), ?, i, 'note', '测试', '{"body":"到了"}' FROM n`,
    ).run(orderId);
    db.prepare(`DELETE FROM _migrations WHERE tag LIKE '0026%'`).run();
    db.close();

    // The rebuild of 1 M orders' timeline takes about a minute; here the core's writer is held 6 s in
    // it (fault injection), whatever this machine's speed.
    const again = openShell(userData, { ORDERHUB_FAULTS: '1', ORDERHUB_FAULT_MIGRATE_MS: '6000' });
    expect(again.errors).toEqual([]);
    const told = again.answers.filter((a) => a.error);
    expect(told.length).toBeGreaterThan(0);
    for (const a of told) {
      expect(a.error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/^正在升级本地数据.*请不要关闭 OrderHub。$/) });
      expect(a.tookMs).toBeLessThan(5_000); // told after ~2 s, not held until the migration ends
    }
    expect(again.answers.at(-1)).toMatchObject({ data: { demo: true } });
    console.log('electron update (stand-in):', JSON.stringify(again.answers.map(({ atMs, tookMs, error }) => ({ atMs, tookMs, told: error?.message.slice(0, 40) ?? null }))));
  }, 400_000);

  it('refuses an update the disk cannot hold with an error box naming the space, and updates once there is room', () => {
    const userData = mkdtempSync(join(tmpdir(), 'orderhub-electron-full-disk-'));
    expect(openShell(userData).errors).toEqual([]);
    const file = join(userData, 'workspace', 'orderhub.db');
    const unapplied = () => {
      const db = new Database(file);
      const n = db.prepare(`SELECT count(*) FROM _migrations WHERE tag LIKE '0026%'`).pluck().get();
      db.close();
      return n === 0;
    };
    const db = new Database(file);
    db.prepare(`DELETE FROM _migrations WHERE tag LIKE '0026%'`).run();
    db.close();

    // The disk seems to have 1 MB left (fault injection): the backup made before migrating cannot fit.
    const full = openShell(userData, { ORDERHUB_FAULTS: '1', ORDERHUB_FAULT_FREE_DISK_BYTES: String(1024 * 1024) });
    expect(full.errors[0]).toMatch(/^OrderHub 无法启动: 磁盘空间不足，无法升级本地数据：升级前要先备份数据库，共需约 \d+ MB 可用空间，.* 所在磁盘只剩 1 MB。请清理磁盘后重新打开 OrderHub；数据没有任何改动。/);
    expect(full.errors).toContain('exit 1');
    expect(unapplied()).toBe(true);
    expect(readdirSync(join(userData, 'workspace')).filter((f) => f.includes('.backup-'))).toEqual([]);

    const roomy = openShell(userData);
    expect(roomy.errors).toEqual([]);
    expect(roomy.answers.at(-1)).toMatchObject({ data: { demo: true } });
    expect(unapplied()).toBe(false);
    expect(readdirSync(join(userData, 'workspace')).filter((f) => f.includes('.backup-'))).toHaveLength(1);
  }, 400_000);
});
