import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/kernel/clock';
import type { AuthorizeResult } from '../../src-shared/contract/channels';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { allowCustomEndpoints } from '../helpers/custom-endpoints';
import { tempApp, type TempApp } from '../helpers/temp-app';
import type { LocalEvents } from '../../src-main/kernel/events';
import { startDouyinSim } from '../sim/douyin';
import { startJdSim } from '../sim/jd';
import { startPddSim } from '../sim/pdd';
import { startTaobaoSim } from '../sim/taobao';

/**
 * 授权 through the team cloud's callback (issue #15 item 11, #14 §2), end to end: the PC starts a
 * flow, the browser (fetch, following the redirect as a browser would) goes to the simulator's
 * authorise page, which redirects to the cloud's callback; the PC fetches the sealed code over its
 * enrolled connection, exchanges it at the simulator's token endpoint, and polls with the token.
 */
const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
let cloud: TestCloud;
const stops: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  cloud = await startTestCloud('pglite');
}, 60_000);
afterAll(async () => cloud?.close());
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

async function teamPc(clock: ManualClock): Promise<{ app: TempApp; token: string }> {
  const ws = await cloud.newWorkspace(`店-${Math.random().toString(36).slice(2, 8)}`);
  const app = await tempApp({ channels: { autostart: false, clock, flowPollMs: 50 } });
  stops.push(() => app.dispose());
  const token = await app.login('owner');
  await allowCustomEndpoints(app, token);
  await app.call('sync.enroll', { url: cloud.url, code: ws.code, name: '前台电脑' }, token);
  return { app, token };
}

/** The person's browser: open the authorise URL, follow the platform's redirect to the cloud, read the page. */
async function browser(authorizeUrl: string): Promise<{ callback: string; page: string }> {
  const first = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(first.status).toBe(302);
  const callback = first.headers.get('location')!;
  const page = await (await fetch(callback)).text();
  return { callback, page };
}

async function done(app: TempApp, token: string, flowId: string) {
  await expect.poll(async () => (await app.call('channels.authorizeStatus', { flowId }, token)).status, { timeout: 15_000, interval: 50 }).not.toMatch(/waiting|exchanging/);
  return app.call('channels.authorizeStatus', { flowId }, token);
}

const flowRows = async () => Number((await cloud.store.query<{ n: string }>('SELECT count(*) AS n FROM platform_auth_flows')).rows[0]!.n);

describe('授权 through the team cloud', () => {
  it('Taobao: the seller approves in the browser, the code reaches this PC sealed, the PC exchanges it and polls', async () => {
    const clock = new ManualClock(NOW);
    const sim = await startTaobaoSim({ now: () => clock.now(), oauth: { accessLifetimeS: 10 * 86_400, refreshLifetimeS: 30 * 86_400 } });
    stops.push(() => sim.stop());
    sim.store.generate(12, { from: NOW - 2 * HOUR, to: NOW - 5 * MIN, seed: 8 });
    const { app, token } = await teamPc(clock);
    const { app_key, app_secret } = sim.credentials;
    const ch = await app.call('channels.create', { kind: 'taobao', name: '天猫旗舰店', config: { app_key, app_secret, endpoint: sim.url, backfillFrom: NOW - 3 * HOUR } }, token);

    const pushed: unknown[] = [];
    (app.events as LocalEvents).on((name, payload) => name === 'channels.authFlow' && pushed.push(payload));
    const a = (await app.call('channels.authorize', { id: ch.id }, token)) as Extract<AuthorizeResult, { mode: 'callback' }>;
    expect(a.mode).toBe('callback');
    expect(a.redirectUri).toBe(`${cloud.url}/v1/platform-auth/callback`);
    const url = new URL(a.authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(new URL(sim.url).origin + '/authorize');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ response_type: 'code', client_id: app_key, redirect_uri: a.redirectUri, view: 'web' });
    expect((await app.call('channels.authorizeStatus', { flowId: a.flowId }, token)).status).toBe('waiting');

    const { callback, page } = await browser(a.authorizeUrl);
    expect(callback.startsWith(a.redirectUri)).toBe(true);
    expect(page).toContain('授权已送达 OrderHub');
    expect(await done(app, token, a.flowId)).toMatchObject({ status: 'done', problem: null });
    // The dialog waiting on it is told, not polling: the code arrived, then the flow ended.
    expect(pushed).toEqual([{ flowId: a.flowId, channelId: ch.id, status: 'exchanging' }, { flowId: a.flowId, channelId: ch.id, status: 'done' }]);
    expect(await flowRows()).toBe(0); // the cloud kept nothing
    expect(sim.oauth.tokenLog.map((t) => [t.grant, t.ok])).toEqual([['authorization_code', true]]);
    // The exchange was TOP's own signed call, without a session.
    const exchange = sim.requests.find((r) => r.api === 'taobao.top.auth.token.create')!;
    expect(exchange.params.session).toBeUndefined();
    expect(exchange.params.sign).toMatch(/^[0-9A-F]{32}$/);

    const view = (await app.call('channels.list', {}, token)).find((c) => c.id === ch.id)!;
    expect(view.auth).toMatchObject({ method: 'callback', renewal: 'refresh_token', accessExpiresAt: NOW + 10 * DAY, shopName: '模拟旗舰店' });
    expect(view.auth!.nextRenewalAt).toBe(NOW + 9 * DAY);
    expect(await app.call('channels.pollNow', { id: ch.id }, token)).toMatchObject({ state: 'active', created: 12 });
    expect(sim.incrementRequests().at(-1)!.params.session).toBe(sim.oauth.issued[0]!.access);

    // Renewed a day ahead with taobao.top.auth.token.refresh.
    clock.set(NOW + 9 * DAY);
    expect((await app.services.channels.auth.refresher.tick()).get(ch.id)).toBe('renewed');
    expect(sim.requests.filter((r) => r.api === 'taobao.top.auth.token.refresh')).toHaveLength(1);

    // The seller cancels the subscription: the next renewal is refused, and the shop says so.
    sim.oauth.revoke();
    clock.set(app.services.channels.auth.store.get(ch.id)!.nextRenewalAt!);
    expect((await app.services.channels.auth.refresher.tick()).get(ch.id)).toBe('failed');
    const after = (await app.call('channels.list', {}, token)).find((c) => c.id === ch.id)!;
    expect(after.health.state).toBe('reauth');
    expect(after.health.lastError).toMatch(/^授权续期失败，请重新授权（平台答复：taobao: 15 Remote service error \(isv\.refresh-token-revoked/);
    expect(after.auth!.problem!.code).toBe('auth.renew_refused');
  });

  it('a Taobao app that cannot refresh warns three days ahead, then stops the shop when the token expires', async () => {
    const clock = new ManualClock(NOW);
    const sim = await startTaobaoSim({ now: () => clock.now(), oauth: { accessLifetimeS: 10 * 86_400, refreshLifetimeS: 0 } });
    stops.push(() => sim.stop());
    const { app, token } = await teamPc(clock);
    const ch = await app.call('channels.create', { kind: 'taobao', name: '商家后台应用', config: { app_key: sim.credentials.app_key, app_secret: sim.credentials.app_secret, endpoint: sim.url } }, token);
    const a = (await app.call('channels.authorize', { id: ch.id }, token)) as Extract<AuthorizeResult, { mode: 'callback' }>;
    await browser(a.authorizeUrl);
    expect((await done(app, token, a.flowId)).status).toBe('done');
    const row = app.services.channels.auth.store.get(ch.id)!;
    expect(row).toMatchObject({ renewal: 'none', nextRenewalAt: NOW + 7 * DAY });
    expect(app.services.channels.store.secretNames(ch.id)).not.toContain('refresh_token');
    clock.set(NOW + 7 * DAY);
    expect((await app.services.channels.auth.refresher.tick()).get(ch.id)).toBe('warned');
    let view = (await app.call('channels.list', {}, token)).find((c) => c.id === ch.id)!;
    expect(view.auth!.problem).toMatchObject({ code: 'auth.expiring', params: { at: NOW + 10 * DAY } });
    expect(view.health.state).toBe('active');
    clock.set(NOW + 10 * DAY);
    expect((await app.services.channels.auth.refresher.tick()).get(ch.id)).toBe('failed');
    view = (await app.call('channels.list', {}, token)).find((c) => c.id === ch.id)!;
    expect(view.health).toMatchObject({ state: 'reauth', lastError: '授权已过期，请重新授权' });
  });

  it.each(['pdd', 'jd', 'douyin'] as const)('%s: the same browser round trip through the cloud, then a poll with the token', async (kind) => {
    const clock = new ManualClock(NOW);
    const now = () => clock.now();
    const sim = kind === 'pdd' ? await startPddSim({ now }) : kind === 'jd' ? await startJdSim({ now }) : await startDouyinSim({ now, registeredCallback: `${cloud.url}/v1/platform-auth/callback` });
    stops.push(() => sim.stop());
    sim.store.generate(6, { from: NOW - HOUR, to: NOW - 10 * MIN, seed: 9 });
    const { app, token } = await teamPc(clock);
    const config: Record<string, string | number> =
      kind === 'pdd' ? { client_id: (sim.credentials as { client_id: string }).client_id, client_secret: (sim.credentials as { client_secret: string }).client_secret }
      : kind === 'jd' ? { app_key: (sim.credentials as { app_key: string }).app_key, app_secret: (sim.credentials as { app_secret: string }).app_secret }
      : { app_type: 'tool', service_id: '7000001', app_key: (sim.credentials as { app_key: string }).app_key, app_secret: (sim.credentials as { app_secret: string }).app_secret };
    const ch = await app.call('channels.create', { kind, name: `${kind} 店`, config: { ...config, endpoint: sim.url, backfillFrom: NOW - 2 * HOUR } }, token);
    const a = (await app.call('channels.authorize', { id: ch.id }, token)) as Extract<AuthorizeResult, { mode: 'callback' }>;
    expect(a.mode).toBe('callback');
    const { page } = await browser(a.authorizeUrl);
    expect(page).toContain('授权已送达 OrderHub');
    expect(await done(app, token, a.flowId)).toMatchObject({ status: 'done' });
    expect(sim.oauth.tokenLog).toEqual([{ at: NOW, grant: 'authorization_code', ok: true }]);
    expect(await app.call('channels.pollNow', { id: ch.id }, token)).toMatchObject({ state: 'active', created: 6 });
    if (kind === 'douyin') {
      // A tool app's shop id comes with the token.
      expect((await app.call('channels.list', {}, token)).find((c) => c.id === ch.id)!.config.shop_id).toBe((sim.credentials as { shop_id: string }).shop_id);
    }
  });

  it('the seller declines: the screen says so; a PC outside a team is told why 授权 needs one', async () => {
    const clock = new ManualClock(NOW);
    const sim = await startTaobaoSim({ now: () => clock.now() });
    stops.push(() => sim.stop());
    const { app, token } = await teamPc(clock);
    const config = { app_key: sim.credentials.app_key, app_secret: sim.credentials.app_secret, endpoint: sim.url };
    const ch = await app.call('channels.create', { kind: 'taobao', name: '天猫店', config }, token);
    sim.oauth.deny();
    const a = (await app.call('channels.authorize', { id: ch.id }, token)) as Extract<AuthorizeResult, { mode: 'callback' }>;
    expect((await browser(a.authorizeUrl)).page).toContain('未授权');
    const status = await done(app, token, a.flowId);
    expect(status).toMatchObject({ status: 'failed' });
    expect(status.problem).toBe('授权未完成：平台表示已取消或拒绝（access_denied: the seller declined）');
    expect(app.services.channels.auth.store.get(ch.id)).toBeNull();

    const alone = await tempApp({ channels: { autostart: false, clock } });
    stops.push(() => alone.dispose());
    const t2 = await alone.login('owner');
    await allowCustomEndpoints(alone, t2);
    const shop = await alone.call('channels.create', { kind: 'taobao', name: '天猫店', config }, t2);
    const r = await alone.raw('channels.authorize', { id: shop.id }, t2);
    expect(r).toMatchObject({ error: { code: 'conflict' } });
    expect((r as { error: { message: string } }).error.message).toContain('请先在“团队同步”中让这台电脑加入团队');
  });
});
