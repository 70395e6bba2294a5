import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The driver a unixODBC DSN names (odbc.ini: $ODBCINI, ~/.odbc.ini, $ODBCSYSINI/odbc.ini or
 * /etc/odbc.ini). Null where it cannot be read (Windows keeps DSNs in the registry).
 */
export function dsnDriver(dsn: string): string | null {
  const files = [process.env.ODBCINI, join(homedir(), '.odbc.ini'), process.env.ODBCSYSINI && join(process.env.ODBCSYSINI, 'odbc.ini'), '/etc/odbc.ini'];
  for (const f of files) {
    if (!f || !existsSync(f)) continue;
    let section: string | null = null;
    for (const raw of readFileSync(f, 'utf8').split(/\r?\n/)) {
      const line = raw.trim();
      const s = /^\[(.+)\]$/.exec(line);
      if (s) {
        section = s[1]!.trim();
        continue;
      }
      const kv = /^Driver\s*=\s*(.+)$/i.exec(line);
      if (kv && section?.toLowerCase() === dsn.toLowerCase()) return kv[1]!.trim();
    }
  }
  return null;
}
