import { ConnectorError } from '../../connector';
import { failForHttpStatus, httpExchange } from '../../wire/http';
import { saysTooFrequent } from '../../wire/limit-words';
import { isObject } from '../../wire/json';
import { youzanExpiry } from '../expiry';
import { facts, jsonObject, num, requireToken, text, type AuthAdapter, type AuthCall, type Renewal, type TokenGrant } from '../grant';

/**
 * Youzan (PLATFORMS.md §10.5): POST open.youzanyun.com/auth/token (JSON) with client_id,
 * client_secret and an authorize_type. A self-use app (自用型) asks `silent` with grant_id (the
 * shop's kdt_id) and refresh:true — no browser; renewal uses the refresh token, or `silent` again.
 */
export const youzanAuth: AuthAdapter = {
  kind: 'youzan',

  direct: (c) => silent(c),

  async renew(c, renewal: Renewal) {
    const refresh = c.credentials.refresh_token;
    if (renewal === 'refresh_token' && refresh) {
      try {
        return await tokenCall(c, { authorize_type: 'refresh_token', refresh_token: refresh });
      } catch (e) {
        // A self-use app can always ask again; only a refusal of that says the shop must re-authorise.
        if (!(e instanceof ConnectorError) || e.kind !== 'auth' || !c.credentials.grant_id) throw e;
      }
    }
    return silent(c);
  },
};

function silent(c: AuthCall): Promise<TokenGrant> {
  return tokenCall(c, { authorize_type: 'silent', grant_id: c.credentials.grant_id ?? '', refresh: true });
}

async function tokenCall(c: AuthCall, params: Record<string, unknown>): Promise<TokenGrant> {
  const { client_id: id, client_secret: secret } = c.credentials;
  if (!id || !secret) throw new ConnectorError('auth', `youzan: credential ${id ? 'client_secret' : 'client_id'} is empty`);
  const answer = await httpExchange(c, 'Youzan', c.hosts.token, {
    method: 'POST', headers: { 'content-type': 'application/json;charset=UTF-8' },
    body: JSON.stringify({ client_id: id, client_secret: secret, ...params }),
  });
  if (answer.status >= 500 || answer.status === 429) failForHttpStatus('Youzan', answer, c.now());
  const body = jsonObject(answer.text, 'Youzan');
  const gw = isObject(body.gw_err_resp) ? body.gw_err_resp : null;
  const ok = !gw && text(body, 'success') === 'true' && isObject(body.data);
  if (!ok) {
    const code = gw ? text(gw, 'err_code') : text(body, 'code');
    const msg = (gw ? text(gw, 'err_msg') : text(body, 'message')) ?? '';
    if (saysTooFrequent(msg)) throw new ConnectorError('rate_limited', `Youzan: ${code} ${msg}`, { platformCode: code ?? undefined, retryAfterMs: 3000 });
    throw new ConnectorError('auth', `Youzan: auth/token refused: ${code ?? ''} ${msg}`.trim(), { platformCode: code ?? undefined });
  }
  const d = body.data as Record<string, unknown>;
  const refresh = text(d, 'refresh_token');
  return {
    tokens: { access_token: requireToken('Youzan', d), ...(refresh ? { refresh_token: refresh } : {}) },
    ...youzanExpiry({ expires: num(d, 'expires'), expires_in: num(d, 'expires_in') }, c.now()),
    renewal: refresh ? 'refresh_token' : 'regrant',
    facts: facts({ scope: text(d, 'scope'), authorityId: text(d, 'authority_id'), platformShopId: c.credentials.grant_id }),
  };
}
