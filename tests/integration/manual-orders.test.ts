import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db';
import { migrationsPath } from '../../src-main/paths';
import { order, seedShop } from '../helpers/lifecycle-fixture';
import { tempApp, type TempApp } from '../helpers/temp-app';

let app: TempApp;
let t: Record<'ops' | 'service' | 'warehouse', string>;
let shop: ReturnType<typeof seedShop>;
const entered: string[] = [];

beforeAll(async () => {
  app = await tempApp();
  t = { ops: await app.login('ops'), service: await app.login('service'), warehouse: await app.login('warehouse') };
  shop = seedShop(app);
  // A stand-in for the review rules: manual orders must meet them like shop orders do.
  app.services.flow.lifecycle.onEnter('pending_review', (_tx, id, how) => entered.push(`${id}:${how.source}`));
});
afterAll(() => app.dispose());

const row = (id: string) => app.services.db.sqlite.prepare('SELECT * FROM orders WHERE id = ?').get(id) as Record<string, unknown>;
const lines = (id: string) => app.services.db.sqlite.prepare('SELECT id, sku_code AS sku, title, qty, unit_price_fen AS unit, paid_fen AS paid, gift, parent_line_id AS parent FROM order_lines WHERE order_id = ? ORDER BY line_no').all(id) as Record<string, unknown>[];
const address = { receiverName: '王建国', receiverPhone: '13912345678', province: '江苏省', city: '苏州市', district: '工业园区', detail: '星湖街328号' };

describe('manual orders (phone, QQ, fax, offline B2B)', () => {
  it('enter through the same pipeline and rules, with SKU prices by default and a gift bound to its line', async () => {
    const skus = await app.call('skus.search', { q: 'SKU' }, t.service);
    expect(skus.skus.map((s) => s.code)).toEqual(['SKU-001', 'SKU-002']);
    const r = await app.call('orders.createManual', {
      source: 'phone', address, buyerNick: '王总（苏州）', payment: 'credit', remark: '月底对账',
      lines: [{ skuCode: 'SKU-001', qty: 10 }, { skuCode: 'GIFT-BAG', qty: 1, gift: true }, { skuCode: 'SKU-002', qty: 2, unitPriceFen: 14000 }],
      discountFen: 2000, postageFen: 1000,
    }, t.service);
    expect(r.platformOrderId).toMatch(/^SG\d{8}0001$/);
    expect(r.status).toBe('pending_review');
    expect(entered).toContain(`${r.id}:person`);
    const o = row(r.id);
    expect(o).toMatchObject({ goods_fen: 89900 + 28000, discount_fen: 2000, postage_fen: 1000, paid_fen: 89900 + 28000 - 2000 + 1000, platform_phase: 'paid', buyer_nick: '王总（苏州）', seller_note: '电话下单 · 月结 · 月底对账' });
    const ls = lines(r.id);
    expect(ls.map((l) => [l.sku, l.qty, l.unit])).toEqual([['SKU-001', 10, 8990], ['GIFT-BAG', 1, 0], ['SKU-002', 2, 14000]]);
    expect(ls[1]!.parent).toBe(ls[0]!.id);
    expect(ls.reduce((s, l) => s + (l.paid as number), 0)).toBe(89900 + 28000 - 2000);
    expect(app.services.db.sqlite.prepare('SELECT name FROM channels WHERE id = ?').pluck().get(o.channel_id)).toBe('手工订单');
    // Its platform status says how it came in and how it is paid, in the reader's language.
    expect((await app.call('orders.get', { id: r.id }, t.service)).order.platformStatusText).toBe('电话·月结');
    const en = await app.raw('orders.get', { id: r.id }, t.service, 'en') as { data: { order: { platformStatusText: string } } };
    expect(en.data.order.platformStatusText).toBe('Phone · Monthly account');
    // The customer is found again by phone next time.
    expect((await app.call('customers.search', { q: '13912345678' }, t.service)).customers[0]).toMatchObject({ orders: 1, lastAddress: { receiverName: '王建国', detail: '星湖街328号' } });
    const second = await app.call('orders.createManual', { source: 'qq', address, lines: [{ skuCode: 'SKU-002', qty: 1 }], payment: 'unpaid' }, t.service);
    expect(second.platformOrderId).toMatch(/0002$/);
    expect(row(second.id)).toMatchObject({ status: 'pending_payment', customer_id: o.customer_id });
  });

  it('refuses what it cannot price or place, naming the field, and writes nothing', async () => {
    const before = app.services.db.sqlite.prepare('SELECT count(*) FROM orders').pluck().get();
    expect(await app.raw('orders.createManual', { source: 'fax', address, lines: [{ skuCode: 'NOPE', qty: 1 }] }, t.service))
      .toMatchObject({ error: { code: 'invalid_input', field: 'lines.0.skuCode', message: '商品编码 NOPE 不存在' } });
    expect(await app.raw('orders.createManual', { source: 'fax', address, lines: [{ skuCode: 'GIFT-BAG', qty: 1, gift: true }] }, t.service))
      .toMatchObject({ error: { field: 'lines.0.gift' } });
    expect(await app.raw('orders.createManual', { source: 'fax', address: { ...address, detail: '' }, lines: [{ skuCode: 'SKU-001', qty: 1 }] }, t.service))
      .toMatchObject({ error: { code: 'invalid_input', field: 'address.detail' } });
    expect(await app.raw('orders.createManual', { source: 'fax', address, lines: [{ skuCode: 'SKU-001', qty: 1 }] }, t.warehouse)).toMatchObject({ error: { code: 'forbidden' } });
    expect(app.services.db.sqlite.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(before);
  });
});

describe('a person changes the address; gifts stand in for each other', () => {
  it('after payment the new address wins, is flagged with its history kept, and a routed order is routed again', async () => {
    const [id] = shop.ingest(order('AC1'));
    await app.call('orders.transition', { ids: [id!], to: 'to_route' }, t.ops);
    await app.call('orders.transition', { ids: [id!], to: 'to_ship', fields: { warehouseId: 'wh-hz' } }, t.ops);
    const v = row(id!).version as number;
    expect(await app.raw('orders.changeAddress', { id: id!, expectedVersion: v - 1, address }, t.ops)).toMatchObject({ error: { code: 'conflict' } });
    const r = await app.call('orders.changeAddress', { id: id!, expectedVersion: v, address, reason: { code: 'buyer_request' } }, t.ops);
    expect(row(id!)).toMatchObject({ receiver_name: '王建国', address_detail: '星湖街328号', phone_last4: '5678', status: 'to_route', version: r.version });
    expect(row(id!).address_changed_at).toBeTypeOf('number');
    const history = app.services.db.sqlite.prepare('SELECT detail, source FROM order_addresses WHERE order_id = ? ORDER BY created_at').all(id) as { detail: string; source: string }[];
    expect(history.map((h) => h.source)).toEqual(['poll:test', 'person']);
    await app.call('orders.transition', { ids: [id!], to: 'to_ship', fields: { warehouseId: 'wh-hz' } }, t.ops);
    await app.call('orders.transition', { ids: [id!], to: 'shipped', fields: { trackingNo: 'SF2' } }, t.warehouse);
    expect(await app.raw('orders.changeAddress', { id: id!, expectedVersion: row(id!).version as number, address }, t.ops)).toMatchObject({ error: { code: 'conflict', message: expect.stringContaining('不能再改地址') } });
  });

  it('an out-of-stock gift offers the others of its group, with stock on hand, and is swapped on request', async () => {
    app.services.db.writes.run({ actor: { id: null, name: 't' }, call: 't' }, (tx) =>
      tx.insert('stock_snapshots', { id: 'ss1', skuCode: 'GIFT-SOCK', warehouseId: 'wh-hz', onHand: 40, at: 1, source: 'import', createdAt: 1, updatedAt: 1 }));
    const [id] = shop.ingest(order('GF1', { lines: [
      { skuCode: 'SKU-001', title: 'T恤', qty: 1, unitPriceFen: 8990, paidFen: 8990 },
      { skuCode: 'GIFT-BAG', title: '【赠品】帆布袋', qty: 1, unitPriceFen: 0, paidFen: 0, gift: true, giftOf: 0 },
    ] }));
    const gift = lines(id!)[1]!;
    expect((await app.call('orders.giftSubstitutes', { id: id!, lineId: gift.id as string }, t.service)).skus).toEqual([
      expect.objectContaining({ code: 'GIFT-SOCK', giftGroup: '店铺赠品', onHand: 40 }),
    ]);
    expect(await app.raw('orders.giftSubstitutes', { id: id!, lineId: lines(id!)[0]!.id }, t.service)).toMatchObject({ error: { code: 'invalid_input' } });
    expect(await app.raw('orders.replaceGift', { id: id!, lineId: gift.id, skuCode: 'SKU-002', expectedVersion: row(id!).version }, t.ops)).toMatchObject({ error: { field: 'skuCode' } });
    await app.call('orders.replaceGift', { id: id!, lineId: gift.id as string, skuCode: 'GIFT-SOCK', expectedVersion: row(id!).version as number }, t.ops);
    expect(lines(id!)[1]).toMatchObject({ sku: 'GIFT-SOCK', title: '【赠品】船袜', gift: 1, parent: lines(id!)[0]!.id });
  });
});

describe('existing data migrates to two statuses and many holds', () => {
  it('status becomes the platform phase plus a sensible own status; the hold column becomes open holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orderhub-mig-lc-'));
    try {
      const migrations = join(dir, 'migrations');
      cpSync(migrationsPath(), migrations, { recursive: true });
      const journalFile = join(migrations, 'meta', '_journal.json');
      const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
      journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag.endsWith('_fulfilment')));
      writeFileSync(journalFile, JSON.stringify(journal));
      const file = join(dir, 'orderhub.db');
      (await openDatabase(file, migrations)).close();
      const old = new Database(file);
      old.prepare(`INSERT INTO channels (id, kind, name, created_at, updated_at) VALUES ('c', 'taobao', 's', 0, 0)`).run();
      const put = old.prepare(`INSERT INTO orders (id, channel_id, platform_order_id, status, platform_status, goods_fen, paid_fen, created_at, paid_at,
        platform_updated_at, shipped_at, hold, ingested_at, modified_at) VALUES (?, 'c', ?, ?, 'x', 100, 100, 0, ?, 0, ?, ?, 0, ?)`);
      const H = 3_600_000;
      put.run('o1', '1', 'allocated', 10 * H, null, null, 11 * H);
      put.run('o2', '2', 'closed', 10 * H, null, null, 11 * H); // refunded before it shipped
      put.run('o3', '3', 'closed', 10 * H, 12 * H, null, 13 * H); // refunded after
      put.run('o4', '4', 'pending_review', 10 * H, null, 'suspect_duplicate', 10 * H);
      put.run('o5', '5', 'to_ship', 10 * H, null, 'unmapped_status', 10 * H);
      put.run('o6', '6', 'pending_payment', null, null, null, 10 * H);
      old.close();
      const db = await openDatabase(file);
      const rows = db.sqlite.prepare('SELECT id, status, platform_phase AS phase, sla_due_at AS due, status_at AS at FROM orders ORDER BY id').all();
      expect(rows).toEqual([
        { id: 'o1', status: 'to_ship', phase: 'paid', due: 34 * H, at: 11 * H },
        { id: 'o2', status: 'cancelled', phase: 'refunded', due: null, at: 11 * H },
        { id: 'o3', status: 'closed', phase: 'refunded', due: null, at: 13 * H },
        { id: 'o4', status: 'pending_review', phase: 'paid', due: 12 * H, at: 10 * H },
        { id: 'o5', status: 'to_ship', phase: null, due: 34 * H, at: 10 * H },
        { id: 'o6', status: 'pending_payment', phase: 'unpaid', due: null, at: 10 * H },
      ]);
      expect(db.sqlite.prepare('SELECT id, order_id AS orderId, type, released_at AS r FROM order_holds ORDER BY id').all()).toEqual([
        { id: 'o4', orderId: 'o4', type: 'suspect_duplicate', r: null }, { id: 'o5', orderId: 'o5', type: 'unmapped_status', r: null },
      ]);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
