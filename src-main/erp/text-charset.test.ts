import { describe, expect, it } from 'vitest';
import { firstUnencodable } from './text-charset';

describe('which text fits an ERP varchar', () => {
  it('nvarchar takes anything, emoji included', () => {
    expect(firstUnencodable('喆镕堃昇😀', 'unicode')).toBeNull();
  });
  it('GBK varchar takes the GBK-only characters but not emoji', () => {
    expect(firstUnencodable("张喆 镕 堃 昇 O'Brien", 'gbk')).toBeNull();
    expect(firstUnencodable('礼盒😀装', 'gbk')).toBe('😀');
  });
  it('GB2312 varchar refuses the characters only GBK has, and names the first one', () => {
    expect(firstUnencodable('中文名称，规格：500克', 'gb2312')).toBeNull();
    expect(firstUnencodable('王喆的订单', 'gb2312')).toBe('喆');
    expect(firstUnencodable('€', 'gb2312')).toBe('€');
  });
});
