import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { normalizeTaobaoTrade } from './normalize';

// The assembled sample of PLATFORMS.md §1.4 (tid as a JSON number beyond 2^53).
const SAMPLE = `{"tid":2450123456789012345,"status":"WAIT_SELLER_SEND_GOODS","type":"fixed",
  "payment":"89.90","total_fee":"89.90","post_fee":"0.00","discount_fee":"0.00",
  "created":"2024-06-01 10:00:00","pay_time":"2024-06-01 10:00:30","modified":"2024-06-01 10:00:31",
  "buyer_nick":"t**1","receiver_name":"张*","receiver_mobile":"138****0000","receiver_state":"浙江省",
  "receiver_city":"杭州市","receiver_district":"西湖区","receiver_address":"文三路**号",
  "orders":{"order":[{"oid":2450123456789012345,"num_iid":612345678901,"sku_id":"4567890123456",
     "outer_iid":"SPU-001","outer_sku_id":"SKU-001-RED-L","title":"T恤","num":1,"price":"89.90",
     "payment":"89.90","total_fee":"89.90","status":"WAIT_SELLER_SEND_GOODS","refund_status":"NO_REFUND"}]}}`;

const trade = (patch: Record<string, unknown> = {}) => ({ ...(parse(SAMPLE) as Record<string, unknown>), ...patch });

describe('Taobao trade normalisation', () => {
  it('reads the documented sample exactly', () => {
    const o = normalizeTaobaoTrade(trade());
    expect(o).toMatchObject({
      platformOrderId: '2450123456789012345', platformStatus: 'WAIT_SELLER_SEND_GOODS', phase: 'paid', refundStatus: null,
      goodsFen: 8990, paidFen: 8990, postageFen: 0, discountFen: 0,
      createdAt: Date.UTC(2024, 5, 1, 2, 0, 0), paidAt: Date.UTC(2024, 5, 1, 2, 0, 30), platformUpdatedAt: Date.UTC(2024, 5, 1, 2, 0, 31),
    });
    expect(o.buyer).toEqual({ platformBuyerId: null, nick: 't**1', phone: null });
    expect(o.address).toEqual({ receiverName: '张*', receiverPhone: '138****0000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路**号' });
    expect(o.lines).toEqual([expect.objectContaining({ platformLineId: '2450123456789012345', skuCode: 'SKU-001-RED-L', qty: 1, unitPriceFen: 8990, paidFen: 8990 })]);
  });

  it('uses a clear mobile for the customer hash only when unmasked', () => {
    expect(normalizeTaobaoTrade(trade({ receiver_mobile: '13800001111' })).buyer?.phone).toBe('13800001111');
  });

  it('shows the line refund needing attention first, and sums refunded lines', () => {
    const t = trade();
    const line = (t.orders as { order: Record<string, unknown>[] }).order[0]!;
    (t.orders as { order: Record<string, unknown>[] }).order = [
      { ...line, refund_status: 'SUCCESS' },
      { ...line, oid: '2450123456789012346', refund_status: 'WAIT_SELLER_AGREE' },
    ];
    const o = normalizeTaobaoTrade(t);
    expect(o.refundStatus).toBe('WAIT_SELLER_AGREE');
    expect(o.refundFen).toBe(8990);
  });

  it('names the field of a malformed amount or time', () => {
    expect(() => normalizeTaobaoTrade(trade({ payment: '89.9x' }))).toThrow(expect.objectContaining({ field: 'payment', value: '89.9x' }));
    expect(() => normalizeTaobaoTrade(trade({ modified: '2024-02-30 10:00:00' }))).toThrow(expect.objectContaining({ field: 'modified' }));
    expect(() => normalizeTaobaoTrade(trade({ orders: { order: [] } }))).toThrow(expect.objectContaining({ field: 'orders.order' }));
  });
});
