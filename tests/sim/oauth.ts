import { randomBytes } from 'node:crypto';
import type { SimReply, SimRequest } from './sim-server';

/**
 * The authorisation side every platform simulator shares (PLATFORMS.md §10): the seller's
 * approval page (which approves at once and redirects, as after a click), one-time codes that
 * live 10 minutes, and issued token pairs with lifetimes on the simulator's clock. Each simulator
 * speaks its own wire format around it (parameter names, signing, envelopes); this book only
 * knows which tokens are alive.
 */
export interface OAuthOptions {
  /** Access token lifetime in seconds (default 7 days). */
  accessLifetimeS?: number;
  /** Refresh token lifetime in seconds; 0 = this app type cannot refresh (Taobao 商家后台 apps). Default 14 days. */
  refreshLifetimeS?: number;
}

export interface TokenPair {
  access: string;
  refresh: string;
  accessExpiresAt: number;
  refreshExpiresAt: number;
  issuedAt: number;
}

export interface AuthorizeLog {
  at: number;
  query: Record<string, string>;
  /** Where the browser was sent back to (with code or error). */
  location: string;
}

const CODE_TTL_MS = 10 * 60_000;

export class OAuthBook {
  readonly accessLifetimeMs: number;
  readonly refreshLifetimeMs: number;
  readonly authorizeLog: AuthorizeLog[] = [];
  /** Every token call the platform answered: grant type and whether it issued something. */
  readonly tokenLog: { at: number; grant: string; ok: boolean }[] = [];
  private readonly codes = new Map<string, { expiresAt: number; used: boolean; context: Record<string, string> }>();
  private readonly pairs = new Map<string, TokenPair>();
  private readonly byRefresh = new Map<string, TokenPair>();
  private revoked = false;
  private refuseNext = 0;
  private denyNext = false;

  constructor(private readonly now: () => number, o: OAuthOptions = {}) {
    this.accessLifetimeMs = (o.accessLifetimeS ?? 7 * 86_400) * 1000;
    this.refreshLifetimeMs = (o.refreshLifetimeS ?? 14 * 86_400) * 1000;
  }

  /** The seller's answer on the approval page: a code for the app, back to the callback. */
  approve(redirectUri: string, state: string | undefined, query: Record<string, string>, context: Record<string, string> = {}): SimReply {
    const target = new URL(redirectUri);
    if (this.denyNext) {
      this.denyNext = false;
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('error_description', 'the seller declined');
    } else {
      const code = token('code');
      this.codes.set(code, { expiresAt: this.now() + CODE_TTL_MS, used: false, context });
      target.searchParams.set('code', code);
    }
    if (state !== undefined) target.searchParams.set('state', state);
    this.authorizeLog.push({ at: this.now(), query, location: target.toString() });
    return { status: 302, body: '', headers: { location: target.toString(), 'content-type': 'text/html;charset=UTF-8' } };
  }

  /** A code is good once, for 10 minutes. */
  redeem(code: string | undefined): { ok: true; context: Record<string, string> } | { ok: false; why: 'missing' | 'invalid' | 'used' | 'expired' } {
    if (!code) return { ok: false, why: 'missing' };
    const c = this.codes.get(code);
    if (!c) return { ok: false, why: 'invalid' };
    if (c.used) return { ok: false, why: 'used' };
    if (this.now() > c.expiresAt) return { ok: false, why: 'expired' };
    c.used = true;
    return { ok: true, context: c.context };
  }

  issue(grant: string): TokenPair | null {
    if (this.revoked || this.takeRefusal()) {
      this.tokenLog.push({ at: this.now(), grant, ok: false });
      return null;
    }
    const at = this.now();
    const pair: TokenPair = {
      access: token('at'), refresh: token('rt'), accessExpiresAt: at + this.accessLifetimeMs, refreshExpiresAt: at + this.refreshLifetimeMs, issuedAt: at,
    };
    this.pairs.set(pair.access, pair);
    this.byRefresh.set(pair.refresh, pair);
    this.tokenLog.push({ at, grant, ok: true });
    return pair;
  }

  /** A refresh: a new pair (the old access token lives on until it expires), or why not. */
  refresh(refreshToken: string | undefined): { ok: true; pair: TokenPair } | { ok: false; why: 'revoked' | 'invalid' | 'expired' | 'not_refreshable' } {
    const old = refreshToken ? this.byRefresh.get(refreshToken) : undefined;
    const fail = (why: 'revoked' | 'invalid' | 'expired' | 'not_refreshable') => {
      this.tokenLog.push({ at: this.now(), grant: 'refresh_token', ok: false });
      return { ok: false as const, why };
    };
    if (this.revoked) return fail('revoked');
    if (this.refreshLifetimeMs === 0) return fail('not_refreshable');
    if (!old) return fail('invalid');
    if (this.now() > old.refreshExpiresAt) return fail('expired');
    if (this.takeRefusal()) return fail('revoked');
    this.byRefresh.delete(old.refresh);
    const pair = this.issue('refresh_token')!;
    return { ok: true, pair };
  }

  /** The pair a refresh token belongs to (Douyin answers with the same pair early on). */
  pairOf(refreshToken: string | undefined): TokenPair | null {
    return (refreshToken && this.byRefresh.get(refreshToken)) || null;
  }

  /** Whether an access token works now. */
  state(access: string | undefined): 'valid' | 'expired' | 'unknown' {
    const p = access ? this.pairs.get(access) : undefined;
    if (!p) return 'unknown';
    if (this.revoked || this.now() >= p.accessExpiresAt) return 'expired';
    return 'valid';
  }

  /** Ends one token early (the platform's own cut, e.g. after the seller re-authorised elsewhere). */
  expire(access: string): void {
    const p = this.pairs.get(access);
    if (p) p.accessExpiresAt = Math.min(p.accessExpiresAt, this.now());
  }

  /** The seller cancelled the app's authorisation: every token stops, refreshes are refused. */
  revoke(): void {
    this.revoked = true;
  }

  /** The next N token/refresh calls are refused as if the authorisation were gone. */
  refuse(times = 1): void {
    this.refuseNext += times;
  }

  /** The next approval page says no (error=access_denied). */
  deny(): void {
    this.denyNext = true;
  }

  get issued(): TokenPair[] {
    return [...this.pairs.values()];
  }

  private takeRefusal(): boolean {
    if (this.refuseNext <= 0) return false;
    this.refuseNext -= 1;
    return true;
  }
}

function token(prefix: string): string {
  return `${prefix}-${randomBytes(12).toString('hex')}`;
}

/** The approval page's query as a plain object. */
export function queryOf(req: SimRequest): Record<string, string> {
  return Object.fromEntries(req.query);
}
