import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pgliteStore, postgresStore, type Store } from '../../src-cloud/db/store';
import { migrateCloud } from '../../src-cloud/db/schema';
import { startCloud, type CloudServer } from '../../src-cloud/server';
import { createWorkspace } from '../../src-cloud/workspace';
import type { SqlValue } from '../../src-shared/sync/protocol';
import { startPostgres, type PgCluster } from './postgres';

export interface TestCloud {
  store: Store;
  instances: CloudServer[];
  url: string;
  pg: PgCluster | null;
  newWorkspace(name: string): Promise<{ workspaceId: string; code: string }>;
  /** The workspace's rows as the cloud has them: table → id → columns. */
  rows(workspaceId: string): Promise<Map<string, Map<string, Record<string, SqlValue>>>>;
  close(): Promise<void>;
}

/** The cloud service in this process: on PGlite (a temp folder) or a throwaway PostgreSQL. */
export async function startTestCloud(kind: 'pglite' | 'postgres', instances = 1): Promise<TestCloud> {
  const pg = kind === 'postgres' ? await startPostgres() : null;
  const dir = kind === 'pglite' ? mkdtempSync(join(tmpdir(), 'orderhub-pglite-')) : null;
  const store = pg ? postgresStore(pg.url('postgres')) : await pgliteStore(dir!);
  await migrateCloud(store);
  const servers: CloudServer[] = [];
  for (let i = 0; i < instances; i++) servers.push(await startCloud({ store }));
  return {
    store,
    instances: servers,
    url: servers[0]!.url,
    pg,
    newWorkspace: (name) => createWorkspace(store, name),
    async rows(workspaceId) {
      const res = await store.tenant(workspaceId, (q) => q.query<{ tbl: string; row_id: string; data: Record<string, SqlValue> }>('SELECT tbl, row_id, data FROM current_rows WHERE NOT deleted'));
      const out = new Map<string, Map<string, Record<string, SqlValue>>>();
      for (const r of res.rows) {
        if (!out.has(r.tbl)) out.set(r.tbl, new Map());
        out.get(r.tbl)!.set(r.row_id, r.data);
      }
      return out;
    },
    async close() {
      for (const s of servers) await s.close();
      await store.close();
      await pg?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
