/** 拣货单, 发货单 and 已交接 (#11 §1–3) against a real SQLite file, as the warehouse calls them. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSON } from '../helpers/lifecycle-fixture';
import { pdfText } from '../helpers/pdf-text';
import { order, shippingWorld, type ShippingWorld } from '../helpers/shipping-world';

let w: ShippingWorld;
let token: string;
let ids: string[];
const FILTERS = { urgencies: [] as ('red' | 'yellow' | 'green')[] };

beforeAll(async () => {
  w = await shippingWorld();
  token = await w.app.login('warehouse');
  ids = w.ready(
    order('TB-3001', {
      buyerRemark: '请用纸箱，不要塑料袋',
      lines: [
        { platformLineId: 'TB-3001-1', skuCode: 'SKU-001', title: 'T恤', qty: 2, unitPriceFen: 4990, paidFen: 9980 },
        { platformLineId: 'TB-3001-2', skuCode: 'GIFT-BAG', title: '帆布袋', qty: 1, unitPriceFen: 0, paidFen: 0, gift: true, giftOf: 0 },
      ],
    }),
    order('TB-3002', { lines: [
      { platformLineId: 'TB-3002-1', skuCode: 'SKU-001', title: 'T恤', qty: 1, unitPriceFen: 4990, paidFen: 4990 },
      { platformLineId: 'TB-3002-2', skuCode: 'SKU-002', title: '卫衣', qty: 3, unitPriceFen: 9900, paidFen: 29700 },
    ] }),
    order('TB-3003'),
    order('TB-3004'),
  );
  const { db } = w.app.services;
  db.writes.run(PERSON, (tx) => {
    tx.insert('sku_bins', { id: 'bin-1', warehouseId: 'wh-hz', skuCode: 'SKU-001', bin: 'A-01-03', updatedAt: 0 });
    tx.insert('sku_bins', { id: 'bin-2', warehouseId: 'wh-hz', skuCode: 'SKU-002', bin: 'B-02-11', updatedAt: 0 });
    // TB-3002's buyer asked for a new address after paying.
    const paidAt = db.sqlite.prepare('SELECT paid_at FROM orders WHERE id = ?').pluck().get(ids[1]) as number;
    tx.update('orders', ids[1]!, { addressChangedAt: paidAt + 60_000 });
    // TB-3004 is held: it stays off the list.
    w.app.services.flow.holds.open(tx, ids[3]!, { type: 'manual', code: 'customer_call' });
  });
}, 60_000);
afterAll(() => w?.dispose());

/** The sheets are kept as test artifacts, to look at. */
const keep = (name: string, pdf: Buffer) => {
  mkdirSync('test-results/print', { recursive: true });
  writeFileSync(`test-results/print/${name}`, pdf);
};
const audits = (action: string) => w.count(`SELECT count(*) FROM audit_log WHERE entity = 'pick_lists' AND action = ?`, action);
const statusMoves = (orderId: string) => w.count(`SELECT count(*) FROM audit_log WHERE entity_id = ? AND after_json LIKE '%"picking"%'`, orderId);

describe('pick list (拣货单)', () => {
  let pickListId: string;

  it('previews the wave: orders, units, SKUs, and the held order it leaves out', async () => {
    const p = await w.app.call('shipping.wavePreview', { warehouseId: 'wh-hz', filters: FILTERS }, token);
    expect(p).toMatchObject({ orders: 3, held: 1, units: 2 + 1 + 1 + 3 + 1, skus: 3, capped: false });
  });

  it('each wave filter narrows the wave: paid-by time, shop, urgency, carrier', async () => {
    const wave = async (filters: Record<string, unknown>) => (await w.app.call('shipping.wavePreview', { warehouseId: 'wh-hz', filters }, token)).orders;
    const paidAt = w.count('SELECT max(paid_at) FROM orders WHERE id = ?', ids[0]);
    expect(await wave({ cutoffAt: paidAt })).toBe(3);
    expect(await wave({ cutoffAt: paidAt - 1 })).toBe(0);
    expect(await wave({ channelIds: [w.channel.id] })).toBe(3);
    expect(await wave({ channelIds: ['ch-other'] })).toBe(0);
    expect(await wave({ urgencies: ['green'] })).toBe(3);
    expect(await wave({ urgencies: ['red'] })).toBe(0);
    // No carrier is chosen for these orders yet: a carrier wave does not take them.
    expect(await wave({ carriers: ['SF'] })).toBe(0);
    expect(await w.app.raw('shipping.wavePreview', { warehouseId: 'wh-hz', filters: { urgencies: ['purple'] } }, token)).toMatchObject({ error: { code: 'invalid_input' } });
  });

  it('prints a PDF with SKU totals by bin, every order number, the gift under its parent and the changed address; orders move to 拣货中 once, audited', async () => {
    const r = await w.app.call('shipping.pickList', { warehouseId: 'wh-hz', filters: FILTERS }, token);
    pickListId = r.pickListId;
    expect(r).toMatchObject({ orders: 3, reprint: 0, skipped: [] });
    const pdf = Buffer.from(r.contentBase64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    keep('pick-list.pdf', pdf);
    expect(r.fileName).toMatch(/^拣货单-杭州仓-\d{12}\.pdf$/);
    const { text } = await pdfText(pdf);
    expect(text).toContain('拣货单');
    // SKU-001: 2 + 1 + 1 units over 3 orders, in bin A-01-03.
    expect(text).toMatch(/A-01-03\s+SKU-001\s+T恤\s+4\s+3/);
    expect(text).toMatch(/B-02-11\s+SKU-002\s+卫衣\s+3\s+1/);
    for (const no of ['TB-3001', 'TB-3002', 'TB-3003']) expect(text).toContain(no);
    expect(text).not.toContain('TB-3004');
    expect(text).toMatch(/└ 赠品 GIFT-BAG\s+帆布袋/);
    expect(text).toContain('付款后改过地址，请核对面单');
    expect(text).toContain('买家留言：请用纸箱，不要塑料袋');
    expect(text).not.toContain('重印');
    expect(ids.map((id) => w.status(id))).toEqual(['picking', 'picking', 'picking', 'to_ship']);
    expect(audits('print')).toBe(1);
    expect(statusMoves(ids[0]!)).toBeGreaterThan(0);
  });

  it('prints nothing twice: the same wave again finds no orders and says which filters', async () => {
    const again = await w.app.raw('shipping.pickList', { warehouseId: 'wh-hz', filters: FILTERS }, token);
    expect(again).toMatchObject({ error: { code: 'not_found', field: 'filters' } });
    if ('error' in again) expect(again.error.message).toContain('杭州仓');
  });

  it('a reprint is marked 重印 on the sheet and in the audit, and moves no order again', async () => {
    const before = ids.map(statusMoves);
    const r = await w.app.call('shipping.pickList', { warehouseId: 'wh-hz', filters: FILTERS, reprintOf: pickListId }, token);
    expect(r).toMatchObject({ pickListId, reprint: 1, orders: 3 });
    expect(r.fileName).toMatch(/-重印1\.pdf$/);
    keep('pick-list-reprint.pdf', Buffer.from(r.contentBase64, 'base64'));
    const { text } = await pdfText(Buffer.from(r.contentBase64, 'base64'));
    expect(text).toContain('重印（第 1 次重印）');
    expect(text).toContain('TB-3001');
    expect(ids.map(statusMoves)).toEqual(before);
    expect(audits('reprint')).toBe(1);
    expect(w.count('SELECT prints FROM pick_lists WHERE id = ?', pickListId)).toBe(2);
    const lists = await w.app.call('shipping.pickLists', { warehouseId: 'wh-hz', limit: 10 }, token);
    expect(lists).toMatchObject([{ id: pickListId, orders: 3, prints: 2, warehouseName: '杭州仓' }]);
  });

  it('names the field and value of an unknown warehouse or pick list', async () => {
    expect(await w.app.raw('shipping.pickList', { warehouseId: 'wh-nope', filters: {} }, token)).toMatchObject({ error: { code: 'not_found', field: 'warehouseId', message: expect.stringContaining('wh-nope') } });
    expect(await w.app.raw('shipping.pickList', { warehouseId: 'wh-hz', reprintOf: 'pl-nope' }, token)).toMatchObject({ error: { code: 'not_found', field: 'reprintOf', message: expect.stringContaining('pl-nope') } });
  });

  it('the finance role cannot print a pick list', async () => {
    const finance = await w.app.login('finance');
    expect(await w.app.raw('shipping.pickList', { warehouseId: 'wh-hz', filters: {} }, finance)).toMatchObject({ error: { code: 'forbidden' } });
  });
});

describe('packing slip (发货单)', () => {
  it('one page per order: lines, quantities, the gift with its line, the buyer remark; no amounts by default', async () => {
    const r = await w.app.call('shipping.packingSlip', { orderIds: [ids[0]!, ids[1]!] }, token);
    keep('packing-slips.pdf', Buffer.from(r.contentBase64, 'base64'));
    const { text, pages } = await pdfText(Buffer.from(r.contentBase64, 'base64'));
    expect(pages).toBe(2);
    expect(r.fileName).toBe('发货单-2单.pdf');
    expect(text).toMatch(/SKU-001\s+T恤\s+2/);
    expect(text).toContain('【赠品】帆布袋（随 T恤 附赠）');
    expect(text).toContain('买家留言：请用纸箱，不要塑料袋');
    expect(text).toMatch(/SKU-002\s+卫衣\s+3/);
    expect(text).not.toContain('¥');
    expect(text).not.toContain('实付');
  });

  it('shows amounts only while the shop setting (channels screen, ops lead) is on; the switch is audited and the warehouse may not flip it', async () => {
    const ops = await w.app.login('ops');
    expect(await w.app.raw('channels.setPrinting', { id: w.channel.id, packingSlipAmounts: true }, token)).toMatchObject({ error: { code: 'forbidden' } });
    const on = await w.app.call('channels.setPrinting', { id: w.channel.id, packingSlipAmounts: true }, ops);
    expect(on.printing).toEqual({ packingSlipAmounts: true });
    const audit = w.app.services.db.sqlite.prepare(`SELECT actor_name, before_json, after_json FROM audit_log WHERE entity = 'channels' AND entity_id = ? AND action = 'update' ORDER BY seq DESC LIMIT 1`).get(w.channel.id) as { actor_name: string; before_json: string; after_json: string };
    expect(audit.after_json).toContain('packingSlipAmounts');
    expect(audit.before_json).not.toContain('packingSlipAmounts');
    const r = await w.app.call('shipping.packingSlip', { orderIds: [ids[0]!] }, token);
    keep('packing-slip-amounts.pdf', Buffer.from(r.contentBase64, 'base64'));
    const { text } = await pdfText(Buffer.from(r.contentBase64, 'base64'));
    expect(text).toContain('¥99.80');
    expect(text).toContain('实付');
    await w.app.call('channels.setPrinting', { id: w.channel.id, packingSlipAmounts: false }, ops);
    const off = await pdfText(Buffer.from((await w.app.call('shipping.packingSlip', { orderIds: [ids[0]!] }, token)).contentBase64, 'base64'));
    expect(off.text).not.toContain('¥');
    expect(off.text).not.toContain('实付');
  });

  it('names an unknown order id', async () => {
    expect(await w.app.raw('shipping.packingSlip', { orderIds: ['o-nope'] }, token)).toMatchObject({ error: { code: 'not_found', field: 'orderIds', message: expect.stringContaining('o-nope') } });
  });
});

describe('handover (已交接)', () => {
  it('hands scanned parcels to the carrier batch; refuses another carrier, an order not shipped; the home count follows', async () => {
    expect(await w.app.call('shipping.scan', { orderNo: 'TB-3001', trackingNo: 'SF1234567890001' }, token)).toMatchObject({ ok: true });
    expect(await w.app.call('shipping.scan', { orderNo: 'TB-3002', trackingNo: 'YT1234567890002' }, token)).toMatchObject({ ok: true });
    expect((await w.app.call('shipping.home', {}, token)).toHandOver).toBe(2);
    const waiting = await w.app.call('shipping.toHandOver', { carrier: '顺丰' }, token);
    expect(waiting.map((p) => p.orderNo)).toEqual(['TB-3001']);

    const r = await w.app.call('shipping.handover', { carrier: 'SF', orderIds: [ids[0]!, ids[1]!, ids[2]!] }, token);
    expect(r.handedOver).toEqual([{ orderId: ids[0], orderNo: 'TB-3001', trackingNo: 'SF1234567890001' }]);
    expect(r.refused.map((x) => [x.orderNo, x.code])).toEqual([['TB-3002', 'other_carrier'], ['TB-3003', 'not_shipped']]);
    expect(r.refused[0]!.message).toBe('订单 TB-3002 的包裹是圆通（YT1234567890002），不是这一批的顺丰');
    expect(r.refused[1]!.message).toContain('TB-3003 还没有扫描发货');
    expect(w.count('SELECT count(*) FROM handover_parcels WHERE handover_id = ?', r.handoverId)).toBe(1);
    expect(w.count(`SELECT count(*) FROM audit_log WHERE entity = 'handovers' AND action = 'handover'`)).toBe(1);
    expect((await w.app.call('shipping.home', {}, token)).toHandOver).toBe(1);
  });

  it('refuses a parcel already handed over, naming when, and records nothing', async () => {
    const before = w.count('SELECT count(*) FROM handovers');
    const r = await w.app.call('shipping.handover', { carrier: '顺丰', orderIds: [ids[0]!] }, token);
    expect(r).toMatchObject({ handoverId: null, handedOver: [], refused: [{ orderNo: 'TB-3001', code: 'already_handed_over' }] });
    expect(r.refused[0]!.message).toMatch(/^订单 TB-3001 的包裹已在 \d{4}-\d\d-\d\d \d\d:\d\d 交接给顺丰$/);
    expect(w.count('SELECT count(*) FROM handovers')).toBe(before);
  });

  it('names an unknown carrier', async () => {
    expect(await w.app.raw('shipping.handover', { carrier: '火箭快递', orderIds: [ids[1]!] }, token)).toMatchObject({ error: { code: 'invalid_input', field: 'carrier', message: expect.stringContaining('火箭快递') } });
  });
});
