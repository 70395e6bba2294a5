import { join, resolve } from 'node:path';
import { openApp } from '../app';
import { appRoot } from '../paths';
import { APP_VERSION } from '../version';
import { startHttpHost } from './http-server';
import { parseHostArgs } from './args';

/** `npm run web -- --data-dir DIR [--port N] [--demo [N]]` */
async function main() {
  const args = parseHostArgs(process.argv.slice(2));
  const dataDir = resolve(args.dataDir ?? join(process.cwd(), '.orderhub-data', args.demo ? 'demo' : 'workspace'));
  const app = await openApp({
    dataDir,
    demo: args.demo,
    demoOrders: args.demoOrders,
    ownerPassword: process.env.ORDERHUB_OWNER_PASSWORD,
    onProgress: (m) => process.stdout.write(`${m}\n`),
  });
  const host = await startHttpHost({ api: app.api, version: APP_VERSION, rendererDir: join(appRoot(), 'out', 'renderer'), port: args.port, allowedHosts: args.allowedHosts });
  process.stdout.write(`OrderHub web host listening on ${host.url}\n`);
  process.stdout.write(`data: ${dataDir}${app.services.workspace.demo ? ' (demo workspace: owner / ops / service / warehouse / finance, password orderhub-demo)' : ''}\n`);
  const stop = async () => {
    await host.close();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`OrderHub could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
