import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doudianCall } from '../../src-main/channels/douyin/connector';
import { jdCall } from '../../src-main/channels/jd/connector';
import { shopifyCall } from '../../src-main/channels/shopify/connector';
import { youzanCall } from '../../src-main/channels/youzan/connector';
import type { ConnectorContext } from '../../src-main/channels/connector';
import { ManualClock } from '../../src-main/kernel/clock';
import { causeText } from '../../src-shared/exception-words';
import { confirmErrorText } from '../../src-shared/shipping-words';
import { PERSON } from '../helpers/lifecycle-fixture';
import { mirror, startConfirmPlatform, type ConfirmPlatform } from '../helpers/confirm-platforms';
import { shippingWorld, type ShippingWorld, drainConfirmations } from '../helpers/shipping-world';

/**
 * 发货回传 to Douyin, JD, Youzan and Shopify (Taobao and PDD: shipping-confirm.test.ts), each through
 * its simulator's real shipment call: accepted once with the shop's carrier code through a rate limit
 * and a 500 that comes after the shop recorded it; refused in the shop's words (an exception on the
 * order); a refunded order refused; our own earlier parcel found on a resend; another number refused;
 * a spoilt secret waits and shows why.
 */
const clock = new ManualClock(Date.now());
let w: ShippingWorld;
let token: string;
const platforms = new Map<string, { p: ConfirmPlatform; ch: { id: string; kind: string } }>();
const KINDS = ['douyin', 'jd', 'youzan', 'shopify'] as const;

beforeAll(async () => {
  w = await shippingWorld({ shipping: { autostart: false, clock }, channels: { autostart: false } });
  token = await w.app.login('warehouse');
  const { store } = w.app.services.channels;
  store.endpoints.setCustomEndpoints(PERSON, true); // the simulators are on 127.0.0.1
  for (const [i, kind] of KINDS.entries()) {
    const p = await startConfirmPlatform(kind, { now: () => clock.now(), seed: 21 + i, orders: 120, from: clock.now() - 86_400_000, to: clock.now() - 60_000 });
    platforms.set(kind, { p, ch: store.create(PERSON, { kind, name: p.name, config: p.config }) });
  }
}, 60_000);
afterAll(async () => {
  w?.dispose();
  for (const { p } of platforms.values()) await p.stop();
});

const used = new Set<string>();
const take = (p: ConfirmPlatform, n: number, minLines = 1) => {
  const list = p.waiting().filter((o) => !used.has(o.id) && o.lines.length >= minLines).slice(0, n);
  expect(list.length).toBe(n);
  list.forEach((o) => used.add(o.id));
  return list;
};
const confirmations = (orderId: string) => w.app.services.db.sqlite.prepare('SELECT * FROM shipment_confirmations WHERE order_id = ? ORDER BY created_at, id').all(orderId) as Record<string, any>[];
let serial = 0;
const sfNo = () => `SF${String(1_300_000_000_000 + serial++)}`;

const drain = (maxRounds = 40) => drainConfirmations(w, clock, maxRounds);

async function shipOne(kind: string, o: { id: string; lines: string[] }, trackingNo: string): Promise<string> {
  const { ch } = platforms.get(kind)!;
  const [id] = w.readyIn(ch, mirror(o.id, o.lines));
  expect(await w.app.call('shipping.scan', { orderNo: o.id, trackingNo }, token)).toMatchObject({ ok: true });
  return id!;
}

const openExceptions = (orderId: string) =>
  w.app.services.db.sqlite.prepare(`SELECT detector, cause_params_json AS params FROM exceptions WHERE order_id = ? AND closed_at IS NULL`).all(orderId) as { detector: string; params: string }[];

describe.each(KINDS)('发货回传 to %s', (kind) => {
  const P = () => platforms.get(kind)!.p;

  it('each shipment is recorded once with its number and the shop\'s carrier code, through a rate limit and a 500 after the shop said yes', async () => {
    const orders = take(P(), 3);
    const numbers = orders.map(() => sfNo());
    const ids: string[] = [];
    for (const [i, o] of orders.entries()) ids.push(await shipOne(kind, o, numbers[i]!));
    P().misbehave('rate_limit', { times: 1 });
    await w.app.services.shipping.sender.runOnce(); // the limit ends the shop's round: nothing recorded
    expect(orders.flatMap((o) => P().shipments.of(o.id))).toEqual([]);
    P().misbehave('http_500', { times: 1 });
    await drain();
    for (const [i, o] of orders.entries()) {
      expect(P().shipments.of(o.id)).toEqual([expect.objectContaining({ trackingNo: numbers[i], carrierCode: P().sfCode })]);
      expect(confirmations(ids[i]!)[0]).toMatchObject({ state: 'confirmed', error_code: null });
    }
    const rows = ids.flatMap(confirmations);
    expect(rows.filter((r) => r.confirmed_by === 'found')).toHaveLength(1); // the answer lost to the 500
    expect(rows.some((r) => r.attempts > 1)).toBe(true);
    const detail = await w.app.call('orders.get', { id: ids[0]! }, token);
    expect(detail.shipping[0]).toMatchObject({ state: 'confirmed', trackingNo: numbers[0] });
  });

  it('a refusal in the shop\'s words ends refused and opens the exception with those words', async () => {
    const [o] = take(P(), 1);
    P().shipments.refuse.set(o!.id, '该订单存在风险，暂不能发货');
    const id = await shipOne(kind, o!, sfNo());
    await drain();
    const [c] = confirmations(id);
    expect(c).toMatchObject({ state: 'refused', error_code: 'shop_refused' });
    expect(JSON.parse(c!.error_params_json).message).toContain('暂不能发货');
    expect(P().shipments.of(o!.id)).toHaveLength(0);
    const ex = openExceptions(id);
    expect(ex).toEqual([expect.objectContaining({ detector: 'ship_confirm_refused' })]);
    expect(JSON.parse(ex[0]!.params).reason).toContain('暂不能发货');
  });

  it('a refunded order is refused by the shop, nothing recorded', async () => {
    const [o] = take(P(), 1);
    P().refund(o!.id);
    const id = await shipOne(kind, o!, sfNo());
    await drain();
    // Shopify closes a refunded order's fulfillment orders: we find none open and say so in our words.
    expect(confirmations(id)[0]).toMatchObject({ state: 'refused', error_code: kind === 'shopify' ? 'no_open_fulfillment' : 'shop_refused' });
    expect(P().shipments.of(o!.id)).toHaveLength(0);
  });

  it('a resend of our own recorded parcel is confirmed as found; a parcel shipped with another number is refused naming it', async () => {
    const [mine, theirs] = take(P(), 2);
    const id = await shipOne(kind, mine!, sfNo());
    await drain();
    w.app.services.db.writes.run(PERSON, (tx) => tx.update('shipment_confirmations', confirmations(id)[0]!.id, { state: 'pending', nextAttemptAt: clock.now(), confirmedAt: null, confirmedBy: null }));
    await drain();
    expect(P().shipments.of(mine!.id)).toHaveLength(1);
    expect(confirmations(id)[0]).toMatchObject({ state: 'confirmed', confirmed_by: 'found' });

    P().shipInBackOffice(theirs!.id, 'YT9999000011112');
    const other = await shipOne(kind, theirs!, sfNo());
    await drain();
    const [c] = confirmations(other);
    expect(c).toMatchObject({ state: 'refused', error_code: 'shipped_other_number' });
    expect(JSON.parse(c!.error_params_json).theirs).toContain('YT9999000011112');
  });

  it('a spoilt secret is refused by the simulator; the row waits showing why, then goes through once fixed', async () => {
    const { ch } = platforms.get(kind)!;
    const [o] = take(P(), 1);
    w.app.services.channels.store.update(PERSON, ch.id, { config: { [P().secret]: 'not-the-secret' } });
    const id = await shipOne(kind, o!, sfNo());
    await w.app.services.shipping.sender.runOnce();
    expect(confirmations(id)[0]).toMatchObject({ state: 'pending', error_code: 'send_auth', attempts: 1 });
    w.app.services.channels.store.update(PERSON, ch.id, { config: { [P().secret]: P().config[P().secret]! } });
    await drain();
    expect(P().shipments.of(o!.id)).toHaveLength(1);
  });

  it('a split parcel is sent with its lines where the shop takes them, else marked not sent', async () => {
    const [o] = take(P(), 1, 2);
    const [id] = w.readyIn(platforms.get(kind)!.ch, mirror(o!.id, o!.lines));
    const firstLine = w.app.services.db.sqlite.prepare('SELECT id FROM order_lines WHERE order_id = ? ORDER BY line_no LIMIT 1').pluck().get(id) as string;
    const first = sfNo();
    expect(await w.app.call('shipping.scan', { orderNo: o!.id, trackingNo: first, lines: [{ lineId: firstLine, qty: 1 }] }, token)).toMatchObject({ ok: true, partial: true });
    await drain();
    const [c] = confirmations(id!);
    if (P().splits) {
      expect(c).toMatchObject({ state: 'confirmed' });
      expect(P().shipments.of(o!.id)).toEqual([expect.objectContaining({ trackingNo: first, lines: [o!.lines[0]] })]);
    } else {
      expect(c).toMatchObject({ state: 'unsupported', error_code: 'split_not_built' });
      expect(P().shipments.of(o!.id)).toHaveLength(0);
    }
  });
});

describe('Douyin: a carrier the shop never enabled', () => {
  it('is refused before anything is sent, and the shipment row and the exception say why in the reader\'s language', async () => {
    // A shop of its own: the first shop's carrier list is already read and kept for hours.
    const p = await startConfirmPlatform('douyin', { now: () => clock.now(), seed: 41, orders: 10, from: clock.now() - 86_400_000, to: clock.now() - 60_000 });
    try {
      const ch = w.app.services.channels.store.create(PERSON, { kind: 'douyin', name: '未开通极兔的抖店', config: p.config });
      p.unlistCompany!('jtexpress');
      const o = p.waiting()[0]!;
      const [id] = w.readyIn(ch, mirror(o.id, o.lines));
      expect(await w.app.call('shipping.scan', { orderNo: o.id, trackingNo: 'JT0001300000001', carrier: 'JT' }, token)).toMatchObject({ ok: true });
      await drain();
      const [c] = confirmations(id!);
      expect(c).toMatchObject({ state: 'refused', error_code: 'carrier_not_listed' });
      expect(p.shipments.of(o.id)).toHaveLength(0);
      const error = { code: c!.error_code as string, params: JSON.parse(c!.error_params_json) as Record<string, unknown> };
      expect(confirmErrorText(error, 'zh')).toBe('店铺的快递公司列表里没有「极兔」');
      expect(confirmErrorText(error, 'en')).toBe("The shop's carrier list has no J&T");
      const [ex] = openExceptions(id!);
      const params = JSON.parse(ex!.params) as Record<string, unknown>;
      expect(causeText('ship_confirm_refused', params, 'zh')).toBe('平台拒绝了运单 JT0001300000001 的发货回传：店铺的快递公司列表里没有「极兔」');
      expect(causeText('ship_confirm_refused', params, 'en')).toBe("The shop refused the shipment confirmation of JT0001300000001: The shop's carrier list has no J&T");
    } finally {
      await p.stop();
    }
  });
});

describe('Shopify: a parcel of some units of a line', () => {
  it('sends that quantity in fulfillment_order_line_items, and the rest goes with the next parcel', async () => {
    const p = platforms.get('shopify')!;
    const o = p.p.waiting().find((x) => !used.has(x.id) && (x.qty ?? []).some((q) => q >= 2));
    expect(o).toBeDefined();
    used.add(o!.id);
    const at = o!.qty!.findIndex((q) => q >= 2);
    const [id] = w.readyIn(p.ch, mirror(o!.id, o!.lines, o!.qty));
    const lineId = w.app.services.db.sqlite.prepare('SELECT id FROM order_lines WHERE order_id = ? AND platform_line_id = ?').pluck().get(id, o!.lines[at]) as string;
    const ctx: ConnectorContext = { endpoint: p.p.config.endpoint!, credentials: p.p.config, fetch, now: () => clock.now() };
    const fulfillable = async () => {
      const fo = JSON.parse((await shopifyCall(ctx, 'GET', `${ctx.endpoint}/orders/${o!.id}/fulfillment_orders.json`)).text).fulfillment_orders[0];
      return (fo.line_items as { line_item_id: number; fulfillable_quantity: number }[]).find((li) => String(li.line_item_id) === o!.lines[at])!.fulfillable_quantity;
    };
    const whole = o!.qty![at]!;
    const first = sfNo();
    expect(await w.app.call('shipping.scan', { orderNo: o!.id, trackingNo: first, lines: [{ lineId, qty: 1 }] }, token)).toMatchObject({ ok: true, partial: true });
    await drain();
    expect(confirmations(id!)[0]).toMatchObject({ state: 'confirmed' });
    // Shopify holds one unit fulfilled; the others are still to ship there.
    expect(await fulfillable()).toBe(whole - 1);
    const second = sfNo();
    expect(await w.app.call('shipping.scan', { orderNo: o!.id, trackingNo: second, lines: [{ lineId, qty: whole - 1 }] }, token)).toMatchObject({ ok: true });
    await drain();
    expect(confirmations(id!).map((c) => c.state)).toEqual(['confirmed', 'confirmed']);
    expect(await fulfillable()).toBe(0);
    expect(p.p.shipments.of(o!.id).map((x) => x.trackingNo)).toEqual([first, second]);
  });
});

/** Wrong shipment calls straight at each simulator: an unknown carrier code and a missing tracking number are refused, nothing recorded. */
const WRONG: Record<(typeof KINDS)[number], (ctx: ConnectorContext, orderId: string, shape: 'carrier' | 'number') => Promise<string>> = {
  douyin: async (ctx, id, shape) => {
    await doudianCall(ctx, 'order.logisticsAdd', { order_id: id, company_code: shape === 'carrier' ? 'no-such-carrier' : 'shunfeng', logistics_code: shape === 'number' ? '' : 'SF1300000000999' });
    return 'accepted';
  },
  jd: async (ctx, id, shape) => {
    const body = await jdCall(ctx, 'jingdong.pop.order.shipment', { orderId: id, logiCoprId: shape === 'carrier' ? '99999' : '467', logiNo: shape === 'number' ? '' : 'SF1300000000999' });
    return JSON.stringify(body);
  },
  youzan: async (ctx, id, shape) => {
    await youzanCall(ctx, 'youzan.logistics.online.confirm', '3.0.0', { tid: id, is_no_express: 0, out_stype: shape === 'carrier' ? '99999' : '7', out_sid: shape === 'number' ? '' : 'SF1300000000999' });
    return 'accepted';
  },
  shopify: async (ctx, id, shape) => {
    const fo = JSON.parse((await shopifyCall(ctx, 'GET', `${ctx.endpoint}/orders/${id}/fulfillment_orders.json`)).text).fulfillment_orders[0];
    await shopifyCall(ctx, 'POST', `${ctx.endpoint}/fulfillments.json`, { fulfillment: { line_items_by_fulfillment_order: [{ fulfillment_order_id: fo.id }], tracking_info: { number: shape === 'number' ? '' : 'SF1300000000999', company: shape === 'carrier' ? '' : 'SF Express' } } });
    return 'accepted';
  },
};

describe.each(KINDS)('the %s simulator refuses wrong shipment calls', (kind) => {
  it.each(['carrier', 'number'] as const)('a bad %s is refused and nothing is recorded', async (shape) => {
    const p = platforms.get(kind)!.p;
    const [o] = take(p, 1);
    const ctx: ConnectorContext = { endpoint: p.config.endpoint!, credentials: p.config, fetch, now: () => clock.now() };
    const answer = await WRONG[kind](ctx, o!.id, shape).catch((e: Error) => `refused: ${e.message}`);
    expect(answer).not.toBe('accepted');
    if (kind === 'jd') expect(answer).toContain('"success":false');
    expect(p.shipments.of(o!.id)).toHaveLength(0);
  });
});

describe('an answer\'s words and codes decide the retry (Douyin)', () => {
  it('"calls too frequent" under a business code is a rate limit; an undocumented code is tried 4 times, then refused in the shop\'s words', async () => {
    const { p } = platforms.get('douyin')!;
    const [a, b] = take(p, 2);
    const limited = await shipOne('douyin', a!, sfNo());
    p.misbehave('rate_limit', { times: 1, variant: 'business_words' });
    await w.app.services.shipping.sender.runOnce();
    expect(confirmations(limited)[0]).toMatchObject({ state: 'pending', error_code: 'send_rate_limited' });
    await drain();
    expect(confirmations(limited)[0]).toMatchObject({ state: 'confirmed' });

    const odd = await shipOne('douyin', b!, sfNo());
    p.misbehave('unknown_error', { times: 4 });
    await drain();
    expect(confirmations(odd)[0]).toMatchObject({ state: 'refused', error_code: 'shop_refused', attempts: 4 });
    expect(JSON.parse(confirmations(odd)[0]!.error_params_json).message).toContain('未知错误');
    expect(p.shipments.of(b!.id)).toHaveLength(0);
  });
});
