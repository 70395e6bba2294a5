/**
 * Child process for the sync simulation: one PC. It opens an enrolled workspace (sync starts by
 * itself), then makes `total` edits as signed-in people — urgency, tags and notes, most on a
 * small set of hot orders every PC edits (conflicts) — resuming after a SIGKILL from the count
 * it saved. Commands on stdin: `drain` (sync until nothing is queued, report the cursor), `exit`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openApp } from '../../../src-main/app';
import { createLogger } from '../../../src-main/log';

const [dataDir, totalArg, seedArg] = process.argv.slice(2);
const total = Number(totalArg);
const progressFile = join(dataDir!, 'sim-progress');
let done = existsSync(progressFile) ? Number(readFileSync(progressFile, 'utf8')) : 0;
let seed = Number(seedArg) + done * 7919;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

const app = await openApp({ dataDir: dataDir!, log: createLogger(dataDir!, { console: false }), channels: { autostart: false }, sync: { debounceMs: 30, pollMs: 1500 } });
const call = async (name: string, input: unknown, token: string | null) => {
  const r = await app.api.dispatch(name, input, token);
  if ('error' in r) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.data as never;
};
const tokens = [
  (await call('auth.login', { username: 'owner', password: 'orderhub-demo' }, null) as { token: string }).token,
  (await call('auth.login', { username: 'ops', password: 'orderhub-demo' }, null) as { token: string }).token,
];
const ids = app.services.db.sqlite.prepare('SELECT id FROM orders ORDER BY id').pluck().all() as string[];
const hot = ids.slice(0, 8);
const say = (line: string) => process.stdout.write(line + '\n');
say(`ready ${done}`);

async function workload(): Promise<void> {
  while (done < total) {
    const token = tokens[Math.floor(rand() * tokens.length)]!;
    const target = rand() < 0.6 ? hot[Math.floor(rand() * hot.length)]! : ids[Math.floor(rand() * ids.length)]!;
    const r = rand();
    if (r < 0.4) await call('orders.setUrgency', { orderIds: [target], urgency: (['green', 'yellow', 'red'] as const)[Math.floor(rand() * 3)] }, token);
    else if (r < 0.75) await call('orders.tag', { orderIds: [target], add: [`标签${Math.floor(rand() * 5)}`], remove: [`标签${Math.floor(rand() * 5) + 5}`] }, token);
    else await call('orders.addNote', { orderIds: [target], body: `备注 ${process.pid}-${done}` }, token);
    done++;
    writeFileSync(progressFile, String(done));
    if (done % 20 === 0) say(`progress ${done}`);
    if (rand() < 0.3) await new Promise((res) => setTimeout(res, Math.floor(rand() * 40)));
  }
  say('workload done');
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (cmd) => {
  void (async () => {
    if (cmd === 'drain') {
      for (let i = 0; i < 200; i++) {
        const s = await app.services.sync.syncNow();
        if (s.online && s.queued === 0) break;
        await new Promise((res) => setTimeout(res, 250));
      }
      const s = app.services.sync.status();
      say(`drained ${s.queued} ${app.services.sync.store.get('sync.cursor')} ${s.online ? 'online' : 'offline'}`);
    } else if (cmd === 'exit') {
      await app.services.sync.stop();
      app.close();
      process.exit(0);
    }
  })();
});
void workload().catch((e) => {
  say(`failed ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
