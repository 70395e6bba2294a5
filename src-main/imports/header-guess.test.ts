import { describe, expect, it } from 'vitest';
import { guessChannelKind, suggest } from './header-guess';

describe('guessing what a simple header means', () => {
  it('reads the words people write in their own sheets', () => {
    expect(suggest(['单号', '日期', '金额', '状态', '收货人', '电话', '地址'])).toEqual({
      单号: 'platformOrderId', 日期: 'createdAt', 金额: 'paidYuan', 状态: 'platformStatus', 收货人: 'receiverName', 电话: 'receiverPhone', 地址: 'address',
    });
    expect(suggest(['订单号', '下单时间', '实付', '数量', '单价'])).toEqual({
      订单号: 'platformOrderId', 下单时间: 'createdAt', 实付: 'paidYuan', 数量: 'lineQty', 单价: 'lineUnitPriceYuan',
    });
  });
  it('金额 next to 单价 is the line total; next to 实付 the goods amount', () => {
    expect(suggest(['单号', '单价', '数量', '金额'])['金额']).toBe('linePaidYuan');
    expect(suggest(['单号', '实付', '金额'])['金额']).toBe('goodsYuan');
  });
  it('two columns never get the same field', () => {
    expect(Object.values(suggest(['订单号', '单号', '日期']))).toEqual(['platformOrderId', 'createdAt']);
  });
  it('tells a Taobao export by its own words, and a home-made sheet as unknown', () => {
    expect(guessChannelKind(['订单编号', '买家会员名', '订单状态', '订单创建时间'])).toBe('taobao');
    expect(guessChannelKind(['单号', '日期', '金额'])).toBeNull();
  });
});
