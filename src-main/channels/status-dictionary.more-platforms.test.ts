import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from '../../src-shared/orders';
import { statusDictionary } from './status-dictionary';

describe('status dictionaries for JD, Youzan, Shopify and the generic intake', () => {
  it('JD: every documented order_state is mapped with a Chinese label', () => {
    const d = statusDictionary('jd');
    expect(d.statusWords).toHaveLength(8);
    expect(d.map('WAIT_SELLER_STOCK_OUT')).toBe('to_ship');
    expect(d.map('WAIT_GOODS_RECEIVE_CONFIRM')).toBe('shipped');
    expect(d.map('FINISHED_L')).toBe('completed');
    expect(d.map('TRADE_CANCELED')).toBe('cancelled');
    expect(d.map('LOCKED')).toBe('pending_review'); // locked for a cancellation/after-sale: never ship it
    expect(d.refund('6')?.zh).toBe('拦截并退款');
    expect(d.map('WAIT_SELLER_STOCK_OUT', '9')).toBe('closed');
  });

  it('Youzan: statuses and refund_state codes, a full refund closes the order', () => {
    const d = statusDictionary('youzan');
    expect(d.statusWords).toEqual(expect.arrayContaining(['WAIT_BUYER_PAY', 'TRADE_PAID', 'WAIT_CONFIRM', 'WAIT_SELLER_SEND_GOODS', 'WAIT_BUYER_CONFIRM_GOODS', 'TRADE_SUCCESS', 'TRADE_CLOSED']));
    expect(d.map('WAIT_SELLER_SEND_GOODS', '0')).toBe('to_ship');
    expect(d.map('WAIT_SELLER_SEND_GOODS', '1')).toBe('to_ship');
    expect(d.map('WAIT_SELLER_SEND_GOODS', '12')).toBe('closed');
    expect(d.refund('11')?.state).toBe('refunding');
  });

  it('Shopify: every financial × fulfillment × (open, cancelled, closed) combination has a status', () => {
    const d = statusDictionary('shopify');
    expect(d.statusWords).toHaveLength(8 * 4 * 3);
    expect(d.map('paid|unfulfilled')).toBe('to_ship');
    expect(d.map('paid|fulfilled')).toBe('shipped');
    expect(d.map('pending|unfulfilled')).toBe('pending_payment');
    expect(d.map('refunded|fulfilled')).toBe('closed');
    expect(d.map('paid|unfulfilled|cancelled')).toBe('cancelled');
    expect(d.status('partially_refunded|partial')?.zh).toBe('部分退款·部分发货');
  });

  it('generic: the standard statuses pass through unchanged', () => {
    const d = statusDictionary('generic');
    for (const s of ORDER_STATUSES) expect(d.map(s)).toBe(s);
    expect(d.map('待发货')).toBeNull();
  });
});
