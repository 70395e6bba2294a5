import { ERP_LANES, type ErpLane, type ErpLaneHealth } from '../../src-shared/contract/erp';
import type { ErpReason } from '../../src-shared/erp';
import type { Sqlite } from '../db';
import { backoffMs } from '../kernel/clock';

/** Retry an unreachable ERP after 5 s, 10 s, 20 s … up to 15 min (with jitter). */
export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_CAP_MS = 15 * 60_000;

interface HealthRow {
  lane: ErpLane; lastSuccessAt: number | null; lastAttemptAt: number | null; failingSince: number | null; failures: number;
  lastErrorCode: string | null; lastErrorParams: string | null; backlog: number; nextAttemptAt: number | null; lastCountsJson: string | null;
}

/**
 * Per connection and lane: last success, failing since, failures, backlog and when to try again.
 * Stored in erp_health (local) so the risk board can read it without asking the bridge.
 */
export class ErpHealth {
  private readonly rows;
  private readonly one;
  private readonly ok;
  private readonly bad;
  private readonly setBacklog;

  constructor(private readonly sqlite: Sqlite) {
    const cols = `lane, last_success_at AS lastSuccessAt, last_attempt_at AS lastAttemptAt, failing_since AS failingSince, failures,
      last_error_code AS lastErrorCode, last_error_params AS lastErrorParams, backlog, next_attempt_at AS nextAttemptAt, last_counts_json AS lastCountsJson`;
    this.rows = sqlite.prepare(`SELECT ${cols} FROM erp_health WHERE connection_id = ?`);
    this.one = sqlite.prepare(`SELECT ${cols} FROM erp_health WHERE connection_id = ? AND lane = ?`);
    this.ok = sqlite.prepare(
      `INSERT INTO erp_health (connection_id, lane, last_success_at, last_attempt_at, failures, backlog, last_counts_json) VALUES (@c, @lane, @now, @now, 0, @backlog, @counts)
       ON CONFLICT(connection_id, lane) DO UPDATE SET last_success_at = @now, last_attempt_at = @now, failing_since = NULL, failures = 0,
         last_error_code = NULL, last_error_params = NULL, next_attempt_at = NULL, backlog = @backlog, last_counts_json = @counts`,
    );
    this.bad = sqlite.prepare(
      `INSERT INTO erp_health (connection_id, lane, last_attempt_at, failing_since, failures, last_error_code, last_error_params, next_attempt_at, backlog)
         VALUES (@c, @lane, @now, @now, 1, @code, @params, @next, @backlog)
       ON CONFLICT(connection_id, lane) DO UPDATE SET last_attempt_at = @now, failing_since = coalesce(failing_since, @now), failures = failures + 1,
         last_error_code = @code, last_error_params = @params, next_attempt_at = @next, backlog = @backlog`,
    );
    this.setBacklog = sqlite.prepare(
      `INSERT INTO erp_health (connection_id, lane, backlog) VALUES (?, ?, ?) ON CONFLICT(connection_id, lane) DO UPDATE SET backlog = excluded.backlog`,
    );
  }

  succeeded(connectionId: string, lane: ErpLane, now: number, counts: Record<string, number>, backlog = 0): void {
    this.ok.run({ c: connectionId, lane, now, backlog, counts: JSON.stringify(counts) });
  }

  failed(connectionId: string, lane: ErpLane, now: number, reason: ErpReason, backlog = 0, random = Math.random): number {
    const failures = (this.get(connectionId, lane)?.failures ?? 0) + 1;
    const next = now + backoffMs(failures, BACKOFF_BASE_MS, BACKOFF_CAP_MS, random);
    this.bad.run({ c: connectionId, lane, now, code: reason.code, params: JSON.stringify(reason.params), next, backlog });
    return next;
  }

  backlog(connectionId: string, lane: ErpLane, n: number): void {
    this.setBacklog.run(connectionId, lane, n);
  }

  get(connectionId: string, lane: ErpLane): ErpLaneHealth | null {
    const r = this.one.get(connectionId, lane) as HealthRow | undefined;
    return r ? toView(r) : null;
  }

  all(connectionId: string): ErpLaneHealth[] {
    const have = new Map((this.rows.all(connectionId) as HealthRow[]).map((r) => [r.lane, toView(r)]));
    return ERP_LANES.map((lane) => have.get(lane) ?? { lane, lastSuccessAt: null, lastAttemptAt: null, failingSince: null, failures: 0, lastError: null, backlog: 0, nextAttemptAt: null, lastCounts: null });
  }
}

function toView(r: HealthRow): ErpLaneHealth {
  return {
    lane: r.lane, lastSuccessAt: r.lastSuccessAt, lastAttemptAt: r.lastAttemptAt, failingSince: r.failingSince, failures: r.failures,
    lastError: r.lastErrorCode ? ({ code: r.lastErrorCode, params: JSON.parse(r.lastErrorParams ?? '{}') } as ErpReason) : null,
    backlog: r.backlog, nextAttemptAt: r.nextAttemptAt, lastCounts: r.lastCountsJson ? (JSON.parse(r.lastCountsJson) as Record<string, number>) : null,
  };
}
