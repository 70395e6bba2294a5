import { describe, expect, it } from 'vitest';
import { developerWords } from '../helpers/developer-words';

const words = (s: string) => developerWords(s).map((w) => `${w.pattern}:${w.match}`);

describe('developer words a merchant should not read', () => {
  it.each([
    ['平台状态：TRADE_FINISHED', 'raw status code:TRADE_FINISHED'],
    ['来源：demo:taobao', 'source id:demo:taobao'],
    ['来源：file:builtin:taobao-orders', 'source id:file:builtin:taobao-orders'],
    ['字段 "username" 不能为空', 'field "x":字段 "'],
    ['orders.col.status', 'dotted key:orders.col.status'],
    ['变更字段：receiver_phone', 'snake_case:receiver_phone'],
    ['platformStatus：3', 'camelCase:platformStatus'],
    ['共 20004 单', 'ungrouped number:20004'],
    ['已导出 12500 / 共 40000 行', 'ungrouped number:12500'],
  ])('flags %s', (text, expected) => {
    expect(words(text)).toContain(expected);
  });

  it.each([
    '共 20,004 单', '2026-11-30 12:30:05', '淘宝接口 · 旗舰店', 'https://gw.api.taobao.com/router/rest', 'api.taobao.com',
    '财务对账_2026-11.xlsx', '¥1,234.50', 'owner / ops / service', '密码 orderhub-demo', 'SF1234567890', '中通 75123456789',
    '已导出 12,500 / 共 40,000 行', '订单 3123456789012', 'HZ01-20261130-00042', '260101-123456789012345', '1234', '99.5%',
    'a folder (e.g. a shared drive)', 'e.g. Warehouse PC',
  ])('leaves %s alone', (text) => {
    expect(words(text)).toEqual([]);
  });
});
