import { authMode, authPrerequisites, CREDENTIAL_LABELS, type AuthMode } from '../../../src-shared/channel-credentials';
import { authProblemWords } from '../../../src-shared/channel-auth';
import { ApiError } from '../../../src-shared/errors';
import { formatInZone } from '../../../src-shared/time';
import type { WriteContext } from '../../db';
import type { Clock } from '../../kernel/clock';
import type { Logger } from '../../log';
import type { ChannelRecord, ChannelStore, Say } from '../channel-store';
import type { ChannelStateStore } from '../channel-state';
import { ConnectorError } from '../connector';
import { describeError } from '../error-words';
import type { AuthStore } from './auth-store';
import { EXPIRY_WARNING_MS, planRenewal, planRetry } from './expiry';
import type { AuthAdapter, AuthCall, TokenGrant } from './grant';
import { authHosts } from './hosts';
import { AUTH_ADAPTERS } from './platforms';

export interface AuthorizerDeps {
  store: ChannelStore;
  states: ChannelStateStore;
  auth: AuthStore;
  clock: Clock;
  log: Logger;
  fetch?: typeof fetch;
  /** Shares the shop's health with the team (the poller's channel_health row). */
  shareHealth(channelId: string): void;
  adapters?: Partial<Record<string, AuthAdapter>>;
}

export type RenewOutcome = 'renewed' | 'retrying' | 'failed' | 'warned' | 'skipped';

const SYSTEM: WriteContext = { actor: { id: null, name: 'auth-renewal' }, call: 'channels.renewToken' };

/**
 * A shop's 授权 on this PC: checks what must be filled in, builds the platform call, seals what
 * comes back beside the shop's other secrets, and keeps the schedule of renewals (channel_auth).
 * The callback platforms' browser step lives in flows.ts; the schedule's clock in refresher.ts.
 */
export class Authorizer {
  constructor(private readonly d: AuthorizerDeps) {}

  adapter(kind: string): AuthAdapter | undefined {
    return (this.d.adapters ?? (AUTH_ADAPTERS as Partial<Record<string, AuthAdapter>>))[kind];
  }

  /** The shop, its 授权 mode, and a context ready to call its platform; refusals name the field in words. */
  prepare(channelId: string, say: Say): { ch: ChannelRecord; mode: AuthMode; adapter: AuthAdapter; call: AuthCall } {
    const ch = this.d.store.get(channelId);
    if (!ch) throw new ApiError('not_found', say(`没有这个店铺：${channelId}`, `no channel with id "${channelId}"`), 'id');
    const mode = authMode(ch.kind, ch.config);
    const adapter = this.adapter(ch.kind);
    if (!mode || !adapter) throw new ApiError('invalid_input', say('这个平台的店铺不需要授权', 'shops of this platform need no authorisation'), 'id');
    let creds: { endpoint: string; credentials: Record<string, string> };
    try {
      creds = this.d.store.credentials(channelId);
    } catch (e) {
      if (e instanceof ConnectorError) throw new ApiError('invalid_input', e.message, 'config.endpoint');
      throw e;
    }
    for (const f of authPrerequisites(ch.kind, mode)) {
      if (!creds.credentials[f]) {
        const l = CREDENTIAL_LABELS[ch.kind]?.[f];
        throw new ApiError('invalid_input', say(`请先填写 ${l?.zh ?? f}（${l?.whereZh ?? ''}），再点“授权”`, `fill in ${l?.en ?? f} first (${l?.whereEn ?? ''})`), `config.${f}`);
      }
    }
    const call: AuthCall = { ...creds, hosts: authHosts(ch.kind, creds.endpoint), fetch: this.d.fetch ?? fetch, now: () => this.d.clock.now() };
    return { ch, mode, adapter, call };
  }

  /** Direct 授权 (no browser): one call to the platform now. */
  async direct(channelId: string, ctx: WriteContext, say: Say): Promise<{ accessExpiresAt: number | null; shopName: string | null }> {
    const { ch, mode, adapter, call } = this.prepare(channelId, say);
    if (mode !== 'direct' || !adapter.direct) throw new ApiError('invalid_input', say('这个店铺需要在浏览器中授权', 'this shop authorises in the browser'), 'id');
    let grant: TokenGrant;
    try {
      grant = await adapter.direct(call);
    } catch (e) {
      throw platformRefusal(e, say);
    }
    this.save(ch, 'direct', grant, ctx);
    return { accessExpiresAt: grant.accessExpiresAt, shopName: typeof grant.facts.shopName === 'string' ? grant.facts.shopName : null };
  }

  /** Seals the tokens, records the schedule, and lets the poller try again at once. */
  save(ch: ChannelRecord, method: 'direct' | 'callback', grant: TokenGrant, ctx: WriteContext): void {
    const now = this.d.clock.now();
    this.d.store.saveTokens(ctx, ch.id, grant.tokens, {
      drop: grant.tokens.refresh_token ? [] : ['refresh_token'], ...(grant.plain ? { plain: grant.plain } : {}), action: 'authorized',
    }, now);
    this.d.auth.authorized(ch.id, method, grant, this.schedule(ch.kind, grant, now), now);
    this.d.states.reset(ch.id);
  }

  /** A token pasted by hand: no schedule we know of, and any refresh token no longer matches it. */
  pasted(channelId: string, ctx: WriteContext): void {
    const now = this.d.clock.now();
    this.d.store.saveTokens(ctx, channelId, {}, { drop: ['refresh_token'], action: 'token_pasted' }, now);
    this.d.auth.authorized(channelId, 'manual', null, null, now);
  }

  /** When to look at a shop's token next: its renewal, or — when nothing can renew it — when to warn. */
  schedule(kind: string, g: Pick<TokenGrant, 'accessExpiresAt' | 'refreshExpiresAt' | 'renewal'>, now: number): number | null {
    if (g.renewal === 'none') return g.accessExpiresAt === null ? null : Math.max(now, g.accessExpiresAt - EXPIRY_WARNING_MS);
    return planRenewal(kind as never, g, now);
  }

  /**
   * Renews one shop's token now. A refusal (the refresh token is dead, the authorisation was
   * revoked) stops the shop: it says so in words and in its health, and waits for a new 授权. A
   * failure that may pass is retried with backoff until the token expires.
   */
  async renew(channelId: string): Promise<RenewOutcome> {
    const now = this.d.clock.now();
    const row = this.d.auth.get(channelId);
    const ch = this.d.store.get(channelId);
    if (!row || !ch || row.method === 'manual') return 'skipped';
    if (row.renewal === 'none') return this.unrenewable(channelId, row.accessExpiresAt, row.failures, now);
    const adapter = this.adapter(ch.kind);
    if (!adapter) return 'skipped';
    let call: AuthCall;
    try {
      call = this.prepare(channelId, (zh) => zh).call;
    } catch (e) {
      // The shop's settings cannot work now (a field emptied, an endpoint no longer allowed): the poller
      // says so in its own words; renewal waits for the settings to be fixed.
      this.d.auth.problem(channelId, { code: 'auth.renew_refused', params: { message: e instanceof Error ? e.message : String(e) } }, row.failures + 1, null, now);
      return 'failed';
    }
    let grant: TokenGrant;
    try {
      try {
        grant = await adapter.renew(call, row.renewal);
      } catch (e) {
        // A self-use app can ask for a new token outright when its refresh token is refused.
        if (!(e instanceof ConnectorError && e.kind === 'auth' && row.method === 'direct' && adapter.direct)) throw e;
        grant = await adapter.direct(call);
      }
    } catch (e) {
      return this.renewFailed(channelId, row.accessExpiresAt, row.failures + 1, e, now);
    }
    this.d.store.saveTokens(SYSTEM, channelId, grant.tokens, { drop: grant.tokens.refresh_token ? [] : ['refresh_token'], action: 'token_renewed' }, now);
    this.d.auth.renewed(channelId, grant, this.schedule(ch.kind, grant, now), now);
    // A shop stopped for its token polls again at once.
    if (this.d.states.get(channelId).state === 'reauth') this.d.states.reset(channelId);
    return 'renewed';
  }

  private renewFailed(channelId: string, accessExpiresAt: number | null, failures: number, e: unknown, now: number): RenewOutcome {
    const message = e instanceof Error ? e.message : String(e);
    // The platform said no (or refused our request as it stands): retrying the same will not help.
    const definitive = e instanceof ConnectorError && (e.kind === 'auth' || e.kind === 'refused' || e.kind === 'invalid_request');
    const retryAt = definitive ? null : planRetry(failures, accessExpiresAt, now);
    if (retryAt !== null) {
      this.d.auth.problem(channelId, { code: 'auth.renew_retrying', params: { message, failures } }, failures, retryAt, now);
      this.d.log.warn(`channel ${channelId}: renewing its token failed (${failures}), retrying: ${message}`);
      return 'retrying';
    }
    const problem = { code: definitive ? ('auth.renew_refused' as const) : ('auth.expired' as const), params: { message } };
    this.d.auth.problem(channelId, problem, failures, null, now);
    this.stop(channelId, authProblemWords(problem, 'zh', (ms) => formatInZone(ms)), now);
    this.d.log.warn(`channel ${channelId}: renewing its token failed for good: ${describeError(e)}`);
    return 'failed';
  }

  /** A token nothing renews: warn ahead, stop the shop when it has expired. */
  private unrenewable(channelId: string, accessExpiresAt: number | null, failures: number, now: number): RenewOutcome {
    if (accessExpiresAt === null) return 'skipped';
    if (now < accessExpiresAt) {
      this.d.auth.problem(channelId, { code: 'auth.expiring', params: { at: accessExpiresAt } }, failures, accessExpiresAt, now);
      return 'warned';
    }
    const problem = { code: 'auth.expired' as const, params: {} };
    this.d.auth.problem(channelId, problem, failures, null, now);
    this.stop(channelId, authProblemWords(problem, 'zh', (ms) => formatInZone(ms)), now);
    return 'failed';
  }

  /** The shop waits for a person (the poller skips it), and every PC of the team sees why. */
  private stop(channelId: string, words: string, now: number): void {
    this.d.states.ensure(channelId, now);
    this.d.states.failed(channelId, now, words, 'reauth', null);
    this.d.shareHealth(channelId);
  }
}

/** A platform's refusal of 授权, in words for the person who clicked. */
export function platformRefusal(e: unknown, say: Say): ApiError {
  if (e instanceof ApiError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof ConnectorError && (e.kind === 'auth' || e.kind === 'invalid_request' || e.kind === 'refused')) {
    return new ApiError('invalid_input', say(`平台拒绝了授权，请检查应用凭证：${message}`, `the platform refused: check the app credentials: ${message}`));
  }
  return new ApiError('conflict', say(`暂时无法连接平台，请稍后再试：${message}`, `cannot reach the platform now, try again later: ${message}`));
}
