import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/kernel/clock';
import type { ChannelKind } from '../../src-shared/orders';
import type { FaultKind, FaultOptions } from '../sim/faults';
import { rng } from '../sim/random';
import { startDouyinSim } from '../sim/douyin';
import { startGenericSim } from '../sim/generic';
import { startJdSim } from '../sim/jd';
import { startPddSim } from '../sim/pdd';
import { startShopifySim } from '../sim/shopify';
import { startTaobaoSim } from '../sim/taobao';
import { startYouzanSim } from '../sim/youzan';
import { allowCustomEndpoints } from '../helpers/custom-endpoints';
import { tempApp, type TempApp } from '../helpers/temp-app';

interface AnySim {
  url: string;
  credentials: Record<string, string>;
  store: { generate(n: number, o: { from: number; to: number; seed?: number }): { id: string }[]; advance(id: string, at?: number): { id: string; modifiedAt: number }; all(): { id: string; modifiedAt: number }[] };
  requests: { fault?: string | undefined }[];
  misbehave(kind: FaultKind, o?: FaultOptions): void;
  clearFaults(kind?: FaultKind): void;
  stop(): Promise<void>;
}
type Start = (o: { now: () => number; seed: number }) => Promise<unknown>;
const STARTS: [ChannelKind, Start][] = [
  ['taobao', startTaobaoSim], ['jd', startJdSim], ['pdd', startPddSim], ['douyin', startDouyinSim],
  ['youzan', startYouzanSim], ['shopify', startShopifySim], ['generic', startGenericSim],
];
const FAULTS: FaultKind[] = ['rate_limit', 'http_500', 'truncated_json', 'repeat_across_pages', 'change_between_pages'];
const STEP = 2 * 60_000;
const HOURS = 2;

const clock = new ManualClock(Math.floor(Date.now() / 1000) * 1000);
const sims = new Map<ChannelKind, AnySim>();
const channelOf = new Map<ChannelKind, string>();
let app: TempApp;

beforeAll(async () => {
  app = await tempApp({ channels: { autostart: false, clock, maxAttempts: 8 } });
  const token = await app.login('owner');
  await allowCustomEndpoints(app, token);
  for (const [kind, start] of STARTS) {
    const sim = (await start({ now: () => clock.now(), seed: 17 })) as AnySim;
    sims.set(kind, sim);
    sim.store.generate(30, { from: clock.now() - 20 * 60_000, to: clock.now() - 4 * 60_000, seed: 17 });
    const ch = await app.call('channels.create', { kind, name: `${kind} 店`, config: { ...sim.credentials, endpoint: sim.url, backfillFrom: clock.now() - 30 * 60_000 } }, token);
    channelOf.set(kind, ch.id);
  }
}, 60_000);
afterAll(async () => {
  for (const s of sims.values()) await s.stop();
  app?.dispose();
});

describe('fault run: every simulator misbehaving', () => {
  it(`a ${HOURS}-hour live run compressed in time ends with zero missed and zero duplicated orders`, async () => {
    const r = rng(23);
    for (const sim of sims.values()) for (const f of FAULTS) sim.misbehave(f, { probability: 0.04, banSeconds: 2 });
    const end = clock.now() + HOURS * 3600_000;
    let step = 0;
    while (clock.now() < end) {
      const now = clock.now();
      for (const sim of sims.values()) {
        // New orders with modified times in the last step, and some older ones moving on (paid → shipped → …).
        sim.store.generate(4, { from: now - STEP + 1000, to: now, seed: 1000 + step });
        const all = sim.store.all();
        for (let i = 0; i < 2; i++) sim.store.advance(all[Math.floor(r() * all.length)]!.id, Math.floor((now - r() * 60_000) / 1000) * 1000);
      }
      for (const id of channelOf.values()) await app.services.channels.poller.pollNow(id);
      clock.advance(STEP);
      step++;
    }
    // The faults stop; the next polls (past every platform's end lag) settle what is left.
    for (const sim of sims.values()) sim.clearFaults();
    clock.advance(10 * 60_000);
    for (const id of channelOf.values()) await app.services.channels.poller.pollNow(id);

    const db = app.services.db.sqlite;
    const failures: string[] = [];
    for (const [kind, sim] of sims) {
      const chId = channelOf.get(kind)!;
      const rows = db.prepare('SELECT platform_order_id AS id, platform_updated_at AS at FROM orders WHERE channel_id = ?').all(chId) as { id: string; at: number }[];
      const stored = new Map(rows.map((x) => [x.id, x.at]));
      const quarantined = db.prepare('SELECT COUNT(*) FROM channel_quarantine WHERE channel_id = ? AND resolved_at IS NULL').pluck().get(chId) as number;
      const model = sim.store.all();
      const missing = model.filter((o) => !stored.has(o.id)).length;
      const stale = model.filter((o) => stored.has(o.id) && Math.floor(stored.get(o.id)! / 1000) !== Math.floor(o.modifiedAt / 1000)).length;
      const extra = rows.length - (model.length - missing);
      if (missing || stale || extra || quarantined || rows.length !== stored.size) failures.push(`${kind}: ${model.length} on the platform, missing ${missing}, stale ${stale}, extra ${extra}, quarantined ${quarantined}`);
      const state = app.services.channels.poller.states.get(chId);
      const gaps = app.services.channels.ledger.gaps(chId, state.backfillFrom!, state.cursorAt!, 100, state.backfillFrom!);
      if (gaps.length) failures.push(`${kind}: ${gaps.length} coverage gaps left`);
    }
    expect(failures).toEqual([]);
    // Not vacuous: every simulator really misbehaved, many times.
    const faulted = [...sims].map(([kind, s]) => [kind, s.requests.filter((q) => q.fault).length] as const);
    for (const [kind, n] of faulted) expect(n, `${kind} faults served`).toBeGreaterThanOrEqual(3);
  }, 600_000);
});
