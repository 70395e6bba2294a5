import { Cron } from 'croner';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../log';
import type { ErpHealth } from './health';
import type { ConnectionRecord } from './store';

export interface ScheduledWork {
  /** Orders at 待发货 and reservation changes: every schedule.pushSeconds. */
  push(connectionId: string): Promise<unknown>;
  /** Stock re-read, changed counts written: every schedule.deltaMinutes. */
  stockDelta(connectionId: string): Promise<unknown>;
  /** SKUs, warehouses and a full stock snapshot: nightly. */
  nightly(connectionId: string): Promise<unknown>;
}

interface Due {
  push: number;
  delta: number;
  nightly: number;
  nightlyExpr: string;
  busy: Set<string>;
}

/**
 * The bridge's clock: one tick a second looks at every connection configured on this PC and starts
 * what is due. The trigger that keeps an order within 60 s of 待发货: a push check every
 * `pushSeconds` (default 10 s) — cheap when nothing is pending (one indexed query) — so an order
 * reaches the ERP within pushSeconds + its push time. A lane in backoff (ERP unreachable) waits for
 * its nextAttemptAt.
 */
export class ErpScheduler {
  private readonly due = new Map<string, Due>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;

  constructor(
    private readonly connections: () => ConnectionRecord[],
    private readonly work: ScheduledWork,
    private readonly health: ErpHealth,
    private readonly clock: Clock,
    private readonly zone: string,
    private readonly log: Logger,
    private readonly tickMs = 1000,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.tick();
      this.schedule();
    }, this.tickMs);
    this.timer.unref?.();
  }

  /** One look at every connection (public for tests that drive a manual clock). */
  tick(): void {
    const now = this.clock.now();
    for (const c of this.connections()) {
      if (!c.configuredHere || !c.schedule.enabled) continue;
      let d = this.due.get(c.id);
      if (!d || d.nightlyExpr !== c.schedule.nightly) {
        d = { push: now, delta: now + c.schedule.deltaMinutes * 60_000, nightly: this.nextNightly(c.schedule.nightly, now), nightlyExpr: c.schedule.nightly, busy: d?.busy ?? new Set() };
        this.due.set(c.id, d);
      }
      const waiting = (lane: 'orders' | 'stock') => (this.health.get(c.id, lane)?.nextAttemptAt ?? 0) > now;
      if (now >= d.push && !c.readOnly && !waiting('orders')) {
        d.push = now + c.schedule.pushSeconds * 1000;
        this.start1(c.id, 'push', () => this.work.push(c.id), d);
      }
      if (now >= d.nightly) {
        d.nightly = this.nextNightly(c.schedule.nightly, now);
        d.delta = now + c.schedule.deltaMinutes * 60_000;
        this.start1(c.id, 'nightly', () => this.work.nightly(c.id), d);
      } else if (now >= d.delta && !waiting('stock')) {
        d.delta = now + c.schedule.deltaMinutes * 60_000;
        this.start1(c.id, 'delta', () => this.work.stockDelta(c.id), d);
      }
    }
  }

  private start1(id: string, what: string, fn: () => Promise<unknown>, d: Due): void {
    if (d.busy.has(what)) return;
    d.busy.add(what);
    const p = fn()
      .catch((e: unknown) => this.log.warn(`erp ${what} for ${id} failed`, (e as Error).message ?? e))
      .finally(() => {
        d.busy.delete(what);
        this.inFlight.delete(p);
      });
    this.inFlight.add(p);
  }

  /** Resolves when everything the scheduler started has ended (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  private nextNightly(expr: string, now: number): number {
    try {
      const next = new Cron(expr, { timezone: this.zone, paused: true }).nextRun(new Date(now));
      return next ? next.getTime() : Number.POSITIVE_INFINITY;
    } catch {
      return Number.POSITIVE_INFINITY;
    }
  }
}
