import { describe, expect, it } from 'vitest';
import type { TemplateDef } from './builtin-templates';
import { OrderAssembler, type Assembled, type SourceRow } from './order-assembler';

const pos: TemplateDef = {
  id: 'pos', name: 'POS', kind: 'orders', builtin: false, channelKind: 'pos', rowIsOrder: false, columns: {}, signature: [],
  defaults: {}, statusWords: {}, createdAt: 0,
};
const headers = new Map([['platformOrderId', '单号'], ['paidYuan', '实收']]);
let rowNo = 1;
const row = (values: SourceRow['values']): SourceRow => ({ rowNo: ++rowNo, cells: [], values });
const line = (id: string, sku: string, qty: number, unit: number, extra: SourceRow['values'] = {}) =>
  row({ platformOrderId: id, createdAt: Date.UTC(2026, 5, 1), lineSkuCode: sku, lineTitle: sku, lineQty: qty, lineUnitPriceYuan: unit, ...extra });

function run(rows: SourceRow[]): Assembled[] {
  const a = new OrderAssembler(pos, headers);
  return [...rows.flatMap((r) => a.push(r)), ...a.finish()];
}

describe('assembling orders from a line-by-line sheet', () => {
  it('groups adjacent rows of one order into its lines and adds up the amounts', () => {
    const out = run([line('T1', 'A', 2, 350), line('T1', 'B', 1, 600), line('T2', 'A', 1, 350)]);
    expect(out.map((o) => o.type)).toEqual(['order', 'order']);
    const t1 = out[0] as Extract<Assembled, { type: 'order' }>;
    expect(t1.order).toMatchObject({ platformOrderId: 'T1', goodsFen: 1300, paidFen: 1300, discountFen: 0, phase: 'completed' });
    expect(t1.order.lines.map((l) => [l.skuCode, l.qty, l.paidFen])).toEqual([['A', 2, 700], ['B', 1, 600]]);
    expect(t1.rows).toHaveLength(2);
  });

  it('refuses rows of an order that come back after another order, instead of dropping its earlier lines', () => {
    const out = run([line('T1', 'A', 1, 100), line('T2', 'A', 1, 100), line('T1', 'C', 1, 100)]);
    expect(out.map((o) => o.type)).toEqual(['order', 'reject', 'order']);
    expect((out[1] as Extract<Assembled, { type: 'reject' }>).reject.zh).toContain('不相邻');
  });

  it('explains differing order amounts on a line sheet as a mapping mistake', () => {
    const out = run([line('T9', 'A', 1, 100, { paidYuan: 100 }), line('T9', 'B', 1, 200, { paidYuan: 200 })]);
    const rej = out.find((o) => o.type === 'reject') as Extract<Assembled, { type: 'reject' }>;
    expect(rej.reject).toMatchObject({ field: '实收', zh: expect.stringContaining('行实付金额') });
    // The whole order is refused, so the reject report holds it complete.
    expect(out.filter((o) => o.type === 'order')).toHaveLength(0);
    expect(out.find((o) => o.type === 'reject' && o.rows[0]!.rowNo === rej.rows[0]!.rowNo - 1)).toMatchObject({ reject: { zh: expect.stringContaining('整单未导入') } });
  });

  it('a bad cell in one line refuses its whole order but not the next one', () => {
    const a = new OrderAssembler(pos, headers);
    const bad = line('T7', 'B', 1, 100);
    const out = [...a.push(line('T7', 'A', 1, 100)), ...a.refuse(bad, { field: '数量', value: '-1', zh: '数量不能为负数', en: 'negative' }),
      ...a.push(line('T7', 'C', 1, 100)), ...a.push(line('T8', 'A', 1, 100)), ...a.finish()];
    expect(out.map((o) => o.type)).toEqual(['reject', 'reject', 'order']);
    expect(out[1]).toMatchObject({ rows: [{ values: { lineSkuCode: 'A' } }, { values: { lineSkuCode: 'C' } }], reject: { zh: expect.stringContaining(`第 ${bad.rowNo} 行`) } });
    expect((out[2] as Extract<Assembled, { type: 'order' }>).order.platformOrderId).toBe('T8');
  });

  it('rejects every row of an order without a time, so the reject report holds the whole order', () => {
    const out = run([line('T5', 'A', 1, 100, { createdAt: null }), line('T5', 'B', 1, 100, { createdAt: null })]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ type: 'reject', rows: [{}, {}], reject: { zh: '下单时间为空' } });
  });

  it('derives what a row leaves out from what it gives: goods from paid + discount, paid from goods (issue 15, item 8)', () => {
    const flat: TemplateDef = { ...pos, rowIsOrder: true };
    const a = new OrderAssembler(flat, headers);
    const t = Date.UTC(2026, 5, 1);
    const [fromPaid] = a.push(row({ platformOrderId: 'F1', createdAt: t, paidYuan: 9000, discountYuan: 1000 }));
    expect(fromPaid).toMatchObject({ type: 'order', order: { goodsFen: 10000, paidFen: 9000, discountFen: 1000 } });
    const [fromGoods] = a.push(row({ platformOrderId: 'F2', createdAt: t, goodsYuan: 5000, postageYuan: 800 }));
    expect(fromGoods).toMatchObject({ type: 'order', order: { goodsFen: 5000, paidFen: 5800, discountFen: 0 } });
    const [neither] = a.push(row({ platformOrderId: 'F3', createdAt: t }));
    expect(neither).toMatchObject({ type: 'reject', reject: { field: '实收', zh: expect.stringContaining('没有商品金额或单价可以推算') } });
  });

  it('a line sheet with only the order\'s goods amount gets its paid amount from it', () => {
    const out = run([line('G1', 'A', 2, 0, { goodsYuan: 2400 })]);
    expect(out[0]).toMatchObject({ type: 'order', order: { goodsFen: 2400, paidFen: 2400 } });
  });
});
