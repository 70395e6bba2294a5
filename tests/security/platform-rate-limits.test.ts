import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { douyinConnector } from '../../src-main/channels/douyin/connector';
import { pddConnector } from '../../src-main/channels/pdd/connector';
import { taobaoConnector } from '../../src-main/channels/taobao/connector';
import type { Connector } from '../../src-main/channels/connector';
import { ManualClock } from '../../src-main/kernel/clock';
import type { FaultKind, FaultOptions } from '../sim/faults';
import type { SimLogEntry } from '../sim/sim-server';
import { startDouyinSim } from '../sim/douyin';
import { startPddSim } from '../sim/pdd';
import { startTaobaoSim } from '../sim/taobao';
import { expectKind, simContext } from '../helpers/connector-calls';
import { allowCustomEndpoints } from '../helpers/custom-endpoints';
import { tempApp, type TempApp } from '../helpers/temp-app';

/**
 * Issue #8 item 21, replayed against the simulators: a Douyin shop under occasional rate
 * limiting gained almost nothing per poll, because a "too frequent" answer in the shape of a
 * business failure (50002 + isp.* sub-code, or words) ended the poll at once. Every way each
 * platform says "too frequent" must be a rate limit (retried after a pause), and an error code
 * nobody documented is retried a few times with backoff before the poll stops.
 */
interface Sim {
  url: string;
  credentials: Record<string, string>;
  store: { generate(n: number, o: { from: number; to: number; seed?: number }): { id: string }[] };
  requests: SimLogEntry[];
  misbehave(kind: FaultKind, o?: FaultOptions): void;
  clearFaults(kind?: FaultKind): void;
  stop(): Promise<void>;
}
const MIN = 60_000;
const clock = new ManualClock(Math.floor(Date.now() / 1000) * 1000);
const open: Sim[] = [];
const start = async (s: Promise<unknown>) => {
  const sim = (await s) as Sim;
  open.push(sim);
  return sim;
};
afterEach(async () => {
  for (const s of open.splice(0)) await s.stop();
});

const PLATFORMS: { kind: 'douyin' | 'pdd' | 'taobao'; connector: Connector; start: () => Promise<Sim>; variants: (string | undefined)[] }[] = [
  { kind: 'douyin', connector: douyinConnector, start: () => start(startDouyinSim({ now: () => clock.now() })), variants: [undefined, 'business_isp', 'business_words'] },
  { kind: 'pdd', connector: pddConnector, start: () => start(startPddSim({ now: () => clock.now() })), variants: [undefined, 'other_code'] },
  { kind: 'taobao', connector: taobaoConnector, start: () => start(startTaobaoSim({ now: () => clock.now() })), variants: [undefined, 'frequency', 'isp'] },
];

describe('every way a platform says "too frequent" is a rate limit', () => {
  for (const p of PLATFORMS) {
    it(`${p.kind}: ${p.variants.map((v) => v ?? 'documented').join(', ')} → rate_limited; an undocumented code → unknown`, async () => {
      const sim = await p.start();
      const ctx = simContext(sim.url, sim.credentials, () => clock.now());
      const w = { from: clock.now() - 30 * MIN, to: clock.now() - 5 * MIN };
      for (const variant of p.variants) {
        sim.misbehave('rate_limit', { times: 1, ...(variant ? { variant } : {}) });
        const e = await expectKind(p.connector.fetchPage(ctx, w, null), 'rate_limited');
        expect(e.detail.retryAfterMs, variant).toBeGreaterThan(0);
        await p.connector.fetchPage(ctx, w, null); // the next call goes through
      }
      sim.misbehave('unknown_error', { times: 1 });
      await expectKind(p.connector.fetchPage(ctx, w, null), 'unknown');
      expect(sim.requests.filter((r) => r.fault).map((r) => r.fault)).toEqual([...p.variants.map(() => 'rate_limit'), 'unknown_error']);
    });
  }
});

describe('the poller', () => {
  let app: TempApp;
  let token: string;
  beforeEach(async () => {
    app = await tempApp({ channels: { autostart: false, clock } });
    token = await app.login('owner');
    await allowCustomEndpoints(app, token);
  });
  afterEach(() => app.dispose());

  const addShop = async (kind: 'douyin' | 'pdd' | 'taobao', sim: Sim, backfillMs: number) =>
    app.call('channels.create', { kind, name: `${kind} 店`, config: { ...sim.credentials, endpoint: sim.url, backfillFrom: clock.now() - backfillMs } }, token);

  it('a Douyin shop rate-limited on a third of its calls, in both business-failure shapes, fetches its whole backlog in one poll', async () => {
    const sim = await PLATFORMS[0]!.start();
    const made = sim.store.generate(400, { from: clock.now() - 6 * 60 * MIN, to: clock.now() - 5 * MIN, seed: 9 });
    sim.misbehave('rate_limit', { probability: 0.2, variant: 'business_isp' });
    sim.misbehave('rate_limit', { probability: 0.15, variant: 'business_words' });
    const shop = await addShop('douyin', sim, 6 * 60 * MIN);
    const r = await app.call('channels.pollNow', { id: shop.id }, token);
    expect(r.error).toBeUndefined();
    expect(r.state).toBe('active');
    expect(r.created).toBe(made.length);
    expect(r.windows).toBeGreaterThanOrEqual(12); // six hours in 30-minute windows, all committed
    const limited = sim.requests.filter((q) => q.fault === 'rate_limit').length;
    expect(limited).toBeGreaterThan(5); // the answers really came, and were waited out
    const count = app.services.db.sqlite.prepare('SELECT count(*) FROM orders WHERE channel_id = ?').pluck().get(shop.id);
    expect(count).toBe(made.length);
  });

  it('an unknown error code is retried with growing pauses; the poll goes on when it clears', async () => {
    const sim = await PLATFORMS[0]!.start();
    const made = sim.store.generate(20, { from: clock.now() - 25 * MIN, to: clock.now() - 5 * MIN, seed: 4 });
    const shop = await addShop('douyin', sim, 30 * MIN);
    sim.misbehave('unknown_error', { times: 2 });
    const r = await app.call('channels.pollNow', { id: shop.id }, token);
    expect(r.error).toBeUndefined();
    expect(r.created).toBe(made.length);
    const list = sim.requests.filter((q) => q.api === 'order.searchList');
    expect(list.slice(0, 3).map((q) => q.fault ?? 'ok')).toEqual(['unknown_error', 'unknown_error', 'ok']);
    const pauses = [list[1]!.at - list[0]!.at, list[2]!.at - list[1]!.at];
    expect(pauses[0]).toBeGreaterThan(0);
    expect(pauses[1]).toBeGreaterThanOrEqual(pauses[0]!); // backoff: 250–500 ms, then 500–1000 ms
  });

  it('an unknown error code that persists stops the poll after three tries, kept for a later poll, not for re-authorisation', async () => {
    const sim = await PLATFORMS[2]!.start();
    sim.store.generate(20, { from: clock.now() - 25 * MIN, to: clock.now() - 5 * MIN, seed: 5 });
    const shop = await addShop('taobao', sim, 30 * MIN);
    sim.misbehave('unknown_error', { times: 50 });
    const r = await app.call('channels.pollNow', { id: shop.id }, token);
    expect(r.state).toBe('error');
    expect(r.error).toContain('未知错误');
    expect(r.error).toContain('99');
    expect(sim.requests.filter((q) => q.fault === 'unknown_error')).toHaveLength(3);
    const health = (await app.call('channels.list', {}, token)).find((c) => c.id === shop.id)!.health;
    expect(health.nextPollAt).toBeGreaterThan(clock.now()); // tried again later, by itself
    // Once the platform answers normally again, the next poll fetches everything.
    sim.clearFaults();
    expect((await app.call('channels.pollNow', { id: shop.id }, token)).created).toBe(20);
  });
});
