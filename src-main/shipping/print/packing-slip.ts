/**
 * Packing slips (发货单, #11 §2): one A5 page per order — the order's barcode, receiver, lines and
 * quantities, gifts named with the line they come with, the buyer's remark. Amounts are printed
 * only for a shop whose settings ask for them (`packingSlipAmounts: true` in the shop's config):
 * by default the parcel carries no prices (gifts, resellers).
 */
import { formatYuan } from '../../../src-shared/money';
import { ApiError } from '../../../src-shared/errors';
import type { PackableOrder } from '../../../src-shared/contract/shipping-print';
import type { Sqlite } from '../../db';
import { barcode, newDoc, put, GREY, rule } from './pdf-kit';

interface SlipOrder {
  id: string; orderNo: string; shopName: string; configJson: string; receiverName: string | null; receiverPhone: string | null;
  address: string; paidAt: number | null; buyerRemark: string | null; paidFen: number; postageFen: number;
}
interface SlipLine { orderId: string; id: string; skuCode: string | null; title: string; spec: string | null; qty: number; unitPriceFen: number; paidFen: number; gift: number; parentLineId: string | null }

/** Whether the shop wants amounts on its slips (a non-secret shop setting). */
export function slipShowsAmounts(configJson: string): boolean {
  try {
    return (JSON.parse(configJson) as { packingSlipAmounts?: unknown }).packingSlipAmounts === true;
  } catch {
    return false;
  }
}

export class PackingSlips {
  private readonly orders;
  private readonly lines;
  private readonly waiting;

  constructor(sqlite: Sqlite, private readonly deps: { formatTime: (ms: number) => string }) {
    this.waiting = sqlite.prepare(
      `SELECT o.id, o.platform_order_id AS orderNo, c.name AS shopName, o.receiver_name AS receiverName, o.status,
         (SELECT coalesce(sum(l.qty), 0) FROM order_lines l WHERE l.order_id = o.id) AS units, o.paid_at AS paidAt
       FROM orders o JOIN channels c ON c.id = o.channel_id
       WHERE o.status IN ('picking', 'packed', 'to_ship') AND (@wh IS NULL OR o.warehouse_id = @wh)
       ORDER BY CASE o.status WHEN 'picking' THEN 0 WHEN 'packed' THEN 1 ELSE 2 END, o.paid_at, o.id LIMIT @limit`,
    );
    this.orders = sqlite.prepare(
      `SELECT o.id, o.platform_order_id AS orderNo, c.name AS shopName, c.config_json AS configJson, o.receiver_name AS receiverName,
         o.receiver_phone AS receiverPhone,
         trim(coalesce(o.province, '') || ' ' || coalesce(o.city, '') || ' ' || coalesce(o.district, '') || ' ' || coalesce(o.address_detail, '')) AS address,
         o.paid_at AS paidAt, o.buyer_remark AS buyerRemark, o.paid_fen AS paidFen, o.postage_fen AS postageFen
       FROM json_each(?) j JOIN orders o ON o.id = j.value JOIN channels c ON c.id = o.channel_id ORDER BY j.key`,
    );
    this.lines = sqlite.prepare(
      `SELECT l.order_id AS orderId, l.id, l.sku_code AS skuCode, l.title, l.spec, l.qty, l.unit_price_fen AS unitPriceFen, l.paid_fen AS paidFen,
         l.gift, l.parent_line_id AS parentLineId
       FROM json_each(?) j JOIN order_lines l ON l.order_id = j.value ORDER BY j.key, l.line_no`,
    );
  }

  /** Orders waiting to be packed, 拣货中 first. */
  packable(warehouseId: string | null, limit: number): PackableOrder[] {
    return this.waiting.all({ wh: warehouseId, limit }) as PackableOrder[];
  }

  async render(orderIds: string[]): Promise<{ fileName: string; pdf: Buffer }> {
    const ids = [...new Set(orderIds)];
    const orders = this.orders.all(JSON.stringify(ids)) as SlipOrder[];
    const missing = ids.find((id) => !orders.some((o) => o.id === id));
    if (missing) throw new ApiError('not_found', `订单不存在：orderIds 中的 ${missing}`, 'orderIds');
    const lines = this.lines.all(JSON.stringify(ids)) as SlipLine[];
    const { doc, done } = newDoc('A5', '发货单');
    orders.forEach((o, i) => {
      if (i > 0) doc.addPage();
      const amounts = slipShowsAmounts(o.configJson);
      const own = lines.filter((l) => l.orderId === o.id);
      put(doc, '发货单', 28, 24, 16);
      put(doc, o.shopName, 100, 29, 10, { width: 150 });
      barcode(doc, o.orderNo, 260, 22, 132, 24);
      put(doc, o.orderNo, 260, 48, 8, { width: 132, align: 'right' });
      rule(doc, 62, '#333333');
      put(doc, `收货人：${o.receiverName ?? ''}　${o.receiverPhone ?? ''}`, 28, 70, 9, { width: 364 });
      put(doc, `地址：${o.address}`, 28, 84, 9, { width: 364 });
      if (o.paidAt) put(doc, `付款时间：${this.deps.formatTime(o.paidAt)}`, 28, 98, 8, { width: 364, color: GREY });
      let y = 118;
      const head = amounts ? ['商品编码', '品名 / 规格', '数量', '单价', '金额'] : ['商品编码', '品名 / 规格', '数量'];
      row(head, y, GREY);
      y += 14;
      rule(doc, y - 3);
      for (const l of own) {
        const parent = l.gift ? own.find((p) => p.id === l.parentLineId) : undefined;
        const name = l.gift ? `【赠品】${l.title}${parent ? `（随 ${parent.title} 附赠）` : ''}` : `${l.title}${l.spec ? ` / ${l.spec}` : ''}`;
        row(amounts ? [l.skuCode ?? '', name, String(l.qty), formatYuan(l.unitPriceFen), formatYuan(l.paidFen)] : [l.skuCode ?? '', name, String(l.qty)], y);
        y += 14;
        if (y > 540) { doc.addPage(); y = 28; }
      }
      rule(doc, y);
      y += 6;
      const units = own.reduce((n, l) => n + l.qty, 0);
      put(doc, `共 ${units} 件${amounts ? `　运费 ${formatYuan(o.postageFen)}　实付 ${formatYuan(o.paidFen)}` : ''}`, 28, y, 9, { width: 364, align: 'right' });
      y += 18;
      const gifts = own.filter((l) => l.gift);
      if (gifts.length) {
        put(doc, `赠品：${gifts.map((g) => `${g.title} ×${g.qty}`).join('、')}`, 28, y, 9, { width: 364 });
        y += 14;
      }
      if (o.buyerRemark) put(doc, `买家留言：${o.buyerRemark}`, 28, y, 9, { width: 364 });

      function row(c: string[], yy: number, color?: string) {
        const o2 = color ? { color } : {};
        put(doc, c[0]!, 28, yy, 8, { width: 80, ...o2 });
        put(doc, c[1]!, 110, yy, 8, { width: amounts ? 160 : 240, ...o2 });
        put(doc, c[2]!, amounts ? 272 : 352, yy, 8, { width: 36, align: 'right', ...o2 });
        if (amounts) {
          put(doc, c[3]!, 310, yy, 8, { width: 40, align: 'right', ...o2 });
          put(doc, c[4]!, 352, yy, 8, { width: 40, align: 'right', ...o2 });
        }
      }
    });
    const pdf = await done();
    const fileName = orders.length === 1 ? `发货单-${orders[0]!.orderNo}.pdf` : `发货单-${orders.length}单.pdf`;
    return { fileName, pdf };
  }
}
