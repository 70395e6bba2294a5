import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelView } from '../../src-shared/contract/channels';
import { confirmErrorText } from '../../src-shared/shipping-words';
import { ManualClock } from '../../src-main/kernel/clock';
import type { LocalEvents } from '../../src-main/kernel/events';
import { PERSON } from '../helpers/lifecycle-fixture';
import { mirror } from '../helpers/confirm-platforms';
import { shippingWorld, type ShippingWorld } from '../helpers/shipping-world';
import { startPddSim, type PddSim } from '../sim/pdd';

/** A shop whose 发货回传 keep failing, or are refused, says so on its health (channels.list) in words, and the screen hears of it. */
const clock = new ManualClock(Date.now());
let w: ShippingWorld;
let token: string;
let pdd: PddSim;
let shop: { id: string; kind: string };
const heard: string[] = [];

beforeAll(async () => {
  pdd = await startPddSim({ seed: 31, now: () => clock.now() });
  pdd.store.generate(40, { from: clock.now() - 86_400_000, to: clock.now() - 60_000, seed: 31 });
  w = await shippingWorld({ shipping: { autostart: false, clock }, channels: { autostart: false, clock } });
  token = await w.app.login('owner');
  w.app.services.channels.store.endpoints.setCustomEndpoints(PERSON, true);
  shop = w.app.services.channels.store.create(PERSON, { kind: 'pdd', name: '回传健康拼多多店', config: { ...pdd.credentials, endpoint: pdd.url } });
  (w.app.events as LocalEvents).on((name, payload) => {
    if (name === 'channels.health') heard.push((payload as { channelId: string }).channelId);
  });
}, 60_000);
afterAll(async () => {
  w?.dispose();
  await pdd?.stop();
});

const health = async (): Promise<ChannelView['health']['confirmations']> =>
  (await w.app.call('channels.list', {}, token)).find((c) => c.id === shop.id)!.health.confirmations;
const waiting = () => pdd.store.all().filter((o) => o.orderStatus === 1 && o.refundStatus === 1 && !pdd.shipments.of(o.id).length);

async function round(): Promise<void> {
  await w.app.services.shipping.sender.runOnce();
  const next = w.app.services.db.sqlite.prepare(`SELECT min(next_attempt_at) FROM shipment_confirmations WHERE state = 'pending'`).pluck().get() as number | null;
  if (next !== null && next > clock.now()) clock.set(next);
}

describe('发货回传 on the shop\'s health', () => {
  it('a healthy shop shows nothing', async () => {
    const o = waiting()[0]!;
    w.readyIn(shop, mirror(o.id, ['a']));
    await w.app.call('shipping.scan', { orderNo: o.id, trackingNo: 'SF9100000000001' }, token);
    await round();
    expect(await health()).toEqual({ failing: 0, refused: 0, last: null });
  });

  it('confirmations that keep failing show as failing with the reason in words, and clear once they go through', async () => {
    const o = waiting()[0]!;
    w.readyIn(shop, mirror(o.id, ['a']));
    w.app.services.channels.store.update(PERSON, shop.id, { config: { client_secret: 'not-the-secret' } });
    await w.app.call('shipping.scan', { orderNo: o.id, trackingNo: 'SF9100000000002' }, token);
    heard.length = 0;
    await round();
    await round();
    expect((await health()).failing).toBe(0); // two failures: still retrying quietly
    await round();
    const h = await health();
    expect(h).toMatchObject({ failing: 1, refused: 0, last: { code: 'send_auth', trackingNo: 'SF9100000000002', orderNo: o.id } });
    expect(confirmErrorText(h.last, 'zh')).toBe('店铺授权失效，请在店铺页重新授权');
    expect(confirmErrorText(h.last, 'en')).toContain('authorise it again');
    expect(heard).toContain(shop.id); // the channels screen refreshes

    w.app.services.channels.store.update(PERSON, shop.id, { config: { client_secret: pdd.credentials.client_secret } });
    for (let i = 0; i < 3; i++) await round();
    expect(pdd.shipments.of(o.id)).toHaveLength(1);
    expect(await health()).toEqual({ failing: 0, refused: 0, last: null });
  });

  it('a refusal shows with the shop\'s words for a week', async () => {
    const o = waiting()[0]!;
    w.readyIn(shop, mirror(o.id, ['a']));
    pdd.shipments.refuse.set(o.id, '订单存在售后，暂停发货');
    await w.app.call('shipping.scan', { orderNo: o.id, trackingNo: 'SF9100000000003' }, token);
    await round();
    const h = await health();
    expect(h).toMatchObject({ failing: 0, refused: 1, last: { code: 'shop_refused', orderNo: o.id } });
    expect(confirmErrorText(h.last, 'zh')).toBe('平台拒绝：订单存在售后，暂停发货');
    clock.advance(8 * 86_400_000);
    expect(await health()).toEqual({ failing: 0, refused: 0, last: null });
  });
});
