import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/kernel/clock';
import { allowCustomEndpoints } from '../helpers/custom-endpoints';
import { tempApp, type TempApp } from '../helpers/temp-app';
import { startDouyinSim, type DouyinSim } from '../sim/douyin';
import { startShopifySim } from '../sim/shopify';
import { startYouzanSim } from '../sim/youzan';

/**
 * 授权 without a browser (issue #15 item 11), against the simulators' token endpoints: Douyin
 * self-use (token.create authorization_self), Youzan self-use (auth/token silent), Shopify own store
 * (client credentials). Then the renewal scheduler: before expiry, and a refusal the shop shows.
 */
const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const stops: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0).reverse()) await s();
});

async function setup(inTeam = false): Promise<{ app: TempApp; clock: ManualClock; token: string }> {
  const clock = new ManualClock(NOW);
  const app = await tempApp({ inTeam, channels: { autostart: false, clock } });
  stops.push(() => app.dispose());
  const token = await app.login('owner');
  await allowCustomEndpoints(app, token);
  return { app, clock, token };
}

async function douyinShop(): Promise<{ app: TempApp; clock: ManualClock; token: string; sim: DouyinSim; id: string }> {
  const s = await setup(true);
  const sim = await startDouyinSim({ now: () => s.clock.now() });
  stops.push(() => sim.stop());
  sim.store.generate(20, { from: NOW - 2 * HOUR, to: NOW - 5 * MIN, seed: 3 });
  const { app_key, app_secret, shop_id } = sim.credentials;
  const ch = await s.app.call('channels.create', {
    kind: 'douyin', name: '抖店自营店', config: { app_key, app_secret, shop_id, endpoint: sim.url, backfillFrom: NOW - 3 * HOUR },
  }, s.token);
  return { ...s, sim, id: ch.id };
}

const listed = async (app: TempApp, token: string, id: string) => (await app.call('channels.list', {}, token)).find((c) => c.id === id)!;

describe('direct 授权 (no browser)', () => {
  it('Douyin self-use: before 授权 the shop says so in words; 授权 gets a token the poller uses; secrets stay out of the list', async () => {
    const { app, token, sim, id } = await douyinShop();
    const before = await app.call('channels.pollNow', { id }, token);
    expect(before.state).toBe('reauth');
    expect(before.error).toBe('尚未授权：授权令牌为空，请点击“授权”');
    expect(before.error).not.toMatch(/credential|access_token is/);

    const a = await app.call('channels.authorize', { id }, token);
    expect(a).toEqual({ mode: 'direct', accessExpiresAt: NOW + 7 * DAY, shopName: '模拟抖音小店' });
    expect(sim.oauth.tokenLog).toEqual([{ at: NOW, grant: 'authorization_self', ok: true }]);
    const token1 = sim.oauth.issued[0]!.access;
    const view = await listed(app, token, id);
    expect(view.authMode).toBe('direct');
    expect(view.auth).toMatchObject({ method: 'direct', renewal: 'refresh_token', accessExpiresAt: NOW + 7 * DAY, nextRenewalAt: NOW + 7 * DAY - 50 * MIN, problem: null });
    expect(view.secretsSet).toEqual(['access_token', 'app_secret', 'refresh_token']);
    expect(JSON.stringify(await app.call('channels.list', {}, token))).not.toContain(token1);

    const polled = await app.call('channels.pollNow', { id }, token);
    expect(polled).toMatchObject({ state: 'active', created: 20 });
    expect(sim.searchRequests().at(-1)!.params.access_token).toBe(token1);
  });

  it('renews a Douyin token inside its last hour, before it expires, and the shop keeps working past the old expiry', async () => {
    const { app, clock, token, sim, id } = await douyinShop();
    await app.call('channels.authorize', { id }, token);
    const first = sim.oauth.issued[0]!;
    const { refresher } = app.services.channels.auth;
    clock.set(NOW + 7 * DAY - 2 * HOUR);
    expect((await refresher.tick()).size).toBe(0); // not due: earlier the platform would hand back the same pair
    clock.set(NOW + 7 * DAY - 50 * MIN);
    expect((await refresher.tick()).get(id)).toBe('renewed');
    expect(sim.oauth.tokenLog.at(-1)).toMatchObject({ grant: 'refresh_token', ok: true });
    const second = sim.oauth.issued.at(-1)!;
    expect(second.access).not.toBe(first.access);
    const view = await listed(app, token, id);
    expect(view.auth).toMatchObject({ renewedAt: NOW + 7 * DAY - 50 * MIN, accessExpiresAt: second.accessExpiresAt, problem: null });

    clock.set(first.accessExpiresAt + 10 * MIN); // the first token is dead now
    expect(sim.oauth.state(first.access)).toBe('expired');
    expect(await app.call('channels.test', { id }, token)).toMatchObject({ ok: true });
    expect(sim.searchRequests().at(-1)!.params.access_token).toBe(second.access);
  });

  it('a refused renewal stops the shop, says so in words and in the health every PC reads', async () => {
    const { app, clock, token, sim, id } = await douyinShop();
    await app.call('channels.authorize', { id }, token);
    await app.call('channels.pollNow', { id }, token);
    sim.oauth.revoke(); // the seller cancelled the app's authorisation in the Doudian backend
    const due = app.services.channels.auth.store.get(id)!.nextRenewalAt!;
    clock.set(due);
    expect((await app.services.channels.auth.refresher.tick()).get(id)).toBe('failed');
    // Its own refresh and a fresh self-use grant were both tried and refused.
    expect(sim.oauth.tokenLog.slice(-2).map((t) => [t.grant, t.ok])).toEqual([['refresh_token', false], ['authorization_self', false]]);
    const view = await listed(app, token, id);
    expect(view.health.state).toBe('reauth');
    expect(view.health.lastError).toMatch(/^授权续期失败，请重新授权（平台答复：douyin: 30001/);
    expect(view.auth!.problem).toMatchObject({ code: 'auth.renew_refused', at: due });
    expect(view.health.nextPollAt).toBeNull();
    const shared = app.services.db.sqlite.prepare('SELECT state, last_error AS lastError FROM channel_health WHERE channel_id = ?').get(id) as { state: string; lastError: string };
    expect(shared).toEqual({ state: 'reauth', lastError: view.health.lastError });
    // Nothing is scheduled any more: the next tick leaves it alone until someone authorises again.
    clock.advance(HOUR);
    expect((await app.services.channels.auth.refresher.tick()).size).toBe(0);
  });

  it('a refusal of the empty token that is written after 授权 does not stop the shop, and is not taken for a dead token', async () => {
    const { app, clock, token, sim, id } = await douyinShop();
    expect((await app.call('channels.pollNow', { id }, token)).state).toBe('reauth');
    await app.call('channels.authorize', { id }, token);
    expect((await listed(app, token, id)).health.state).toBe('active');
    // A poll that read the empty token a moment before 授权 records its refusal only now.
    app.services.channels.poller.states.failed(id, NOW - 1, '尚未授权：授权令牌为空，请点击“授权”', 'reauth', null);
    clock.advance(MIN);
    expect((await app.services.channels.auth.refresher.tick()).size).toBe(0);
    expect(sim.oauth.tokenLog.map((t) => t.grant)).toEqual(['authorization_self']);
    expect((await listed(app, token, id)).health.state).toBe('active');
    expect((await app.call('channels.pollNow', { id }, token))).toMatchObject({ state: 'active', created: 20 });
  });

  it('a token the platform cut short stops the poll; the scheduler renews it at once and polling resumes', async () => {
    const { app, clock, token, sim, id } = await douyinShop();
    await app.call('channels.authorize', { id }, token);
    sim.oauth.expire(sim.oauth.issued[0]!.access);
    clock.advance(MIN);
    expect((await app.call('channels.pollNow', { id }, token)).state).toBe('reauth');
    clock.advance(MIN);
    expect((await app.services.channels.auth.refresher.tick()).get(id)).toBe('renewed');
    expect((await listed(app, token, id)).health.state).toBe('active');
    expect((await app.call('channels.pollNow', { id }, token)).state).toBe('active');
  });

  it('Youzan self-use: silent grant with grant_id, renewal by its refresh token', async () => {
    const { app, clock, token } = await setup();
    const sim = await startYouzanSim({ now: () => clock.now() });
    stops.push(() => sim.stop());
    sim.store.generate(5, { from: NOW - HOUR, to: NOW - 5 * MIN, seed: 5 });
    const ch = await app.call('channels.create', { kind: 'youzan', name: '有赞微商城', config: { ...sim.app, endpoint: sim.url, backfillFrom: NOW - 2 * HOUR } }, token);
    expect(await app.call('channels.authorize', { id: ch.id }, token)).toMatchObject({ mode: 'direct', accessExpiresAt: NOW + 7 * DAY });
    expect(sim.requests.find((r) => r.api === 'auth/token')!.params).toMatchObject({ authorize_type: 'silent', grant_id: sim.app.grant_id, refresh: 'true' });
    expect(await app.call('channels.pollNow', { id: ch.id }, token)).toMatchObject({ state: 'active', created: 5 });
    clock.set(app.services.channels.auth.store.get(ch.id)!.nextRenewalAt!);
    expect((await app.services.channels.auth.refresher.tick()).get(ch.id)).toBe('renewed');
    expect(sim.oauth.tokenLog.map((t) => t.grant)).toEqual(['silent', 'refresh_token']);
  });

  it('Shopify own store: the client-credentials grant, renewed by asking again before the day is out', async () => {
    const { app, clock, token } = await setup();
    const sim = await startShopifySim({ now: () => clock.now() });
    stops.push(() => sim.stop());
    sim.store.generate(4, { from: NOW - HOUR, to: NOW - 5 * MIN, seed: 6 });
    const ch = await app.call('channels.create', { kind: 'shopify', name: 'Sim Tea', config: { ...sim.app, endpoint: sim.url, backfillFrom: NOW - 2 * HOUR } }, token);
    expect(await app.call('channels.authorize', { id: ch.id }, token)).toMatchObject({ mode: 'direct', accessExpiresAt: NOW + 86_399_000 });
    expect(await app.call('channels.pollNow', { id: ch.id }, token)).toMatchObject({ state: 'active', created: 4 });
    const row = app.services.channels.auth.store.get(ch.id)!;
    expect(row).toMatchObject({ renewal: 'regrant', nextRenewalAt: NOW + 86_399_000 - Math.round(86_399_000 / 5) });
    clock.set(row.nextRenewalAt!);
    expect((await app.services.channels.auth.refresher.tick()).get(ch.id)).toBe('renewed');
    expect(sim.oauth.tokenLog.map((t) => t.grant)).toEqual(['client_credentials', 'client_credentials']);
  });

  it('a wrong app secret is refused with the platform’s words; an empty one is named before anything is sent', async () => {
    const { app, token } = await setup();
    const sim = await startShopifySim();
    stops.push(() => sim.stop());
    const bad = await app.call('channels.create', { kind: 'shopify', name: 'Wrong', config: { client_id: sim.app.client_id, client_secret: 'nope', endpoint: sim.url } }, token);
    const refused = await app.raw('channels.authorize', { id: bad.id }, token);
    expect(refused).toMatchObject({ error: { code: 'invalid_input' } });
    expect((refused as { error: { message: string } }).error.message).toMatch(/^平台拒绝了授权，请检查应用凭证：Shopify: client credentials refused \(HTTP 400\): invalid_client/);
    const empty = await app.call('channels.create', { kind: 'shopify', name: 'Empty', config: { client_id: sim.app.client_id, endpoint: sim.url } }, token);
    const before = sim.requests.length;
    const r = await app.raw('channels.authorize', { id: empty.id }, token);
    expect(r).toMatchObject({ error: { code: 'invalid_input', field: 'config.client_secret' } });
    expect((r as { error: { message: string } }).error.message).toContain('请先填写 Client Secret（在 Shopify Dev Dashboard');
    expect(sim.requests.length).toBe(before);
  });
});
