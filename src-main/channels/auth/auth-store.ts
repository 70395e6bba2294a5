import type { AuthProblem, ChannelAuthView } from '../../../src-shared/channel-auth';
import type { Sqlite } from '../../db';
import type { Renewal, TokenGrant } from './grant';

export interface AuthRow extends ChannelAuthView {
  channelId: string;
  failures: number;
  facts: Record<string, string | number>;
}

interface Raw {
  channelId: string;
  method: AuthRow['method'];
  renewal: Renewal;
  authorizedAt: number;
  renewedAt: number | null;
  accessExpiresAt: number | null;
  refreshExpiresAt: number | null;
  nextRenewalAt: number | null;
  failures: number;
  problemCode: AuthProblem['code'] | null;
  problemParamsJson: string | null;
  problemAt: number | null;
  factsJson: string;
}

const COLS = `channel_id AS channelId, method, renewal, authorized_at AS authorizedAt, renewed_at AS renewedAt,
  access_expires_at AS accessExpiresAt, refresh_expires_at AS refreshExpiresAt, next_renewal_at AS nextRenewalAt,
  failures, problem_code AS problemCode, problem_params_json AS problemParamsJson, problem_at AS problemAt, facts_json AS factsJson`;

/** channel_auth (local): each shop's token lifetimes and renewal schedule on this PC. */
export class AuthStore {
  private readonly one;
  private readonly dueRows;
  private readonly upsert;
  private readonly renewedStmt;
  private readonly problemStmt;
  private readonly forgetStmt;

  constructor(sqlite: Sqlite) {
    this.one = sqlite.prepare(`SELECT ${COLS} FROM channel_auth WHERE channel_id = ?`);
    this.dueRows = sqlite.prepare(`SELECT ${COLS} FROM channel_auth WHERE next_renewal_at IS NOT NULL AND next_renewal_at <= ? ORDER BY next_renewal_at`);
    this.upsert = sqlite.prepare(
      `INSERT INTO channel_auth (channel_id, method, renewal, authorized_at, renewed_at, access_expires_at, refresh_expires_at, next_renewal_at,
         failures, problem_code, problem_params_json, problem_at, facts_json)
       VALUES (@channelId, @method, @renewal, @now, NULL, @accessExpiresAt, @refreshExpiresAt, @nextRenewalAt, 0, NULL, NULL, NULL, @factsJson)
       ON CONFLICT(channel_id) DO UPDATE SET method = excluded.method, renewal = excluded.renewal, authorized_at = excluded.authorized_at,
         renewed_at = NULL, access_expires_at = excluded.access_expires_at, refresh_expires_at = excluded.refresh_expires_at,
         next_renewal_at = excluded.next_renewal_at, failures = 0, problem_code = NULL, problem_params_json = NULL, problem_at = NULL,
         facts_json = excluded.facts_json`,
    );
    this.renewedStmt = sqlite.prepare(
      `UPDATE channel_auth SET renewal = @renewal, renewed_at = @now, access_expires_at = @accessExpiresAt, refresh_expires_at = @refreshExpiresAt,
         next_renewal_at = @nextRenewalAt, failures = 0, problem_code = NULL, problem_params_json = NULL, problem_at = NULL,
         facts_json = @factsJson WHERE channel_id = @channelId`,
    );
    this.problemStmt = sqlite.prepare(
      `UPDATE channel_auth SET failures = @failures, next_renewal_at = @nextRenewalAt, problem_code = @code, problem_params_json = @params,
         problem_at = @now WHERE channel_id = @channelId`,
    );
    this.forgetStmt = sqlite.prepare('DELETE FROM channel_auth WHERE channel_id = ?');
  }

  get(channelId: string): AuthRow | null {
    const r = this.one.get(channelId) as Raw | undefined;
    return r ? view(r) : null;
  }

  /** Rows whose renewal is due now. */
  due(now: number): AuthRow[] {
    return (this.dueRows.all(now) as Raw[]).map(view);
  }

  /** A new 授权: the slate is clean. */
  authorized(channelId: string, method: AuthRow['method'], g: TokenGrant | null, nextRenewalAt: number | null, now: number): void {
    this.upsert.run({
      channelId, method, renewal: g?.renewal ?? 'none', now, accessExpiresAt: g?.accessExpiresAt ?? null,
      refreshExpiresAt: g?.refreshExpiresAt ?? null, nextRenewalAt, factsJson: JSON.stringify(g?.facts ?? {}),
    });
  }

  renewed(channelId: string, g: TokenGrant, nextRenewalAt: number | null, now: number): void {
    const before = this.get(channelId)?.facts ?? {};
    this.renewedStmt.run({
      channelId, renewal: g.renewal, now, accessExpiresAt: g.accessExpiresAt, refreshExpiresAt: g.refreshExpiresAt, nextRenewalAt,
      factsJson: JSON.stringify({ ...before, ...g.facts }),
    });
  }

  /** Records a problem (or clears it with null) and when to look again. */
  problem(channelId: string, p: { code: AuthProblem['code']; params: AuthProblem['params'] } | null, failures: number, nextRenewalAt: number | null, now: number): void {
    this.problemStmt.run({ channelId, failures, nextRenewalAt, code: p?.code ?? null, params: p ? JSON.stringify(p.params) : null, now: p ? now : null });
  }

  forget(channelId: string): void {
    this.forgetStmt.run(channelId);
  }
}

function view(r: Raw): AuthRow {
  const facts = JSON.parse(r.factsJson) as Record<string, string | number>;
  return {
    channelId: r.channelId, method: r.method, renewal: r.renewal, authorizedAt: r.authorizedAt, renewedAt: r.renewedAt,
    accessExpiresAt: r.accessExpiresAt, refreshExpiresAt: r.refreshExpiresAt, nextRenewalAt: r.nextRenewalAt, failures: r.failures,
    shopName: typeof facts.shopName === 'string' ? facts.shopName : null,
    problem: r.problemCode && r.problemAt !== null ? { code: r.problemCode, params: JSON.parse(r.problemParamsJson ?? '{}') as AuthProblem['params'], at: r.problemAt } : null,
    facts,
  };
}
