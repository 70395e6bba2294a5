import { ConnectorError } from '../../connector';
import { popCall } from '../../pdd/connector';
import { isObject } from '../../wire/json';
import { pddExpiry } from '../expiry';
import { facts, num, requireToken, text, type AuthAdapter, type AuthCall, type TokenGrant } from '../grant';

/**
 * Pinduoduo (PLATFORMS.md §10.2): the merchant approves on fuwu.pinduoduo.com/service-market/auth,
 * the code comes back to the registered callback; pdd.pop.auth.token.create {code} and
 * pdd.pop.auth.token.refresh {refresh_token}, signed through the router without an access_token.
 */
export const pddAuth: AuthAdapter = {
  kind: 'pdd',

  authorizeUrl(c, { redirectUri, state }) {
    const u = new URL(c.hosts.authorize);
    u.search = new URLSearchParams({ response_type: 'code', client_id: c.credentials.client_id ?? '', redirect_uri: redirectUri, state }).toString();
    return u.toString();
  },

  async exchange(c, code) {
    const body = await popCall({ ...c, endpoint: c.hosts.token }, 'pdd.pop.auth.token.create', { code }, { token: false });
    return grantFrom(body.pop_auth_token_create_response, c);
  },

  async renew(c) {
    const refresh = c.credentials.refresh_token;
    if (!refresh) throw new ConnectorError('auth', 'pdd: no refresh_token is stored for this shop');
    const body = await popCall({ ...c, endpoint: c.hosts.token }, 'pdd.pop.auth.token.refresh', { refresh_token: refresh }, { token: false });
    return grantFrom(body.pop_auth_token_refresh_response, c);
  },
};

function grantFrom(resp: unknown, c: AuthCall): TokenGrant {
  if (!isObject(resp)) throw new ConnectorError('transient', 'pdd: the answer has no pop_auth_token response');
  const token = requireToken('pdd', resp);
  const refresh = text(resp, 'refresh_token');
  const e = pddExpiry({
    expires_at: num(resp, 'expires_at'), expires_in: num(resp, 'expires_in'),
    refresh_token_expires_at: num(resp, 'refresh_token_expires_at'), refresh_token_expires_in: num(resp, 'refresh_token_expires_in'),
  }, c.now());
  return {
    tokens: { access_token: token, ...(refresh ? { refresh_token: refresh } : {}) },
    ...e,
    renewal: refresh ? 'refresh_token' : 'none',
    facts: facts({ shopName: text(resp, 'owner_name'), platformShopId: text(resp, 'owner_id') }),
  };
}
