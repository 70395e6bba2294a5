import { describe, expect, it } from 'vitest';
import { PLATFORM_PHASES } from '../../src-shared/orders';
import { parseStatusDictionary, statusDictionary } from './status-dictionary';

describe('status dictionaries', () => {
  it('maps every documented Taobao trade status with a Chinese label', () => {
    const d = statusDictionary('taobao');
    expect(d.map('WAIT_SELLER_SEND_GOODS')).toBe('paid');
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

  it('lets a PDD refund sub-status decide the phase (refunded while awaiting shipment → refunded)', () => {
    const d = statusDictionary('pdd');
    expect(d.map('1', '1')).toBe('paid');
    expect(d.map('1', '4')).toBe('refunded');
    expect(d.map('2', '2')).toBe('shipped');
  });

  it('maps Douyin numeric statuses and after-sale statuses', () => {
    const d = statusDictionary('douyin');
    expect(d.map('105')).toBe('paid');
    expect(d.map('4')).toBe('cancelled');
    expect(d.refund('12')?.state).toBe('refunded');
  });

  it('every file only uses platform phases (checked by the schema)', () => {
    for (const p of ['taobao', 'pdd', 'douyin', 'jd', 'youzan', 'shopify', 'generic']) {
      const d = statusDictionary(p);
      for (const w of d.statusWords) expect(PLATFORM_PHASES).toContain(d.map(w));
    }
    expect(() => parseStatusDictionary({ platform: 'x', status: { A: { phase: 'shipped_maybe', zh: '?' } } }, 'test'))
      .toThrow(/status\.A\.phase/);
    expect(statusDictionary('taobao').paused('PAID_FORBID_CONSIGN')).toBe(true);
  });
});
