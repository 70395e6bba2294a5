import { ConnectorError } from '../../connector';
import { failForHttpStatus, httpExchange } from '../../wire/http';
import { shopifyExpiry } from '../expiry';
import { facts, jsonObject, num, requireToken, text, type AuthAdapter, type AuthCall, type TokenGrant } from '../grant';

/**
 * Shopify, one's own store (PLATFORMS.md §10.6): a Dev Dashboard app's client-credentials grant,
 * POST https://{shop}.myshopify.com/admin/oauth/access_token {client_id, client_secret,
 * grant_type:"client_credentials"} — no browser. The token lives about a day; renewal is the same
 * grant again.
 */
export const shopifyAuth: AuthAdapter = {
  kind: 'shopify',
  direct: (c) => clientCredentials(c),
  renew: (c) => clientCredentials(c),
};

async function clientCredentials(c: AuthCall): Promise<TokenGrant> {
  const { client_id: id, client_secret: secret } = c.credentials;
  if (!id || !secret) throw new ConnectorError('auth', `shopify: credential ${id ? 'client_secret' : 'client_id'} is empty`);
  const answer = await httpExchange(c, 'Shopify', c.hosts.token, {
    method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ client_id: id, client_secret: secret, grant_type: 'client_credentials' }),
  });
  if (answer.status === 400 || answer.status === 401 || answer.status === 403) {
    let why = answer.text.slice(0, 160);
    try {
      const b = jsonObject(answer.text, 'Shopify');
      why = [text(b, 'error'), text(b, 'error_description')].filter(Boolean).join(': ') || why;
    } catch {
      /* an HTML page: keep its start */
    }
    throw new ConnectorError('auth', `Shopify: client credentials refused (HTTP ${answer.status}): ${why}`, { httpStatus: answer.status });
  }
  failForHttpStatus('Shopify', answer, c.now());
  const r = jsonObject(answer.text, 'Shopify');
  const refresh = text(r, 'refresh_token');
  return {
    tokens: { access_token: requireToken('Shopify', r), ...(refresh ? { refresh_token: refresh } : {}) },
    ...shopifyExpiry({ expires_in: num(r, 'expires_in'), refresh_token_expires_in: num(r, 'refresh_token_expires_in') }, c.now()),
    renewal: 'regrant',
    facts: facts({ scope: text(r, 'scope') }),
  };
}
