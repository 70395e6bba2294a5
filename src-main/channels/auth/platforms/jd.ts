import { ConnectorError } from '../../connector';
import { failForHttpStatus, httpExchange } from '../../wire/http';
import { jdExpiry } from '../expiry';
import { facts, jsonObject, num, requireToken, text, type AuthAdapter, type AuthCall, type TokenGrant } from '../grant';

/**
 * JD (PLATFORMS.md §10.4): the seller logs in on open-oauth.jd.com/oauth2/to_login, the code comes
 * back to the registered callback; GET oauth2/access_token and oauth2/refresh_token carry
 * app_key and app_secret in the query, as JD's OAuth service takes them.
 */
export const jdAuth: AuthAdapter = {
  kind: 'jd',

  authorizeUrl(c, { redirectUri, state }) {
    const u = new URL(c.hosts.authorize);
    u.search = new URLSearchParams({ app_key: c.credentials.app_key ?? '', response_type: 'code', redirect_uri: redirectUri, state, scope: 'snsapi_base' }).toString();
    return u.toString();
  },

  exchange: (c, code) => oauth(c, 'access_token', { grant_type: 'authorization_code', code }),

  renew(c) {
    const refresh = c.credentials.refresh_token;
    if (!refresh) throw new ConnectorError('auth', 'JD: no refresh_token is stored for this shop');
    return oauth(c, 'refresh_token', { grant_type: 'refresh_token', refresh_token: refresh });
  },
};

async function oauth(c: AuthCall, path: 'access_token' | 'refresh_token', params: Record<string, string>): Promise<TokenGrant> {
  const { app_key: key, app_secret: secret } = c.credentials;
  if (!key || !secret) throw new ConnectorError('auth', `JD: credential ${key ? 'app_secret' : 'app_key'} is empty`);
  const q = new URLSearchParams({ app_key: key, app_secret: secret, ...params });
  const answer = await httpExchange(c, 'JD', `${c.hosts.token}/${path}?${q}`, { method: 'GET' });
  if (answer.status >= 500) failForHttpStatus('JD', answer, c.now());
  const r = jsonObject(answer.text, 'JD');
  const code = text(r, 'code');
  if ((code !== null && code !== '0') || !text(r, 'access_token')) {
    failForHttpStatus('JD', answer, c.now());
    throw new ConnectorError('auth', `JD: oauth2/${path} refused: ${code ?? ''} ${text(r, 'msg') ?? text(r, 'error_description') ?? ''}`.trim(), { platformCode: code ?? undefined });
  }
  const refresh = text(r, 'refresh_token');
  return {
    tokens: { access_token: requireToken('JD', r), ...(refresh ? { refresh_token: refresh } : {}) },
    ...jdExpiry({ expires_in: num(r, 'expires_in'), time: num(r, 'time') }, c.now()),
    renewal: refresh ? 'refresh_token' : 'none',
    facts: facts({ platformUserId: text(r, 'uid') ?? text(r, 'open_id'), scope: text(r, 'scope') }),
  };
}
