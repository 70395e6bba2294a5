/**
 * The entry of every core worker thread. `workerData.role` says which world it opens:
 * the writer (openApp: migrations, pollers, schedulers), a reader (read-only connection) or a
 * job worker (own connection, long work). It then answers the front's requests.
 */
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { BilingualError } from '../../src-shared/errors';
import { openApp, openJobWorld, openReaderWorld } from '../app';
import type { EventSink } from '../kernel/events';
import type { JobHost } from '../kernel/jobs';
import type { Progress, ProgressRelay } from '../kernel/progress';
import { createLogger } from '../log';
import { keyBox } from '../secrets/file-key-box';
import { sessionFacts } from './core';
import { Peer, type PortLike } from './peer';
import { threadMemory } from './thread-memory';
import { IdleGc } from './idle-gc';
import { lowerThreadPriority } from './thread-priority';
import type { CallRequest, CallResult, FrontLink, JobRequest, RecordEntry, SessionFacts, World, WorkerSetup } from './worlds';
import type { WriteContext } from '../db';
import { shareWriteTurns } from '../db/write-turns';
import { dispatchParsed } from '../kernel/json-body';

const setup = workerData as WorkerSetup;
const port: PortLike = {
  post: (m) => parentPort!.postMessage(m),
  listen: (fn) => parentPort!.on('message', fn),
};

let world: World | null = null;
const running = new Map<string, AbortController>();
const log = createLogger(setup.dataDir);
const idleGc = new IdleGc();
// Jobs are background work: the front and the readers go first when the CPU is short.
if (setup.nice) lowerThreadPriority(setup.nice);
shareWriteTurns(setup.writeTurns);

const peer = new Peer(port, {
  call: (r: CallRequest): Promise<CallResult> => idleGc.around(async () => {
    const w = ready();
    const result = r.json
      ? await dispatchParsed(w.api, r.name, r.json, r.token, r.locale, r.source)
      : await w.api.dispatch(r.name, r.input, r.token, r.locale, r.source, { deadlineAt: r.deadlineAt });
    // A refusal's audit record is committed by the writer before the refusal goes back.
    await w.settle?.().catch((e: unknown) => log.error(`${setup.name}: a forwarded audit record was not written`, e));
    return result;
  }),
  job: (j: JobRequest): Promise<unknown> => idleGc.around(async () => {
    const run = ready().kinds?.[j.kind];
    if (!run) throw new Error(`${setup.name} runs no job kind "${j.kind}"`);
    const ctl = new AbortController();
    running.set(j.key, ctl);
    try {
      return await run(j.params as never, { signal: ctl.signal });
    } finally {
      running.delete(j.key);
    }
  }),
  cancel: ({ key }: { key: string }) => running.get(key)?.abort(),
  /** (writer) A job worker's counts for a long call: kept so jobs.progress answers them; says whether it was cancelled. */
  progress: (p: Progress) => ready().progress?.mirror(p) ?? false,
  progressEnded: ({ id }: { id: string }) => ready().progress?.forget(id),
  /** (writer) A job worker committed to the sync log: push it as if this connection had. */
  logged: () => ready().writes?.loggedElsewhere(),
  /** This thread's own memory (its V8 heap; RSS is the whole process's): the memory bench sums them. */
  memory: () => threadMemory(),
  sessions: ({ tokens }: { tokens: string[] }): (SessionFacts | null)[] => tokens.map((t) => sessionFacts(ready().auth, t)),
  record: ({ ctx, entry }: { ctx: WriteContext; entry: RecordEntry }) => {
    const w = ready();
    if (!w.record) throw new Error(`${setup.name} does not write`);
    w.record(ctx, entry);
  },
  // Fault injection for tests (ORDERHUB_FAULTS=1): block this thread as a long query would; die as a bug would.
  ...(process.env.ORDERHUB_FAULTS === '1' ? {
    hold: ({ ms }: { ms: number }) => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms),
    crash: ({ when }: { when: 'now' | 'in-transaction' }) => (when === 'now' ? crashNow() : crashInNextTransaction()),
  } : {}),
  stop: async () => {
    for (const c of running.values()) c.abort();
    await world?.close();
    world = null;
  },
});

/**
 * A worker that hits an error nobody handled closes its connections (SQLite rolls back a
 * transaction left open) and ends; the front restarts what it needs. Ending with connections
 * still open is what must never happen: better-sqlite3 can corrupt the process's heap when a
 * thread exits with live handles, which would take the whole core down.
 */
function die(why: unknown, code = 1): never {
  log.error(`${setup.name} stops after an unexpected error`, why);
  try {
    void world?.close();
  } catch {
    // closing is best effort; the exit is not
  }
  world = null;
  process.exit(code);
}
process.on('uncaughtException', (e) => die(e));
process.on('unhandledRejection', (e) => die(e));

/**
 * Fault injection for tests (ORDERHUB_FAULTS=1 and ORDERHUB_FAULT_MIGRATE_MS): each migration step
 * blocks the writer this long first, as rebuilding a 1 M-order timeline does (about a minute), so a
 * test's small workspace shows what a large one's update looks like whatever the machine's speed.
 */
function slowMigrationFault(): void {
  const ms = process.env.ORDERHUB_FAULTS === '1' ? Number(process.env.ORDERHUB_FAULT_MIGRATE_MS ?? 0) : 0;
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Fault injection for tests (ORDERHUB_FAULTS=1 and ORDERHUB_FAULT_FREE_DISK_BYTES): the disk seems
 * to have only this much room when an update checks it before its backup.
 */
function nearlyFullDiskFault(): { freeDiskBytes: () => number } | object {
  const bytes = process.env.ORDERHUB_FAULTS === '1' ? process.env.ORDERHUB_FAULT_FREE_DISK_BYTES : undefined;
  return bytes ? { freeDiskBytes: () => Number(bytes) } : {};
}

function crashNow(): void {
  setImmediate(() => {
    throw new Error(`fault injection: ${setup.name} crashes`);
  });
}

/** The next write transaction writes its batch, then the thread dies before COMMIT (the batch must roll back). */
function crashInNextTransaction(): void {
  const writes = ready().writes;
  if (!writes) return crashNow();
  const run = writes.run.bind(writes);
  writes.run = ((ctx, fn) => run(ctx, (tx) => {
    fn(tx);
    die(new Error(`fault injection: ${setup.name} dies mid-transaction`), 70);
  })) as typeof writes.run;
}

function ready(): World {
  if (!world) throw new Error(`${setup.name} is not open`);
  return world;
}

const events: EventSink = {
  emit: (name, payload) => peer.notify('event', { name, payload }),
  sessionsEnded: () => peer.notify('sessionsEnded', null),
};

/** The writer asks the front for a job worker; aborting asks that worker to stop between batches. */
const jobs: JobHost = {
  run: (kind, params, opts = {}) => {
    const key = opts.key ?? randomUUID();
    opts.signal?.addEventListener('abort', () => peer.notify('cancelJob', { key }), { once: true });
    return peer.request('runJob', { key, kind, params } satisfies JobRequest);
  },
};

const link: FrontLink = {
  events,
  jobs,
  forward: (ctx, entry) => peer.request('record', { ctx, entry }),
};

async function open(): Promise<World> {
  const secrets = setup.secretKey ? { secrets: keyBox(setup.secretKey, 'os-keychain') } : {};
  if (setup.role === 'writer') {
    const app = await openApp({
      dataDir: setup.dataDir,
      log,
      ...secrets,
      events: link.events,
      jobs: link.jobs,
      demoInBackground: true,
      demo: setup.writer?.demo ?? false,
      demoOrders: setup.writer?.demoOrders,
      ownerPassword: setup.writer?.ownerPassword,
      onProgress: (m) => log.info(m),
      onMigrating: (p) => {
        peer.notify('migrating', p);
        if (p.phase === 'migrate') slowMigrationFault();
      },
      ...nearlyFullDiskFault(),
      ...(setup.writer?.channels ? { channels: setup.writer.channels } : {}),
      // The host does the switch: it closes this core and opens the new folder.
      ...(setup.canStartReal ? { onStartReal: () => peer.notify('startReal', null) } : {}),
    });
    return {
      api: app.api,
      auth: app.services.auth,
      progress: app.services.workspace.progress,
      writes: app.services.db.writes,
      record: (ctx, entry) => app.services.db.writes.record(ctx, entry),
      close: async () => {
        app.close();
      },
    };
  }
  if (setup.role === 'reader') {
    const w = openReaderWorld({
      dataDir: setup.dataDir, log, ...secrets, events: link.events, forward: link.forward,
      canStartReal: setup.canStartReal === true,
    });
    return { api: w.api, auth: w.services.auth, settle: () => w.db.settle(), close: () => w.close() };
  }
  const relay: ProgressRelay = {
    report: (p) => peer.request<boolean>('progress', p),
    finish: (id) => peer.notify('progressEnded', { id }),
  };
  const w = await openJobWorld({ dataDir: setup.dataDir, log, ...secrets, events: link.events, progress: relay, onLogged: () => peer.notify('logged', null) });
  return { api: w.api, auth: w.services.auth, writes: w.services.db.writes, kinds: w.kinds, close: () => w.close() };
}

open().then(
  (w) => {
    world = w;
    peer.notify('ready', { role: setup.role });
    idleGc.schedule(); // the start-up's garbage (migrations read, modules' set-up)
  },
  (e: unknown) => {
    log.error(`${setup.name} could not open`, e);
    peer.notify('failed', { message: e instanceof Error ? e.message : String(e), ...(e instanceof BilingualError ? { zh: e.zh, en: e.en } : {}) });
  },
);
