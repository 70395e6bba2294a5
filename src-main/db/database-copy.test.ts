import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sqlite } from './connection';
import { copyDatabase } from './database-copy';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'orderhub-copy-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A connection whose online backup writes part of the copy and then fails as SQLite does. */
function failingAfterPart(code: string): Sqlite {
  return {
    backup: async (file: string) => {
      writeFileSync(file, Buffer.alloc(64 * 1024, 1));
      throw Object.assign(new Error(code === 'SQLITE_FULL' ? 'database or disk is full' : 'disk I/O error'), { code });
    },
  } as unknown as Sqlite;
}

describe('copying the database', () => {
  it('a copy cut short by a full disk is deleted, and the words say how much is left', async () => {
    const file = join(dir, 'orderhub.db.before-join-1');
    const refuse = (free: number) => new Error(`no room: ${free} left`);
    await expect(copyDatabase(failingAfterPart('SQLITE_FULL'), file, { freeBytes: () => 12_345, refuse })).rejects.toThrow('no room: 12345 left');
    expect(existsSync(file)).toBe(false);
  });

  it('any other failure is deleted too and passes through as it was', async () => {
    const file = join(dir, 'orderhub.db.backup-0026-1');
    await expect(copyDatabase(failingAfterPart('SQLITE_IOERR'), file, { freeBytes: () => 0, refuse: () => new Error('not this') })).rejects.toThrow('disk I/O error');
    expect(existsSync(file)).toBe(false);
  });
});
