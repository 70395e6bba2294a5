import { describe, expect, it } from 'vitest';
import { connectorFor } from './registry';

// Each connector's config uses the platform's own credential names (issue 5), secrets sealed.
describe('registered Taobao, PDD and Douyin connectors', () => {
  it.each([
    ['taobao', ['app_key', 'app_secret', 'session', 'sign_method'], ['app_secret', 'session'], 30],
    ['pdd', ['client_id', 'client_secret', 'access_token'], ['client_secret', 'access_token'], 30],
    ['douyin', ['app_type', 'app_key', 'app_secret', 'shop_id', 'service_id', 'access_token'], ['app_secret', 'access_token'], 30],
  ] as const)('%s: its own credential names, sealed secrets, windows and pages within the limits', (kind, fields, secrets, maxMinutes) => {
    const c = connectorFor(kind);
    expect(c?.kind).toBe(kind);
    expect(c?.credentialFields).toEqual(fields);
    expect(c?.secretFields).toEqual(secrets);
    for (const s of secrets) expect(fields).toContain(s);
    expect(c!.limits.maxWindowMs).toBe(maxMinutes * 60_000);
    expect(c!.limits.pageSize).toBe(100);
  });

  it('PDD windows end at least 3 minutes before now', () => {
    expect(connectorFor('pdd')!.limits.endLagMs).toBe(3 * 60_000);
  });
});
