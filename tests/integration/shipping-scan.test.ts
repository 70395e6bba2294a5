import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEvents } from '../../src-main/kernel/events';
import { PERSON } from '../helpers/lifecycle-fixture';
import { order, shippingWorld, type ShippingWorld } from '../helpers/shipping-world';

let w: ShippingWorld;
let token: string;
let ids: string[];

beforeAll(async () => {
  w = await shippingWorld();
  token = await w.app.login('warehouse');
  ids = w.ready(
    order('TB-1001'),
    order('TB-1002', { lines: [{ platformLineId: 'TB-1002-1', skuCode: 'SKU-001', title: 'T恤', qty: 2, unitPriceFen: 100, paidFen: 200 }, { platformLineId: 'TB-1002-2', skuCode: 'SKU-002', title: '卫衣', qty: 3, unitPriceFen: 100, paidFen: 300 }] }),
    order('TB-1003'),
    order('TB-1004'),
  );
}, 60_000);
afterAll(() => w?.dispose());

const scan = (orderNo: string, trackingNo: string, carrier?: string) => w.app.call('shipping.scan', { orderNo, trackingNo, ...(carrier ? { carrier } : {}) }, token);

describe('scan to ship', () => {
  it('orders are ready at 待发货 with their reservations', () => {
    expect(ids.map((id) => w.status(id))).toEqual(['to_ship', 'to_ship', 'to_ship', 'to_ship']);
    expect(w.reserved(ids[0]!)).toBe(1);
  });

  it('ships: the order moves to 已发货, the reservation is released as shipped, on-hand drops once, 发货回传 is queued', async () => {
    const before = w.onHand('SKU-001');
    const pushed: string[] = [];
    const off = (w.app.events as LocalEvents).on((name) => void pushed.push(name));
    const r = await scan('TB-1001', 'SF1234567890123');
    off();
    // The warehouse screen hears it (no polling): the parcel, and the order leaving 待发货.
    expect(pushed).toEqual(expect.arrayContaining(['shipping.changed', 'orders.changed']));
    expect(r).toMatchObject({ ok: true, carrier: 'SF', guessed: { sure: true }, partial: false });
    expect(w.status(ids[0]!)).toBe('shipped');
    expect(w.reserved(ids[0]!)).toBe(0);
    expect(w.count(`SELECT count(*) FROM stock_reservations WHERE order_id = ? AND release_reason = 'shipped'`, ids[0])).toBe(1);
    expect(w.onHand('SKU-001')).toBe(before - 1);
    expect(w.count('SELECT count(*) FROM shipments WHERE order_id = ? AND tracking_no = ?', ids[0], 'SF1234567890123')).toBe(1);
    expect(w.count('SELECT count(*) FROM shipment_confirmations WHERE order_id = ? AND state = ?', ids[0], 'pending')).toBe(1);
    const detail = await w.app.call('orders.get', { id: ids[0]! }, token);
    expect(detail.shipping[0]).toMatchObject({ trackingNo: 'SF1234567890123', carrier: 'SF', state: 'pending' });
  });

  it('refuses the same order again, naming its tracking number, and leaves stock alone', async () => {
    const before = w.onHand('SKU-001');
    const r = await scan('TB-1001', 'SF9999999999999');
    expect(r).toMatchObject({ ok: false, refusal: { code: 'already_shipped', params: { orderNo: 'TB-1001', trackingNo: 'SF1234567890123' } } });
    if (!r.ok) expect(r.message).toBe('订单 TB-1001 已发货（单号 SF1234567890123）');
    expect(w.onHand('SKU-001')).toBe(before);
  });

  it('refuses a tracking number another order carries, naming that order', async () => {
    const r = await scan('TB-1003', 'sf1234567890123');
    expect(r).toMatchObject({ ok: false, refusal: { code: 'tracking_duplicate', params: { trackingNo: 'SF1234567890123', orderNo: 'TB-1001' } } });
    expect(w.status(ids[2]!)).toBe('to_ship');
  });

  it('refuses an unknown order, a held order, and asks for the carrier when the number says nothing', async () => {
    expect(await scan('TB-404', 'SF1234567890999')).toMatchObject({ ok: false, refusal: { code: 'order_not_found', params: { orderNo: 'TB-404' } } });
    w.app.services.db.writes.run(PERSON, (tx) => w.app.services.flow.holds.open(tx, ids[3]!, { type: 'manual', code: 'customer_call' }));
    const held = await scan('TB-1004', 'SF1234567890888');
    expect(held).toMatchObject({ ok: false, refusal: { code: 'held', params: { orderNo: 'TB-1004', hold: 'manual' } } });
    if (!held.ok) expect(held.message).toContain('TB-1004');
    expect(w.status(ids[3]!)).toBe('to_ship');
    expect(await scan('TB-1003', '812345678')).toMatchObject({ ok: false, refusal: { code: 'carrier_needed', params: { trackingNo: '812345678' } } });
    expect(await scan('TB-1003', 'TB-1003')).toMatchObject({ ok: false, refusal: { code: 'tracking_is_order_no' } });
    const shipped = await scan('TB-1003', '812345678', '中通');
    expect(shipped).toMatchObject({ ok: true, carrier: 'ZTO', guessed: null });
  });

  it('a partial shipment records its lines, keeps the order at 待发货, and the last parcel ships it', async () => {
    const { db } = w.app.services;
    const lines = db.sqlite.prepare('SELECT id, sku_code AS sku FROM order_lines WHERE order_id = ? ORDER BY line_no').all(ids[1]) as { id: string; sku: string }[];
    const tee = w.onHand('SKU-001');
    const hoodie = w.onHand('SKU-002');
    const first = await w.app.call('shipping.scan', { orderNo: 'TB-1002', trackingNo: 'YT1234567890123', lines: [{ lineId: lines[0]!.id, qty: 2 }, { lineId: lines[1]!.id, qty: 1 }] }, token);
    expect(first).toMatchObject({ ok: true, partial: true, carrier: 'YTO' });
    expect(w.status(ids[1]!)).toBe('to_ship');
    expect(w.onHand('SKU-001')).toBe(tee - 2);
    expect(w.onHand('SKU-002')).toBe(hoodie - 1);
    // The T-shirt line is done (its reservation released as shipped); the hoodie line still holds its units.
    expect(w.count(`SELECT count(*) FROM stock_reservations WHERE order_line_id = ? AND release_reason = 'shipped'`, lines[0]!.id)).toBe(1);
    expect(w.count('SELECT count(*) FROM stock_reservations WHERE order_line_id = ? AND released_at IS NULL', lines[1]!.id)).toBe(1);
    const over = await w.app.call('shipping.scan', { orderNo: 'TB-1002', trackingNo: 'YT1234567890124', lines: [{ lineId: lines[1]!.id, qty: 3 }] }, token);
    expect(over).toMatchObject({ ok: false, refusal: { code: 'line_invalid', params: { qty: 3, left: 2 } } });
    const rest = await scan('TB-1002', 'YT1234567890125');
    expect(rest).toMatchObject({ ok: true, partial: false });
    expect(w.status(ids[1]!)).toBe('shipped');
    expect(w.onHand('SKU-002')).toBe(hoodie - 3);
    expect(w.count('SELECT sum(qty) FROM shipment_lines WHERE order_id = ?', ids[1])).toBe(5);
    expect(w.count('SELECT count(*) FROM shipment_confirmations WHERE order_id = ?', ids[1])).toBe(2);
  });

  it('bulk paste: each row shipped or refused on its own', async () => {
    const more = w.ready(order('TB-2001'), order('TB-2002'));
    const r = await w.app.call('shipping.bulk', { rows: [
      { orderNo: 'TB-2001', trackingNo: 'JDVA00000000001' },
      { orderNo: 'TB-2001', trackingNo: 'JDVA00000000002' },
      { orderNo: 'TB-2002', trackingNo: 'JDVA00000000001' },
    ] }, token);
    expect(r.shipped).toBe(1);
    expect(r.results.map((x) => (x.ok ? 'ok' : x.refusal.code))).toEqual(['ok', 'already_shipped', 'tracking_duplicate']);
    expect(w.status(more[0]!)).toBe('shipped');
    expect(w.status(more[1]!)).toBe('to_ship');
  });

  it('the warehouse role may ship but a service role may not', async () => {
    const svc = await w.app.login('service');
    const r = await w.app.raw('shipping.scan', { orderNo: 'TB-2002', trackingNo: 'SF1111111111111' }, svc);
    expect('error' in r && r.error.code).toBe('forbidden');
  });

  it('the warehouse home counts what waits and what left today', async () => {
    const home = await w.app.call('shipping.home', {}, token);
    expect(home).toMatchObject({ toPick: 2, shippedToday: 4, confirmPending: 5 });
  });
});
