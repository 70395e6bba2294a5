/** 库位 (bins): set inline, pasted or imported from a file, audited, and printed on the pick list (#11 follow-up). */
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../helpers/pdf-text';
import { xlsx } from '../helpers/import-fixtures';
import { order, shippingWorld, type ShippingWorld } from '../helpers/shipping-world';
import { binRowId } from '../../src-main/shipping/bins/bin-book';

let w: ShippingWorld;
let token: string;

beforeAll(async () => {
  w = await shippingWorld();
  token = await w.app.login('warehouse');
}, 60_000);
afterAll(() => w?.dispose());

const binOf = (sku: string) => w.app.services.db.sqlite.prepare(`SELECT bin FROM sku_bins WHERE warehouse_id = 'wh-hz' AND sku_code = ?`).pluck().get(sku) as string | undefined;
const binAudits = () => w.count(`SELECT count(*) FROM audit_log WHERE entity = 'sku_bins'`);

describe('bins (库位)', () => {
  it('lists every SKU of the catalogue for the warehouse, unset ones marked null', async () => {
    const rows = await w.app.call('shipping.bins', { warehouseId: 'wh-hz' }, token);
    expect(rows.map((r) => r.skuCode).sort()).toEqual(['GIFT-BAG', 'GIFT-SOCK', 'SKU-001', 'SKU-002']);
    expect(rows.every((r) => r.bin === null)).toBe(true);
  });

  it('the warehouse sets a bin inline, changes it and clears it; each change audited with before → after', async () => {
    expect(await w.app.call('shipping.setBins', { warehouseId: 'wh-hz', rows: [{ skuCode: 'SKU-001', bin: 'A-01-03' }] }, token)).toMatchObject({ saved: 1, rejected: [] });
    expect(binOf('SKU-001')).toBe('A-01-03');
    expect(await w.app.call('shipping.setBins', { warehouseId: 'wh-hz', rows: [{ skuCode: 'SKU-001', bin: 'A-01-04' }] }, token)).toMatchObject({ saved: 1 });
    expect(await w.app.call('shipping.setBins', { warehouseId: 'wh-hz', rows: [{ skuCode: 'SKU-001', bin: 'A-01-04' }] }, token)).toMatchObject({ saved: 0, unchanged: 1 });
    const update = w.app.services.db.sqlite.prepare(`SELECT before_json, after_json FROM audit_log WHERE entity = 'sku_bins' AND action = 'update'`).get() as { before_json: string; after_json: string };
    expect(update.before_json).toContain('A-01-03');
    expect(update.after_json).toContain('A-01-04');
    expect(await w.app.call('shipping.setBins', { warehouseId: 'wh-hz', rows: [{ skuCode: 'SKU-001', bin: '' }] }, token)).toMatchObject({ cleared: 1 });
    expect(binOf('SKU-001')).toBeUndefined();
    expect(binAudits()).toBe(3);
  });

  it('pasted Excel rows: a header is skipped, good rows saved, bad rows returned with row, field and value, nothing else lost', async () => {
    const pasted = ['库位\tSKU编码', 'A-01-03\tSKU-001', 'B-02-11\tSKU-002', 'C-9\tNOPE-9', '有 空格\tGIFT-BAG', '\tGIFT-SOCK'].join('\n');
    const r = await w.app.call('shipping.importBins', { warehouseId: 'wh-hz', text: pasted }, token);
    expect(r).toMatchObject({ saved: 2 });
    expect(r.rejected).toEqual([
      expect.objectContaining({ rowNo: 4, field: 'skuCode', value: 'NOPE-9', code: 'sku_unknown', message: expect.stringContaining('NOPE-9') }),
      expect.objectContaining({ rowNo: 5, field: 'bin', value: '有 空格', code: 'bin_invalid', message: expect.stringContaining('有 空格') }),
      expect.objectContaining({ rowNo: 6, field: 'bin', value: '', code: 'bin_missing' }),
    ]);
    expect(binOf('SKU-001')).toBe('A-01-03');
    expect(binOf('SKU-002')).toBe('B-02-11');
    expect(binOf('GIFT-BAG')).toBeUndefined();
  });

  it('the same SKU twice with different bins saves neither row', async () => {
    const r = await w.app.call('shipping.importBins', { warehouseId: 'wh-hz', text: 'GIFT-SOCK\tD-1\nGIFT-SOCK\tD-2' }, token);
    expect(r.rejected.map((x) => [x.rowNo, x.code])).toEqual([[1, 'sku_repeated'], [2, 'sku_repeated']]);
    expect(binOf('GIFT-SOCK')).toBeUndefined();
  });

  it('an xlsx and a GBK CSV file import the same way; English callers read English reasons', async () => {
    const file = await xlsx([['SKU', '库位'], ['GIFT-BAG', 'E-05'], ['GHOST', 'E-06']]);
    const r = await w.app.call('shipping.importBins', { warehouseId: 'wh-hz', file: { name: 'bins.xlsx', base64: file.toString('base64') } }, token);
    expect(r).toMatchObject({ saved: 1, rejected: [{ rowNo: 3, field: 'skuCode', value: 'GHOST' }] });
    expect(binOf('GIFT-BAG')).toBe('E-05');
    const csv = iconv.encode('商品编码,库位\r\nGIFT-SOCK,冷库-2排\r\nGHOST,F-1\r\n', 'gbk');
    const en = await w.app.raw('shipping.importBins', { warehouseId: 'wh-hz', file: { name: 'bins.csv', base64: csv.toString('base64') } }, token, 'en');
    expect(en).toMatchObject({ data: { saved: 1, rejected: [{ rowNo: 3, message: 'no SKU "GHOST" in the product list' }] } });
    expect(binOf('GIFT-SOCK')).toBe('冷库-2排');
  });

  it('refuses a file that is not a sheet, naming it; an unknown warehouse names its id', async () => {
    const bad = await w.app.raw('shipping.importBins', { warehouseId: 'wh-hz', file: { name: 'bins.xlsx', base64: Buffer.from('%PDF-1.4 nope').toString('base64') } }, token);
    expect(bad).toMatchObject({ error: { code: 'invalid_input', field: 'file', message: expect.stringContaining('bins.xlsx') } });
    expect(await w.app.raw('shipping.setBins', { warehouseId: 'wh-nope', rows: [{ skuCode: 'SKU-001', bin: 'A' }] }, token))
      .toMatchObject({ error: { code: 'not_found', field: 'warehouseId', message: expect.stringContaining('wh-nope') } });
  });

  it('finance may not change bins; service may not even see them', async () => {
    const finance = await w.app.login('finance');
    expect(await w.app.raw('shipping.setBins', { warehouseId: 'wh-hz', rows: [{ skuCode: 'SKU-001', bin: 'Z' }] }, finance)).toMatchObject({ error: { code: 'forbidden' } });
    expect(await w.app.raw('shipping.importBins', { warehouseId: 'wh-hz', text: 'SKU-001\tZ' }, finance)).toMatchObject({ error: { code: 'forbidden' } });
    const service = await w.app.login('service');
    expect(await w.app.raw('shipping.bins', { warehouseId: 'wh-hz' }, service)).toMatchObject({ error: { code: 'forbidden' } });
    expect(binOf('SKU-001')).toBe('A-01-03');
  });

  it('two PCs setting the same SKU\'s first bin offline converge on the later one (same row id, not a duplicate refused)', async () => {
    const { db } = w.app.services;
    // This PC sets SKU-002's first bin (a fresh row) …
    await w.app.call('shipping.setBins', { warehouseId: 'wh-hz', rows: [{ skuCode: 'SKU-002', bin: '' }] }, token);
    await w.app.call('shipping.setBins', { warehouseId: 'wh-hz', rows: [{ skuCode: 'SKU-002', bin: 'B-02-11' }] }, token);
    // … and another PC inserted its own first bin for it, later: its row id is the same natural key.
    const id = binRowId('wh-hz', 'SKU-002');
    const later = `${String(Date.now() + 60_000).padStart(15, '0')}-00000-pcb`;
    const outcome = db.writes.run({ actor: { id: null, name: 'sync' }, call: 'sync.pull' }, (tx) => tx.applyRemote({
      table: 'sku_bins', row: id, op: 'insert', hlc: later, call: 'shipping.setBins', actorId: null, actorName: '另一台电脑', origin: 'pc-b #1',
      values: { id, warehouse_id: 'wh-hz', sku_code: 'SKU-002', bin: 'B-09-09', updated_at: Date.now() },
    }));
    expect(outcome).toBe('applied');
    expect(binOf('SKU-002')).toBe('B-09-09');
    expect(w.count(`SELECT count(*) FROM sku_bins WHERE warehouse_id = 'wh-hz' AND sku_code = 'SKU-002'`)).toBe(1);
    await w.app.call('shipping.setBins', { warehouseId: 'wh-hz', rows: [{ skuCode: 'SKU-002', bin: 'B-02-11' }] }, token);
  });

  it('the pick list prints the bins set here, SKU totals in bin order', async () => {
    w.ready(order('TB-7001', { lines: [
      { platformLineId: 'TB-7001-1', skuCode: 'SKU-002', title: '卫衣', qty: 1, unitPriceFen: 9900, paidFen: 9900 },
      { platformLineId: 'TB-7001-2', skuCode: 'SKU-001', title: 'T恤', qty: 2, unitPriceFen: 4990, paidFen: 9980 },
    ] }));
    const r = await w.app.call('shipping.pickList', { warehouseId: 'wh-hz', filters: {} }, token);
    const { text } = await pdfText(Buffer.from(r.contentBase64, 'base64'));
    expect(text).toMatch(/A-01-03\s+SKU-001\s+T恤\s+2\s+1[\s\S]*B-02-11\s+SKU-002\s+卫衣\s+1\s+1/);
    expect(text).not.toContain('未设库位');
  });
});
