import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { FieldReader } from '../wire/fields';
import { normalizeDouyinOrder } from './normalize';

// The assembled sample of PLATFORMS.md §3.3.
const SAMPLE = `{"order_id":"6920000000000000001","order_status":2,"order_status_desc":"备货中","main_status":103,
  "create_time":1717207200,"pay_time":1717207230,"update_time":1717207231,
  "order_amount":2990,"pay_amount":2590,"post_amount":0,"promotion_amount":400,
  "mask_post_receiver":"张*","mask_post_tel":"138****0000",
  "post_addr":{"province":{"id":"44","name":"广东省"},"city":{"id":"4403","name":"深圳市"},"town":{"id":"440305","name":"南山区"},"street":{"id":"","name":""},"detail":"","encrypt_detail":"#...#"},
  "sku_order_list":[{"order_id":"6920000000000000002","parent_order_id":"6920000000000000001",
     "product_id":3600000000000,"sku_id":1700000000000,"out_sku_id":"SKU-001-RED-L","code":"SKU-001-RED-L",
     "product_name":"T恤","spec":[{"name":"颜色","value":"红色"}],"item_num":1,
     "origin_amount":2990,"pay_amount":2590,"order_status":2,"create_time":1717207200}]}`;

const normalize = (patch: Record<string, unknown> = {}, shop?: string) =>
  normalizeDouyinOrder(new FieldReader({ ...(parse(SAMPLE) as Record<string, unknown>), ...patch }), shop);

describe('Douyin order normalisation', () => {
  it('reads the documented sample: fen as is, seconds to ms, masked receiver, encrypted detail kept', () => {
    const o = normalize();
    expect(o).toMatchObject({
      platformOrderId: '6920000000000000001', platformStatus: '2', phase: 'paid', refundStatus: null,
      goodsFen: 2990, discountFen: 400, postageFen: 0, paidFen: 2590,
      createdAt: 1717207200_000, paidAt: 1717207230_000, platformUpdatedAt: 1717207231_000, completedAt: null,
    });
    expect(o.address).toMatchObject({ receiverName: '张*', receiverPhone: '138****0000', province: '广东省', district: '南山区', detail: '#...#' });
    expect(o.lines).toEqual([expect.objectContaining({ platformLineId: '6920000000000000002', skuCode: 'SKU-001-RED-L', spec: '颜色:红色', unitPriceFen: 2990, paidFen: 2590, discountFen: 400 })]);
  });

  it('refuses an order of another shop when shop_id is configured', () => {
    expect(() => normalize({ shop_id: 111 }, '222')).toThrow(expect.objectContaining({ field: 'shop_id', value: '111' }));
    expect(normalize({ shop_id: 222 }, '222').platformOrderId).toBe('6920000000000000001');
  });

  it('keeps an undocumented order_status as raw with a null standard status', () => {
    expect([normalize({ order_status: 999 }).platformStatus, normalize({ order_status: 999 }).phase]).toEqual(['999', null]);
  });
});
