import { describe, expect, it } from 'vitest';
import { normalizeParts, splitAddress, withoutPostcode } from './address';

describe('addresses from files', () => {
  it('"上海 上海市" is 上海市, and the postcode is dropped', () => {
    expect(splitAddress('上海 上海市 徐汇区 漕溪北路 1号 200030')).toEqual({ province: '上海市', city: '上海市', district: '徐汇区', detail: '漕溪北路 1号' });
    expect(splitAddress('北京 北京市 朝阳区 建国路 88号(100022)')).toEqual({ province: '北京市', city: '北京市', district: '朝阳区', detail: '建国路 88号' });
  });
  it('a province address keeps its parts; a house number is not a postcode', () => {
    expect(splitAddress('浙江省 杭州市 西湖区 文三路 1号')).toEqual({ province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1号' });
    expect(withoutPostcode('幸福路 888888号')).toBe('幸福路 888888号');
    expect(withoutPostcode('邮编：310000 杭州市文三路 1号')).toBe('杭州市文三路 1号');
  });
  it('separate columns are normalised the same way', () => {
    expect(normalizeParts({ province: '上海', city: '上海', district: '浦东新区', detail: '世纪大道 100号 200120' }))
      .toEqual({ province: '上海市', city: '上海市', district: '浦东新区', detail: '世纪大道 100号' });
  });
});
