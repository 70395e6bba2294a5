import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './index';
import * as schema from './schema';
import { TABLE_WRITERS } from '../../src-shared/sync/permissions';
import { SYNCED_TABLES, TABLES, unclassifiedTables } from './tables';

describe('every table is classified synced, local or derived (house invariant 11)', () => {
  let dir: string;
  let db: Database;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'orderhub-tables-'));
    db = await openDatabase(join(dir, 'orderhub.db'));
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every drizzle table is in the list', () => {
    const drizzleTables = Object.values(schema).filter((v) => is(v, SQLiteTable)).map((t) => getTableName(t as SQLiteTable));
    expect(drizzleTables.length).toBeGreaterThan(20);
    expect(drizzleTables.filter((n) => !TABLES[n])).toEqual([]);
  });

  it('every table the migrations made (hand-written SQL included) is in the list', () => {
    expect(unclassifiedTables(db.sqlite)).toEqual([]);
  });

  it('a table made by hand and not listed is caught', () => {
    db.sqlite.exec('CREATE TABLE scratch_notes (id TEXT PRIMARY KEY)');
    expect(unclassifiedTables(db.sqlite)).toEqual(['scratch_notes']);
    db.sqlite.exec('DROP TABLE scratch_notes');
  });

  it('the list names no table that does not exist', () => {
    const all = db.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[];
    expect(Object.keys(TABLES).filter((n) => !all.includes(n))).toEqual([]);
  });

  it('secrets and folder paths are local; channel health is shared; only synced tables are written by the write path', () => {
    expect(TABLES.channel_secrets?.class).toBe('local');
    expect(TABLES.local_settings?.class).toBe('local');
    expect(TABLES.import_sources?.class).toBe('local');
    expect(TABLES.channel_health?.class).toBe('synced');
    const channelCols = db.sqlite.prepare(`SELECT name FROM pragma_table_info('channels')`).pluck().all();
    expect(channelCols).not.toContain('secrets_sealed');
    expect(SYNCED_TABLES.map((t) => getTableName(t.table)).every((n) => db.writes.isSynced(n))).toBe(true);
    expect(db.writes.isSynced('channel_secrets')).toBe(false);
  });

  it('the team cloud knows who may write every synced table (an unknown table is refused and the PC undoes the change)', () => {
    const missing = SYNCED_TABLES.map((t) => getTableName(t.table)).filter((n) => !TABLE_WRITERS[n]);
    expect(missing).toEqual([]);
  });
});
