import { describe, expect, it } from 'vitest';
import { manualStatus, manualStatusEn } from './manual-order-words';

describe('a manual order’s platform status', () => {
  it('is stored in Chinese and read in English, every source and payment', () => {
    expect(manualStatus('phone', 'paid')).toBe('电话·已付款');
    expect(manualStatusEn(manualStatus('wechat', 'cod'))).toBe('WeChat · Cash on delivery');
    expect(manualStatusEn(manualStatus('offline', 'unpaid'))).toBe('Offline · Unpaid');
  });

  it('leaves any other word alone (a POS sheet’s 已完成, a half-known pair)', () => {
    expect(manualStatusEn('已完成')).toBeNull();
    expect(manualStatusEn('电话·已退款')).toBeNull();
  });
});
