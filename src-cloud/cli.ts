/**
 * `npm run cloud -- --data-dir DIR [--port N] [--host H] [--database-url URL] [--new-workspace NAME]
 *   [--tls-key FILE --tls-cert FILE] [--instances N]`
 * Starts one instance of the cloud service and prints its URL. Without --database-url the data
 * lives in an embedded PGlite database in DIR (a one-command trial); with it, in PostgreSQL,
 * where several instances may serve the same database. A new database gets a first workspace
 * and prints the one-time code its first PC enrols with.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pgliteStore, postgresStore, type Store } from './db/store';
import { migrateCloud } from './db/schema';
import { startCloud } from './server';
import { createWorkspace } from './workspace';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    'database-url': { type: 'string' },
    'new-workspace': { type: 'string' },
    'tls-key': { type: 'string' },
    'tls-cert': { type: 'string' },
    /** More HTTP instances in this process (on PGlite, which one process owns, several instances share it this way). */
    instances: { type: 'string', default: '1' },
  },
});

let store: Store;
if (values['database-url']) store = postgresStore(values['database-url']);
else {
  if (!values['data-dir']) {
    console.error('需要 --data-dir DIR（或 --database-url URL） / --data-dir DIR (or --database-url URL) is required');
    process.exit(2);
  }
  const dir = join(values['data-dir'], 'pglite');
  mkdirSync(dir, { recursive: true });
  store = await pgliteStore(dir);
}
await migrateCloud(store);
const count = Number((await store.query<{ n: string }>('SELECT count(*) AS n FROM workspaces')).rows[0]?.n ?? 0);
const wanted = [...(count === 0 ? ['我的团队'] : []), ...(values['new-workspace'] ? [values['new-workspace']] : [])];
const tls = values['tls-key'] && values['tls-cert'] ? { key: readFileSync(values['tls-key']), cert: readFileSync(values['tls-cert']) } : undefined;
const clouds: Awaited<ReturnType<typeof startCloud>>[] = [];
for (let i = 0; i < Math.max(1, Number(values.instances)); i++) {
  const port = i === 0 ? Number(values.port) : 0;
  const cloud = await startCloud({ store, host: values.host, port, ...(tls ? { tls } : {}), log: (m) => console.error(m) });
  clouds.push(cloud);
  console.log(`OrderHub cloud: ${cloud.url}  (${store.kind === 'pglite' ? `PGlite in ${values['data-dir']}` : 'PostgreSQL'})`);
}
for (const name of wanted) {
  const ws = await createWorkspace(store, name);
  console.log(`workspace "${name}" ${ws.workspaceId}: enrol its first PC with code ${ws.code} (valid until ${new Date(ws.expiresAt).toISOString()})`);
}
const stop = async () => {
  for (const cloud of clouds) await cloud.close();
  await store.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
