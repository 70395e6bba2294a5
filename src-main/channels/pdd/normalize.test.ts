import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { FieldReader } from '../wire/fields';
import { normalizePddOrder } from './normalize';

// The assembled sample of PLATFORMS.md §2.2.
const SAMPLE = `{"order_sn":"240601-123456789012345","order_status":1,"refund_status":1,"confirm_status":1,"group_status":1,
 "created_time":"2024-06-01 10:00:00","confirm_time":"2024-06-01 10:00:05","pay_time":"2024-06-01 10:00:05",
 "updated_at":"2024-06-01 10:00:06","last_ship_time":"2024-06-03 10:00:05",
 "pay_amount":19.9,"goods_amount":25.9,"discount_amount":6.0,"postage":0.0,"platform_discount":3.0,"seller_discount":3.0,
 "receiver_name":"~AgAAAA...~","receiver_phone":"$AgAAAA...$","receiver_address":"~AgAAAA...~",
 "receiver_name_mask":"张*","receiver_phone_mask":"138****0000","province":"广东省","city":"深圳市","town":"南山区",
 "tracking_number":"","logistics_id":0,"remark":"","buyer_memo":"",
 "item_list":[{"goods_id":123456789,"sku_id":987654321,"outer_id":"SKU-001-RED-L","outer_goods_id":"SPU-001",
   "goods_name":"T恤","goods_spec":"红色,L","goods_count":1,"goods_price":25.9,"goods_img":"https://..."}]}`;

const normalize = (patch: Record<string, unknown> = {}) =>
  normalizePddOrder(new FieldReader({ ...(parse(SAMPLE) as Record<string, unknown>), ...patch }));

describe('PDD order normalisation', () => {
  it('reads the documented sample: fen, UTC times, masked receiver, allocated line', () => {
    const o = normalize();
    expect(o).toMatchObject({
      platformOrderId: '240601-123456789012345', platformStatus: '1', refundStatus: '1', phase: 'paid',
      goodsFen: 2590, discountFen: 600, platformDiscountFen: 300, postageFen: 0, paidFen: 1990,
      createdAt: Date.UTC(2024, 5, 1, 2, 0, 0), promisedShipAt: Date.UTC(2024, 5, 3, 2, 0, 5), trackingNo: null,
    });
    expect(o.address).toMatchObject({ receiverName: '张*', receiverPhone: '138****0000', province: '广东省', district: '南山区' });
    expect(o.lines).toEqual([expect.objectContaining({ skuCode: 'SKU-001-RED-L', qty: 1, unitPriceFen: 2590, paidFen: 1990, discountFen: 600 })]);
  });

  it('holds a paid group-buy still forming (拼团中) for review instead of shipping it', () => {
    expect([normalize({ group_status: 0 }).phase, normalize({ group_status: 0 }).platformPaused]).toEqual(['paid', true]);
  });

  it('marks a cancelled deal and a refunded order', () => {
    expect(normalize({ confirm_status: 2 }).phase).toBe('cancelled');
    expect(normalize({ group_status: 2 }).phase).toBe('refunded'); // 团失败: refunded by PDD, never ships
    const refunded = normalize({ refund_status: 4 });
    expect(refunded.phase).toBe('refunded');
    expect(refunded.refundFen).toBe(1990);
  });

  it('keeps an unknown order_status with a null standard status', () => {
    const o = normalize({ order_status: 9 });
    expect([o.platformStatus, o.phase]).toEqual(['9', null]);
  });
});
