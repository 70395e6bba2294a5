import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL cluster for tests and benches: `initdb` in a temp folder, started on a
 * free 127.0.0.1 port, trust auth, fsync off, removed by `stop()`. Any test that needs a real
 * PostgreSQL (the ERP bridge's ODBC tests, the cloud sync store) starts its own:
 *
 *   const pg = await startPostgres();
 *   await pg.createDatabase('k3', { encoding: 'UTF8' });
 *   pg.psql('CREATE TABLE t (x int)', 'k3');
 *   pg.url('k3')                      // postgres://postgres@127.0.0.1:PORT/k3 (for `pg`/drizzle)
 *   pg.odbc('k3')                     // Driver={PostgreSQL Unicode};Server=…;Port=…;Database=k3;Uid=postgres;
 *   await pg.stop();
 *
 * PostgreSQL refuses to run as root: as root the server and its tools run as the `postgres`
 * user (`runuser`), and the folder is handed to that user.
 */
export interface PgCluster {
  host: '127.0.0.1';
  port: number;
  /** The superuser (trust auth: no password). */
  user: string;
  dir: string;
  /** CREATE DATABASE with an encoding (UTF8 by default; EUC_CN stands in for a GB2312 server). */
  createDatabase(name: string, opts?: { encoding?: string }): Promise<void>;
  /** Runs SQL through psql (ON_ERROR_STOP); returns its unaligned, tuples-only output. */
  psql(sql: string, database?: string): string;
  url(database: string): string;
  /** An ODBC connection string for the PostgreSQL Unicode driver (odbc-postgresql). */
  odbc(database: string, driver?: string): string;
  stop(): Promise<void>;
}

/** The newest installed PostgreSQL's bin folder (Debian: /usr/lib/postgresql/<major>/bin). */
export function postgresBin(): string {
  const base = '/usr/lib/postgresql';
  const majors = existsSync(base) ? readdirSync(base).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const m of majors) if (existsSync(join(base, m, 'bin', 'initdb'))) return join(base, m, 'bin');
  throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)');
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;
/** argv for running a PostgreSQL tool as the right user. */
const as = (bin: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args]);

export async function startPostgres(opts: { port?: number } = {}): Promise<PgCluster> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'orderhub-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const tool = (name: string, args: string[]) => {
    const [cmd, argv] = as(join(bin, name), args);
    return run(cmd, argv, { env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' } });
  };
  await tool('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = opts.port ?? (await freePort());
  const serverOpts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50`;
  await tool('pg_ctl', ['-D', data, '-o', serverOpts, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);

  const psql = (sql: string, database = 'postgres') => {
    const [cmd, argv] = as(join(bin, 'psql'), ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', database]);
    return execFileSync(cmd, argv, { input: sql, env: { ...process.env, PGCLIENTENCODING: 'UTF8' } }).toString();
  };
  let stopped = false;
  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    dir,
    async createDatabase(name, o = {}) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name "${name}" must be a lower-case identifier`);
      const enc = o.encoding ?? 'UTF8';
      // A non-UTF8 encoding needs the C locale (the cluster's C.UTF-8 only fits UTF8).
      psql(`CREATE DATABASE ${name} ENCODING '${enc}' TEMPLATE template0 ${enc === 'UTF8' ? '' : "LC_COLLATE 'C' LC_CTYPE 'C'"}`);
    },
    psql,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    odbc: (database, driver = 'PostgreSQL Unicode') =>
      `Driver={${driver}};Server=127.0.0.1;Port=${port};Database=${database};Uid=postgres;Pwd=;`,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await tool('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
