import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian's ODBC drivers live (multiarch: /usr/lib/<triplet>/odbc). */
export function odbcDriverPath(file: string): string {
  const roots = ['/usr/lib/x86_64-linux-gnu/odbc', '/usr/lib/aarch64-linux-gnu/odbc', '/usr/lib/odbc'];
  for (const dir of ['/usr/lib', ...roots]) {
    if (!existsSync(dir)) continue;
    for (const sub of dir === '/usr/lib' ? readdirSync(dir).map((d) => join(dir, d, 'odbc')) : [dir]) {
      if (existsSync(join(sub, file))) return join(sub, file);
    }
  }
  throw new Error(`ODBC driver ${file} not found (apt-get install odbc-postgresql libsqliteodbc)`);
}

export interface OdbcHome {
  dir: string;
  /** Adds a DSN to this folder's odbc.ini. */
  addDsn(name: string, attrs: Record<string, string | number>): void;
  dispose(): void;
}

/**
 * A test-owned unixODBC configuration: odbcinst.ini naming the two real drivers installed here
 * (PostgreSQL Unicode, SQLite3) by full path, and an odbc.ini for DSNs, with ODBCSYSINI/ODBCINI
 * pointing this process (and the children it spawns) at them, so nothing in /etc is touched.
 */
export function odbcHome(): OdbcHome {
  const dir = mkdtempSync(join(tmpdir(), 'orderhub-odbc-'));
  mkdirSync(dir, { recursive: true });
  const drivers = [
    `[PostgreSQL Unicode]\nDescription=PostgreSQL ODBC driver (Unicode)\nDriver=${odbcDriverPath('psqlodbcw.so')}\n`,
    `[SQLite3]\nDescription=SQLite3 ODBC driver\nDriver=${odbcDriverPath('libsqlite3odbc.so')}\n`,
  ];
  writeFileSync(join(dir, 'odbcinst.ini'), drivers.join('\n'));
  const dsns: string[] = [];
  writeFileSync(join(dir, 'odbc.ini'), '');
  process.env.ODBCSYSINI = dir;
  process.env.ODBCINI = join(dir, 'odbc.ini');
  return {
    dir,
    addDsn(name, attrs) {
      dsns.push(`[${name}]\n${Object.entries(attrs).map(([k, v]) => `${k}=${v}`).join('\n')}\n`);
      writeFileSync(join(dir, 'odbc.ini'), dsns.join('\n'));
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
