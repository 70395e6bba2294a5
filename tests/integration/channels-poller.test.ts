import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/kernel/clock';
import { rng } from '../sim/random';
import { FAKE_CONFIG, FakePlatform, order } from '../helpers/channel-fixtures';
import { allowCustomEndpoints } from '../helpers/custom-endpoints';
import { tempApp, type TempApp } from '../helpers/temp-app';

const NOW = Date.UTC(2026, 10, 21, 4, 0, 0);
const HOUR = 3600_000;
let app: TempApp;
let fake: FakePlatform;
let clock: ManualClock;
let token: string;

beforeEach(async () => {
  clock = new ManualClock(NOW);
  fake = new FakePlatform('taobao', undefined, rng(11));
  app = await tempApp({ channels: { connectorFor: () => fake, autostart: false, clock } });
  token = await app.login('owner');
  await allowCustomEndpoints(app, token);
});
afterEach(() => app.dispose());

const count = (sql: string, ...args: unknown[]) => app.services.db.sqlite.prepare(sql).pluck().get(...args) as number;
const shop = (config: Record<string, string | number> = {}) =>
  app.call('channels.create', { kind: 'taobao', name: '天猫旗舰店', config: { ...FAKE_CONFIG, backfillFrom: NOW - 6 * HOUR, ...config } }, token);
function seed(n: number, from: number, to: number): void {
  for (let i = 0; i < n; i++) fake.put(order(`T${i}`, { platformUpdatedAt: from + Math.floor(((to - from) * i) / n), buyer: { platformBuyerId: `b${i}` } }));
}

describe('poller', () => {
  it('backfills in windows the platform allows, overlapping, ending before now − lag, and the ledger has no gaps', async () => {
    seed(400, NOW - 6 * HOUR, NOW - 2 * 60_000);
    const ch = await shop();
    const r = await app.call('channels.pollNow', { id: ch.id }, token);
    expect(r).toMatchObject({ created: 400, quarantined: 0, state: 'active' });
    expect(r.windows).toBeGreaterThanOrEqual(12);
    expect(count('SELECT COUNT(*) FROM orders')).toBe(400);
    for (const w of fake.windows) {
      expect(w.to - w.from).toBeLessThanOrEqual(fake.limits.maxWindowMs);
      expect(w.to).toBeLessThanOrEqual(NOW - fake.limits.endLagMs);
    }
    const starts = [...new Set(fake.windows.map((w) => w.from))].sort((a, b) => a - b);
    const ends = [...new Set(fake.windows.map((w) => w.to))].sort((a, b) => a - b);
    for (let i = 1; i < starts.length; i++) expect(starts[i]).toBe(ends[i - 1]! - fake.limits.overlapMs);
    const cov = await app.call('channels.coverage', { id: ch.id, from: NOW - 7 * HOUR, to: NOW }, token);
    expect(cov.gaps).toBe(0);
    expect(cov.days.flatMap((d) => d.windows).length).toBe(r.windows);
    const [listed] = await app.call('channels.list', {}, token);
    expect(listed!.health).toMatchObject({ state: 'active', lastSuccessAt: NOW, backfill: null, gaps: 0 });
    // Nothing new: the next poll only looks at the tail and changes nothing.
    clock.advance(60_000);
    fake.windows.length = 0;
    expect(await app.call('channels.pollNow', { id: ch.id }, token)).toMatchObject({ created: 0, updated: 0 });
    expect(fake.windows.length).toBe(1);
  });

  it('honours rate limits and 5xx with backoff and still gets every order once', async () => {
    seed(120, NOW - 2 * HOUR, NOW - 5 * 60_000);
    fake.faults.push('rate_limit', 'http500', 'truncated', 'rate_limit');
    const ch = await shop({ backfillFrom: NOW - 2 * HOUR });
    const before = clock.now();
    const r = await app.call('channels.pollNow', { id: ch.id }, token);
    expect(r.error).toBeUndefined();
    expect(count('SELECT COUNT(*) FROM orders')).toBe(120);
    expect(clock.now() - before).toBeGreaterThanOrEqual(2000); // waited out two 1 s bans at least
  });

  it('stops a channel whose session expired in a clear re-authorise state instead of hammering', async () => {
    seed(10, NOW - HOUR, NOW - 5 * 60_000);
    const ch = await shop({ session: 'expired' });
    const r = await app.call('channels.pollNow', { id: ch.id }, token);
    expect(r.state).toBe('reauth');
    expect(r.error).toContain('重新授权');
    const requests = fake.requests;
    clock.advance(10 * 60_000);
    app.services.channels.poller.tick();
    await new Promise((res) => setTimeout(res, 50));
    expect(fake.requests).toBe(requests); // no retries while waiting for a new token
    const [listed] = await app.call('channels.list', {}, token);
    expect(listed!.health).toMatchObject({ state: 'reauth', nextPollAt: null });
    expect(listed!.health.lastError).toContain('SessionKey非法');
    await app.call('channels.update', { id: ch.id, config: { session: 'good-session' } }, token);
    expect(await app.call('channels.pollNow', { id: ch.id }, token)).toMatchObject({ state: 'active', created: 10 });
  });

  it('a refusal of the old token that lands after a new one was saved starts the poll over with the new token', async () => {
    seed(10, NOW - HOUR, NOW - 5 * 60_000);
    const ch = await shop({ session: 'expired' });
    let release!: () => void;
    fake.gate = new Promise((r) => (release = r));
    const polling = app.call('channels.pollNow', { id: ch.id }, token);
    await expect.poll(() => fake.requests).toBe(1);
    await app.call('channels.update', { id: ch.id, config: { session: 'good-session' } }, token);
    fake.gate = null;
    release();
    expect(await polling).toMatchObject({ state: 'active', created: 10 });
    const [listed] = await app.call('channels.list', {}, token);
    expect(listed!.health).toMatchObject({ state: 'active', lastError: null });
  });

  it('records a window whose count disagrees with the platform as a gap and re-fetches it', async () => {
    seed(150, NOW - HOUR, NOW - 50 * 60_000);
    const ch = await shop({ backfillFrom: NOW - HOUR });
    fake.faults.push('repeat' as never);
    // The first request of the first window is page 1: queue the repeat for page 2 instead.
    fake.faults.unshift(undefined as never);
    await app.call('channels.pollNow', { id: ch.id }, token);
    const cov = await app.call('channels.coverage', { id: ch.id, from: NOW - 2 * HOUR, to: NOW }, token);
    expect(cov.gaps).toBe(1);
    expect((await app.call('channels.list', {}, token))[0]!.health.gaps).toBe(1);
    expect(count('SELECT COUNT(*) FROM orders')).toBe(149);
    clock.advance(60_000);
    await app.call('channels.pollNow', { id: ch.id }, token);
    expect(count('SELECT COUNT(*) FROM orders')).toBe(150);
    expect((await app.call('channels.coverage', { id: ch.id, from: NOW - 2 * HOUR, to: NOW + HOUR }, token)).gaps).toBe(0);
  });

  it('catches up after the PC was off, from the cursor', async () => {
    seed(50, NOW - HOUR, NOW - 5 * 60_000);
    const ch = await shop({ backfillFrom: NOW - HOUR });
    await app.call('channels.pollNow', { id: ch.id }, token);
    // Off for 5 hours; 200 orders arrive meanwhile.
    for (let i = 0; i < 200; i++) fake.put(order(`L${i}`, { platformUpdatedAt: NOW + 10 * 60_000 + i * 80_000 }));
    clock.advance(5 * HOUR);
    expect((await app.call('channels.list', {}, token))[0]!.health.backfill).not.toBeNull();
    expect(await app.call('channels.pollNow', { id: ch.id }, token)).toMatchObject({ created: 200 });
    expect((await app.call('channels.list', {}, token))[0]!.health.backfill).toBeNull();
  });

  it('never returns a secret from any channels call', async () => {
    const ch = await shop();
    await app.call('channels.update', { id: ch.id, name: '改名', config: { app_secret: '' } }, token);
    const outputs = [
      ch,
      await app.call('channels.list', {}, token),
      await app.call('channels.kinds', {}, token),
      await app.call('channels.update', { id: ch.id, config: { pollIntervalSeconds: 30 } }, token),
      await app.call('channels.pause', { id: ch.id }, token),
      await app.call('channels.resume', { id: ch.id }, token),
      await app.call('channels.test', { id: ch.id }, token),
      await app.call('channels.pollNow', { id: ch.id }, token),
      await app.call('channels.coverage', { id: ch.id, from: NOW - HOUR, to: NOW }, token),
      await app.call('channels.quarantine', { id: ch.id, includeResolved: true }, token),
      await app.call('channels.unmapped', { id: ch.id }, token),
    ];
    const json = JSON.stringify(outputs);
    expect(json).not.toContain(FAKE_CONFIG.app_secret);
    expect(json).not.toContain(FAKE_CONFIG.session);
    expect(ch.secretsSet).toEqual(['app_secret', 'session']);
    expect(ch.config).toMatchObject({ app_key: FAKE_CONFIG.app_key, endpoint: FAKE_CONFIG.endpoint });
    // Stored sealed: the database file never holds the secret in the clear.
    const row = app.services.db.sqlite.prepare('SELECT c.config_json || s.sealed FROM channels c JOIN channel_secrets s ON s.channel_id = c.id').pluck().get() as string;
    expect(row).not.toContain(FAKE_CONFIG.app_secret);
    const audit = app.services.db.sqlite.prepare('SELECT GROUP_CONCAT(after_json) FROM audit_log').pluck().get() as string;
    expect(audit).not.toContain(FAKE_CONFIG.app_secret);
    // An empty secret on update kept the stored one: the connector still authenticates.
    expect((await app.call('channels.test', { id: ch.id }, token)).ok).toBe(true);
  });

  it('a 2-hour live run compressed in time, with faults on every kind, ends with nothing missed or doubled', async () => {
    const r = rng(5);
    fake.faultRate = 0.25;
    const ch = await shop({ backfillFrom: NOW - 10 * 60_000, pollIntervalSeconds: 60 });
    let n = 0;
    const end = NOW + 2 * HOUR;
    while (clock.now() < end) {
      // Each minute: new orders, and some existing ones change (status moves, modified time moves).
      for (let i = 0; i < 5; i++) fake.put(order(`R${n++}`, { platformUpdatedAt: clock.now() - Math.floor(r() * 30_000), buyer: { platformBuyerId: `rb${n}` } }));
      for (let i = 0; i < 3 && n > 10; i++) {
        const o = fake.orders.get(`R${Math.floor(r() * n)}`)!;
        fake.put({ ...o, phase: 'shipped', platformStatus: 'WAIT_BUYER_CONFIRM_GOODS', platformUpdatedAt: clock.now() - Math.floor(r() * 20_000) });
      }
      await app.services.channels.poller.pollNow(ch.id);
      clock.advance(60_000);
    }
    fake.faultRate = 0;
    clock.advance(10 * 60_000);
    await app.services.channels.poller.pollNow(ch.id);
    expect(count('SELECT COUNT(*) FROM orders')).toBe(fake.orders.size);
    expect(count('SELECT COUNT(DISTINCT platform_order_id) FROM orders')).toBe(fake.orders.size);
    const stored = new Map((app.services.db.sqlite.prepare('SELECT platform_order_id AS id, status, platform_phase AS phase, platform_updated_at AS at FROM orders').all() as { id: string; status: string; phase: string; at: number }[]).map((x) => [x.id, x]));
    // The platform's word is stored as it last said; our status followed it through the machine (shipped on the platform → 已发货).
    for (const o of fake.orders.values()) {
      expect(stored.get(o.platformOrderId)).toMatchObject({ phase: o.phase, at: o.platformUpdatedAt, status: o.phase === 'shipped' ? 'shipped' : 'pending_review' });
    }
    expect((await app.call('channels.coverage', { id: ch.id, from: NOW - HOUR, to: end + HOUR }, token)).gaps).toBe(0);
  });

  it('keeps one poll in flight per channel and schedules the next one on its interval with jitter', async () => {
    seed(20, NOW - HOUR, NOW - 5 * 60_000);
    const ch = await shop({ backfillFrom: NOW - HOUR, pollIntervalSeconds: 30 });
    let inFlight = 0;
    let most = 0;
    const fetchPage = fake.fetchPage.bind(fake);
    fake.fetchPage = async (...args) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      try {
        return await fetchPage(...args);
      } finally {
        inFlight--;
      }
    };
    const poller = app.services.channels.poller;
    poller.tick();
    poller.tick(); // already polling: not started twice
    const [a, b] = await Promise.all([poller.pollNow(ch.id), poller.pollNow(ch.id)]);
    expect(most).toBe(1);
    expect(a.created + b.created).toBeLessThanOrEqual(20);
    expect(count('SELECT COUNT(*) FROM orders')).toBe(20);
    const next = poller.states.get(ch.id).nextPollAt! - clock.now();
    expect(next).toBeGreaterThanOrEqual(27_000);
    expect(next).toBeLessThanOrEqual(33_000);
    // Not due yet: a tick does nothing; due: it polls.
    const before = fake.requests;
    poller.tick();
    expect(poller.isPolling(ch.id)).toBe(false);
    clock.advance(next);
    poller.tick();
    expect(poller.isPolling(ch.id)).toBe(true);
    await poller.pollNow(ch.id);
    expect(fake.requests).toBeGreaterThan(before);
  });

  it('fetches the older stretch when the backfill start is moved earlier', async () => {
    seed(100, NOW - 10 * HOUR, NOW - 5 * 60_000);
    const ch = await shop({ backfillFrom: NOW - 2 * HOUR });
    await app.call('channels.pollNow', { id: ch.id }, token);
    const first = count('SELECT COUNT(*) FROM orders');
    expect(first).toBeLessThan(30);
    await app.call('channels.update', { id: ch.id, config: { backfillFrom: NOW - 11 * HOUR } }, token);
    clock.advance(60_000);
    await app.call('channels.pollNow', { id: ch.id }, token);
    expect(count('SELECT COUNT(*) FROM orders')).toBe(100);
    expect((await app.call('channels.coverage', { id: ch.id, from: NOW - 12 * HOUR, to: NOW + HOUR }, token)).gaps).toBe(0);
    for (const w of fake.windows) expect(w.to - w.from).toBeLessThanOrEqual(fake.limits.maxWindowMs);
  });

  it('refuses a shop without its secret, or with a field the platform does not have, naming the field', async () => {
    const missing = await app.raw('channels.create', { kind: 'taobao', name: '缺密钥', config: { app_key: 'k', session: 'good-session' } }, token);
    expect(missing).toMatchObject({ error: { code: 'invalid_input', field: 'config.app_secret', message: '请填写 App Secret' } });
    const unknown = await app.raw('channels.create', { kind: 'taobao', name: '多字段', config: { ...FAKE_CONFIG, password: 'x' } }, token);
    expect(unknown).toMatchObject({ error: { code: 'invalid_input', field: 'config.password' } });
    expect(count('SELECT COUNT(*) FROM channels')).toBe(0);
    const service = await app.login('service');
    expect(await app.raw('channels.list', {}, service)).toMatchObject({ error: { code: 'forbidden' } });
    const ops = await app.login('ops');
    expect(await app.raw('channels.create', { kind: 'taobao', name: '运营加的店', config: FAKE_CONFIG }, ops)).toHaveProperty('data');
  });
});
