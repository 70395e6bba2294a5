import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, PHASE_OF_STATUS_WORD } from '../../src-shared/orders';
import { statusDictionary } from './status-dictionary';

describe('status dictionaries for JD, Youzan, Shopify and the generic intake', () => {
  it('JD: every documented order_state is mapped with a Chinese label', () => {
    const d = statusDictionary('jd');
    expect(d.statusWords).toHaveLength(8);
    expect(d.map('WAIT_SELLER_STOCK_OUT')).toBe('paid');
    expect(d.map('WAIT_GOODS_RECEIVE_CONFIRM')).toBe('shipped');
    expect(d.map('FINISHED_L')).toBe('completed');
    expect(d.map('TRADE_CANCELED')).toBe('cancelled');
    expect([d.map('LOCKED'), d.paused('LOCKED'), d.paused('WAIT_SELLER_STOCK_OUT')]).toEqual(['paid', true, false]); // locked for a cancellation/after-sale: held, never shipped
    expect(d.refund('6')?.zh).toBe('拦截并退款');
    expect(d.map('WAIT_SELLER_STOCK_OUT', '9')).toBe('refunded');
  });

  it('Youzan: statuses and refund_state codes, a full refund closes the order', () => {
    const d = statusDictionary('youzan');
    expect(d.statusWords).toEqual(expect.arrayContaining(['WAIT_BUYER_PAY', 'TRADE_PAID', 'WAIT_CONFIRM', 'WAIT_SELLER_SEND_GOODS', 'WAIT_BUYER_CONFIRM_GOODS', 'TRADE_SUCCESS', 'TRADE_CLOSED']));
    expect(d.map('WAIT_SELLER_SEND_GOODS', '0')).toBe('paid');
    expect(d.map('WAIT_SELLER_SEND_GOODS', '1')).toBe('paid');
    expect(d.map('WAIT_SELLER_SEND_GOODS', '12')).toBe('refunded');
    expect(d.refund('11')?.state).toBe('refunding');
  });

  it('Shopify: every financial × fulfillment × (open, cancelled, closed) combination has a phase', () => {
    const d = statusDictionary('shopify');
    expect(d.statusWords).toHaveLength(8 * 4 * 3);
    expect(d.map('paid|fulfilled|closed')).toBe('completed'); // archived: nothing left to do
    expect(d.map('paid|unfulfilled|cancelled')).toBe('cancelled');
    expect(d.map('paid|unfulfilled')).toBe('paid');
    expect(d.map('paid|fulfilled')).toBe('shipped');
    expect(d.map('pending|unfulfilled')).toBe('unpaid');
    expect(d.map('refunded|fulfilled')).toBe('refunded');
    expect(d.map('paid|unfulfilled|cancelled')).toBe('cancelled');
    expect(d.status('partially_refunded|partial')?.zh).toBe('部分退款·部分发货');
  });

  it('generic: the documented status words (OrderHub\'s and the phases) map to their phase', () => {
    const d = statusDictionary('generic');
    for (const s of ORDER_STATUSES.filter((x) => x !== 'to_route' && x !== 'merged')) expect(d.map(s)).toBe(PHASE_OF_STATUS_WORD[s]);
    expect([d.map('allocated'), d.map('paid'), d.map('refunded')]).toEqual(['paid', 'paid', 'refunded']);
    expect(d.map('待发货')).toBeNull();
  });
});
