import { describe, expect, it } from 'vitest';
import type { PlatformPhase } from '../../src-shared/orders';
import { shopifyStatusKey } from './shopify/normalize';
import { statusDictionary } from './status-dictionary';

/**
 * Every platform's terminal states against what the platform documents them to mean
 * (PLATFORMS.md, quoted), so a dictionary edit that turns "trade complete" into "shipped", or
 * "closed before payment" into "closed after a refund", fails here. The platform phases:
 * completed = the buyer has the goods and the trade is done; refunded = paid, then refunded or
 * otherwise ended without completing; cancelled = ended before payment or voided.
 */
type Case = [platformWord: string, documented: string, phase: PlatformPhase, refund?: string];

const TERMINAL: Record<string, Case[]> = {
  taobao: [
    ['TRADE_FINISHED', '交易成功 (trade complete)', 'completed'],
    ['TRADE_CLOSED', '付款以后用户退款成功，交易自动关闭 (closed automatically after a full refund)', 'refunded'],
    ['TRADE_CLOSED_BY_TAOBAO', '付款以前，卖家或买家主动关闭交易 (closed by buyer or seller before payment)', 'cancelled'],
  ],
  pdd: [
    ['3', '已签收 (signed for): the last order_status; PDD has no later one', 'delivered'],
    ['1', 'refund_status 4 退款成功 (refunded) while awaiting shipment: PDD keeps order_status 1', 'refunded', '4'],
    ['2', 'refund_status 4 退款成功 after shipping', 'refunded', '4'],
  ],
  douyin: [
    ['4', '已取消 (cancelled)', 'cancelled'],
    ['5', '已完成 (complete, received)', 'completed'],
  ],
  jd: [
    ['FINISHED_L', '完成 (complete)', 'completed'],
    ['TRADE_CANCELED', 'cancelled', 'cancelled'],
    ['WAIT_SELLER_STOCK_OUT', '退款 6 拦截并退款 (intercepted and refunded)', 'refunded', '6'],
    ['WAIT_GOODS_RECEIVE_CONFIRM', '退款 16 拒收后退款 (refused by the buyer, refunded)', 'refunded', '16'],
  ],
  youzan: [
    ['TRADE_SUCCESS', '交易完成 (trade complete)', 'completed'],
    ['TRADE_CLOSED', '交易关闭 after payment (a paid order closes through a refund; unpaid ones: see the Youzan normaliser)', 'refunded'],
    ['WAIT_SELLER_SEND_GOODS', 'refund_state 12 全额退款成功 (fully refunded)', 'refunded', '12'],
  ],
  shopify: [
    [shopifyStatusKey('paid', 'fulfilled', false, true), 'closed_at set: "a closed order needs no further work" — fulfilled and paid', 'completed'],
    [shopifyStatusKey('partially_refunded', 'fulfilled', false, true), 'fulfilled, part refunded, closed', 'completed'],
    [shopifyStatusKey('paid', 'partial', false, true), 'closed with the unfulfilled rest cancelled', 'completed'],
    [shopifyStatusKey('refunded', 'fulfilled', false, true), 'fully refunded and closed', 'refunded'],
    [shopifyStatusKey('paid', 'restocked', false, true), 'returned, restocked and closed', 'refunded'],
    [shopifyStatusKey('pending', 'unfulfilled', false, true), 'never paid, nothing fulfilled, closed', 'cancelled'],
    [shopifyStatusKey('paid', 'fulfilled', true, true), 'cancelled_at set (cancelled wins over closed)', 'cancelled'],
    [shopifyStatusKey('voided', 'unfulfilled', false, true), 'payment voided', 'cancelled'],
    [shopifyStatusKey('refunded', 'unfulfilled', false, false), 'refunded before shipping, still open', 'refunded'],
  ],
  generic: [
    ['completed', 'the intake format sends OrderHub\'s own words', 'completed'],
    ['cancelled', 'the intake format sends OrderHub\'s own words', 'cancelled'],
    ['closed', 'the intake format sends OrderHub\'s own words', 'refunded'],
  ],
};

describe('terminal platform states keep their documented meaning', () => {
  for (const [platform, cases] of Object.entries(TERMINAL)) {
    it.each(cases)(`${platform}: %s (%s) → %s`, (word, _documented, standard, refund) => {
      const d = statusDictionary(platform);
      expect(d.map(word, refund ?? null)).toBe(standard);
      expect(d.status(word)?.zh ?? d.refund(refund ?? '')?.zh).toBeTruthy();
    });
  }

  it('a Shopify order that is fulfilled but not closed is still only shipped', () => {
    expect(statusDictionary('shopify').map(shopifyStatusKey('paid', 'fulfilled', false, false))).toBe('shipped');
  });

  it('no platform maps a terminal word back to an open phase', () => {
    const open: PlatformPhase[] = ['unpaid', 'paid'];
    for (const [platform, cases] of Object.entries(TERMINAL)) {
      for (const [word, , , refund] of cases) expect(open, `${platform} ${word}`).not.toContain(statusDictionary(platform).map(word, refund ?? null));
    }
  });
});
