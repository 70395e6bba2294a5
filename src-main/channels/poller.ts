import type { ChannelKind } from '../../src-shared/orders';
import type { Database, WriteContext } from '../db';
import type { PageCounts } from '../ingest/pipeline';
import { emptyCounts, type IngestPipeline } from '../ingest/pipeline';
import type { Logger } from '../log';
import { DEFAULT_INTERVAL_S, type ChannelRecord, type ChannelStore } from './channel-store';
import { ConnectorError, type Connector, type ConnectorContext, type FetchWindow } from './connector';
import type { CoverageLedger } from './coverage';
import { backoffMs, realClock, type Clock } from '../kernel/clock';
import { ChannelStateStore, type ChannelState } from './channel-state';
import { describeError } from './error-words';
import { StatusOverrides } from './status-overrides';
import { reprocessChannel } from './reprocess';
import { isDemo } from './demo-feed';

export interface PollResult extends PageCounts {
  windows: number;
  /** Set when the poll stopped early; the cursor stays where the last committed window left it. */
  error?: string;
  state: ChannelState['state'];
}

export interface PollerOptions {
  db: Database;
  pipeline: IngestPipeline;
  store: ChannelStore;
  ledger: CoverageLedger;
  connectorFor: (kind: ChannelKind) => Connector | undefined;
  log: Logger;
  clock?: Clock;
  fetch?: typeof fetch;
  /** How often the scheduler looks for due channels (ms). */
  tickMs?: number;
  /** Attempts per page on rate limits / transient faults before the poll gives up. */
  maxAttempts?: number;
  /** Attempts per page on an unknown platform error code (default 3). */
  unknownAttempts?: number;
  random?: () => number;
  /** A channel's polling state changed (a poll started or ended, a window committed): the channels.health event. */
  onHealth?: (channelId: string) => void;
  /**
   * Where a long catch-up runs (a backfill: a new shop's history, days missed while the PC was
   * off): a job worker in the core. Absent: here, like every poll.
   */
  delegate?: (channelId: string, signal: AbortSignal) => Promise<PollResult>;
  /** Whether this PC polls the channel now (in a team only the assigned PC does); default: every channel. */
  pollGate?: (ch: ChannelRecord) => boolean;
}

/** Behind by more than this, a poll is a backfill and runs where long work runs. */
const DELEGATE_BEHIND_MS = 6 * 3600_000;

const MAX_HISTORY_MS = 90 * 86_400_000; // the platforms keep about three months of increments
const DEFAULT_BACKFILL_MS = 86_400_000;
const HOLE_SCAN_MS = 3 * 86_400_000;
const ACTOR: WriteContext = { actor: { id: null, name: 'poller' }, call: 'channels.poll' };

/**
 * The poller scheduler (main process, both hosts): per channel, one poll in flight, on
 * its interval with jitter. A poll first re-fetches known gaps, then walks windows from the
 * cursor to now − endLag, each window reaching back overlapMs and no wider than the
 * platform allows. The cursor moves in the transaction that commits the window's last page.
 */
export class Poller {
  readonly clock: Clock;
  readonly states: ChannelStateStore;
  /** The workspace's own status words, applied to what the dictionaries could not place. */
  readonly overrides: StatusOverrides;
  private readonly inFlight = new Map<string, Promise<PollResult>>();
  private readonly rate = new Map<string, { at: number; n: number }[]>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly abort = new AbortController();

  constructor(private readonly o: PollerOptions) {
    this.clock = o.clock ?? realClock;
    this.states = new ChannelStateStore(o.db.sqlite);
    this.overrides = new StatusOverrides(o.db);
  }

  start(): void {
    this.stopped = false;
    const loop = () => {
      if (this.stopped) return;
      try {
        this.tick();
      } catch (e) {
        this.o.log.error('poller tick failed', e);
      }
      this.timer = setTimeout(loop, this.o.tickMs ?? 1000);
      this.timer.unref?.();
    };
    loop();
  }

  /** Stops scheduling and aborts network calls in flight; committed pages stay committed. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort.abort();
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Starts every due channel that is not paused, not waiting for re-authorisation, not already polling. */
  tick(): void {
    const now = this.clock.now();
    for (const ch of this.o.store.list()) {
      // Demo shops have no platform behind them: demo-feed.ts keeps them alive instead.
      if (ch.paused || isDemo(ch) || this.inFlight.has(ch.id) || !this.o.connectorFor(ch.kind)) continue;
      if (this.o.pollGate && !this.o.pollGate(ch)) continue;
      const s = this.states.get(ch.id);
      if (s.state === 'reauth') continue;
      if (s.nextPollAt !== null && s.nextPollAt > now) continue;
      void this.pollNow(ch.id).catch((e) => this.o.log.error(`poll ${ch.id} failed`, e));
    }
  }

  /** Polls now (joining a poll already in flight, then running a fresh one) and resolves when it ends. */
  async pollNow(channelId: string): Promise<PollResult> {
    const running = this.inFlight.get(channelId);
    if (running) await running.catch(() => undefined);
    const again = this.inFlight.get(channelId);
    if (again) return again; // another caller started the fresh poll first
    const p = this.pollHereOrThere(channelId).finally(() => {
      this.inFlight.delete(channelId);
      this.o.onHealth?.(channelId);
    });
    this.inFlight.set(channelId, p);
    this.o.onHealth?.(channelId);
    return p;
  }

  /** A backfill goes to `delegate` (a job worker); the result's counts still feed this poller's rate. */
  private async pollHereOrThere(channelId: string): Promise<PollResult> {
    const s = this.states.get(channelId);
    const behind = s.cursorAt === null || this.clock.now() - s.cursorAt > DELEGATE_BEHIND_MS;
    if (!this.o.delegate || !behind) return this.poll(channelId);
    try {
      const r = await this.o.delegate(channelId, this.abort.signal);
      if (r.created + r.updated) this.noteRate(channelId, this.clock.now(), r.created + r.updated);
      return r;
    } catch (e) {
      // The worker running it died: what it committed stays; the next poll resumes from the cursor, after a pause.
      if (this.stopped) return { ...emptyCounts(), windows: 0, error: 'stopped', state: 'active' };
      const now = this.clock.now();
      const words = describeError(e);
      const st = this.states.get(channelId);
      this.states.failed(channelId, now, words, 'error', now + backoffMs(st.failures + 1, 5000, 5 * 60_000, this.o.random));
      return { ...emptyCounts(), windows: 0, error: words, state: 'error' };
    }
  }

  /** This PC's id in the team (shops are assigned to PCs by it). */
  get deviceId(): string {
    return this.o.db.writes.deviceId;
  }

  /** The health the shop's poller shared (another PC's), or null. */
  sharedHealth(channelId: string): Pick<ChannelState, 'state' | 'lastSuccessAt' | 'lastErrorAt' | 'lastError' | 'failures'> | null {
    return (this.o.db.sqlite
      .prepare('SELECT state, last_success_at AS lastSuccessAt, last_error_at AS lastErrorAt, last_error AS lastError, failures FROM channel_health WHERE channel_id = ?')
      .get(channelId) as ReturnType<Poller['sharedHealth']> | undefined) ?? null;
  }

  isPolling(channelId: string): boolean {
    return this.inFlight.has(channelId);
  }

  /** Created + updated orders per minute over the last ten minutes. */
  ordersPerMinute(channelId: string): number {
    const since = this.clock.now() - 600_000;
    const h = (this.rate.get(channelId) ?? []).filter((x) => x.at >= since);
    this.rate.set(channelId, h);
    return Math.round((h.reduce((a, x) => a + x.n, 0) / 10) * 10) / 10;
  }

  private async poll(channelId: string): Promise<PollResult> {
    const ch = this.o.store.get(channelId);
    const total: PollResult = { ...emptyCounts(), windows: 0, state: 'active' };
    if (!ch) throw new Error(`no channel ${channelId}`);
    const conn = this.o.connectorFor(ch.kind)!;
    const interval = Math.max(1, Number(ch.config.pollIntervalSeconds ?? DEFAULT_INTERVAL_S)) * 1000;
    const started = this.clock.now();
    const state = this.states.ensure(channelId, startFrom(ch.config.backfillFrom, started));
    let credentialsUsed: Record<string, string> | null = null;
    try {
      if (!conn) throw new ConnectorError('invalid_request', `no connector for ${ch.kind}`);
      const { endpoint, credentials } = this.o.store.credentials(channelId);
      credentialsUsed = credentials;
      const ctx: ConnectorContext = {
        endpoint, credentials, fetch: this.o.fetch ?? fetch, now: () => this.clock.now(), signal: this.abort.signal,
      };
      const limits = conn.limits;
      this.releaseMapped(ch, conn);
      const start = state.backfillFrom ?? state.cursorAt ?? started;
      // 1. Known gaps first: holes near the cursor and windows whose counts disagreed.
      const cursor0 = state.cursorAt ?? start;
      const oldest = started - MAX_HISTORY_MS + 3600_000; // platforms refuse windows they no longer keep
      for (const g of this.o.ledger.gaps(channelId, Math.max(start, cursor0 - HOLE_SCAN_MS), cursor0, 20, start)) {
        if (g.to <= oldest) continue; // beyond the platform's history: shown on the coverage view, not re-fetchable
        for (let from = Math.max(g.from, oldest); from < g.to && !this.stopped; from += limits.maxWindowMs) {
          const to = Math.min(from + limits.maxWindowMs, g.to);
          await this.fetchWindow(ch, conn, ctx, { from, to }, total, { settles: to === g.to ? g.rowId : null, advance: false });
        }
      }
      // 2. Walk forward from the cursor to now − endLag.
      // The end is planned at the start and re-planned only when a long catch-up fell behind by an
      // interval or more, so a caught-up poll ends instead of chasing the clock in tiny windows.
      let cursor = this.states.get(channelId).cursorAt ?? start;
      let end = this.clock.now() - limits.endLagMs;
      while (!this.stopped && !this.o.store.get(channelId)?.paused) { // a pause stops a long backfill between windows
        if (cursor >= end) {
          const replanned = this.clock.now() - limits.endLagMs;
          if (replanned - end < interval) break;
          end = replanned;
        }
        // After more than ~3 months off, the oldest part is gone from the platform: start where it still answers.
        const from = Math.max(start, cursor - limits.overlapMs, oldest);
        if (from > cursor) cursor = from;
        const to = Math.min(from + limits.maxWindowMs, end);
        if (to <= cursor) break;
        await this.fetchWindow(ch, conn, ctx, { from, to }, total, { settles: null, advance: true });
        cursor = to;
        this.o.onHealth?.(channelId); // a backfill's progress moved
      }
      const now = this.clock.now();
      this.states.succeeded(channelId, now, now + jitter(interval, this.o.random));
    } catch (e) {
      if (this.stopped) return { ...total, error: 'stopped' };
      const now = this.clock.now();
      const words = describeError(e);
      // Waits for a person (new credentials or settings reset the state), not for the clock.
      const reauth = e instanceof ConnectorError && (e.kind === 'auth' || e.kind === 'refused');
      // 授权 landed while the platform was refusing the old token: the refusal is about a token
      // no longer held, so the poll starts over with the new one instead of stopping the shop.
      if (reauth && credentialsUsed && this.credentialsChanged(channelId, credentialsUsed)) return this.poll(channelId);
      const failures = state.failures + 1;
      const retryIn = e instanceof ConnectorError && e.detail.retryAfterMs ? e.detail.retryAfterMs : backoffMs(failures, interval, 30 * 60_000, this.o.random);
      this.states.failed(channelId, now, words, reauth ? 'reauth' : 'error', reauth ? null : now + Math.max(interval, retryIn));
      if (!this.stopped) this.o.log.warn(`channel ${ch.name} (${ch.kind}) poll failed: ${words}`, ...(e instanceof ConnectorError ? [] : [(e as Error)?.stack]));
      total.error = words;
    }
    total.state = this.states.get(channelId).state;
    // Shared only in a team: alone, the local state is all anyone reads.
    if (!this.stopped && this.o.db.writes.syncLog.enabled) this.shareHealth(channelId);
    return total;
  }

  /** Whether the shop's credentials differ from `used` now (a shop gone or refused counts as unchanged: its refusal stands). */
  private credentialsChanged(channelId: string, used: Record<string, string>): boolean {
    try {
      return !sameCredentials(used, this.o.store.credentials(channelId).credentials);
    } catch {
      return false;
    }
  }

  /** Orders held for a status word that a person has mapped since (maybe on another PC) are re-read from their payloads. */
  private releaseMapped(ch: ChannelRecord, conn: Connector): void {
    const words = this.overrides.mappedSince(ch.kind, ch.id);
    if (!words.length) return;
    reprocessChannel(this.o.db, this.o.pipeline, ch, conn, ACTOR, this.overrides, this.clock.now());
    this.overrides.forget(ch.kind, words);
  }

  /** Shares the shop's health now (in a team), e.g. after its token could not be renewed. */
  shareHealthNow(channelId: string): void {
    if (this.o.db.writes.syncLog.enabled) this.shareHealth(channelId);
  }

  /** The shop's health as every PC sees it (synced), with this PC's heartbeat as its poller. */
  private shareHealth(channelId: string): void {
    const s = this.states.get(channelId);
    const now = this.clock.now();
    const row = {
      state: s.state, lastSuccessAt: s.lastSuccessAt, lastErrorAt: s.lastErrorAt, lastError: s.lastError, failures: s.failures,
      polledBy: this.o.db.writes.deviceId, heartbeatAt: now, updatedAt: now,
    };
    this.o.db.writes.run(ACTOR, (tx) => {
      const exists = this.o.db.sqlite.prepare('SELECT 1 FROM channel_health WHERE channel_id = ?').get(channelId);
      if (exists) tx.update('channel_health', channelId, row);
      else tx.insert('channel_health', { channelId, ...row });
    });
  }

  /** Fetches every page of one window; each page commits on its own, the last one with the cursor and ledger row. */
  private async fetchWindow(
    ch: { id: string; kind: ChannelKind },
    conn: Connector,
    ctx: ConnectorContext,
    w: FetchWindow,
    total: PollResult,
    opts: { settles: number | null; advance: boolean },
  ): Promise<void> {
    if (w.to - w.from > conn.limits.maxWindowMs) throw new Error(`window wider than ${ch.kind} allows`); // never sent
    const seen = new Set<string>();
    let platformTotal: number | undefined;
    let page: string | null = null;
    let first = true;
    do {
      const res = await this.withRetry(() => conn.fetchPage(ctx, w, page));
      if (this.stopped) return; // closing: do not write into a database being closed
      if (first && res.platformTotal !== undefined) platformTotal = res.platformTotal;
      first = false;
      const last = res.next === null;
      const now = this.clock.now();
      const s = this.o.pipeline.ingestPage(ch, this.overrides.apply(ch.kind, res.items), {
        ctx: ACTOR, source: `poll:${ch.kind}`, now,
        inTx: (_tx, summary) => {
          for (const id of summary.platformOrderIds) seen.add(id);
          if (last) {
            this.o.ledger.record(ch.id, w, seen.size, platformTotal, now, opts.settles);
            if (opts.advance) this.states.advance(ch.id, w.to);
            this.states.progress(ch.id, null, null);
          } else this.states.progress(ch.id, w.from, w.to);
        },
      });
      for (const k of ['fetched', 'created', 'updated', 'unchanged', 'quarantined'] as const) total[k] += s[k];
      if (s.created + s.updated) this.noteRate(ch.id, now, s.created + s.updated);
      page = res.next;
    } while (page !== null && !this.stopped);
    if (page === null) total.windows++;
  }

  /**
   * Rate limits and transient faults are retried up to maxAttempts per page, an unknown error
   * code up to unknownAttempts (it may be the platform's new word for "busy"), with backoff;
   * auth, invalid requests and refused settings are not retried.
   */
  private async withRetry<T>(fn: () => Promise<T>): Promise<T> {
    const max = this.o.maxAttempts ?? 6;
    const maxUnknown = Math.min(max, this.o.unknownAttempts ?? 3);
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        const kind = e instanceof ConnectorError ? e.kind : 'transient';
        if (kind === 'auth' || kind === 'invalid_request' || kind === 'refused' || attempt >= max || this.stopped) throw e;
        if (kind === 'unknown' && attempt >= maxUnknown) throw e;
        const hinted = e instanceof ConnectorError ? e.detail.retryAfterMs : undefined;
        await this.clock.sleep(hinted ?? backoffMs(attempt, 500, 30_000, this.o.random), this.abort.signal);
      }
    }
  }

  private noteRate(channelId: string, at: number, n: number): void {
    const h = this.rate.get(channelId) ?? [];
    h.push({ at, n });
    this.rate.set(channelId, h);
  }
}

/** The first window starts at backfillFrom (clamped to what platforms keep), else one day back. */
function startFrom(backfillFrom: unknown, now: number): number {
  const wanted = typeof backfillFrom === 'number' ? backfillFrom : typeof backfillFrom === 'string' && backfillFrom ? Date.parse(backfillFrom) : NaN;
  const from = Number.isFinite(wanted) ? wanted : now - DEFAULT_BACKFILL_MS;
  return Math.max(from, now - MAX_HISTORY_MS + 3600_000);
}

/** ±10 % so a room full of PCs does not poll in lockstep. */
function jitter(ms: number, random = Math.random): number {
  return Math.round(ms * (0.9 + 0.2 * random()));
}

function sameCredentials(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
