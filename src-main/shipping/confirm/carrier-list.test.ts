import { describe, expect, it } from 'vitest';
import { CarrierLists, pickListed } from './carrier-list';

const LIST = [
  { code: 'zhongtongkuaiyun', name: '中通快运' }, { code: 'zhongtong', name: '中通快递' }, { code: 'sfky', name: '顺丰快运' },
  { code: 'shunfeng', name: '顺丰速运' }, { code: 'jd', name: '京东物流' }, { code: 'intl-ems', name: 'EMS国际' }, { code: 'ems', name: 'EMS' },
];

describe('our carrier in a shop\'s own list', () => {
  it('is the parcel service by its Chinese name, never the freight or international one', () => {
    expect(pickListed(LIST, 'ZTO')).toBe('zhongtong');
    expect(pickListed(LIST, 'SF')).toBe('shunfeng');
    expect(pickListed(LIST, 'EMS')).toBe('ems');
    expect(pickListed(LIST, 'JD')).toBe('jd');
    expect(pickListed(LIST, 'JT')).toBeNull();
  });

  it('reads a shop\'s list once, and again after a failed read', async () => {
    const lists = new CarrierLists();
    let reads = 0;
    const failing = async () => {
      reads += 1;
      throw new Error('down');
    };
    await expect(lists.codeFor('shop', 0, 'SF', failing)).rejects.toThrow('down');
    const load = async () => (reads += 1, LIST);
    expect(await lists.codeFor('shop', 1, 'SF', load)).toBe('shunfeng');
    expect(await lists.codeFor('shop', 2, 'ZTO', load)).toBe('zhongtong');
    expect(reads).toBe(2);
  });
});
