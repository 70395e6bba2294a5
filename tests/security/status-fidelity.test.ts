import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/kernel/clock';
import { startPddSim, type PddSim } from '../sim/pdd';
import { startShopifySim, type ShopifySim } from '../sim/shopify';
import { startYouzanSim, type YouzanSim } from '../sim/youzan';
import { allowCustomEndpoints } from '../helpers/custom-endpoints';
import { tempApp, type TempApp } from '../helpers/temp-app';

/**
 * The platform's word becomes its phase; OrderHub's status follows through the state machine
 * (a paid order waits in 待审核; a refund before shipment is 已取消, after it 已关闭).
 * Issue #8 item 22, replayed through the simulators, the poller and the pipeline: a Shopify
 * order that was fulfilled and then closed (archived) stayed "shipped" in OrderHub. The same
 * pass checks the other terminal states whose meaning depends on more than one field:
 * a Youzan TRADE_CLOSED before payment, a Pinduoduo group that never formed.
 */
const MIN = 60_000;
const clock = new ManualClock(Math.floor(Date.now() / 1000) * 1000);
let app: TempApp;
let token: string;
let shopify: ShopifySim;
let youzan: YouzanSim;
let pdd: PddSim;

beforeAll(async () => {
  app = await tempApp({ channels: { autostart: false, clock } });
  token = await app.login('owner');
  await allowCustomEndpoints(app, token);
  shopify = await startShopifySim({ now: () => clock.now() });
  youzan = await startYouzanSim({ now: () => clock.now() });
  pdd = await startPddSim({ now: () => clock.now() });
});
afterAll(async () => {
  for (const s of [shopify, youzan, pdd]) await s?.stop();
  app?.dispose();
});

const shop = (kind: 'shopify' | 'youzan' | 'pdd', sim: { url: string; credentials: Record<string, string> }) =>
  app.call('channels.create', { kind, name: `${kind} 店`, config: { ...sim.credentials, endpoint: sim.url, backfillFrom: clock.now() - 60 * MIN } }, token);

function stored(channelId: string, platformOrderId: string) {
  return app.services.db.sqlite
    .prepare('SELECT status, platform_phase AS phase, platform_status AS platformStatus, completed_at AS completedAt, shipped_at AS shippedAt FROM orders WHERE channel_id = ? AND platform_order_id = ?')
    .get(channelId, platformOrderId) as { status: string; phase: string | null; platformStatus: string; completedAt: number | null; shippedAt: number | null };
}
async function pollAfter(channelId: string, ms: number) {
  clock.advance(ms);
  const r = await app.call('channels.pollNow', { id: channelId }, token);
  expect(r.error).toBeUndefined();
}

describe('terminal states arrive with their platform meaning', () => {
  it('Shopify: paid → to ship, fulfilled → shipped, closed (archived) → completed, with the closing time', async () => {
    const ch = await shop('shopify', shopify);
    const [o] = shopify.store.generate(1, { from: clock.now() - 40 * MIN, to: clock.now() - 30 * MIN, seed: 8 });
    shopify.store.update(o!.id, (x) => {
      x.financialStatus = 'paid';
      x.fulfillmentStatus = null;
      x.fulfillment = null;
      x.cancelledAt = null;
      x.closedAt = null;
    }, clock.now() - 30 * MIN);
    await pollAfter(ch.id, 0);
    expect(stored(ch.id, o!.id)).toMatchObject({ phase: 'paid', status: 'pending_review', platformStatus: 'paid|unfulfilled' });

    shopify.store.advance(o!.id, clock.now()); // fulfilled now
    await pollAfter(ch.id, 2 * MIN);
    expect(stored(ch.id, o!.id)).toMatchObject({ phase: 'shipped', status: 'shipped', platformStatus: 'paid|fulfilled', completedAt: null });

    const closed = shopify.store.advance(o!.id, clock.now()); // closed_at set now: archived
    expect(closed.closedAt).not.toBeNull();
    await pollAfter(ch.id, 2 * MIN);
    expect(stored(ch.id, o!.id)).toMatchObject({ phase: 'completed', status: 'completed', platformStatus: 'paid|fulfilled|closed', completedAt: Math.floor(closed.closedAt! / 1000) * 1000 });
  });

  it('Youzan: TRADE_CLOSED before payment is a cancellation; after a full refund it is closed', async () => {
    const ch = await shop('youzan', youzan);
    const [unpaid, refunded] = youzan.store.generate(2, { from: clock.now() - 40 * MIN, to: clock.now() - 30 * MIN, seed: 6 });
    youzan.store.update(unpaid!.id, (x) => Object.assign(x, { status: 'TRADE_CLOSED', payTime: null, refundState: 0, consignTime: null, successTime: null }), clock.now() - 25 * MIN);
    youzan.store.update(refunded!.id, (x) => Object.assign(x, { status: 'TRADE_CLOSED', payTime: x.createdAt + MIN, refundState: 12 }), clock.now() - 25 * MIN);
    await pollAfter(ch.id, MIN);
    expect(stored(ch.id, unpaid!.id)).toMatchObject({ phase: 'cancelled', status: 'cancelled', platformStatus: 'TRADE_CLOSED' });
    const r = stored(ch.id, refunded!.id);
    expect(r).toMatchObject({ phase: 'refunded', platformStatus: 'TRADE_CLOSED' });
    expect(r.status).toBe(r.shippedAt === null ? 'cancelled' : 'closed'); // refunded before the parcel left: cancelled
  });

  it('Pinduoduo: a group that failed (团失败) is refunded and cancelled, never left waiting to ship', async () => {
    const ch = await shop('pdd', pdd);
    const [o] = pdd.store.generate(1, { from: clock.now() - 40 * MIN, to: clock.now() - 30 * MIN, seed: 6 });
    pdd.store.update(o!.id, (x) => Object.assign(x, { orderStatus: 1, refundStatus: 1, confirmStatus: 1, groupStatus: 2 }), clock.now() - 25 * MIN);
    await pollAfter(ch.id, MIN);
    expect(stored(ch.id, o!.id)).toMatchObject({ phase: 'refunded', status: 'cancelled', platformStatus: '1' });
  });
});
