import type { Database } from '../db';
import { realClock, type Clock } from '../kernel/clock';
import type { Logger } from '../log';
import { MetricsService } from '../metrics/service';
import { createNotify, type NotifyService } from '../notify/service';
import { DEFAULT_MACHINE } from '../orders/lifecycle/default-machine';
import type { Lifecycle } from '../orders/lifecycle/lifecycle';
import { SealedSecrets } from '../secrets/sealed-secrets';
import type { SecretBox } from '../secrets/secret-box';
import { TrackingService } from '../tracking/service';
import type { HealthSource } from './health';
import { createExceptions, type ExceptionsService } from './service';

/** Knobs for tests and benches: a virtual clock, a fetch, no background loops. */
export interface RiskOptions {
  clock?: Clock;
  fetch?: typeof fetch;
  /** Start the detector, tracking and alert loops (default true). */
  autostart?: boolean;
  /** Extra health sources (the ERP bridge, sync) beside the shops'. */
  health?: HealthSource[];
}

/** Exceptions, metrics and the board, alerts, and logistics tracking: built together (they feed each other). */
export interface RiskServices {
  exceptions: ExceptionsService;
  metrics: MetricsService;
  notify: NotifyService;
  tracking: TrackingService;
  start(): void;
  stop(): Promise<void>;
}

export function createRisk(deps: { db: Database; log: Logger; secrets: SecretBox; zone: string; lifecycle: Lifecycle | null } & RiskOptions): RiskServices {
  const clock = deps.clock ?? realClock;
  const sealed = new SealedSecrets(deps.db.sqlite, deps.secrets);
  let metrics: MetricsService | null = null;
  const notify = createNotify({
    db: deps.db, clock, log: deps.log, secrets: sealed, zone: deps.zone,
    dayOf: (ms) => metrics!.dayOf(ms),
    halfLifeOfDay: (from, to) => metrics!.halfLife(from, to, 'none')[0]?.halfLifeMs ?? null,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const tracking = new TrackingService({ db: deps.db, clock, secrets: sealed, lifecycle: deps.lifecycle, log: deps.log, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  const exceptions = createExceptions({ db: deps.db, clock, log: deps.log, listener: notify.listener, trackingOn: () => tracking.on(), ...(deps.health ? { extraHealth: deps.health } : {}) });
  metrics = new MetricsService(deps.db.sqlite, {
    zone: deps.zone, health: exceptions.health,
    machine: (v) => (deps.lifecycle ? deps.lifecycle.machines.get(v).definition : DEFAULT_MACHINE),
  });
  // A parcel's news re-runs the detectors on its order in the same transaction.
  tracking.afterChange = (tx, orderIds) => void exceptions.runner.evaluateOrders(tx, orderIds);
  if (deps.lifecycle) {
    // Prepared once: this runs for every order a shop's poll brings in already shipped. The shop's
    // kind comes from a subquery: written as a JOIN, each call cost ~5× as much (10 µs against 2 µs).
    const parcelOf = deps.db.sqlite.prepare(
      `SELECT o.carrier, o.tracking_no AS trackingNo, o.shipped_at AS shippedAt, (SELECT c.kind FROM channels c WHERE c.id = o.channel_id) AS kind
       FROM orders o WHERE o.id = ?`,
    );
    // A tracking number handed over: the parcel row exists at once (the tracking poll finds the rest).
    for (const state of ['handed_over', 'shipped'] as const) {
      deps.lifecycle.onEnter(state, (tx, orderId) => {
        const row = parcelOf.get(orderId) as { carrier: string | null; trackingNo: string | null; shippedAt: number | null; kind: string } | undefined;
        if (!row?.trackingNo?.trim()) return;
        const known = tracking.shipments.latestFor(orderId);
        if (known?.trackingNo === row.trackingNo.trim()) return;
        tracking.shipments.create(tx, { orderId, carrier: row.carrier, trackingNo: row.trackingNo, channelKind: row.kind, at: row.shippedAt ?? clock.now() }, clock.now());
      });
    }
  }
  return {
    exceptions, metrics, notify, tracking,
    start: () => {
      exceptions.runner.start();
      tracking.start();
      notify.sender.start();
    },
    stop: async () => {
      await Promise.all([exceptions.runner.stop(), tracking.stop(), notify.sender.stop()]);
    },
  };
}
