import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, cpSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type MigrationProgress } from '../../src-main/db';
import { openConnection } from '../../src-main/db/connection';
import { DatabaseTooNewError, loadMigrations, migrate } from '../../src-main/db/migrate';
import { DiskFullDuringUpdateError, NotEnoughDiskError, updateBackups } from '../../src-main/db/update-backups';
import { migrationsPath } from '../../src-main/paths';
import { OrderUpserter } from '../../src-main/ingest/order-upsert';
import { createOrderFlow } from '../../src-main/orders/flow';
import { order } from '../helpers/channel-fixtures';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'orderhub-mig-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the migrations folder holding only the first `n` journal entries: "an older app". */
function olderMigrations(n: number): string {
  const out = join(dir, `migrations-${n}`);
  cpSync(migrationsPath(), out, { recursive: true });
  const journalFile = join(out, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
  journal.entries = journal.entries.slice(0, n);
  writeFileSync(journalFile, JSON.stringify(journal));
  return out;
}

/** A workspace an older app made (its first migration only), padded with `rows` meta rows of `bytes` random bytes each. */
async function olderWorkspace(file: string, rows: number, bytes: number): Promise<void> {
  const old = await openDatabase(file, olderMigrations(1));
  old.sqlite.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) INSERT INTO meta (key, value) SELECT 'pad-' || i, hex(randomblob(?)) FROM n`).run(rows, bytes);
  old.close();
}

describe('migrations', () => {
  it('a database made by an older migration set is upgraded, with a backup of the old file', async () => {
    const file = join(dir, 'orderhub.db');
    const old = await openDatabase(file, olderMigrations(1));
    old.sqlite.prepare(`INSERT INTO meta (key, value) VALUES ('marker', 'from the old app')`).run();
    expect(old.sqlite.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'orders'`).pluck().get()).toBe(0);
    old.close();

    const db = await openDatabase(file);
    expect(db.migration.applied.length).toBeGreaterThan(0);
    expect(db.migration.backupFile).not.toBeNull();
    expect(existsSync(db.migration.backupFile!)).toBe(true);
    expect(db.sqlite.prepare(`SELECT value FROM meta WHERE key = 'marker'`).pluck().get()).toBe('from the old app');
    expect(db.sqlite.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'orders'`).pluck().get()).toBe(1);
    db.close();

    // The backup is the old database as it was: the old tables, not the new ones.
    const backup = new Database(readdirSync(dir).map((f) => join(dir, f)).find((f) => f.includes('.backup-'))!, { readonly: true });
    expect(backup.prepare(`SELECT value FROM meta WHERE key = 'marker'`).pluck().get()).toBe('from the old app');
    expect(backup.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'orders'`).pluck().get()).toBe(0);
    backup.close();
  });

  it('says where it stands while it runs: the backup page by page to the end, then each migration in order', async () => {
    const file = join(dir, 'orderhub.db');
    // Enough pages that the backup reports before its end (it copies BACKUP_STEP_PAGES at a time).
    await olderWorkspace(file, 6000, 2000);
    const seen: MigrationProgress[] = [];
    const db = await openDatabase(file, undefined, (p) => seen.push(p));
    const backup = seen.filter((p) => p.phase === 'backup');
    const steps = seen.filter((p) => p.phase === 'migrate');
    expect(backup.length).toBeGreaterThan(1);
    expect(backup.map((p) => p.copiedPages)).toEqual([...backup.map((p) => p.copiedPages)].sort((a, b) => a - b));
    expect(backup.at(-1)!.copiedPages).toBeLessThan(backup.at(-1)!.totalPages); // reported while it runs, not at the end
    expect(steps.map((p) => p.tag)).toEqual(db.migration.applied);
    expect(steps.map((p) => `${p.step}/${p.steps}`)).toEqual(db.migration.applied.map((_, i) => `${i + 1}/${db.migration.applied.length}`));
    expect(seen.indexOf(steps[0]!)).toBeGreaterThan(seen.indexOf(backup.at(-1)!)); // the backup comes first
    db.close();
  });

  it('0026 moves the order timeline and address history into tables stored by order, every row as it was', async () => {
    const file = join(dir, 'orderhub.db');
    const journal = JSON.parse(readFileSync(join(migrationsPath(), 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const before0026 = journal.entries.findIndex((e) => e.tag === '0026_order_children_by_order');
    const old = await openDatabase(file, olderMigrations(before0026));
    const ctx = { actor: { id: null, name: 'test' }, call: 'test' };
    old.writes.run(ctx, (tx) => tx.insert('channels', { id: 'ch', kind: 'taobao', name: '店', configJson: '{}', paused: false, createdAt: 0, updatedAt: 0 }));
    const orderIds = ['T1', 'T2', 'T3'].map((t) => old.writes.run(ctx, (tx) => new OrderUpserter(old.sqlite, createOrderFlow(old)).upsert(tx, 'ch', order(t), { source: 'test', payload: '{}' }).orderId));
    old.sqlite.prepare(`INSERT INTO order_events (id, order_id, at, type, actor_name, detail_json) VALUES ('ev-x', ?, 9, 'note', '小王', '{"body":"加急"}')`).run(orderIds[1]);
    const all = 'SELECT id, order_id, at, type, actor_id, actor_name, from_status, to_status, detail_json FROM order_events ORDER BY id';
    const events = old.sqlite.prepare(all).all();
    const allAddresses = 'SELECT * FROM order_addresses ORDER BY id';
    const addresses = old.sqlite.prepare(allAddresses).all();
    expect(addresses).toHaveLength(3);
    expect(events.length).toBeGreaterThanOrEqual(4);
    expect(old.sqlite.prepare(`SELECT sql FROM sqlite_master WHERE name = 'order_events'`).pluck().get()).not.toMatch(/WITHOUT ROWID/);
    old.close();

    const db = await openDatabase(file);
    expect(db.migration.applied).toContain('0026_order_children_by_order');
    expect(db.sqlite.prepare(all).all()).toEqual(events);
    expect(db.sqlite.prepare(allAddresses).all()).toEqual(addresses);
    for (const table of ['order_events', 'order_addresses']) {
      expect(db.sqlite.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).pluck().get(table)).toMatch(/PRIMARY KEY\(`order_id`, `id`\)[\s\S]*WITHOUT ROWID/);
      expect(db.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?`).pluck().all(table)).toEqual([]);
      expect(db.sqlite.prepare(`PRAGMA foreign_key_check(${table})`).all()).toEqual([]);
    }
    expect(db.sqlite.prepare('SELECT id FROM order_events WHERE order_id = ? ORDER BY at, id').pluck().all(orderIds[1])).toContain('ev-x');
    db.close();
  });

  it('keeps the last two update backups: older ones are deleted before the new copy is made', async () => {
    const file = join(dir, 'orderhub.db');
    (await openDatabase(file, olderMigrations(1))).close();
    // Three earlier updates left their copies (and someone's own file that only looks alike stays).
    const earlier = [1_700_000_000_000, 1_710_000_000_000, 1_720_000_000_000].map((at) => join(dir, `orderhub.db.backup-0000_init-${at}`));
    for (const f of earlier) writeFileSync(f, 'an older copy');
    writeFileSync(join(dir, 'orderhub.db.backup-notes.txt'), 'mine');
    const db = await openDatabase(file);
    db.close();
    expect(db.migration.removedBackups.sort()).toEqual(earlier.slice(0, 2).sort());
    expect(updateBackups(file).map((b) => b.path)).toEqual([earlier[2], db.migration.backupFile]);
    expect(existsSync(join(dir, 'orderhub.db.backup-notes.txt'))).toBe(true);
  });

  it('refuses an update the disk cannot hold, naming the space needed and left, and changes nothing', async () => {
    const file = join(dir, 'orderhub.db');
    const old = await openDatabase(file, olderMigrations(1));
    old.sqlite.prepare(`INSERT INTO meta (key, value) VALUES ('marker', 'kept')`).run();
    old.close();
    const conn = openConnection(file);
    try {
      const tagsBefore = conn.sqlite.prepare('SELECT tag FROM _migrations').pluck().all();
      const run = migrate(conn.sqlite, file, loadMigrations(migrationsPath()), undefined, () => 20 * 1024 * 1024);
      await expect(run).rejects.toThrow(NotEnoughDiskError);
      await expect(migrate(conn.sqlite, file, loadMigrations(migrationsPath()), undefined, () => 20 * 1024 * 1024))
        .rejects.toThrow(/磁盘空间不足.*共需约 \d+ MB 可用空间.*只剩 20 MB.*数据没有任何改动/);
      expect(conn.sqlite.prepare('SELECT tag FROM _migrations').pluck().all()).toEqual(tagsBefore);
      expect(conn.sqlite.prepare(`SELECT value FROM meta WHERE key = 'marker'`).pluck().get()).toBe('kept');
      expect(updateBackups(file)).toEqual([]);
    } finally {
      conn.close();
    }
    // With room, the same file updates.
    const db = await openDatabase(file);
    expect(db.migration.applied.length).toBeGreaterThan(0);
    db.close();
  });

  it('a step that fills the disk stops the update there with words, leaves that step undone, and the next start goes on', async () => {
    const file = join(dir, 'orderhub.db');
    await olderWorkspace(file, 300, 1000);
    const conn = openConnection(file);
    try {
      // The file may not grow past a few pages more (SQLite answers SQLITE_FULL, as a full disk does).
      conn.sqlite.pragma(`max_page_count = ${(conn.sqlite.pragma('page_count', { simple: true }) as number) + 3}`);
      const err = await migrate(conn.sqlite, file, loadMigrations(migrationsPath()), undefined, () => 10 * 1024 ** 3).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DiskFullDuringUpdateError);
      const stopped = err as DiskFullDuringUpdateError;
      expect(stopped.message).toMatch(new RegExp(`^磁盘空间不足，升级本地数据停在第 ${stopped.step}/${stopped.steps} 步（这一步没有留下任何改动）。.*升级会从这一步继续。升级前的备份保存在 .*orderhub\\.db\\.backup-`));
      expect(existsSync(stopped.backupFile!)).toBe(true);
      // The steps before it stay applied; the failed one left nothing.
      expect(conn.sqlite.prepare('SELECT count(*) FROM _migrations').pluck().get()).toBe(stopped.step);
    } finally {
      conn.close();
    }
    const db = await openDatabase(file);
    expect(db.sqlite.prepare('SELECT count(*) FROM _migrations').pluck().get()).toBe(loadMigrations(migrationsPath()).length);
    expect(db.sqlite.prepare(`SELECT count(*) FROM meta WHERE key LIKE 'pad-%'`).pluck().get()).toBe(300);
    db.close();
  });

  it('opening an up-to-date database applies nothing and makes no backup', async () => {
    const file = join(dir, 'orderhub.db');
    (await openDatabase(file)).close();
    const again = await openDatabase(file);
    expect(again.migration).toEqual({ applied: [], backupFile: null, removedBackups: [] });
    again.close();
  });

  it('a database from a newer app is refused with a clear message and left untouched', async () => {
    const file = join(dir, 'orderhub.db');
    const db = await openDatabase(file);
    db.sqlite.prepare(`INSERT INTO _migrations (tag, hash, applied_at) VALUES ('9999_from_the_future', 'x', 0)`).run();
    db.close();
    const before = readFileSync(file);
    await expect(openDatabase(file)).rejects.toThrow(DatabaseTooNewError);
    await expect(openDatabase(file)).rejects.toThrow(/newer OrderHub.*9999_from_the_future/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('the replica runs with WAL, synchronous FULL and foreign keys', async () => {
    mkdirSync(join(dir, 'x'));
    const db = await openDatabase(join(dir, 'x', 'orderhub.db'));
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });
});
