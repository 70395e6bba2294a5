import { DEFAULT_ZONE } from '../src-shared/time';
import { createApi, type Api } from './api';
import { AuthService } from './auth/auth-service';
import { SYSTEM_ACTOR } from './db';
import { seedDemoWorkspace } from './demo/seed-workspace';
import { createFinanceService } from './finance/service';
import { createChannels, type ChannelsOptions } from './channels/service';
import { createErp, type ErpOptions } from './erp/service';
import { buildHandlers } from './handlers';
import { FolderSources } from './imports/folder-sources';
import { ImportService } from './imports/import-service';
import { IngestPipeline } from './ingest/pipeline';
import { createRulesServices } from './rules/services';
import { createRisk, type RiskOptions } from './exceptions/compose';
import { ErpHealthSource, SyncHealthSource } from './exceptions/health';
import { createLogger, type Logger } from './log';
import { createOrderFlow } from './orders/flow';
import { openKeyedDatabase } from './secrets/audit-key';
import { fileKeyBox } from './secrets/file-key-box';
import { privateDataFolder, privateDir, restrictUmask } from './secrets/private-files';
import { pollGate } from './sync/poller-gate';
import type { SecretBox } from './secrets/secret-box';
import type { AppServices } from './services';
import { SyncService, type SyncOptions } from './sync/service';
import { createShipping, type ShippingOptions } from './shipping/service';
import { APP_VERSION } from './version';
import { DEMO_JOB, ProgressBoard } from './kernel/progress';

export interface AppOptions {
  dataDir: string;
  /** Make this a demo workspace (five demo users, demo data) if it is new. */
  demo?: boolean;
  /** Unattended setup: create user `owner` with this password on a new workspace. */
  ownerPassword?: string | undefined;
  /** How many demo orders to generate on a new demo workspace (default 100,000). */
  demoOrders?: number | undefined;
  /** Progress lines for long start-up work (migrations, demo generation). */
  onProgress?: (message: string) => void;
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
  log?: Logger;
  /** The shell's way to close this workspace and open a new real one ("新建真实工作区"); omitted where it cannot. */
  onStartReal?: () => void;
}

export interface App {
  api: Api;
  services: AppServices;
  close(): void;
}

/** The composition root: open the replica, build the services and the one dispatcher. */
export async function openApp(opts: AppOptions): Promise<App> {
  restrictUmask();
  privateDir(opts.dataDir);
  const log = opts.log ?? createLogger(opts.dataDir);
  const secrets = opts.secrets ?? fileKeyBox(opts.dataDir);
  // Before the first write: the audit chain is keyed, its head checkpointed beside the database.
  const db = await openKeyedDatabase(opts.dataDir, secrets);
  if (db.migration.applied.length) log.info('migrated', db.migration);
  if (db.writes.checkpointMismatch) log.error('audit chain: the checkpoint beside the database does not match it (truncated or rewritten?); audit.verify reports where');
  privateDataFolder(opts.dataDir);
  const flow = createOrderFlow(db);
  const auth = new AuthService(db);

  const isNew = auth.userCount() === 0;
  const metaGet = db.sqlite.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  if (isNew && opts.demo) {
    await seedDemoWorkspace(db, flow.lifecycle, auth, { orders: opts.demoOrders, onProgress: opts.onProgress, log });
  } else if (isNew && opts.ownerPassword) {
    await auth.createUser({ actor: SYSTEM_ACTOR, call: 'setup.createOwner', reason: 'ORDERHUB_OWNER_PASSWORD' },
      { username: 'owner', displayName: '老板', role: 'owner', password: opts.ownerPassword }, 'zh-CN');
  }

  const progress = new ProgressBoard();
  privateDataFolder(opts.dataDir); // files the first run created (backups, WAL after the seed)
  const pipeline = new IngestPipeline(db, flow);
  const sync = new SyncService({ db, secrets, log, ...opts.sync });
  // Rules and stock before the writers of stock (imports, the ERP bridge): their counts settle the reservation ledger.
  const rules = createRulesServices({ db, zone: DEFAULT_ZONE, dataDir: opts.dataDir, log, lifecycle: flow.lifecycle, holds: flow.holds });
  const imports = new ImportService(db, log, pipeline, rules.stock);
  // Two PCs never poll the same shop: this PC polls only the shops assigned to it (or taken over),
  // and confirms their shipments (发货回传) with the secrets it holds.
  const gate = pollGate(db, sync);
  const channels = createChannels({ db, pipeline, secrets, log, zone: DEFAULT_ZONE, pollGate: gate, cloudLink: () => cloudLink(sync), ...opts.channels });
  const risk = createRisk({
    db, log, secrets, zone: DEFAULT_ZONE, lifecycle: flow.lifecycle,
    health: [new ErpHealthSource(db.sqlite), new SyncHealthSource(() => sync.status())], ...opts.risk,
  });
  const shipping = createShipping({
    db, lifecycle: flow.lifecycle, rules, shipments: risk.tracking.shipments, channels: channels.store, gate, zone: DEFAULT_ZONE, log, ...opts.shipping,
  });
  // A shop's refusal of a shipment is an exception on the order (the detectors look at once).
  shipping.sender.afterChange = (tx, orderIds) => void risk.exceptions.runner.evaluateOrders(tx, orderIds);
  const services: AppServices = {
    db,
    auth,
    secrets,
    flow,
    pipeline,
    channels,
    workspace: {
      dataDir: opts.dataDir,
      version: APP_VERSION,
      zone: DEFAULT_ZONE,
      // Read live: the first-run choice can make a new workspace the demo one.
      get demo() {
        return metaGet.get('demo') === '1';
      },
      seedDemo: (orders?: number) => seedDemoWorkspace(db, flow.lifecycle, auth, { orders, log, progress: progress.start(DEMO_JOB, null, orders ?? null) })
        .finally(() => progress.finish(DEMO_JOB)),
      startReal: opts.onStartReal ?? null,
      progress,
    },
    log,
    finance: createFinanceService(db, DEFAULT_ZONE, log),
    imports,
    importSources: new FolderSources(db, imports, log, DEFAULT_ZONE),
    rules,
    risk,
    sync,
    erp: createErp({ db, secrets, log, zone: DEFAULT_ZONE, stock: rules.stock, ...opts.erp }),
    shipping,
  };
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
  if (opts.sync?.autostart !== false) sync.start();
  services.erp.start();
  if (opts.shipping?.autostart !== false) shipping.sender.start();
  return {
    api,
    services,
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
      void shipping.sender.stop();
      void sync.stop();
      db.close();
    },
  };
}

/** The team cloud as the platforms' authorisation callback reaches this PC: its URL and our device token. */
function cloudLink(sync: SyncService): { url: string; token: string } | null {
  const url = sync.store.get('sync.url');
  const token = sync.enrolled ? sync.store.token() : null;
  return url && token ? { url, token } : null;
}
