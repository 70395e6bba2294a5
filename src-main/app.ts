import { join } from 'node:path';
import { MAX_CHANGED_IDS } from '../src-shared/contract';
import { DEFAULT_ZONE } from '../src-shared/time';
import { createApi, type Api } from './api';
import { AuthService } from './auth/auth-service';
import { openReadOnlyDatabase, SYSTEM_ACTOR, type Database, type MigrationProgress, type ReadOnlyDatabase, type WriteContext } from './db';
import { markDemoFillInterrupted, readDemoFill, seedDemoWorkspace } from './demo/seed-workspace';
import { createFinanceService } from './finance/service';
import { createChannels, type ChannelsOptions } from './channels/service';
import type { PollResult } from './channels/poller';
import { createErp, type ErpOptions } from './erp/service';
import { buildHandlers } from './handlers';
import { FolderSources } from './imports/folder-sources';
import { ImportService } from './imports/import-service';
import { IngestPipeline } from './ingest/pipeline';
import { buildJobKinds, type JobKinds } from './jobs';
import type { Clock } from './kernel/clock';
import { LocalEvents, type EventSink } from './kernel/events';
import type { JobHost } from './kernel/jobs';
import { createRulesServices } from './rules/services';
import { createRisk, type RiskOptions } from './exceptions/compose';
import { ErpHealthSource, SyncHealthSource } from './exceptions/health';
import { createLogger, type Logger } from './log';
import { createOrderFlow, type OrderFlowServices } from './orders/flow';
import { openKeyedDatabase } from './secrets/audit-key';
import { fileKeyBox } from './secrets/file-key-box';
import { privateDataFolder, privateDir, restrictUmask } from './secrets/private-files';
import { pollGate } from './sync/poller-gate';
import type { SecretBox } from './secrets/secret-box';
import type { AppServices } from './services';
import { SyncService, type SyncOptions } from './sync/service';
import { createShipping, type ShippingOptions } from './shipping/service';
import { APP_VERSION } from './version';
import { ProgressBoard, type ProgressAnnounce, type ProgressRelay } from './kernel/progress';

export interface AppOptions {
  dataDir: string;
  /** Make this a demo workspace (five demo users, demo data) if it is new. */
  demo?: boolean;
  /** Unattended setup: create user `owner` with this password on a new workspace. */
  ownerPassword?: string | undefined;
  /** How many demo orders to generate on a new demo workspace (default 100,000). */
  demoOrders?: number | undefined;
  /** Progress lines for long start-up work (demo generation). */
  onProgress?: (message: string) => void;
  /** Where an update's migration stands while it runs (the core's words on screen meanwhile). */
  onMigrating?: (p: MigrationProgress) => void;
  /** Free bytes on a folder's disk, as the copies made before an update or joining a team check them (tests: a disk that seems full). */
  freeDiskBytes?: (dir: string) => number;
  secrets?: SecretBox;
  /** Poller knobs for tests and benches (virtual clock, fake connectors, no autostart). */
  channels?: ChannelsOptions;
  /** Exceptions, alerts and tracking knobs for tests and benches (virtual clock, fetch, no loops). */
  risk?: RiskOptions;
  /** Sync knobs for tests and benches (fetch with faults, timings); `autostart: false` leaves it stopped. */
  sync?: Partial<Pick<SyncOptions, 'fetch' | 'debounceMs' | 'pollMs' | 'onApplied'>> & { autostart?: boolean };
  /** ERP bridge knobs for tests and benches (no autostart, manual clock). */
  erp?: ErpOptions;
  /** 发货回传 knobs for tests and benches (virtual clock, fetch, no sender loop). */
  shipping?: ShippingOptions;
  /** The monthly finance export's clock for tests (its catch-up at start depends on today's date). */
  finance?: { clock?: Clock };
  log?: Logger;
  /** Where events go; default: a local hub (`app.events`). The core passes its link to the front. */
  events?: EventSink;
  /** Where long jobs run; default: here. The core passes its job workers. */
  jobs?: JobHost;
  /** Return before the demo orders are generated: they fill in with progress (the core's writer). */
  demoInBackground?: boolean;
  /** The shell's way to close this workspace and open a new real one ("新建真实工作区"); omitted where it cannot. */
  onStartReal?: () => void;
}

export interface App {
  api: Api;
  services: AppServices;
  /** The local hub when no sink was given (tests subscribe to it); otherwise the sink. */
  events: EventSink;
  close(): void;
}

/**
 * The composition root. `openApp` is the writer's world: it migrates, seeds, owns the pollers
 * and schedulers. With no core around it (tests, benches) it is the whole app in one process.
 */
export async function openApp(opts: AppOptions): Promise<App> {
  restrictUmask();
  privateDir(opts.dataDir);
  const log = opts.log ?? createLogger(opts.dataDir);
  const secrets = opts.secrets ?? fileKeyBox(opts.dataDir);
  // Before the first write: the audit chain is keyed, its head checkpointed beside the database.
  const db = await openKeyedDatabase(opts.dataDir, secrets, opts.onMigrating, opts.freeDiskBytes);
  if (db.migration.applied.length) log.info('migrated', db.migration);
  if (db.writes.checkpointMismatch) log.error('audit chain: the checkpoint beside the database does not match it (truncated or rewritten?); audit.verify reports where');
  privateDataFolder(opts.dataDir);
  const events = opts.events ?? new LocalEvents();
  const flow = createOrderFlow(db);
  const auth = new AuthService(db, Date.now, undefined, undefined, () => events.sessionsEnded());
  const jobs = opts.jobs;

  const isNew = auth.userCount() === 0;
  markDemoFillInterrupted(db);
  // The first-run demo fill can be stopped (setup.cancelDemo); what was written stays.
  let demoStop: AbortController | null = null;
  const cancelDemo = () => {
    if (!demoStop || demoStop.signal.aborted || readDemoFill(db)?.state !== 'running') return false;
    demoStop.abort();
    return true;
  };
  const seed = (orders: number | undefined, onProgress?: (m: string) => void) => {
    const stop = (demoStop = new AbortController());
    return seedDemoWorkspace(db, flow.lifecycle, auth, {
      orders, onProgress, log, background: opts.demoInBackground === true, signal: stop.signal,
      // The one announcement of the fill's end (its batches only move the count): done, stopped or failed, the banner goes.
      onSettled: (fill) => events.emit('jobs.progress', {
        jobId: 'demo', kind: 'demo', state: fill?.state === 'done' ? 'done' : stop.signal.aborted ? 'cancelled' : 'failed',
        progress: fill?.total ? Math.min(1, fill.done / fill.total) : 1,
      }),
      ...(jobs ? { fill: (n: number) => jobs.run('demo', { orders: n }, { key: 'demo', signal: stop.signal }) } : {}),
    });
  };
  if (isNew && opts.demo) {
    await seed(opts.demoOrders, opts.onProgress);
  } else if (isNew && opts.ownerPassword) {
    await auth.createUser({ actor: SYSTEM_ACTOR, call: 'setup.createOwner', reason: 'ORDERHUB_OWNER_PASSWORD' },
      { username: 'owner', displayName: '老板', role: 'owner', password: opts.ownerPassword }, 'zh-CN');
  }

  const progress = new ProgressBoard(undefined, announceProgress(events));
  privateDataFolder(opts.dataDir); // files the first run created (backups, WAL after the seed)
  const services = buildServices(db, auth, {
    ...opts, secrets, log, events, jobs, seed, flow, progress, cancelDemo: () => cancelDemo(),
    channels: {
      ...opts.channels,
      // The writer's poller hands a shop's long catch-up (a backfill) to a job worker, one per shop.
      ...(jobs ? { delegate: (channelId: string, signal: AbortSignal) => jobs.run('poll', { channelId }, { signal, key: `poll:${channelId}` }) as Promise<PollResult> } : {}),
    },
    // Two PCs never poll the same shop: this PC polls only the shops assigned to it (or taken over).
    pollGate: true,
  });
  services.imports.recoverInterrupted();
  services.erp.recoverInterrupted();
  wireCommitEvents(db, events);
  const api = createApi({ auth, writes: db.writes, handlers: buildHandlers(services), log });
  services.finance.scheduler.start();
  const stopExpiry = services.rules.startExpirySweep();
  await services.importSources.start();
  if (opts.channels?.autostart !== false) {
    services.channels.poller.start();
    services.channels.auth.start();
    services.channels.demo.start();
  }
  if (opts.risk?.autostart !== false) services.risk.start();
  if (opts.sync?.autostart !== false) services.sync.start();
  services.erp.start();
  if (opts.shipping?.autostart !== false) services.shipping.sender.start();
  return {
    api,
    services,
    events,
    close: () => {
      services.finance.scheduler.stop();
      void services.importSources.stop();
      services.imports.cancelAll();
      stopExpiry();
      void services.rules.dryRuns.closeAll();
      void services.channels.poller.stop();
      void services.channels.auth.stop();
      services.channels.demo.stop();
      void services.risk.stop();
      services.erp.stop();
      void services.shipping.sender.stop();
      void services.sync.stop();
      db.close();
    },
  };
}

export interface WorkerWorld {
  api: Api;
  services: AppServices;
  close(): void;
}

/**
 * A reader's world: the same services and dispatcher over a read-only connection, nothing
 * started. Audit records a read leaves (refusals) go to `forward` (the writer).
 */
export function openReaderWorld(opts: {
  dataDir: string;
  log: Logger;
  secrets?: SecretBox;
  events: EventSink;
  forward: (ctx: WriteContext, entry: Parameters<Database['writes']['record']>[1]) => Promise<void>;
  /** setup.status (a read) says whether 新建真实工作区 is offered; the writer does the switch. */
  canStartReal?: boolean;
}): WorkerWorld & { db: ReadOnlyDatabase } {
  const db = openReadOnlyDatabase(join(opts.dataDir, 'orderhub.db'), opts.forward);
  const auth = new AuthService(db);
  const services = buildServices(db, auth, { ...opts, seed: () => Promise.reject(new Error('a reader does not seed')) });
  return { db, api: createApi({ auth, writes: db.writes, handlers: buildHandlers(services), log: opts.log }), services, close: () => db.close() };
}

/** How long a job worker waits for the write lock before its batch fails. */
const JOB_BUSY_TIMEOUT_MS = 60_000;

/** A job worker's world: its own read-write connection, the services, the job kinds; nothing started. */
export async function openJobWorld(opts: {
  dataDir: string;
  log: Logger;
  secrets?: SecretBox;
  events: EventSink;
  /** This connection committed records to the sync log: the writer's sync client pushes them. */
  onLogged?: () => void;
  /** Where long calls' counts go (the writer's board answers jobs.progress / jobs.cancel). */
  progress?: ProgressRelay;
}): Promise<WorkerWorld & { kinds: JobKinds }> {
  const secrets = opts.secrets ?? fileKeyBox(opts.dataDir);
  // A job worker writes: it keys the audit chain like the writer (a write path without the key refuses to append).
  const db = await openKeyedDatabase(opts.dataDir, secrets);
  // Background work waits its turn for the write lock instead of failing: at 5 M orders a shop's
  // poll or a person's edit can hold it past the writer's 5 s, and an import must not fail for that
  // (the writer, which people wait on, keeps 5 s: db/connection.ts).
  db.sqlite.pragma(`busy_timeout = ${JOB_BUSY_TIMEOUT_MS}`);
  if (opts.onLogged) db.writes.onLogged(opts.onLogged);
  const auth = new AuthService(db, Date.now, undefined, undefined, () => opts.events.sessionsEnded());
  const services = buildServices(db, auth, {
    ...opts, secrets, progress: new ProgressBoard(opts.progress, announceProgress(opts.events)), seed: () => Promise.reject(new Error('a job worker does not seed')),
  });
  wireCommitEvents(db, opts.events);
  return {
    api: createApi({ auth, writes: db.writes, handlers: buildHandlers(services), log: opts.log }),
    services,
    kinds: buildJobKinds(services),
    close: () => db.close(),
  };
}

function buildServices(
  db: Database,
  auth: AuthService,
  o: {
    dataDir: string;
    log: Logger;
    secrets?: SecretBox | undefined;
    events: EventSink;
    jobs?: JobHost | undefined;
    channels?: ChannelsOptions | undefined;
    erp?: ErpOptions | undefined;
    sync?: AppOptions['sync'];
    freeDiskBytes?: AppOptions['freeDiskBytes'];
    risk?: RiskOptions | undefined;
    shipping?: ShippingOptions | undefined;
    finance?: AppOptions['finance'];
    /** The order flow, when the caller built it already (the writer's demo seed needs it first). */
    flow?: OrderFlowServices;
    /** The writer's poller asks the sync gate which shops this PC polls. */
    pollGate?: boolean;
    seed: (orders: number | undefined) => Promise<void>;
    /** Counts of long calls running in this world (exports). */
    progress?: ProgressBoard;
    /** The writer stops the first-run demo fill (setup.cancelDemo). */
    cancelDemo?: () => boolean;
    /** The shell's way to open a new real workspace (the writer); none of the core's hosts can yet. */
    onStartReal?: (() => void) | undefined;
    /** Offered without being the one who switches (a reader); default: whether onStartReal is given. */
    canStartReal?: boolean | undefined;
  },
): AppServices {
  const secrets = o.secrets ?? fileKeyBox(o.dataDir);
  // Every world that writes orders (the writer, job workers) has the state machine and the rules'
  // hooks on its own connection: an imported or backfilled order meets them as a polled one does.
  const flow = o.flow ?? createOrderFlow(db);
  const pipeline = new IngestPipeline(db, flow);
  const sync = new SyncService({ db, secrets, log: o.log, onChanged: () => o.events.emit('sync.changed', {}), freeDiskBytes: o.freeDiskBytes, ...o.sync });
  // Rules and stock before the writers of stock (imports, the ERP bridge): their counts settle the reservation ledger.
  const rules = createRulesServices({
    db, zone: DEFAULT_ZONE, dataDir: o.dataDir, log: o.log, lifecycle: flow.lifecycle, holds: flow.holds, jobs: o.jobs,
    onDryRun: (j) => o.events.emit('jobs.progress', { jobId: j.jobId, kind: 'dryRun', state: j.state, progress: j.progress }),
  });
  // A poll page's (an import batch's) orders are reviewed and routed as one page at its end.
  pipeline.routeByPage((tx, fn) => rules.fulfilment.page(tx, fn));
  const imports = new ImportService(db, o.log, pipeline, rules.stock, { events: o.events, ...(o.jobs ? { jobs: o.jobs } : {}) });
  const metaGet = db.sqlite.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  // Two PCs never poll the same shop: this PC polls only the shops assigned to it (or taken over),
  // and confirms their shipments (发货回传) with the secrets it holds.
  const gate = pollGate(db, sync);
  const channels = createChannels({
    db, pipeline, secrets, log: o.log, zone: DEFAULT_ZONE, onHealth: throttled(500, (channelId) => o.events.emit('channels.health', { channelId })),
    onAuthFlow: (f) => o.events.emit('channels.authFlow', f),
    cloudLink: () => cloudLink(sync),
    ...(o.pollGate ? { pollGate: gate } : {}), ...o.channels,
  });
  const risk = createRisk({
    db, log: o.log, secrets, zone: DEFAULT_ZONE, lifecycle: flow.lifecycle,
    health: [new ErpHealthSource(db.sqlite), new SyncHealthSource(() => sync.status())], ...o.risk,
  });
  const shipping = createShipping({
    db, lifecycle: flow.lifecycle, rules, shipments: risk.tracking.shipments, channels: channels.store, gate, zone: DEFAULT_ZONE, log: o.log, jobs: o.jobs, ...o.shipping,
  });
  // A shop's refusal of a shipment is an exception on the order (the detectors look at once).
  shipping.sender.afterChange = (tx, orderIds) => void risk.exceptions.runner.evaluateOrders(tx, orderIds);
  // 发货回传 failing or refused shows on the shop's health.
  shipping.sender.onShopHealth = throttled(500, (channelId) => o.events.emit('channels.health', { channelId }));
  return {
    db,
    auth,
    secrets,
    flow,
    pipeline,
    events: o.events,
    channels,
    workspace: {
      dataDir: o.dataDir,
      version: APP_VERSION,
      zone: DEFAULT_ZONE,
      // Read live: the first-run choice can make a new workspace the demo one.
      get demo() {
        return metaGet.get('demo') === '1';
      },
      demoFilling: () => {
        const fill = readDemoFill(db);
        return fill?.state === 'running' ? { done: fill.done, total: fill.total } : null;
      },
      seedDemo: (orders?: number) => o.seed(orders),
      cancelDemo: o.cancelDemo ?? (() => false),
      startReal: o.onStartReal ?? null,
      canStartReal: o.canStartReal ?? !!o.onStartReal,
      progress: o.progress ?? new ProgressBoard(),
    },
    log: o.log,
    finance: createFinanceService(db, DEFAULT_ZONE, o.log, o.finance?.clock),
    imports,
    importSources: new FolderSources(db, imports, o.log, DEFAULT_ZONE),
    rules,
    risk,
    sync,
    shipping,
    erp: createErp({ db, secrets, log: o.log, zone: DEFAULT_ZONE, stock: rules.stock, onJob: (j) => o.events.emit('jobs.progress', { jobId: j.id, kind: 'erp', state: j.state, progress: j.progress }), ...o.erp }),
  };
}

/** At most one call per key every `ms` (the first at once, the last one never dropped). */
function throttled(ms: number, fn: (key: string) => void): (key: string) => void {
  const last = new Map<string, number>();
  const pending = new Set<string>();
  return (key) => {
    const wait = (last.get(key) ?? 0) + ms - Date.now();
    if (wait <= 0) {
      last.set(key, Date.now());
      return fn(key);
    }
    if (pending.has(key)) return;
    pending.add(key);
    setTimeout(() => {
      pending.delete(key);
      last.set(key, Date.now());
      fn(key);
    }, wait).unref?.();
  };
}

/**
 * After each commit: the changed orders as one orders.changed event (ids capped; `truncated`
 * beyond), and a shop changed by anyone (paused, renamed, new credentials) as channels.health.
 */
const SHIPPING_TABLES = ['shipments', 'shipment_lines', 'shipment_confirmations', 'pick_lists', 'handovers', 'handover_parcels'] as const;

function wireCommitEvents(db: Database, events: EventSink): void {
  db.writes.onCommit((c) => {
    for (const channelId of c.entities.get('channels') ?? []) events.emit('channels.health', { channelId });
    // The warehouse screen's counts and latest parcels (a scan, a 发货回传 answered, a sync pull).
    if (SHIPPING_TABLES.some((t) => c.entities.get(t)?.size)) events.emit('shipping.changed', {});
    // Whoever wrote them (a detector pass, a person, a sync pull): the board and 异常 refresh.
    const exceptions = [...(c.entities.get('exceptions') ?? [])];
    if (exceptions.length || c.entities.get('exception_events')?.size) {
      events.emit('exceptions.changed', { ids: exceptions.slice(0, MAX_CHANGED_IDS), truncated: exceptions.length > MAX_CHANGED_IDS });
    }
    if (!c.orderIds.size) return;
    const ids = [...c.orderIds];
    events.emit('orders.changed', { ids: ids.slice(0, MAX_CHANGED_IDS), truncated: ids.length > MAX_CHANGED_IDS });
  });
}

/** A long call's counts moved (kernel/progress.ts): the screen showing them asks for them again. */
function announceProgress(events: EventSink): ProgressAnnounce {
  return (p, state) => events.emit('jobs.progress', { jobId: p.id, kind: p.kind, state, progress: p.total ? Math.min(1, p.done / p.total) : 0 });
}

/** The team cloud as the platforms' authorisation callback reaches this PC: its URL and our device token. */
function cloudLink(sync: SyncService): { url: string; token: string } | null {
  const url = sync.store.get('sync.url');
  const token = sync.enrolled ? sync.store.token() : null;
  return url && token ? { url, token } : null;
}
