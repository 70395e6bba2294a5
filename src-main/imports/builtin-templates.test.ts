import { describe, expect, it } from 'vitest';
import { PDD_HEADER, QIANNIU_HEADER, TAOBAO_HEADER, TAOBAO_ITEMS_HEADER } from '../../tests/helpers/import-fixtures';
import { mapStatus, recognise, type TemplateDef } from './builtin-templates';
import { planColumns } from './row-mapper';

const id = (h: string[], saved: TemplateDef[] = []) => recognise(h, saved)?.id ?? null;

describe('recognising an export by its header row', () => {
  it('tells the four built-in exports apart', () => {
    expect(id(TAOBAO_HEADER)).toBe('builtin:taobao-orders');
    expect(id(QIANNIU_HEADER)).toBe('builtin:qianniu-orders');
    expect(id(TAOBAO_ITEMS_HEADER)).toBe('builtin:taobao-items');
    expect(id(PDD_HEADER)).toBe('builtin:pdd-orders');
    expect(id(['甲', '乙'])).toBeNull();
  });

  it('tolerates trailing spaces, full-width brackets, known renames and an extra 原因 column', () => {
    const legacyRenamed = TAOBAO_HEADER.map((h) => (h === '买家实际支付金额' ? '买家实付金额' : `${h}  `));
    expect(id(legacyRenamed)).toBe('builtin:taobao-orders');
    expect(planColumns(recognise(legacyRenamed, [])!, legacyRenamed).headerOf.get('paidYuan')).toBe('买家实付金额');
    const pddFullWidth = PDD_HEADER.map((h) => h.replace('(', '（').replace(')', '）')).map((h) => (h === '商家编码-SKU维度' ? '商家编码-规格维度' : h));
    const plan = planColumns(recognise([...pddFullWidth, '原因'], [])!, pddFullWidth);
    expect(plan.template.id).toBe('builtin:pdd-orders');
    expect(plan.headerOf.get('goodsYuan')).toBe('商品总价（元）');
    expect(plan.headerOf.get('lineSkuCode')).toBe('商家编码-规格维度');
  });

  it('prefers a saved template whose header set matches exactly', () => {
    const saved = { ...recognise(PDD_HEADER, [])!, id: 'mine', builtin: false, signature: PDD_HEADER.map((h) => h.replace(/\s/g, '').toLowerCase()) };
    expect(id(PDD_HEADER, [saved])).toBe('mine');
    expect(id([...PDD_HEADER, '收货人'], [saved])).toBe('builtin:pdd-orders');
  });

  it('maps the export status words, full- or half-width commas alike; unknown words stay unmapped', () => {
    const tb = recognise(TAOBAO_HEADER, [])!;
    expect(mapStatus(tb, '买家已付款，等待卖家发货')).toBe('paid');
    expect(mapStatus(tb, '卖家已发货,等待买家确认')).toBe('shipped');
    expect(mapStatus(tb, '交易成功')).toBe('completed');
    expect(mapStatus(tb, '火星状态')).toBeNull();
    const pdd = recognise(PDD_HEADER, [])!;
    expect(mapStatus(pdd, '已发货，待收货')).toBe('shipped');
    expect(mapStatus(pdd, '已取消')).toBe('cancelled');
  });
});
