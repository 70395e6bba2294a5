import type { ChannelKind } from '../../../src-shared/orders';
import { effectiveEndpoint, OFFICIAL_ENDPOINTS } from '../endpoints';
import type { AuthHosts } from './grant';

/**
 * Where a shop's 授权 goes. On the platform's official API host: the platform's own authorise
 * page and OAuth token host (PLATFORMS.md §10), fixed here, never typed by anyone. On a custom
 * endpoint (a sandbox or simulator the owner allowed): the same paths on that endpoint's origin.
 */
const OFFICIAL: Partial<Record<ChannelKind, AuthHosts>> = {
  // taobao.top.auth.token.create is https only: the token calls go to the https router.
  taobao: { authorize: 'https://oauth.taobao.com/authorize', token: 'https://eco.taobao.com/router/rest' },
  pdd: { authorize: 'https://fuwu.pinduoduo.com/service-market/auth', token: 'https://gw-api.pinduoduo.com/api/router' },
  jd: { authorize: 'https://open-oauth.jd.com/oauth2/to_login', token: 'https://open-oauth.jd.com/oauth2' },
  douyin: { authorize: 'https://fuwu.jinritemai.com/authorize', token: 'https://openapi-fxg.jinritemai.com' },
  youzan: { authorize: '', token: 'https://open.youzanyun.com/auth/token' },
};

const PATHS: Partial<Record<ChannelKind, { authorize: string; token: (endpoint: URL) => string }>> = {
  taobao: { authorize: '/authorize', token: (e) => e.toString() },
  pdd: { authorize: '/service-market/auth', token: (e) => e.toString() },
  jd: { authorize: '/oauth2/to_login', token: (e) => `${e.origin}/oauth2` },
  douyin: { authorize: '/authorize', token: (e) => `${e.origin}${e.pathname.replace(/\/+$/, '')}` },
  youzan: { authorize: '', token: (e) => `${e.origin}/auth/token` },
  shopify: { authorize: '', token: (e) => `${e.origin}/admin/oauth/access_token` },
};

export function authHosts(kind: ChannelKind, endpoint: unknown): AuthHosts {
  const text = effectiveEndpoint(kind, endpoint);
  const url = new URL(text);
  const official = OFFICIAL_ENDPOINTS[kind];
  const origin = `${url.protocol}//${url.host.toLowerCase()}`;
  const onOfficial = !!official && (official.origins.includes(origin) || (official.pattern?.test(origin) ?? false));
  // Shopify's hosts are the shop's own: official or not, they live on the endpoint's origin.
  if (onOfficial && OFFICIAL[kind]) return OFFICIAL[kind]!;
  const p = PATHS[kind];
  if (!p) throw new Error(`no authorisation for ${kind}`);
  return { authorize: p.authorize ? `${url.origin}${p.authorize}` : '', token: p.token(url) };
}
