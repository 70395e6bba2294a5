import { afterEach, describe, expect, it } from 'vitest';
import type { Connector } from '../../src-main/channels/connector';
import { CONNECTORS } from '../../src-main/channels/registry';
import type { ChannelKind } from '../../src-shared/orders';
import { simContext } from '../helpers/connector-calls';
import { fetchAll } from '../sim/fetch-all';
import { startDouyinSim } from '../sim/douyin';
import { startGenericSim } from '../sim/generic';
import { startJdSim } from '../sim/jd';
import { startPddSim } from '../sim/pdd';
import { startShopifySim } from '../sim/shopify';
import { startTaobaoSim } from '../sim/taobao';
import { startYouzanSim } from '../sim/youzan';

/**
 * `connector.normalize(raw)` is what re-processing trusts: for every platform, re-reading the
 * verbatim payload fetchPage kept must give exactly the result fetchPage produced — good
 * orders and a broken one alike — and text that is no order at all comes back as a refusal.
 */

const HOUR = 3600_000;
interface Sim {
  url: string;
  credentials: Record<string, string>;
  store: { generate(n: number, o: { from: number; to: number; seed: number }): { id: string }[] };
  corrupt(id: string, patch: (w: Record<string, any>) => void): void;
  stop(): Promise<void>;
}
const SIMS: [ChannelKind, (now: () => number) => Promise<Sim>, (w: Record<string, any>) => void][] = [
  ['taobao', (now) => startTaobaoSim({ now }), (w) => { w.payment = '12.3.4'; }],
  ['pdd', (now) => startPddSim({ now }), (w) => { w.pay_amount = 'abc'; }],
  ['douyin', (now) => startDouyinSim({ now }), (w) => { w.create_time = 'yesterday'; }],
  ['jd', (now) => startJdSim({ now }), (w) => { w.orderTotalPrice = '1.2.3'; }],
  ['youzan', (now) => startYouzanSim({ now }), (w) => { w.full_order_info.order_info.created = 'not a time'; }],
  ['shopify', (now) => startShopifySim({ now }), (w) => { w.created_at = 'not a time'; }],
  ['generic', (now) => startGenericSim({ now }), (w) => { w.created_at = 'not a time'; }],
];

let sim: Sim | null = null;
afterEach(async () => {
  await sim?.stop();
  sim = null;
});

describe('Connector.normalize(raw) round trip', () => {
  it('every platform has a connector with normalize', () => {
    expect(Object.keys(CONNECTORS).sort()).toEqual(SIMS.map(([k]) => k).sort());
  });

  for (const [kind, start, breakIt] of SIMS) {
    it(`${kind}: normalize(fetched.raw) equals what fetchPage produced`, async () => {
      const now = Date.now();
      const s = (sim = await start(() => now));
      const made = s.store.generate(25, { from: now - 3 * HOUR, to: now - 15 * 60_000, seed: 21 });
      s.corrupt(made[7]!.id, breakIt);
      const conn = CONNECTORS[kind] as Connector;
      const { items } = await fetchAll(conn, simContext(s.url, s.credentials, () => now), now - 3 * HOUR, now - 10 * 60_000);
      expect(items).toHaveLength(25);
      expect(items.filter((i) => !i.result.ok).map((i) => i.platformOrderId)).toEqual([made[7]!.id]);
      // Douyin checks the order's shop against the configured shop_id: give it the same settings.
      const settings = kind === 'douyin' ? { shop_id: s.credentials.shop_id! } : undefined;
      for (const item of items) expect(conn.normalize(item.raw, settings)).toEqual(item.result);
      // Ids survive as exact strings (Taobao's 19-digit tids and Shopify's int64 ids included).
      for (const item of items.filter((i) => i.result.ok)) {
        const r = conn.normalize(item.raw);
        expect(r.ok && r.order.platformOrderId).toBe(item.platformOrderId);
      }

      // Never throws: a truncated payload or one that is not an order is a refusal with a reason.
      const cut = conn.normalize(items[0]!.raw.slice(0, 40));
      expect(cut).toMatchObject({ ok: false, field: '(payload)' });
      expect(cut.ok || cut.reason).toMatch(/not valid JSON/);
      expect(conn.normalize('[1,2]')).toMatchObject({ ok: false });
      expect(conn.normalize('{}')).toMatchObject({ ok: false });
    });
  }

  it('douyin checks shop_id only when given the settings; generic applies the status_map it is given', async () => {
    const now = Date.now();
    const d = (sim = await startDouyinSim({ now: () => now }));
    d.store.generate(1, { from: now - HOUR, to: now - 15 * 60_000, seed: 3 });
    const douyin = CONNECTORS.douyin!;
    const [order] = (await fetchAll(douyin, simContext(d.url, d.credentials, () => now), now - HOUR, now - 10 * 60_000)).items;
    expect(douyin.normalize(order!.raw)).toMatchObject({ ok: true });
    expect(douyin.normalize(order!.raw, { shop_id: '11111111' })).toMatchObject({ ok: false, field: 'shop_id', value: d.credentials.shop_id });
    await d.stop();

    const g = (sim = await startGenericSim({ now: () => now }));
    const [made] = g.store.generate(1, { from: now - HOUR, to: now - 15 * 60_000, seed: 3 });
    g.corrupt(made!.id, (w) => { w.status = '待自提'; });
    const generic = CONNECTORS.generic!;
    const [item] = (await fetchAll(generic, simContext(g.url, g.credentials, () => now), now - HOUR, now - 10 * 60_000)).items;
    expect(generic.normalize(item!.raw)).toMatchObject({ ok: true, order: { platformStatus: '待自提', phase: null } });
    expect(generic.normalize(item!.raw, { status_map: '{"待自提":"to_ship"}' })).toMatchObject({ ok: true, order: { phase: 'paid' } });
    expect(generic.normalize(item!.raw, { status_map: 'not json' })).toMatchObject({ ok: false, field: 'status_map' });
  });
});
