import { describe, expect, it } from 'vitest';
import { planQuick, quickList } from './quick-search';

describe('planQuick', () => {
  it('four digits are a phone end, an order no. and its end; not a word in an address', () => {
    expect(planQuick(' 8843 ')).toEqual({ text: '8843', list: null, places: ['phone4', 'orderNo', 'orderNoEnd', 'tracking', 'sku', 'buyer'] });
  });
  it('a short code is also looked for in text; a long number is not', () => {
    expect(planQuick('SKU-1')!.places).toContain('text');
    expect(planQuick('SKU-1')!.places).toContain('sku');
    expect(planQuick('7596123456789')!.places).not.toContain('text');
  });
  it('a name is looked for in receivers, addresses, remarks and titles and as a buyer nick', () => {
    expect(planQuick('张伟')).toEqual({ text: '张伟', list: null, places: ['buyer', 'text'] });
  });
  it('lines pasted are a list of numbers, each once; a phrase with a space is not', () => {
    expect(planQuick('A1\nA2\r\nA1\n')).toEqual({ text: 'A1\nA2\r\nA1', list: ['A1', 'A2'], places: ['orderNoList'] });
    expect(planQuick('A1 A2')!.list).toEqual(['A1', 'A2']);
    expect(planQuick('上海 浦东')!.list).toBeNull();
    expect(quickList('1,2，3；4\t5')).toEqual(['1', '2', '3', '4', '5']);
  });
  it('nothing typed is no search', () => {
    expect(planQuick('  ')).toBeNull();
  });
});
