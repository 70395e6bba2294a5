import { describe, expect, it } from 'vitest';
import { connectorFor } from './registry';

// Each connector's config uses the platform's own credential names (issue 5), secrets sealed.
describe('registered JD, Youzan, Shopify and generic intake connectors', () => {
  it.each([
    ['jd', ['app_key', 'app_secret', 'access_token'], ['app_secret', 'access_token'], 24 * 60, 50],
    ['youzan', ['client_id', 'client_secret', 'grant_id', 'access_token'], ['client_secret', 'access_token'], 24 * 60, 100],
    ['shopify', ['client_id', 'client_secret', 'access_token', 'read_all_orders'], ['client_secret', 'access_token'], 7 * 24 * 60, 250],
    ['generic', ['token', 'status_map'], ['token'], 24 * 60, 100],
  ] as const)('%s: its own credential names, sealed secrets, window and page limits', (kind, fields, secrets, maxMinutes, pageSize) => {
    const c = connectorFor(kind);
    expect(c?.kind).toBe(kind);
    expect(c?.credentialFields).toEqual(fields);
    expect(c?.secretFields).toEqual(secrets);
    for (const s of secrets) expect(fields).toContain(s);
    expect(c!.limits.maxWindowMs).toBe(maxMinutes * 60_000);
    expect(c!.limits.pageSize).toBe(pageSize);
    expect(c!.limits.overlapMs).toBeGreaterThan(0);
  });
});
