import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getTableName } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { SYNCED_TABLES } from '../../src-main/db/tables';
import * as schema from '../../src-main/db/schema';

/**
 * House-plan invariant 3, checked on the source: outside the write path, nothing writes a
 * synced table with a bare drizzle insert/update/delete or raw INSERT/UPDATE/DELETE SQL.
 */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.ts$/.test(f) && !/\.test\.ts$/.test(f) ? [p] : [];
  });
}

describe('one write path', () => {
  const synced = SYNCED_TABLES.map((t) => getTableName(t.table));
  const exportName = Object.fromEntries(Object.entries(schema).filter(([, v]) => synced.includes(getTableName(v as never) as string)).map(([k, v]) => [getTableName(v as never), k]));
  const files = sourceFiles('src-main').filter((f) => !f.includes(join('db', 'write-path')) && !f.includes(join('db', 'migrations')));

  it.each(synced)('no bare writes to %s outside the write path', (table) => {
    const offenders: string[] = [];
    const drizzleName = exportName[table];
    const raw = new RegExp(`(INSERT\\s+(OR\\s+\\w+\\s+)?INTO|UPDATE|DELETE\\s+FROM)\\s+["\`]?${table}["\`]?\\b`, 'i');
    const viaDrizzle = drizzleName ? new RegExp(`\\.(insert|update|delete)\\(\\s*${drizzleName}\\s*\\)`) : null;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      if (raw.test(text) || viaDrizzle?.test(text)) offenders.push(f);
    }
    expect(offenders).toEqual([]);
  });
});
