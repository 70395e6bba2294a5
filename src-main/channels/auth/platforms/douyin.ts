import { ConnectorError } from '../../connector';
import { doudianCall } from '../../douyin/connector';
import { douyinExpiry } from '../expiry';
import { facts, num, requireToken, text, type AuthAdapter, type AuthCall, type TokenGrant } from '../grant';
import type { JsonObject } from '../../wire/json';

/**
 * Douyin Shop (PLATFORMS.md §10.3): token.create, signed and without an access_token —
 * a self-use app (自用型) with {code:"", grant_type:"authorization_self", shop_id}, no browser;
 * a tool app (工具型) with the code the service market sent to the registered callback.
 * token.refresh {grant_type:"refresh_token", refresh_token}: more than an hour before expiry the
 * platform answers with the same pair, inside the last hour with a new one.
 */
export const douyinAuth: AuthAdapter = {
  kind: 'douyin',

  authorizeUrl(c, { state }) {
    const u = new URL(c.hosts.authorize);
    // The callback is the one registered for the service: no redirect_uri in the link.
    u.search = new URLSearchParams({ service_id: c.credentials.service_id ?? '', state }).toString();
    return u.toString();
  },

  async exchange(c, code) {
    return grantFrom(await token(c, 'token.create', { code, grant_type: 'authorization_code' }), c);
  },

  async direct(c) {
    const shopId = c.credentials.shop_id ?? '';
    // The official SDK sends shop_id as a number (int64).
    const param = { code: '', grant_type: 'authorization_self', shop_id: /^\d{1,15}$/.test(shopId) ? Number(shopId) : shopId };
    return grantFrom(await token(c, 'token.create', param), c);
  },

  async renew(c) {
    const refresh = c.credentials.refresh_token;
    if (!refresh) throw new ConnectorError('auth', 'douyin: no refresh_token is stored for this shop');
    return grantFrom(await token(c, 'token.refresh', { grant_type: 'refresh_token', refresh_token: refresh }), c);
  },
};

function token(c: AuthCall, method: string, param: Record<string, unknown>): Promise<JsonObject> {
  return doudianCall({ ...c, endpoint: c.hosts.token }, method, param, { token: false });
}

function grantFrom(d: JsonObject, c: AuthCall): TokenGrant {
  const access = requireToken('douyin', d);
  const refresh = text(d, 'refresh_token');
  const shopId = text(d, 'shop_id');
  return {
    tokens: { access_token: access, ...(refresh ? { refresh_token: refresh } : {}) },
    ...douyinExpiry({ expires_in: num(d, 'expires_in') }, c.now()),
    renewal: refresh ? 'refresh_token' : 'none',
    facts: facts({ shopName: text(d, 'shop_name'), platformShopId: shopId, scope: text(d, 'scope'), authorityId: text(d, 'authority_id') }),
    ...(shopId && !c.credentials.shop_id ? { plain: { shop_id: shopId } } : {}),
  };
}
