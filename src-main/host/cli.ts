import { join, resolve } from 'node:path';
import type { Core } from '../core/core';
import { Front } from '../core/front';
import { restartWithFewArenas } from '../core/malloc-arenas';
import { noteRealWorkspace, realWorkspaceDir, workspaceToOpen } from '../kernel/workspace-dirs';
import { builtWorkerEntry, sourceWorkerEntry } from '../core/worker-handle';
import { createLogger } from '../log';
import { appRoot } from '../paths';
import { APP_VERSION } from '../version';
import { startHttpHost } from './http-server';
import { parseHostArgs } from './args';

/** `npm run web -- --data-dir DIR [--port N] [--demo [N]]` */
async function main() {
  restartWithFewArenas(); // Linux: the core's threads share two malloc arenas (core/malloc-arenas.ts)
  const args = parseHostArgs(process.argv.slice(2));
  const asked = resolve(args.dataDir ?? join(process.cwd(), '.orderhub-data', args.demo ? 'demo' : 'workspace'));
  // A demo that was left for a real workspace (新建真实工作区) opens the real one from then on.
  const dataDir = workspaceToOpen(asked);
  const log = createLogger(dataDir);
  // Built (out/main/host.js): the worker bundle beside it; from the sources: the TypeScript entry.
  const entry = import.meta.url.endsWith('.ts') ? sourceWorkerEntry() : builtWorkerEntry(import.meta.url);

  /** The open workspace's core; replaced when the demo owner leaves for a new real workspace. */
  let front: Front;
  let switching: Promise<Front> | null = null;
  const create = (dir: string, demo: boolean | undefined): Front => {
    const f: Front = new Front({
      dataDir: dir,
      log,
      entry,
      ...(process.env.ORDERHUB_READERS ? { readers: Number(process.env.ORDERHUB_READERS) } : {}),
      ...(process.env.ORDERHUB_READ_DEADLINE_MS ? { readDeadlineMs: Number(process.env.ORDERHUB_READ_DEADLINE_MS) } : {}),
      writer: { demo, demoOrders: args.demoOrders, ownerPassword: process.env.ORDERHUB_OWNER_PASSWORD },
      onStartReal: () => {
        if (switching || f !== front) return;
        const real = realWorkspaceDir(dir);
        switching = (async () => {
          await f.close();
          noteRealWorkspace(dir, real);
          front = await open(real, false);
          process.stdout.write(`data: ${real} (new real workspace; the demo stays in ${dir})\n`);
          return front;
        })().finally(() => (switching = null));
      },
    });
    return f;
  };
  const open = async (dir: string, demo: boolean | undefined): Promise<Front> => {
    const f = create(dir, demo);
    await f.start();
    return f;
  };
  // The page is served while the core opens the workspace: an update's migration (about a minute at
  // 1 M orders) is then a word on screen (the front answers with where it stands), not a refused connection.
  front = create(dataDir, dataDir === asked ? args.demo : false);
  const starting = front.start();
  starting.catch(() => undefined); // awaited below, once the host listens (main() reports why)
  // Calls made while the workspace switches wait for the new core (their sessions then end there).
  const current = async () => (switching ? await switching : front);
  const core: Core = {
    dispatch: async (...a) => (await current()).dispatch(...a),
    dispatchJson: async (...a) => (await current()).dispatchJson(...a),
    mayCall: async (name, token) => (await current()).mayCall(name, token),
    subscribe: async (...a) => (await current()).subscribe(...a),
    status: () => front.status(),
  };
  const host = await startHttpHost({ api: core, version: APP_VERSION, rendererDir: join(appRoot(), 'out', 'renderer'), port: args.port, allowedHosts: args.allowedHosts });
  process.stdout.write(`OrderHub web host listening on ${host.url}\n`);
  const stop = async () => {
    await host.close();
    await (await current()).close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    await starting;
  } catch (e) {
    // The page stays up and says why (a full disk, an unreadable file), instead of a refused connection.
    process.stderr.write(`OrderHub could not open ${dataDir}: ${e instanceof Error ? e.message : String(e)}\n` +
      `The page at ${host.url} says the same; stop this host (Ctrl+C), put it right and start it again.\n`);
    return;
  }
  const status = await front.dispatch('setup.status', {}, null);
  const demo = 'data' in status && (status.data as { demo: boolean }).demo;
  process.stdout.write(`data: ${dataDir}${demo ? ' (demo workspace: owner / ops / service / warehouse / finance, password orderhub-demo)' : ''}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`OrderHub could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
