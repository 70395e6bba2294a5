import type { ErpConnectionView, ErpPullCounts, ErpPushCounts, ErpTestResult } from '../../src-shared/contract/erp';
import { ERP_PULL_KINDS, type ErpMappingKind, type PullMapping, type PushLocksMapping, type PushOrdersMapping } from '../../src-shared/erp';
import { SYSTEM_ACTOR, type Database, type WriteContext } from '../db';
import { realClock, type Clock } from '../kernel/clock';
import type { Logger } from '../log';
import type { SecretBox } from '../secrets/secret-box';
import { ErpHealth } from './health';
import { HubSources } from './hub-sources';
import { ErpJobs } from './jobs';
import { driverOf } from './odbc/connection-string';
import { dsnDriver } from './odbc/dsn-driver';
import { ErpFailure, ErpSession } from './odbc/session';
import { selectOnlyProblem } from './odbc/sql-guard';
import { previewMapping } from './preview';
import { pullSkus, pullStock, pullWarehouses, type PullDeps } from './pull/pull-jobs';
import { emptyPushCounts, pushOrders, type PushDeps } from './push/push-orders';
import { planLocks, pushLocks } from './push/push-locks';
import { reconcile } from './reconcile';
import { ErpRejects } from './rejects';
import { ErpScheduler } from './scheduler';
import type { StockSettle } from '../inventory/stock-service';
import { applyPendingChanges, stockHistory } from './stock-log';
import { StockSink } from './stock-sink';
import { ErpStore, parseMapping } from './store';

export interface ErpOptions {
  /** Start the schedules with the app (default true). */
  autostart?: boolean;
  clock?: Clock;
  tickMs?: number;
  /** Pull batch sizes (tests make them tiny to cross batch boundaries). */
  pullSizes?: { fetch: number; write: number };
}

const SCHEDULE_CTX: WriteContext = { actor: SYSTEM_ACTOR, call: 'erp.schedule', reason: 'scheduled' };
const ROUND_TRIP = "喆镕堃昇 O'Brien 中文";

/**
 * The ODBC bridge to the customer's ERP: connections, mappings, pull and push jobs, their schedule,
 * health and reconciliation. Handlers call these; the scheduler calls the same jobs.
 */
export function createErp(deps: { db: Database; secrets: SecretBox; log: Logger; zone: string; stock?: StockSettle; onJob?: ConstructorParameters<typeof ErpJobs>[3] } & ErpOptions) {
  const { db, log, zone } = deps;
  const store = new ErpStore(db, deps.secrets);
  const health = new ErpHealth(db.sqlite);
  const jobs = new ErpJobs(db.sqlite, health, log, deps.onJob);
  const rejects = new ErpRejects(db.sqlite);
  const sources = new HubSources(db.sqlite);
  // ERP counts another PC pulled arrive by sync as change-log rows: applied to erp_stock_latest (what readers see).
  applyPendingChanges(db.sqlite);
  db.writes.onCommit((c) => {
    if (c.entities.get('erp_stock_changes')?.size) applyPendingChanges(db.sqlite);
  });

  const open = async (id: string) => {
    const { connectionString, readOnly } = store.connectionString(id);
    return ErpSession.open(connectionString, { readOnly });
  };
  const mappingOf = <T>(id: string, kind: ErpMappingKind): T => {
    const m = store.mapping(id, kind);
    if (!m) throw new ErpFailure({ code: 'no_mapping', params: { kind } });
    return m as T;
  };
  const withSession = async <T>(id: string, fn: (s: ErpSession) => Promise<T>): Promise<T> => {
    const s = await open(id);
    try {
      return await fn(s);
    } finally {
      await s.close();
    }
  };

  async function pull(id: string, what: 'skus' | 'warehouses' | 'stock', opts: { full: boolean; trigger: 'manual' | 'schedule'; ctx: WriteContext }): Promise<ErpPullCounts> {
    if (!store.get(id)) throw new ErpFailure({ code: 'not_configured_here', params: {} });
    return jobs.run(id, what, opts.trigger, (job) =>
      withSession(id, (session) => {
        const d: PullDeps = { db, session, connectionId: id, job, ctx: opts.ctx, rejects, sink: new StockSink(db.sqlite, id, deps.stock ?? null), ...(deps.pullSizes ? { sizes: deps.pullSizes } : {}) };
        const m = mappingOf<PullMapping>(id, what);
        return what === 'skus' ? pullSkus(d, m) : what === 'warehouses' ? pullWarehouses(d, m) : pullStock(d, m, opts.full);
      }),
    );
  }

  async function push(id: string, trigger: 'manual' | 'schedule', ctx: WriteContext): Promise<ErpPushCounts> {
    const c = store.get(id);
    if (!c) throw new ErpFailure({ code: 'not_configured_here', params: {} });
    if (c.readOnly) throw new ErpFailure({ code: 'erp_read_only', params: {} });
    const total = emptyPushCounts();
    const ordersMapping = store.mapping(id, 'orders') as PushOrdersMapping | null;
    const locksMapping = store.mapping(id, 'locks') as PushLocksMapping | null;
    // Nothing waiting and no reservation change possible without orders: skip connecting at all.
    if (ordersMapping) {
      const r = trigger === 'schedule' && sources.backlog(id, Date.now()) === 0 ? emptyPushCounts() : await jobs.run(id, 'orders', trigger, (job) => withSession(id, (session) => pushOrders(pushDeps(session, id, job, ctx), ordersMapping)), () => sources.backlog(id, Date.now()));
      for (const [k, v] of Object.entries(r)) total[k as keyof ErpPushCounts] += v;
    }
    if (locksMapping) {
      const plan = planLocks({ db, connectionId: id, sources }, locksMapping);
      if (trigger === 'schedule' && !plan.writes.length && !plan.rejects.length) return total;
      const r = await jobs.run(id, 'locks', trigger, (job) => withSession(id, (session) => pushLocks(pushDeps(session, id, job, ctx), locksMapping, plan)));
      for (const [k, v] of Object.entries(r)) total[k as keyof ErpPushCounts] += v;
    }
    return total;
  }
  const pushDeps = (session: ErpSession, connectionId: string, job: PushDeps['job'], ctx: WriteContext): PushDeps => ({
    db, session, connectionId, job, ctx, rejects, sources, zone,
  });

  async function test(id: string): Promise<ErpTestResult> {
    const started = performance.now();
    const c = store.get(id);
    const driver = (c?.dsn ? dsnDriver(c.dsn) : driverOf(c?.connectionString ?? null)) ?? null;
    try {
      return await withSession(id, async (s) => {
        const who = await s.identify();
        let textRoundTrip: boolean | null = null;
        try {
          const [row] = await s.select(who.dialect === 'sqlserver' ? 'SELECT CAST(? AS nvarchar(100)) AS t' : 'SELECT ? AS t', [ROUND_TRIP]);
          textRoundTrip = String(row?.t ?? row?.T ?? '') === ROUND_TRIP;
        } catch {
          textRoundTrip = null;
        }
        return { ok: true, driver, dbms: who.dbms, dbmsVersion: who.version, textRoundTrip, error: null, ms: Math.round(performance.now() - started) };
      });
    } catch (e) {
      if (!(e instanceof ErpFailure)) throw e;
      return { ok: false, driver, dbms: null, dbmsVersion: null, textRoundTrip: null, error: e.reason, ms: Math.round(performance.now() - started) };
    }
  }

  /** Pull mappings must stay single SELECTs; checked when saved and again when run. */
  function validateMapping(kind: ErpMappingKind, mapping: unknown, say: (zh: string, en: string) => string): unknown {
    const parsed = parseMapping(kind, mapping, say);
    if ((ERP_PULL_KINDS as readonly string[]).includes(kind) && (parsed as PullMapping).mode === 'sql') {
      const word = selectOnlyProblem((parsed as { sql: string }).sql);
      if (word !== null) throw new ErpFailure({ code: 'not_a_select', params: { word } });
    }
    return parsed;
  }

  const scheduler = new ErpScheduler(
    () => store.list(),
    {
      push: (id) => push(id, 'schedule', SCHEDULE_CTX),
      stockDelta: async (id) => {
        if (store.mapping(id, 'stock')) await pull(id, 'stock', { full: false, trigger: 'schedule', ctx: SCHEDULE_CTX });
      },
      nightly: async (id) => {
        if (store.mapping(id, 'skus')) await pull(id, 'skus', { full: true, trigger: 'schedule', ctx: SCHEDULE_CTX });
        if (store.mapping(id, 'warehouses')) await pull(id, 'warehouses', { full: true, trigger: 'schedule', ctx: SCHEDULE_CTX });
        if (store.mapping(id, 'stock')) await pull(id, 'stock', { full: true, trigger: 'schedule', ctx: SCHEDULE_CTX });
      },
    },
    health,
    deps.clock ?? realClock,
    zone,
    log,
    deps.tickMs,
  );

  return {
    store,
    health,
    jobs,
    rejects,
    sources,
    scheduler,
    pull,
    push,
    test,
    validateMapping,
    preview: (id: string, kind: ErpMappingKind, mapping: unknown, say: (zh: string, en: string) => string) => {
      const parsed = validateMapping(kind, mapping, say);
      return withSession(id, (session) => previewMapping({ session, sources, connectionId: id, zone }, kind, parsed));
    },
    reconcile: (id: string) =>
      withSession(id, (session) =>
        reconcile({
          sqlite: db.sqlite, session, sources, connectionId: id,
          locks: store.mapping(id, 'locks') as PushLocksMapping | null, outbound: store.mapping(id, 'outbound') as PullMapping | null,
        }),
      ),
    view(id: string): ErpConnectionView | undefined {
      const c = store.get(id);
      if (!c) return undefined;
      return { ...c, mappings: store.mappings(id).map((m) => m.kind), health: health.all(id), running: jobs.recent(id) };
    },
    unknownSkus(id: string) {
      const erpItems = db.sqlite.prepare('SELECT count(*) FROM erp_items WHERE connection_id = ?').pluck().get(id) as number;
      if (!erpItems) return { codes: [], erpItems };
      const open = sources.reservedLines();
      const openCount = new Map<string, number>();
      for (const l of open) openCount.set(l.skuCode, (openCount.get(l.skuCode) ?? 0) + 1);
      const rows = db.sqlite.prepare(
        `SELECT s.code, s.title FROM skus s WHERE NOT EXISTS (SELECT 1 FROM erp_items e WHERE e.connection_id = ? AND e.code = s.code) ORDER BY s.code LIMIT 2000`,
      ).all(id) as { code: string; title: string | null }[];
      const known = new Set(db.sqlite.prepare('SELECT code FROM erp_items WHERE connection_id = ?').pluck().all(id) as string[]);
      const listed = new Set(rows.map((r) => r.code));
      for (const code of openCount.keys()) if (!known.has(code) && !listed.has(code)) rows.push({ code, title: null });
      return { codes: rows.map((r) => ({ ...r, openLines: openCount.get(r.code) ?? 0 })).sort((a, b) => b.openLines - a.openLines || a.code.localeCompare(b.code)), erpItems };
    },
    /** What the ERP said about stock over time (the change log), for one SKU × warehouse or one pull. */
    stockHistory: (id: string, filter?: Parameters<typeof stockHistory>[2]) => stockHistory(db.sqlite, id, filter),
    /** The writer, at start-up: ERP jobs a crash left running are marked cancelled. */
    recoverInterrupted: () => jobs.recoverInterrupted(),
    start: () => {
      if (deps.autostart !== false) scheduler.start();
    },
    stop: () => {
      scheduler.stop();
      jobs.cancelAll();
    },
  };
}

export type ErpService = ReturnType<typeof createErp>;
