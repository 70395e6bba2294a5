import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from '../../src-shared/orders';
import { parseStatusDictionary, statusDictionary } from './status-dictionary';

describe('status dictionaries', () => {
  it('maps every documented Taobao trade status with a Chinese label', () => {
    const d = statusDictionary('taobao');
    expect(d.map('WAIT_SELLER_SEND_GOODS')).toBe('to_ship');
    expect(d.map('TRADE_CLOSED_BY_TAOBAO')).toBe('cancelled');
    expect(d.status('TRADE_FINISHED')?.zh).toBe('交易成功');
    expect(d.statusWords).toHaveLength(12);
    expect(d.refund('WAIT_SELLER_AGREE')?.state).toBe('requested');
  });

  it('returns null for a status word nobody documented, so the order is kept and flagged', () => {
    expect(statusDictionary('taobao').map('SOMETHING_NEW')).toBeNull();
    expect(statusDictionary('pdd').map('9')).toBeNull();
    expect(statusDictionary('taobao').map('toString')).toBeNull();
  });

  it('lets a PDD refund sub-status decide the order status (refunded while awaiting shipment → closed)', () => {
    const d = statusDictionary('pdd');
    expect(d.map('1', '1')).toBe('to_ship');
    expect(d.map('1', '4')).toBe('closed');
    expect(d.map('2', '2')).toBe('shipped');
  });

  it('maps Douyin numeric statuses and after-sale statuses', () => {
    const d = statusDictionary('douyin');
    expect(d.map('105')).toBe('to_ship');
    expect(d.map('4')).toBe('cancelled');
    expect(d.refund('12')?.state).toBe('refunded');
  });

  it('every file only uses standard statuses (checked by the schema)', () => {
    for (const p of ['taobao', 'pdd', 'douyin']) {
      const d = statusDictionary(p);
      for (const w of d.statusWords) expect(ORDER_STATUSES).toContain(d.map(w));
    }
    expect(() => parseStatusDictionary({ platform: 'x', status: { A: { standard: 'shipped_maybe', zh: '?' } } }, 'test'))
      .toThrow(/status\.A\.standard/);
  });
});
