/**
 * The core when Electron hosts it: the entry of the utilityProcess the main process forks
 * (electron/core-process.ts). It opens the front and its workers and answers the main process over
 * `process.parentPort`: calls, event streams per window. It imports nothing from Electron; the
 * OS keychain is reached by asking the main process to seal or unseal the workspace's data key.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventName } from '../../src-shared/contract';
import { createLogger } from '../log';
import type { Locale } from '../kernel/i18n';
import { Front } from './front';
import { Peer, type PortLike } from './peer';
import { builtWorkerEntry, sourceWorkerEntry } from './worker-handle';

/** What the main process tells the core when it starts it. */
export interface CoreInit {
  dataDir: string;
  demo: boolean;
  demoOrders?: number | undefined;
  ownerPassword?: string | undefined;
}

interface ParentPort {
  on(event: 'message', fn: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('the core runs in a utilityProcess (process.parentPort is missing)');

const port: PortLike = {
  post: (m) => parentPort.postMessage(m),
  listen: (fn) => parentPort.on('message', (e) => fn(e.data)),
};

let front: Front | null = null;
const streams = new Map<number, { close(): void }>();

const peer = new Peer(port, {
  init: (init: CoreInit) => start(init),
  call: async (r: { name: string; input: unknown; token: string | null; locale: Locale }) => {
    if (!front) throw new Error('the core is not open');
    return front.dispatch(r.name, r.input, r.token, r.locale);
  },
  /** The window `streamId` wants the events of this session (null: none). */
  listen: async ({ streamId, token }: { streamId: number; token: string | null }) => {
    streams.get(streamId)?.close();
    streams.delete(streamId);
    if (!front || !token) return { ok: true };
    const opened = await front.subscribe(token, {
      deliver: (name: EventName, payload: unknown) => peer.notify('event', { streamId, name, payload }),
      end: () => streams.delete(streamId),
    });
    if ('error' in opened) return { ok: false, code: opened.error.code };
    streams.set(streamId, opened.data);
    return { ok: true };
  },
  status: () => front?.status() ?? null,
  stop: async () => {
    await front?.close();
    front = null;
  },
});

async function start(init: CoreInit): Promise<{ ok: true }> {
  mkdirSync(init.dataDir, { recursive: true });
  const log = createLogger(init.dataDir);
  const secretKey = await dataKey(init.dataDir);
  front = new Front({
    dataDir: init.dataDir,
    log,
    entry: import.meta.url.endsWith('.ts') ? sourceWorkerEntry() : builtWorkerEntry(import.meta.url),
    secretKey,
    writer: { demo: init.demo, demoOrders: init.demoOrders, ownerPassword: init.ownerPassword },
    // The window's calls wait in the main process until the core is open: it words those waits with this.
    onMigrating: (p) => peer.notify('migrating', p),
  });
  await front.start();
  log.info(`core ready (pid ${process.pid})`);
  return { ok: true };
}

/**
 * The workspace's data key, kept sealed by the OS keychain (Electron safeStorage in the main
 * process) in `secret.key.sealed`: the main process unseals it once per start; secrets are then
 * sealed with it here. A new workspace gets a new random key, sealed the same way.
 */
async function dataKey(dataDir: string): Promise<Uint8Array> {
  const file = join(dataDir, 'secret.key.sealed');
  if (existsSync(file)) {
    const { plainBase64 } = await peer.request<{ plainBase64: string }>('unseal', { sealedBase64: readFileSync(file).toString('base64') });
    const key = Buffer.from(plainBase64, 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key`);
    return key;
  }
  const key = randomBytes(32);
  const { sealedBase64 } = await peer.request<{ sealedBase64: string }>('seal', { plainBase64: key.toString('base64') });
  writeFileSync(file, Buffer.from(sealedBase64, 'base64'), { mode: 0o600, flag: 'wx' });
  return key;
}

peer.notify('spawned', { pid: process.pid });
