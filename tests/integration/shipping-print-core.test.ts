import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../helpers/pdf-text';
import { tempCore, until, type TempCore } from '../helpers/temp-core';

/**
 * The pick list on the real core: the writer moves the wave's orders to 拣货中 and records the list;
 * a job worker reads them and draws the PDF. While that worker is stuck, the writer still answers
 * other writes at once, and the sheet, when it comes, lists the moved orders.
 */
let core: TempCore;
let token: string;
let warehouseId: string;
let waiting: number;

beforeAll(async () => {
  core = await tempCore({ writer: { demoOrders: 400 }, jobIdleMs: 200 });
  token = await core.login('warehouse');
  await until(() => core.call('setup.status', {}, null), (s) => s.seeding === null, 240_000, 250);
  // Whatever the demo's states at this hour (in the morning every demo order may have finished):
  // three phone orders are added, then up to 30 open orders are brought to 待发货 in one warehouse by
  // a forced move (as an ops lead could make), so the wave is never empty.
  const owner = await core.login('owner');
  warehouseId = (await core.call('shipping.floor', {}, owner)).warehouses[0]!.id;
  const [sku] = (await core.call('skus.search', { q: 'TS01', limit: 1 }, owner)).skus;
  const address = { receiverName: '王建国', receiverPhone: '13912345678', province: '江苏省', city: '苏州市', district: '工业园区', detail: '星湖街328号' };
  for (let i = 0; i < 3; i++) await core.call('orders.createManual', { source: 'phone', address, lines: [{ skuCode: sku!.code, qty: 1 + i }] }, owner);
  const page = await core.call('orders.page', { startRow: 0, endRow: 1000 }, owner);
  const open = page.rows.filter((r) => ['pending_review', 'to_route', 'to_ship', 'picking', 'packed'].includes(r.status)).slice(0, 30).map((r) => r.id);
  expect(open.length).toBeGreaterThan(0);
  await core.call('orders.transition', { ids: open, to: 'to_ship', force: true, fields: { warehouseId }, reason: { code: 'other', params: { note: '测试：备一个波次' } } }, owner);
  const db = new Database(join(core.dataDir, 'orderhub.db'), { readonly: true });
  waiting = db.prepare(`SELECT count(*) FROM orders WHERE status = 'to_ship' AND hold IS NULL AND warehouse_id = ?`).pluck().get(warehouseId) as number;
  db.close();
  // The demo's own job worker has ended: the next one is the pick list's.
  await until(async () => core.front.workers().filter((w) => w.role === 'job').length, (n) => n === 0, 30_000, 50);
}, 300_000);
afterAll(() => core?.dispose());

describe('pick list PDF on a job worker', () => {
  it('the writer answers other writes while the PDF is drawn elsewhere; the PDF lists the orders it moved', async () => {
    expect(waiting).toBeGreaterThan(0);
    let answered = false;
    const printing = core.post('shipping.pickList', { warehouseId, filters: {} }, token).then((r) => {
      answered = true;
      return r;
    });
    // The job worker that draws it: stop its thread for a while, as a very slow render would.
    const job = await until(async () => core.front.workers().find((w) => w.role === 'job'), (w) => !!w, 30_000, 5);
    const held = core.front.hold(job!.name, 4000);
    const bins = await core.post('shipping.setBins', { warehouseId, rows: [{ skuCode: 'NO-SUCH-SKU', bin: 'A-1' }] }, token);
    expect(bins.body).toMatchObject({ data: { rejected: [{ code: 'sku_unknown' }] } });
    expect(answered).toBe(false);
    await held;
    const { body } = await printing;
    expect('data' in body).toBe(true);
    const r = (body as { data: { contentBase64: string; orders: number; pickListId: string } }).data;
    expect(r.orders).toBe(waiting);
    const { text } = await pdfText(Buffer.from(r.contentBase64, 'base64'));
    expect(text).toContain('拣货单');
    const db = new Database(join(core.dataDir, 'orderhub.db'), { readonly: true });
    const ids = JSON.parse(db.prepare('SELECT order_ids_json FROM pick_lists WHERE id = ?').pluck().get(r.pickListId) as string) as string[];
    const nos = db.prepare(`SELECT platform_order_id FROM orders WHERE id IN (SELECT value FROM json_each(?)) AND status = 'picking'`).pluck().all(JSON.stringify(ids)) as string[];
    db.close();
    expect(nos).toHaveLength(waiting);
    for (const no of nos.slice(0, 5)) expect(text).toContain(no);
  });
});
