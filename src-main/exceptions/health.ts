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

/** Shops: the poller's state on this PC (channel_state) and what waits in quarantine. */
export class ChannelHealthSource implements HealthSource {
  readonly kind = 'channel' as const;
  private readonly rows;

  constructor(sqlite: Sqlite) {
    this.rows = sqlite.prepare(
      `SELECT c.id, c.name, c.paused, c.created_at AS createdAt, s.state, s.last_success_at AS lastSuccessAt, s.last_error_at AS lastErrorAt,
         s.last_error AS lastError, coalesce(s.failures, 0) AS failures,
         (SELECT count(*) FROM channel_quarantine q WHERE q.channel_id = c.id AND q.resolved_at IS NULL) AS backlog
       FROM channels c LEFT JOIN channel_state s ON s.channel_id = c.id ORDER BY c.name`,
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
