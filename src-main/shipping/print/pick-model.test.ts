import { describe, expect, it } from 'vitest';
import { buildPickList, type PickLineRow, type PickOrderRow } from './pick-model';

const order = (id: string, o: Partial<PickOrderRow> = {}): PickOrderRow => ({
  id, orderNo: `TB-${id}`, shopName: '旗舰店', receiverName: '张三', place: '浙江 杭州', urgency: 'green',
  paidAt: 1000, addressChangedAt: null, buyerRemark: null, carrier: null, ...o,
});
const line = (id: string, orderId: string, skuCode: string | null, qty: number, o: Partial<PickLineRow> = {}): PickLineRow => ({
  id, orderId, skuCode, title: skuCode ?? '手写商品', spec: null, qty, gift: false, parentLineId: null, ...o,
});

describe('pick list grouping', () => {
  const bins = new Map([['TEE', 'A-10'], ['HOOD', 'A-2'], ['BAG', 'Z-1']]);
  const model = buildPickList(
    [order('1'), order('2', { addressChangedAt: 2000 }), order('3', { addressChangedAt: 500 })],
    [
      line('1a', '1', 'TEE', 2), line('1b', '1', 'BAG', 1, { gift: true, parentLineId: '1a' }),
      line('2a', '2', 'TEE', 3), line('2b', '2', 'HOOD', 1), line('2c', '2', 'TEE', 1),
      line('3a', '3', null, 4),
    ],
    bins,
  );

  it('totals each SKU over the wave, counting each order once, in bin order (A-2 before A-10, no bin last)', () => {
    expect(model.skus.map((s) => [s.skuCode, s.bin, s.qty, s.orders])).toEqual([
      ['HOOD', 'A-2', 1, 1], ['TEE', 'A-10', 6, 2], ['BAG', 'Z-1', 1, 1], ['（无编码）手写商品', null, 4, 1],
    ]);
    expect(model.units).toBe(12);
    expect(model.skus.find((s) => s.skuCode === 'BAG')?.giftOnly).toBe(true);
  });

  it('lists a gift under its parent line, not as a line of its own', () => {
    const first = model.orders[0]!;
    expect(first.lines).toHaveLength(1);
    expect(first.lines[0]).toMatchObject({ skuCode: 'TEE', qty: 2, gifts: [{ skuCode: 'BAG', qty: 1, bin: 'Z-1' }] });
  });

  it('flags an address changed after payment, not one changed before', () => {
    expect(model.orders.map((o) => o.addressChanged)).toEqual([false, true, false]);
  });

  it('keeps a gift whose parent is not on the order as a line (nothing is lost)', () => {
    const m = buildPickList([order('9')], [line('9a', '9', 'BAG', 1, { gift: true, parentLineId: 'gone' })], bins);
    expect(m.orders[0]!.lines.map((l) => l.skuCode)).toEqual(['BAG']);
  });
});
