import type { ChannelKind } from '../../../src-shared/orders';
import { ConnectorError, type ConnectorContext } from '../connector';
import { isObject, parsePlatformJson, scalarText, type JsonObject } from '../wire/json';

/** How a shop's next token is got before this one expires. */
export type Renewal =
  /** a refresh call with the refresh token (Taobao subscription apps, PDD, JD, Douyin, Youzan) */
  | 'refresh_token'
  /** the direct grant again (Shopify client credentials, a Youzan self-use app without a refresh token) */
  | 'regrant'
  /** nothing: the merchant authorises again when it expires (e.g. a Taobao 商家后台 app's fixed-length token) */
  | 'none';

/** What 授权 or a refresh gave us, in our terms. */
export interface TokenGrant {
  /** Secret fields to seal by the platform's own names: the token the poller sends, and refresh_token. */
  tokens: Record<string, string>;
  /** UTC ms; null when the token does not expire (a legacy Shopify token) or the platform does not say. */
  accessExpiresAt: number | null;
  refreshExpiresAt: number | null;
  renewal: Renewal;
  /** Non-secret facts worth showing or keeping: shop name, platform shop id, scope, r1/w1 lifetimes. */
  facts: Record<string, string | number>;
  /** Plain settings the platform told us, stored on the shop (e.g. Douyin's shop_id). */
  plain?: Record<string, string | number>;
}

/** The hosts one shop's 授权 talks to (hosts.ts decides them from its endpoint). */
export interface AuthHosts {
  /** The platform's page a person opens in the browser (callback platforms), without query. */
  authorize: string;
  /** Where the token calls go: the API router (Taobao, PDD, Douyin) or the OAuth token URL (JD, Youzan, Shopify). */
  token: string;
}

/** A connector context plus the shop's 授权 hosts. */
export interface AuthCall extends ConnectorContext {
  hosts: AuthHosts;
}

/** One platform's 授权: the browser page and code exchange (callback), or one call (direct); and renewal. */
export interface AuthAdapter {
  readonly kind: ChannelKind;
  authorizeUrl?(c: AuthCall, p: { redirectUri: string; state: string }): string;
  exchange?(c: AuthCall, code: string, redirectUri: string): Promise<TokenGrant>;
  direct?(c: AuthCall): Promise<TokenGrant>;
  /** A fresh token before the old one expires; throws ConnectorError (kind 'auth' when it cannot work again). */
  renew(c: AuthCall, renewal: Renewal): Promise<TokenGrant>;
}

/** A number field from lossless JSON (string or number on the wire), or null. */
export function num(o: JsonObject, key: string): number | null {
  const t = scalarText(o[key]);
  if (t === null || t.trim() === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

export function text(o: JsonObject, key: string): string | null {
  const t = scalarText(o[key]);
  return t === null || t === '' ? null : t;
}

/** The platform's answer must carry the token: otherwise say what it did carry, briefly. */
export function requireToken(platform: string, o: JsonObject, key = 'access_token'): string {
  const t = text(o, key);
  if (!t) throw new ConnectorError('auth', `${platform}: the answer has no ${key}: ${JSON.stringify(Object.keys(o)).slice(0, 120)}`);
  return t;
}

/** Parses a JSON body into an object, or a transient failure. */
export function jsonObject(body: string, platform: string): JsonObject {
  const parsed = parsePlatformJson(body, platform);
  if (!isObject(parsed)) throw new ConnectorError('transient', `${platform}: the answer is not a JSON object: ${body.slice(0, 80)}`);
  return parsed;
}

/** Only the facts that are set. */
export function facts(o: Record<string, string | number | null | undefined>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined && v !== '') out[k] = v;
  return out;
}
