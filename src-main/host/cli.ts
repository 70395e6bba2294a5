import { join, resolve } from 'node:path';
import type { Api } from '../api';
import { openApp, type App } from '../app';
import { noteRealWorkspace, realWorkspaceDir, workspaceToOpen } from '../kernel/workspace-dirs';
import { appRoot } from '../paths';
import { APP_VERSION } from '../version';
import { startHttpHost } from './http-server';
import { parseHostArgs } from './args';

/** `npm run web -- --data-dir DIR [--port N] [--demo [N]]` */
async function main() {
  const args = parseHostArgs(process.argv.slice(2));
  const asked = resolve(args.dataDir ?? join(process.cwd(), '.orderhub-data', args.demo ? 'demo' : 'workspace'));
  // A demo that was left for a real workspace opens the real one from then on.
  const dataDir = workspaceToOpen(asked);

  /** The open workspace; replaced when someone leaves the demo (新建真实工作区). */
  let current: App;
  let switching: Promise<App> | null = null;
  const open = (dir: string, demo: boolean | undefined): Promise<App> =>
    openApp({
      dataDir: dir,
      demo,
      demoOrders: args.demoOrders,
      ownerPassword: process.env.ORDERHUB_OWNER_PASSWORD,
      onProgress: (m) => process.stdout.write(`${m}\n`),
      onStartReal: () => {
        if (switching) return;
        const real = realWorkspaceDir(dir);
        switching = (async () => {
          current.close();
          noteRealWorkspace(dir, real);
          current = await open(real, false);
          process.stdout.write(`data: ${real} (new real workspace; the demo stays in ${dir})\n`);
          return current;
        })().finally(() => (switching = null));
      },
    });
  current = await open(dataDir, dataDir === asked ? args.demo : false);
  // Calls made while the workspace switches wait for the new one (their sessions then end there).
  const api: Api = {
    dispatch: async (...a) => (switching ? await switching : current).api.dispatch(...a),
    mayCall: (name, token) => !switching && current.api.mayCall(name, token),
  };
  const host = await startHttpHost({ api, version: APP_VERSION, rendererDir: join(appRoot(), 'out', 'renderer'), port: args.port, allowedHosts: args.allowedHosts });
  process.stdout.write(`OrderHub web host listening on ${host.url}\n`);
  process.stdout.write(`data: ${dataDir}${current.services.workspace.demo ? ' (demo workspace: owner / ops / service / warehouse / finance, password orderhub-demo)' : ''}\n`);
  const stop = async () => {
    await host.close();
    (switching ? await switching : current).close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`OrderHub could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
