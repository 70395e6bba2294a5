import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlatformPhase } from '../../src-shared/orders';
import { startDouyinSim } from '../sim/douyin';
import { startGenericSim } from '../sim/generic';
import { startJdSim } from '../sim/jd';
import { startPddSim } from '../sim/pdd';
import { startShopifySim } from '../sim/shopify';
import { startTaobaoSim } from '../sim/taobao';
import { startYouzanSim } from '../sim/youzan';
import { allowCustomEndpoints } from '../helpers/custom-endpoints';
import { tempApp, type TempApp } from '../helpers/temp-app';

/**
 * "Re-process after a dictionary or code fix" for every platform: the real connector polls its
 * simulator, one order arrives with a status word nobody documented (held, flagged), then the
 * dictionary learns the word and `channels.reprocess` re-reads the stored raw payload through
 * `connector.normalize` — the order is there once, with the right status, nothing doubled.
 */

// The dictionary "fix": words added here win over the data files (which a test must not edit).
const learned = vi.hoisted(() => new Map<string, Map<string, string>>());
vi.mock('../../src-main/channels/status-dictionary', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src-main/channels/status-dictionary')>();
  return {
    ...real,
    statusDictionary: (platform: string) => {
      const dict = real.statusDictionary(platform);
      return {
        ...dict,
        map: (raw: string, refund?: string | null) => (learned.get(platform)?.get(raw) as PlatformPhase | undefined) ?? dict.map(raw, refund),
      };
    },
  };
});

const HOUR = 3600_000;
type Wire = Record<string, any>;
interface Sim {
  url: string;
  credentials: Record<string, string>;
  store: { generate(n: number, o: { from: number; to: number; seed: number }): { id: string }[] };
  corrupt(id: string, patch: (w: Wire) => void): void;
  stop(): Promise<void>;
}
interface Case {
  kind: 'taobao' | 'pdd' | 'douyin' | 'jd' | 'youzan' | 'shopify' | 'generic';
  start: () => Promise<Sim>;
  /** Puts an undocumented status word into the order's wire form. */
  unknown: (w: Wire) => void;
  /** The status key the platform's normaliser looks up for that word. */
  word: string;
  /** A field the normaliser refuses, for the quarantine half. */
  breakIt: (w: Wire) => void;
}

const CASES: Case[] = [
  { kind: 'taobao', start: () => startTaobaoSim(), unknown: (w) => { w.status = 'WAIT_NEW_THING'; }, word: 'WAIT_NEW_THING', breakIt: (w) => { w.payment = '12.3.4'; } },
  { kind: 'pdd', start: () => startPddSim(), unknown: (w) => { w.order_status = 77; }, word: '77', breakIt: (w) => { w.pay_amount = 'abc'; } },
  { kind: 'douyin', start: () => startDouyinSim(), unknown: (w) => { w.order_status = 77; }, word: '77', breakIt: (w) => { w.create_time = 'yesterday'; } },
  { kind: 'jd', start: () => startJdSim(), unknown: (w) => { w.orderState = 'WAIT_NEW_THING'; }, word: 'WAIT_NEW_THING', breakIt: (w) => { w.orderTotalPrice = '1.2.3'; } },
  {
    kind: 'youzan', start: () => startYouzanSim(), word: 'WAIT_NEW_THING',
    unknown: (w) => { w.full_order_info.order_info.status = 'WAIT_NEW_THING'; delete w.full_order_info.order_info.refund_state; },
    breakIt: (w) => { w.full_order_info.order_info.created = 'not a time'; },
  },
  {
    kind: 'shopify', start: () => startShopifySim(), word: 'authorized_later|unfulfilled',
    unknown: (w) => { w.financial_status = 'authorized_later'; w.fulfillment_status = null; w.cancelled_at = null; },
    breakIt: (w) => { w.created_at = 'not a time'; },
  },
  { kind: 'generic', start: () => startGenericSim(), unknown: (w) => { w.status = 'awaiting_courier'; }, word: 'awaiting_courier', breakIt: (w) => { w.created_at = 'not a time'; } },
];

let app: TempApp;
let token: string;
let sim: Sim | null = null;

beforeEach(async () => {
  learned.clear();
  app = await tempApp({ channels: { autostart: false } });
  token = await app.login('owner');
  await allowCustomEndpoints(app, token);
});
afterEach(async () => {
  await sim?.stop();
  sim = null;
  app.dispose();
});

const one = <T>(sql: string, ...args: unknown[]) => app.services.db.sqlite.prepare(sql).get(...args) as T;
const count = (sql: string, ...args: unknown[]) => app.services.db.sqlite.prepare(sql).pluck().get(...args) as number;

async function pollShop(c: Case, s: Sim, extra: Record<string, string> = {}) {
  const ch = await app.call('channels.create', {
    kind: c.kind, name: `${c.kind} 店`,
    config: { ...s.credentials, ...extra, endpoint: s.url, backfillFrom: Date.now() - 2 * HOUR },
  }, token);
  const r = await app.call('channels.pollNow', { id: ch.id }, token);
  return { ch, r };
}

describe('channels.reprocess re-reads stored payloads for every platform', () => {
  for (const c of CASES) {
    it(`${c.kind}: an order held for an unmapped status gets its status once the word is known; a broken payload stays quarantined`, async () => {
      sim = await c.start();
      const now = Date.now();
      const made = sim.store.generate(6, { from: now - 90 * 60_000, to: now - 20 * 60_000, seed: 5 });
      const heldId = made[1]!.id;
      const badId = made[3]!.id;
      sim.corrupt(heldId, c.unknown);
      sim.corrupt(badId, c.breakIt);

      const { ch, r } = await pollShop(c, sim);
      expect(r).toMatchObject({ created: 5, quarantined: 1 });
      const held = () => one<{ status: string; phase: string | null; hold: string | null; platform_status: string; n: number }>(
        'SELECT status, platform_phase AS phase, hold, platform_status, COUNT(*) OVER () AS n FROM orders WHERE channel_id = ? AND platform_order_id = ?', ch.id, heldId);
      expect(held()).toMatchObject({ hold: 'unmapped_status', n: 1 });
      expect((await app.call('channels.unmapped', { id: ch.id }, token)).map((u) => u.samplePlatformOrderId)).toEqual([heldId]);

      // Before any fix, re-processing changes nothing and pretends nothing.
      const before = { orders: count('SELECT COUNT(*) FROM orders'), raw: count('SELECT COUNT(*) FROM order_raw'), lines: count('SELECT COUNT(*) FROM order_lines') };
      expect(await app.call('channels.reprocess', { id: ch.id }, token)).toMatchObject({ tried: 2, ingested: 0, stillQuarantined: 1, remapped: 0 });
      expect(held().hold).toBe('unmapped_status');

      // The fix: the dictionary learns the word (generic: the shop's own status_map).
      if (c.kind === 'generic') {
        await app.call('channels.update', { id: ch.id, config: { status_map: JSON.stringify({ [c.word]: 'to_ship' }) } }, token);
      } else {
        learned.set(c.kind, new Map([[c.word, 'paid']]));
      }
      expect(await app.call('channels.reprocess', { id: ch.id }, token)).toMatchObject({ tried: 2, ingested: 0, stillQuarantined: 1, remapped: 1 });
      // Known now: the platform phase is set, the hold released; the order waits in review like any paid order.
      expect(held()).toMatchObject({ status: 'pending_review', phase: 'paid', hold: null, n: 1 });

      // Once: no new order, no new line; the quarantined payload is still listed with its reason.
      expect(count('SELECT COUNT(*) FROM orders')).toBe(before.orders);
      expect(count('SELECT COUNT(*) FROM order_lines')).toBe(before.lines);
      expect(count('SELECT COUNT(*) FROM orders WHERE channel_id = ?', ch.id)).toBe(5);
      const q = await app.call('channels.quarantine', { id: ch.id }, token);
      expect(q.map((x) => x.platformOrderId)).toEqual([badId]);

      // A third run has nothing left to remap and writes nothing.
      const raw = count('SELECT COUNT(*) FROM order_raw');
      expect(raw).toBeGreaterThanOrEqual(before.raw);
      expect(await app.call('channels.reprocess', { id: ch.id }, token)).toMatchObject({ tried: 1, ingested: 0, remapped: 0 });
      expect(count('SELECT COUNT(*) FROM order_raw')).toBe(raw);
    });
  }

  it('douyin: payloads quarantined for a mistyped shop_id are ingested once the shop_id is corrected', async () => {
    const s = (sim = await startDouyinSim());
    const now = Date.now();
    const made = s.store.generate(4, { from: now - 90 * 60_000, to: now - 20 * 60_000, seed: 8 });
    const c = CASES.find((x) => x.kind === 'douyin')!;
    const { ch, r } = await pollShop(c, s, { shop_id: '99999999' });
    expect(r).toMatchObject({ created: 0, quarantined: 4 });
    const q = await app.call('channels.quarantine', { id: ch.id }, token);
    expect(q[0]).toMatchObject({ field: 'shop_id', value: s.credentials.shop_id });

    await app.call('channels.update', { id: ch.id, config: { shop_id: s.credentials.shop_id } }, token);
    expect(await app.call('channels.reprocess', { id: ch.id }, token)).toMatchObject({ tried: 4, ingested: 4, stillQuarantined: 0 });
    expect(await app.call('channels.quarantine', { id: ch.id }, token)).toEqual([]);
    const rows = app.services.db.sqlite.prepare('SELECT platform_order_id AS id FROM orders WHERE channel_id = ?').all(ch.id) as { id: string }[];
    expect(rows.map((x) => x.id).sort()).toEqual(made.map((o) => o.id).sort());
    // Polling again after the fix finds them all present: nothing created twice.
    expect(await app.call('channels.pollNow', { id: ch.id }, token)).toMatchObject({ created: 0, quarantined: 0 });
    expect(count('SELECT COUNT(*) FROM orders WHERE channel_id = ?', ch.id)).toBe(4);
  });
});
