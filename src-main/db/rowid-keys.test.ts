import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx|mts|sql)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/**
 * The search indexes (contentless FTS5: content=''), the change feed (order_changes.order_rowid)
 * and the grid's snapshots find orders and lines by rowid. SQLite's VACUUM may renumber the rowids
 * of a table without an INTEGER PRIMARY KEY, and nothing would notice: search would answer with
 * other orders. So nothing in the app may run it (connection.ts says why, where the pragmas are).
 */
describe('nothing renumbers the rowids the search indexes key on', () => {
  it('no source or migration runs VACUUM', () => {
    const found = ['src-main', 'src-cloud', 'src-shared'].flatMap((d) => files(join(root, d)))
      .filter((f) => /\bVACUUM\b/i.test(readFileSync(f, 'utf8').replace(/\/\/.*|\/\*[\s\S]*?\*\/|--.*$/gm, '')))
      .map((f) => f.slice(root.length + 1));
    expect(found).toEqual([]);
  });

  it('the search indexes are contentless, keyed by the rowid of the row they index', () => {
    const sql = files(join(root, 'src-main/db/migrations')).map((f) => readFileSync(f, 'utf8')).join('\n');
    const fts = [...sql.matchAll(/CREATE VIRTUAL TABLE (\w+) USING fts5\(([^)]*)\)/g)].map((m) => [m[1], /content=''/.test(m[2]!)]);
    expect(fts.length).toBeGreaterThanOrEqual(3);
    expect(fts.filter(([, contentless]) => !contentless)).toEqual([]);
  });
});
