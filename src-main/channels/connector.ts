import type { ChannelKind } from '../../src-shared/orders';
import type { FetchedOrder } from '../ingest/fetched-order';

export type { FetchedOrder } from '../ingest/fetched-order';

/**
 * One connector per platform behind this interface, picked from the registry
 * (`registry.ts`). A connector only speaks its platform's wire format: signing, paging,
 * units, zones, status words. Scheduling, windows bookkeeping, retries and ingestion
 * belong to the poller and the pipeline.
 */
export interface Connector {
  readonly kind: ChannelKind;
  /** The platform's own credential names, e.g. taobao: app_key, app_secret, session. */
  readonly credentialFields: readonly string[];
  /** Of those, the ones that are secret (stored sealed, never returned to the renderer). */
  readonly secretFields: readonly string[];
  readonly limits: WindowLimits;
  /** Cheap authenticated call proving endpoint and credentials work. */
  testConnection(ctx: ConnectorContext): Promise<{ shopName?: string }>;
  /** One page of orders modified within [window.from, window.to). */
  fetchPage(ctx: ConnectorContext, window: FetchWindow, page: PageToken | null): Promise<PageResult>;
  /**
   * Re-reads ONE stored raw order (a quarantined payload, or an `order_raw` version: exactly
   * what `FetchedOrder.raw` was) with today's code and status dictionary, without the network:
   * "re-process after a dictionary or code fix". Uses the same lossless parse and normaliser as
   * fetchPage, so `normalize(fetched.raw)` equals `fetched.result`. Never throws: a parse or
   * field failure comes back as {ok:false, field, value, reason}.
   * `settings` are the channel's plain (non-secret) config where the caller has them; without
   * them the connector works from what the payload itself carries (see each connector for what
   * it then cannot check, e.g. Douyin's shop_id).
   */
  normalize(raw: string, settings?: ChannelSettings): FetchedOrder['result'];
}

/** A channel's plain (non-secret) settings by the platform's own names, e.g. douyin shop_id. */
export type ChannelSettings = Readonly<Record<string, string | number>>;

export interface WindowLimits {
  /** The widest modified-time window the platform accepts in one query. */
  maxWindowMs: number;
  /** The window's end must be at least this far behind now (PDD: 3 minutes). */
  endLagMs: number;
  /** How far each window reaches back over the previous one, for late updates. */
  overlapMs: number;
  pageSize: number;
}

export interface ConnectorContext {
  /** Base URL: the platform's gateway, or a simulator / sandbox. */
  endpoint: string;
  /** Credentials by the platform's own names (secrets already unsealed; main process only). */
  credentials: Readonly<Record<string, string>>;
  fetch: typeof fetch;
  now(): number;
  signal?: AbortSignal;
}

export interface FetchWindow {
  /** UTC ms, inclusive */
  from: number;
  /** UTC ms, exclusive */
  to: number;
}

/** Page number or cursor, as the platform pages. */
export type PageToken = string;

export interface PageResult {
  items: FetchedOrder[];
  /** Null when this was the last page of the window. */
  next: PageToken | null;
  /** The platform's total for the window, where it reports one (coverage ledger compares). */
  platformTotal?: number;
}

export type ConnectorErrorKind =
  /** Wrong key/secret, expired or revoked token: stop and ask for re-authorisation. */
  | 'auth'
  /** The platform's rate-limit answer; retry after retryAfterMs. */
  | 'rate_limited'
  /** 5xx, timeouts, truncated or malformed bodies: retry with backoff. */
  | 'transient'
  /** The request itself is wrong (a bug or a window the platform refuses): do not retry as is. */
  | 'invalid_request'
  /** An error code the connector does not know: retried a few times with backoff, then the poll stops. */
  | 'unknown'
  /** OrderHub refused before sending anything (an endpoint that is not the platform's): a person fixes the settings. */
  | 'refused';

export class ConnectorError extends Error {
  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
    readonly detail: { platformCode?: string; retryAfterMs?: number; httpStatus?: number } = {},
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}
