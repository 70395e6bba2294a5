import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NormalizedLine } from '../../src-main/ingest/normalized-order';
import { order, seedShop } from '../helpers/lifecycle-fixture';
import { tempApp, type TempApp } from '../helpers/temp-app';

/** Holds and the 审单 queue, 质检拦截, 拆单 / 合单 and their reversal, through the API as the screens call it. */
let app: TempApp;
let t: Record<'ops' | 'service' | 'warehouse' | 'finance', string>;
let shop: ReturnType<typeof seedShop>;
let other: ReturnType<typeof seedShop>;
const rerouted: string[] = [];
const released: string[] = [];

beforeAll(async () => {
  app = await tempApp();
  t = { ops: await app.login('ops'), service: await app.login('service'), warehouse: await app.login('warehouse'), finance: await app.login('finance') };
  shop = seedShop(app);
  other = seedShop(app, '天猫店', 'ch-tm');
  // What the reservations will hang on: every reroute and every order leaving for good.
  app.services.flow.lifecycle.onReroute((_tx, id, why) => rerouted.push(`${id}:${why.code}`));
  for (const s of ['cancelled', 'merged'] as const) app.services.flow.lifecycle.onEnter(s, (_tx, id) => released.push(`${id}:${s}`));
});
afterAll(() => app.dispose());

const row = (id: string) => app.services.db.sqlite.prepare('SELECT * FROM orders WHERE id = ?').get(id) as Record<string, unknown>;
const lines = (id: string) =>
  app.services.db.sqlite.prepare('SELECT id, sku_code AS sku, qty, paid_fen AS paid, gift, parent_line_id AS parent, source_order_id AS src FROM order_lines WHERE order_id = ? ORDER BY line_no').all(id) as
    { id: string; sku: string; qty: number; paid: number; gift: number; parent: string | null; src: string | null }[];
const v = (id: string) => row(id).version as number;
const TWO_LINES: NormalizedLine[] = [
  { platformLineId: 'l1', skuCode: 'SKU-001', title: 'T恤', qty: 3, unitPriceFen: 8990, paidFen: 26970, batchNo: 'B2611' },
  { platformLineId: 'l2', skuCode: 'SKU-002', title: '卫衣', qty: 1, unitPriceFen: 15900, paidFen: 15900 },
  { platformLineId: 'l3', skuCode: 'GIFT-BAG', title: '【赠品】帆布袋', qty: 1, unitPriceFen: 0, paidFen: 0, gift: true, giftOf: 1 },
];
let n = 0;
const fresh = (p = {}) => shop.ingest(order(`HR${++n}`, { lines: TWO_LINES, goodsFen: 42870, paidFen: 42870, ...p }))[0]!;
const toShip = async (id: string) => {
  await app.call('orders.transition', { ids: [id], to: 'to_route' }, t.ops);
  await app.call('orders.transition', { ids: [id], to: 'to_ship', fields: { warehouseId: 'wh-hz' } }, t.ops);
};

describe('holds and the 审单 queue', () => {
  it('many holds per order, each with its reason; the queue groups them; the order ships only with none open', async () => {
    const id = fresh();
    await toShip(id);
    await app.call('orders.hold', { ids: [id], reason: { code: 'risk', params: { note: '收货地址与历史不符' } }, versions: { [id]: v(id) } }, t.ops);
    await app.call('orders.hold', { ids: [id], reason: { code: 'address_issue' } }, t.service);
    const { open } = await app.call('orders.holds', { id }, t.warehouse);
    expect(open.map((h) => [h.type, h.code, h.openedBy])).toEqual([['manual', 'risk', 'ops'], ['manual', 'address_issue', 'service']]);
    expect(open[0]!.params).toEqual({ note: '收货地址与历史不符' });
    expect(row(id).hold).toBe('manual');

    const q = await app.call('orders.reviewQueue', { type: 'manual' }, t.service);
    expect(q.buckets).toContainEqual({ type: 'manual', code: 'risk', count: 1 });
    expect(q.rows.filter((r) => r.id === id)).toHaveLength(2);
    expect(await app.call('orders.transition', { ids: [id], to: 'picking' }, t.warehouse)).toMatchObject({ results: [{ ok: false, refusal: { code: 'holds_open' } }] });

    expect(await app.raw('orders.releaseHold', { id, holdId: open[0]!.id, reason: { code: 'checked_ok' } }, t.warehouse)).toMatchObject({ error: { code: 'forbidden' } });
    const bulk = await app.call('orders.releaseHolds', {
      items: [{ id, holdId: open[0]!.id, expectedVersion: v(id) }, { id, holdId: open[1]!.id, expectedVersion: v(id) }, { id, holdId: open[1]!.id }],
      reason: { code: 'checked_ok', params: { note: '已电话核实' } },
    }, t.service);
    expect(bulk.results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(bulk.results[2]).toMatchObject({ message: '这个挂起已被放行' });
    expect(row(id).hold).toBeNull();
    expect(await app.call('orders.transition', { ids: [id], to: 'picking' }, t.warehouse)).toMatchObject({ results: [{ ok: true }] });
    const history = (await app.call('orders.holds', { id }, t.service)).history;
    expect(history.map((h) => [h.releaseCode, h.releasedBy, h.releaseParams])).toEqual([['checked_ok', 'service', { note: '已电话核实' }], ['checked_ok', 'service', { note: '已电话核实' }]]);
  });

  it('releasing the last hold of an order waiting for review approves it; a stale release is a conflict naming the change', async () => {
    const id = fresh();
    await app.call('orders.hold', { ids: [id], reason: { code: 'price_issue' } }, t.ops);
    const seen = v(id);
    const holdId = (await app.call('orders.holds', { id }, t.ops)).open[0]!.id;
    await app.call('orders.hold', { ids: [id], reason: { code: 'risk' } }, t.ops);
    const stale = await app.raw('orders.releaseHold', { id, holdId, expectedVersion: seen, reason: { code: 'checked_ok' } }, t.ops);
    expect(stale).toMatchObject({ error: { code: 'conflict', field: 'expectedVersion' } });
    expect((stale as { error: { message: string } }).error.message).toMatch(/ops.*挂起/);
    for (const h of (await app.call('orders.holds', { id }, t.ops)).open) {
      await app.call('orders.releaseHold', { id, holdId: h.id, expectedVersion: v(id), reason: { code: 'checked_ok' } }, t.ops);
    }
    expect(row(id).status).toBe('to_route');
    // Waiting for review without a hold: a bucket of its own, so the machine works without rules.
    const waiting = fresh();
    const q = await app.call('orders.reviewQueue', { type: null }, t.service);
    expect(q.rows.map((r) => r.id)).toContain(waiting);
    expect(q.rows.every((r) => r.hold === null && r.status === 'pending_review')).toBe(true);
  });
});

describe('质检拦截: a frozen batch holds every order carrying it, released together', () => {
  it('holds the orders not yet gone, lists the gone ones, and a later order with the batch; release frees them all', async () => {
    const a = fresh();
    const b = fresh();
    const gone = fresh();
    const clean = fresh({ lines: [TWO_LINES[1]!] });
    await toShip(gone);
    await app.call('orders.transition', { ids: [gone], to: 'shipped', fields: { trackingNo: 'SF1' } }, t.warehouse);
    expect(await app.raw('quality.freeze', { batchNo: 'B2611', reason: { code: 'quality' } }, t.service)).toMatchObject({ error: { code: 'forbidden' } });
    const frozen = await app.call('quality.freeze', { batchNo: 'B2611', skuCode: 'SKU-001', reason: { code: 'quality', params: { note: '抽检霉变' } } }, t.warehouse);
    expect(frozen.alreadyLeft.map((o) => o.id)).toContain(gone);
    for (const id of [a, b]) expect(row(id).hold).toBe('quality');
    expect(row(clean).hold).toBeNull();
    const later = fresh();
    expect(row(later).hold).toBeNull(); // arrives with the batch on its line: …
    app.services.db.writes.run({ actor: { id: null, name: 't' }, call: 't' }, (tx) => app.services.flow.quality.checkOrder(tx, later));
    expect(row(later).hold).toBe('quality'); // … held as soon as it is checked (the pick list writes batch numbers)
    const list = await app.call('quality.list', {}, t.finance);
    expect(list.holds[0]).toMatchObject({ batchNo: 'B2611', skuCode: 'SKU-001', frozenBy: 'warehouse', releasedAt: null });
    expect(list.holds[0]!.heldOrders).toBeGreaterThanOrEqual(3);
    const r = await app.call('quality.release', { id: frozen.id, reason: { code: 'checked_ok', params: { note: '复检合格' } } }, t.warehouse);
    expect(r.released).toBe(list.holds[0]!.heldOrders);
    for (const id of [a, b, later]) expect(row(id)).toMatchObject({ hold: null, status: 'pending_review' });
    expect((await app.call('quality.orders', { id: frozen.id }, t.ops)).orders.every((o) => !o.held)).toBe(true);
  });
});

describe('拆单 and 合单, both reversible with full history', () => {
  it('splits a quantity off into a part that ships on its own (the gift stays with its line); unsplit puts it all back', async () => {
    const id = fresh();
    await toShip(id);
    const before = lines(id);
    expect(before[2]!.parent).toBe(before[1]!.id); // the gift belongs to the 卫衣 line
    expect(await app.raw('orders.split', { id, expectedVersion: v(id), parts: [{ lines: [{ lineId: before[2]!.id, qty: 1 }] }] }, t.ops))
      .toMatchObject({ error: { code: 'invalid_input', message: expect.stringContaining('赠品') } });
    expect(await app.raw('orders.split', { id, expectedVersion: v(id), parts: [{ lines: [{ lineId: before[0]!.id, qty: 3 }, { lineId: before[1]!.id, qty: 1 }] }] }, t.ops))
      .toMatchObject({ error: { code: 'invalid_input', field: 'parts' } });
    const { parts } = await app.call('orders.split', { id, expectedVersion: v(id), parts: [{ lines: [{ lineId: before[0]!.id, qty: 2 }, { lineId: before[1]!.id, qty: 1 }] }], reason: { code: 'out_of_stock' } }, t.ops);
    const part = parts[0]!;
    expect(row(part)).toMatchObject({ platform_order_id: `${row(id).platform_order_id}#2`, parent_order_id: id, paid_fen: 0, status: 'to_route' });
    expect(lines(part).map((l) => [l.sku, l.qty, l.src])).toEqual([['SKU-001', 2, id], ['SKU-002', 1, id], ['GIFT-BAG', 1, id]]);
    expect(lines(id).map((l) => [l.sku, l.qty])).toEqual([['SKU-001', 1]]);
    expect(lines(id)[0]!.paid + lines(part)[0]!.paid).toBe(26970);
    expect(row(id).status).toBe('to_route'); // routed again
    expect(rerouted).toContain(`${id}:split`);
    const view = await app.call('orders.lifecycle', { id }, t.service);
    expect(view.family.parts.map((p) => p.id)).toEqual([part]);

    await app.call('orders.unsplit', { id: part, reason: { code: 'other' } }, t.ops);
    expect(lines(id).map((l) => [l.sku, l.qty, l.paid, l.src])).toEqual(before.map((l) => [l.sku, l.qty, l.paid, null]));
    expect(row(part)).toMatchObject({ status: 'merged', merged_into_id: id });
    expect(released).toContain(`${part}:merged`);
    const history = app.services.db.sqlite.prepare(`SELECT type FROM order_events WHERE order_id = ? AND type IN ('split', 'unsplit') ORDER BY at, id`).pluck().all(id);
    expect(history).toEqual(['split', 'unsplit']);
    expect(app.services.db.sqlite.prepare('SELECT reversed_by_name FROM order_links WHERE other_order_id = ?').pluck().get(part)).toBe('ops');
  });

  it('a refund on the platform cancels the order and its split parts; the platform changing a split order’s lines holds it', async () => {
    const o = order(`HR${++n}`, { lines: TWO_LINES, goodsFen: 42870, paidFen: 42870 });
    const [id] = shop.ingest(o);
    const l = lines(id!);
    const { parts } = await app.call('orders.split', { id: id!, expectedVersion: v(id!), parts: [{ lines: [{ lineId: l[0]!.id, qty: 1 }] }] }, t.ops);
    shop.ingest({ ...o, lines: [{ ...TWO_LINES[0]!, qty: 2, paidFen: 17980 }, TWO_LINES[1]!, TWO_LINES[2]!], platformUpdatedAt: o.platformUpdatedAt + 1 });
    expect(app.services.flow.holds.openFor(id!)).toMatchObject([{ type: 'platform', code: 'lines_changed' }]);
    expect(lines(id!)[0]!.qty + lines(parts[0]!)[0]!.qty).toBe(3); // nothing moved behind the person's back
    shop.ingest({ ...o, phase: 'refunded', platformStatus: 'TRADE_CLOSED', platformUpdatedAt: o.platformUpdatedAt + 2 });
    expect([row(id!).status, row(parts[0]!).status]).toEqual(['cancelled', 'cancelled']);
  });

  it('merges today’s candidates of one shop; unmerge gives each its lines back; a platform cancel of a member takes it back out', async () => {
    const address = { receiverName: '陈*', receiverPhone: '139****1111', province: '浙江省', city: '杭州市', district: '滨江区', detail: '江南大道1号' };
    const buyer = { platformBuyerId: 'same-buyer', nick: '陈**' };
    const [a, b, c] = shop.ingest(
      order(`M${++n}`, { address, buyer, createdAt: Date.UTC(2026, 10, 20, 1), paidAt: Date.UTC(2026, 10, 20, 1) }),
      order(`M${++n}`, { address, buyer, createdAt: Date.UTC(2026, 10, 20, 5), lines: [TWO_LINES[1]!] }),
      order(`M${++n}`, { address, buyer, createdAt: Date.UTC(2026, 10, 20, 9), lines: [TWO_LINES[1]!] }),
    );
    const [elsewhere] = other.ingest(order(`M${++n}`, { address, buyer }));
    const groups = (await app.call('orders.mergeCandidates', {}, t.ops)).groups;
    expect(groups.find((g) => g.orders.some((o) => o.id === a))!.orders.map((o) => o.id)).toEqual([a, b, c]); // the other shop's order is not offered
    expect(await app.raw('orders.merge', { ids: [a!, elsewhere!] }, t.ops)).toMatchObject({ error: { code: 'invalid_input', message: expect.stringContaining('店铺') } });
    expect(await app.raw('orders.merge', { ids: [a!, b!], versions: { [a!]: v(a!) + 5 } }, t.ops)).toMatchObject({ error: { code: 'conflict' } });

    const m = await app.call('orders.merge', { ids: [c!, b!, a!], versions: { [a!]: v(a!), [b!]: v(b!), [c!]: v(c!) } }, t.ops);
    expect(m).toEqual({ primary: a, merged: [c, b] }); // the earliest paid ships everything
    expect(lines(a!).map((l) => [l.sku, l.src])).toEqual([['SKU-001', null], ['SKU-002', c], ['SKU-002', b]]);
    for (const x of [b!, c!]) expect(row(x)).toMatchObject({ status: 'merged', merged_into_id: a, paid_fen: 8990 }); // its own money stays its own
    expect((await app.call('orders.lifecycle', { id: a! }, t.ops)).family.members.map((x) => x.id).sort()).toEqual([b, c].sort());

    // The platform refunds c while merged: it is taken back out, then cancelled; a keeps only its own and b's lines.
    shop.ingest(order(`M${n - 1}`, { address, buyer, createdAt: Date.UTC(2026, 10, 20, 9), lines: [TWO_LINES[1]!], phase: 'refunded', platformStatus: 'TRADE_CLOSED', platformUpdatedAt: Date.now() }));
    expect(row(c!)).toMatchObject({ status: 'cancelled', merged_into_id: null });
    expect(lines(c!).map((l) => l.sku)).toEqual(['SKU-002']);
    expect(lines(a!).map((l) => l.src)).toEqual([null, b]);

    await app.call('orders.unmerge', { id: a!, expectedVersion: v(a!) }, t.ops);
    expect(row(b!)).toMatchObject({ status: 'pending_review', merged_into_id: null });
    expect(lines(b!).map((l) => [l.sku, l.src])).toEqual([['SKU-002', null]]);
    expect(lines(a!)).toHaveLength(1);
    expect(app.services.db.sqlite.prepare(`SELECT count(*) FROM order_links WHERE kind = 'merge' AND order_id = ? AND reversed_at IS NOT NULL`).pluck().get(a)).toBe(2);
  });
});
