import type { Database } from '../db';
import { immediate } from '../db/connection';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../log';
import type { ChannelStateStore } from './channel-state';
import type { ChannelRecord, ChannelStore } from './channel-store';
import type { CoverageLedger } from './coverage';

const WINDOW_MS = 30 * 60_000;
const LAG_MS = 60_000;
const HISTORY_MS = 7 * 86_400_000;

/** A demo shop (config.demo): it has no platform behind it, so the poller never calls one for it. */
export const isDemo = (ch: Pick<ChannelRecord, 'config'>): boolean => (ch.config as Record<string, unknown>).demo === true;

/**
 * Demo shops look alive (issue #15 item 13): on its interval each one "polls" the demo data it
 * already holds — the orders of that shop modified in the window, read from the replica, never
 * from a network — and records it like a real poll: the coverage ledger's windows (the last seven
 * days the first time), the cursor, the last success and the next poll. Nothing is invented: the
 * counts are the demo orders' own.
 */
export class DemoFeed {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly counts;

  constructor(
    private readonly o: { db: Database; store: ChannelStore; states: ChannelStateStore; ledger: CoverageLedger; clock: Clock; log?: Logger; tickMs?: number },
  ) {
    this.counts = o.db.sqlite.prepare(
      `SELECT CAST((platform_updated_at - @from) / @w AS INTEGER) AS k, count(*) AS n FROM orders
       WHERE channel_id = @channel AND platform_updated_at >= @from AND platform_updated_at < @to GROUP BY k`,
    );
  }

  start(): void {
    const loop = () => {
      // A tick that fails (the database busy past its timeout while an import commits) is tried
      // again on the next one; thrown from a timer it would end the writer and cancel that import.
      try {
        this.tick();
      } catch (e) {
        this.o.log?.warn('demo shops: a poll failed; trying again on the next tick', e);
      }
      this.timer = setTimeout(loop, this.o.tickMs ?? 5_000);
      this.timer.unref?.();
    };
    loop();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  /** Polls every demo shop that is due. */
  tick(): void {
    const now = this.o.clock.now();
    for (const ch of this.o.store.list()) {
      if (!isDemo(ch) || ch.paused) continue;
      const s = this.o.states.get(ch.id);
      if (s.nextPollAt !== null && s.nextPollAt > now) continue;
      this.poll(ch, now);
    }
  }

  /**
   * One demo poll: the windows since the cursor (30 minutes each), committed with the cursor. The
   * write lock is taken first (IMMEDIATE): a transaction that reads and then writes while a job
   * worker commits gets SQLITE_BUSY at once in WAL mode, whatever the busy timeout.
   */
  poll(ch: ChannelRecord, now = this.o.clock.now()): { windows: number; fetched: number } {
    const end = Math.floor((now - LAG_MS) / 60_000) * 60_000;
    const first = Math.floor((end - HISTORY_MS) / WINDOW_MS) * WINDOW_MS;
    const s = this.o.states.ensure(ch.id, first);
    const from = s.cursorAt ?? first;
    const interval = Math.max(2, Number(ch.config.pollIntervalSeconds ?? 60)) * 1000;
    let windows = 0;
    let fetched = 0;
    immediate(this.o.db.sqlite, () => {
      if (end > from) {
        const per = new Map<number, number>();
        for (const r of this.counts.all({ channel: ch.id, from, to: end, w: WINDOW_MS }) as { k: number; n: number }[]) per.set(r.k, r.n);
        for (let a = from, k = 0; a < end; a += WINDOW_MS, k++) {
          const b = Math.min(a + WINDOW_MS, end);
          const n = per.get(k) ?? 0;
          this.o.ledger.record(ch.id, { from: a, to: b }, n, n, now, null);
          windows++;
          fetched += n;
        }
        this.o.states.advance(ch.id, end);
      }
      this.o.states.succeeded(ch.id, now, now + interval);
    });
    return { windows, fetched };
  }
}
