import pg from 'pg';

/** The slice of a connection the service uses: parameterised queries, rows back. */
export interface Sql {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * The cloud's database: PostgreSQL through node-postgres, or an embedded PGlite for a trial.
 * `tenant` runs a transaction as the restricted role with the workspace set, so row-level
 * security keeps every statement inside one workspace, whatever its WHERE clause says.
 */
export interface Store extends Sql {
  readonly kind: 'postgres' | 'pglite';
  tx<T>(fn: (q: Sql) => Promise<T>): Promise<T>;
  tenant<T>(workspaceId: string, fn: (q: Sql) => Promise<T>): Promise<T>;
  /** Calls fn with each NOTIFY payload on the channel (from any instance); returns an unsubscribe. */
  listen(channel: string, fn: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export const TENANT_ROLE = 'orderhub_tenant';

/** Equivalent to SET LOCAL ROLE plus the workspace setting, in one round trip. */
async function enterTenant(q: Sql, workspaceId: string): Promise<void> {
  await q.query(`SELECT set_config('role', '${TENANT_ROLE}', true), set_config('orderhub.workspace', $1, true)`, [workspaceId]);
}

export function postgresStore(url: string, poolSize = 10): Store {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // A dropped idle connection must not crash the service; the pool replaces it.
  pool.on('error', () => undefined);
  const tx = async <T>(fn: (q: Sql) => Promise<T>, tenant?: string): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      if (tenant) await enterTenant(client, tenant);
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  };
  return {
    kind: 'postgres',
    query: (text, params) => pool.query(text, params as unknown[]) as never,
    tx: (fn) => tx(fn),
    tenant: (ws, fn) => tx(fn, ws),
    async listen(channel, fn) {
      let client: pg.Client | null = null;
      let stopped = false;
      const connect = async (): Promise<void> => {
        const c = new pg.Client({ connectionString: url });
        c.on('notification', (n) => n.channel === channel && fn(n.payload ?? ''));
        c.on('error', () => {
          // Reconnect after a database restart; pokes are hints, pulls catch up anyway.
          if (!stopped) setTimeout(() => void connect().catch(() => undefined), 500);
        });
        await c.connect();
        await c.query(`LISTEN ${channel}`);
        client = c;
      };
      await connect();
      return async () => {
        stopped = true;
        await client?.end().catch(() => undefined);
      };
    },
    close: () => pool.end(),
  };
}

export async function pgliteStore(dataDir: string): Promise<Store> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(dataDir);
  const wrap = (q: { query: (t: string, p?: unknown[]) => Promise<{ rows: unknown[] }> }): Sql => ({
    query: (text, params) => q.query(text, params as unknown[]) as never,
  });
  return {
    kind: 'pglite',
    query: (text, params) => db.query(text, params as unknown[]) as never,
    tx: (fn) => db.transaction((t) => fn(wrap(t))),
    tenant: (ws, fn) =>
      db.transaction(async (t) => {
        const q = wrap(t);
        await enterTenant(q, ws);
        return fn(q);
      }),
    async listen(channel, fn) {
      const unsub = await db.listen(channel, fn);
      return async () => unsub();
    },
    close: () => db.close(),
  };
}
