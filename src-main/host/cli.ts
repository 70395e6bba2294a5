import { join, resolve } from 'node:path';
import { Front } from '../core/front';
import { builtWorkerEntry, sourceWorkerEntry } from '../core/worker-handle';
import { createLogger } from '../log';
import { appRoot } from '../paths';
import { APP_VERSION } from '../version';
import { startHttpHost } from './http-server';
import { parseHostArgs } from './args';

/** `npm run web -- --data-dir DIR [--port N] [--demo [N]]` */
async function main() {
  const args = parseHostArgs(process.argv.slice(2));
  const dataDir = resolve(args.dataDir ?? join(process.cwd(), '.orderhub-data', args.demo ? 'demo' : 'workspace'));
  const log = createLogger(dataDir);
  // Built (out/main/host.js): the worker bundle beside it; from the sources: the TypeScript entry.
  const entry = import.meta.url.endsWith('.ts') ? sourceWorkerEntry() : builtWorkerEntry(import.meta.url);
  const front = new Front({
    dataDir,
    log,
    entry,
    ...(process.env.ORDERHUB_READERS ? { readers: Number(process.env.ORDERHUB_READERS) } : {}),
    ...(process.env.ORDERHUB_READ_DEADLINE_MS ? { readDeadlineMs: Number(process.env.ORDERHUB_READ_DEADLINE_MS) } : {}),
    writer: { demo: args.demo, demoOrders: args.demoOrders, ownerPassword: process.env.ORDERHUB_OWNER_PASSWORD },
  });
  await front.start();
  const host = await startHttpHost({ api: front, version: APP_VERSION, rendererDir: join(appRoot(), 'out', 'renderer'), port: args.port, allowedHosts: args.allowedHosts });
  process.stdout.write(`OrderHub web host listening on ${host.url}\n`);
  const status = await front.dispatch('setup.status', {}, null);
  const demo = 'data' in status && (status.data as { demo: boolean }).demo;
  process.stdout.write(`data: ${dataDir}${demo ? ' (demo workspace: owner / ops / service / warehouse / finance, password orderhub-demo)' : ''}\n`);
  const stop = async () => {
    await host.close();
    await front.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`OrderHub could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
