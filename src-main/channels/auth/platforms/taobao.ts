import { ConnectorError } from '../../connector';
import { topCall } from '../../taobao/connector';
import { isObject, scalarText } from '../../wire/json';
import { taobaoExpiry } from '../expiry';
import { facts, jsonObject, num, requireToken, text, type AuthAdapter, type AuthCall, type TokenGrant } from '../grant';

/**
 * Taobao TOP (PLATFORMS.md §10.1): the seller approves on oauth.taobao.com/authorize, the code comes
 * back to the registered callback, and taobao.top.auth.token.create {code} (signed, no session)
 * returns token_result — a JSON string; taobao.top.auth.token.refresh {refresh_token} the same.
 */
export const taobaoAuth: AuthAdapter = {
  kind: 'taobao',

  authorizeUrl(c, { redirectUri, state }) {
    const u = new URL(c.hosts.authorize);
    u.search = new URLSearchParams({ response_type: 'code', client_id: c.credentials.app_key ?? '', redirect_uri: redirectUri, state, view: 'web' }).toString();
    return u.toString();
  },

  async exchange(c, code) {
    const body = await topCall({ ...c, endpoint: c.hosts.token }, 'taobao.top.auth.token.create', { code }, { session: false });
    return grantFrom(body.top_auth_token_create_response, c);
  },

  async renew(c) {
    const refresh = c.credentials.refresh_token;
    if (!refresh) throw new ConnectorError('auth', 'taobao: no refresh_token is stored for this shop');
    const body = await topCall({ ...c, endpoint: c.hosts.token }, 'taobao.top.auth.token.refresh', { refresh_token: refresh }, { session: false });
    return grantFrom(body.top_auth_token_refresh_response, c);
  },
};

function grantFrom(resp: unknown, c: AuthCall): TokenGrant {
  const raw = isObject(resp) ? scalarText(resp.token_result) : null;
  if (!raw) throw new ConnectorError('transient', 'taobao: the answer has no token_result');
  const r = jsonObject(raw, 'taobao');
  const session = requireToken('taobao', r);
  const e = taobaoExpiry({
    expire_time: num(r, 'expire_time'), expires_in: num(r, 'expires_in'), re_expires_in: num(r, 're_expires_in'),
    refresh_token_valid_time: num(r, 'refresh_token_valid_time'),
  }, c.now());
  const refresh = text(r, 'refresh_token');
  const nick = text(r, 'taobao_user_nick');
  return {
    tokens: { session, ...(refresh && e.refreshable ? { refresh_token: refresh } : {}) },
    accessExpiresAt: e.accessExpiresAt,
    refreshExpiresAt: e.refreshExpiresAt,
    renewal: refresh && e.refreshable ? 'refresh_token' : 'none',
    facts: facts({
      shopName: nick ? safeDecode(nick) : null, platformUserId: text(r, 'taobao_user_id'),
      r1_expires_in: num(r, 'r1_expires_in'), r2_expires_in: num(r, 'r2_expires_in'), w1_expires_in: num(r, 'w1_expires_in'), w2_expires_in: num(r, 'w2_expires_in'),
    }),
  };
}

/** taobao_user_nick comes URL-encoded. */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
