import type { Sqlite } from '../db';

const MIN = 60_000;

/** One connection the board shows and the *_failing detectors watch: a shop, the ERP bridge, sync. */
export interface HealthSubject {
  kind: 'channel' | 'erp' | 'sync';
  id: string;
  name: string;
  /** Paused on purpose: shown, never failing. */
  paused: boolean;
  failing: boolean;
  /** Since the last success (or since it was set up, when it never succeeded); null when not failing. */
  failingMinutes: number | null;
  lastSuccessAt: number | null;
  lastErrorAt: number | null;
  lastError: string | null;
  /** What is waiting: unread quarantine rows, unpushed changes, … (null: not measured). */
  backlog: number | null;
}

/** Where health comes from; the ERP bridge and sync add theirs (README: "Adding a health source"). */
export interface HealthSource {
  readonly kind: HealthSubject['kind'];
  list(now: number): HealthSubject[];
}

/**
 * Shops: their health as the polling PC wrote it (channel_health, synced: every PC sees a failing
 * shop), else this PC's own poller state (channel_state), and what waits in this PC's quarantine.
 */
export class ChannelHealthSource implements HealthSource {
  readonly kind = 'channel' as const;
  private readonly rows;

  constructor(sqlite: Sqlite) {
    this.rows = sqlite.prepare(
      `SELECT c.id, c.name, c.paused, c.created_at AS createdAt, coalesce(h.state, s.state) AS state,
         coalesce(h.last_success_at, s.last_success_at) AS lastSuccessAt, coalesce(h.last_error_at, s.last_error_at) AS lastErrorAt,
         coalesce(h.last_error, s.last_error) AS lastError, coalesce(h.failures, s.failures, 0) AS failures,
         (SELECT count(*) FROM channel_quarantine q WHERE q.channel_id = c.id AND q.resolved_at IS NULL) AS backlog
       FROM channels c LEFT JOIN channel_health h ON h.channel_id = c.id LEFT JOIN channel_state s ON s.channel_id = c.id ORDER BY c.name`,
    );
  }

  list(now: number): HealthSubject[] {
    type Row = { id: string; name: string; paused: number; createdAt: number; state: string | null; lastSuccessAt: number | null; lastErrorAt: number | null; lastError: string | null; failures: number; backlog: number };
    return (this.rows.all() as Row[]).map((r) => {
      const erroring = r.state === 'error' || r.state === 'reauth' || (r.failures > 0 && (r.lastErrorAt ?? 0) > (r.lastSuccessAt ?? 0));
      const failing = !r.paused && erroring;
      return {
        kind: 'channel', id: r.id, name: r.name, paused: r.paused === 1, failing,
        failingMinutes: failing ? Math.floor((now - (r.lastSuccessAt ?? r.createdAt)) / MIN) : null,
        lastSuccessAt: r.lastSuccessAt, lastErrorAt: r.lastErrorAt, lastError: r.lastError, backlog: r.backlog,
      };
    });
  }
}

/** The ERP bridge: each connection's lanes (erp_health, this PC's): failing since the earliest failing lane. */
export class ErpHealthSource implements HealthSource {
  readonly kind = 'erp' as const;
  private readonly rows;

  constructor(sqlite: Sqlite) {
    this.rows = sqlite.prepare(
      `SELECT c.id, c.name, min(h.failing_since) AS failingSince, max(h.last_success_at) AS lastSuccessAt, max(h.last_attempt_at) AS lastAttemptAt,
         coalesce(sum(h.backlog), 0) AS backlog
       FROM erp_connections c LEFT JOIN erp_health h ON h.connection_id = c.id GROUP BY c.id ORDER BY c.name`,
    );
  }

  list(now: number): HealthSubject[] {
    type Row = { id: string; name: string; failingSince: number | null; lastSuccessAt: number | null; lastAttemptAt: number | null; backlog: number };
    return (this.rows.all() as Row[]).map((r) => ({
      kind: 'erp', id: r.id, name: r.name, paused: false, failing: r.failingSince !== null,
      failingMinutes: r.failingSince !== null ? Math.floor((now - r.failingSince) / MIN) : null,
      // The bridge's reason is a code (its words live with the ERP screen): not repeated here.
      lastSuccessAt: r.lastSuccessAt, lastErrorAt: r.failingSince !== null ? r.lastAttemptAt : null, lastError: null, backlog: r.backlog,
    }));
  }
}

/** What sync says about itself (SyncService.status()), without importing it. */
export interface SyncHealth {
  enrolled: boolean;
  online: boolean;
  queued: number;
  lastPushAt: number | null;
  lastPullAt: number | null;
  workspaceName: string | null;
  lastError: { code: string; params: Record<string, unknown> } | null;
}

/** Team sync on this PC: failing while enrolled and offline or erroring, since its last push or pull. */
export class SyncHealthSource implements HealthSource {
  readonly kind = 'sync' as const;

  constructor(private readonly status: () => SyncHealth) {}

  list(now: number): HealthSubject[] {
    const s = this.status();
    if (!s.enrolled) return [];
    const last = Math.max(s.lastPushAt ?? 0, s.lastPullAt ?? 0) || null;
    const failing = !s.online || s.lastError !== null;
    return [{
      kind: 'sync', id: 'cloud', name: s.workspaceName ?? 'cloud', paused: false, failing,
      failingMinutes: failing ? Math.floor((now - (last ?? now)) / MIN) : null,
      lastSuccessAt: last, lastErrorAt: null, lastError: null, backlog: s.queued,
    }];
  }
}
