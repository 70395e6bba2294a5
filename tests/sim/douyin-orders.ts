import { item, maskedMobile, maskedName, place, remark } from './fake-cn';
import type { Rand } from './random';
import type { SimOrderBase } from './store';

/** A Douyin shop order as the simulator holds it: string ids, fen, UTC ms. */
export interface DouyinSimSku {
  id: string;
  productId: string;
  skuId: string;
  outSkuId: string;
  productName: string;
  spec: { name: string; value: string }[];
  itemNum: number;
  originFen: number;
  payFen: number;
  afterSaleStatus: number;
}

export interface DouyinSimOrder extends SimOrderBase {
  id: string;
  shopId: string;
  orderStatus: 1 | 105 | 2 | 101 | 3 | 4 | 5;
  createdAt: number;
  payTime: number | null;
  expShipTime: number | null;
  shipTime: number | null;
  finishTime: number | null;
  postFen: number;
  promotionShopFen: number;
  promotionPlatformFen: number;
  receiverMask: string;
  telMask: string;
  province: string;
  city: string;
  town: string;
  detailMask: string;
  trackingNo: string;
  companyName: string;
  buyerWords: string;
  sellerWords: string;
  openId: string;
  skus: DouyinSimSku[];
}

const STATUS_DESC: Record<number, string> = { 1: '待支付', 105: '已支付', 2: '备货中', 101: '部分发货', 3: '已发货', 4: '已取消', 5: '已完成' };

export function makeDouyinOrder(shopId: string) {
  return (r: Rand, modifiedAt: number, taken: (id: string) => boolean): DouyinSimOrder => {
    let id: string;
    do id = `69${r.int(1, 9)}${r.digits(16)}`;
    while (taken(id));
    const createdAt = modifiedAt - r.int(0, 48 * 3600) * 1000;
    const orderStatus = r.pick([2, 2, 2, 105, 3, 3, 5, 4, 1, 101] as const);
    const paid = orderStatus !== 1;
    const shipped = [3, 5, 101].includes(orderStatus);
    const skus: DouyinSimSku[] = [];
    for (let i = 0, n = r.pick([1, 1, 2]); i < n; i += 1) {
      const it = item(r);
      const itemNum = r.pick([1, 1, 2]);
      const cut = r.chance(0.3) ? r.pick([100, 300, 500]) : 0;
      skus.push({
        id: `${id.slice(0, 17)}${String(10 + i)}`, productId: `36${r.digits(11)}`, skuId: `17${r.digits(11)}`,
        outSkuId: it.skuCode, productName: it.title,
        spec: it.spec.split(';').map((kv) => ({ name: kv.split(':')[0]!, value: kv.split(':')[1] ?? '' })),
        itemNum, originFen: it.unitFen, payFen: it.unitFen * itemNum - cut,
        afterSaleStatus: orderStatus === 4 && paid ? 12 : r.chance(0.05) ? 6 : 0,
      });
    }
    const where = place(r);
    const payTime = paid ? createdAt + r.int(3, 300) * 1000 : null;
    return {
      id, shopId, modifiedAt, orderStatus, createdAt, payTime,
      expShipTime: payTime ? payTime + 48 * 3600_000 : null,
      shipTime: shipped ? Math.min(modifiedAt, createdAt + 3600_000) : null,
      finishTime: orderStatus === 5 ? modifiedAt : null,
      postFen: r.chance(0.2) ? 600 : 0,
      promotionShopFen: skus.reduce((s, k) => s + k.originFen * k.itemNum - k.payFen, 0),
      promotionPlatformFen: 0,
      receiverMask: maskedName(r), telMask: maskedMobile(r), province: where.province, city: where.city,
      town: where.district, detailMask: where.detail,
      trackingNo: shipped ? `SF${r.digits(12)}` : '', companyName: shipped ? '顺丰速运' : '',
      buyerWords: remark(r), sellerWords: '', openId: `1@#${r.digits(8)}`, skus,
    };
  };
}

/** One step along the life cycle: 待支付 → 已支付 → 备货中 → 已发货 → 已完成. */
export function advanceDouyinOrder(o: DouyinSimOrder, at: number): void {
  const next: Record<number, DouyinSimOrder['orderStatus']> = { 1: 105, 105: 2, 2: 3, 101: 3, 3: 5 };
  const to = next[o.orderStatus];
  if (!to) {
    o.sellerWords = `${o.sellerWords}已回访`;
    return;
  }
  if (to === 105) o.payTime = at;
  if (to === 3) {
    o.shipTime = at;
    o.trackingNo = `SF${o.id.slice(-12)}`;
    o.companyName = '顺丰速运';
  }
  if (to === 5) o.finishTime = at;
  o.orderStatus = to;
}

const sec = (ms: number | null) => (ms === null ? 0 : Math.floor(ms / 1000));

/** The order in doudian's wire shape (shop_order_list entry): Unix seconds and fen. */
export function renderDouyinOrder(o: DouyinSimOrder): Record<string, unknown> {
  const goods = o.skus.reduce((s, k) => s + k.originFen * k.itemNum, 0);
  const promotion = o.promotionShopFen + o.promotionPlatformFen;
  const region = { province: { id: '44', name: o.province }, city: { id: '4403', name: o.city }, town: { id: '440305', name: o.town }, street: { id: '', name: '' } };
  return {
    shop_id: Number(o.shopId), shop_name: '模拟抖店', order_id: o.id, order_level: 2,
    order_status: o.orderStatus, order_status_desc: STATUS_DESC[o.orderStatus], main_status: o.orderStatus === 2 ? 103 : o.orderStatus,
    create_time: sec(o.createdAt), pay_time: sec(o.payTime), update_time: sec(o.modifiedAt), finish_time: sec(o.finishTime),
    exp_ship_time: sec(o.expShipTime), ship_time: sec(o.shipTime), order_expire_time: 0,
    order_amount: goods + o.postFen, pay_amount: goods + o.postFen - promotion, post_amount: o.postFen,
    promotion_amount: promotion, promotion_shop_amount: o.promotionShopFen, promotion_platform_amount: o.promotionPlatformFen,
    promotion_talent_amount: 0, modify_amount: 0, total_promotion_amount: promotion, post_origin_amount: o.postFen,
    pay_type: 1, buyer_words: o.buyerWords, seller_words: o.sellerWords, seller_remark_stars: 0,
    doudian_open_id: o.openId,
    post_receiver: '', post_tel: '', encrypt_post_receiver: `#${o.receiverMask}#cipher#`, encrypt_post_tel: `$${o.telMask}$cipher$`,
    post_addr: { ...region, detail: '', encrypt_detail: `#${o.detailMask}#cipher#` },
    mask_post_receiver: o.receiverMask, mask_post_tel: o.telMask, mask_post_addr: { ...region, detail: o.detailMask },
    logistics_info: o.trackingNo ? [{ tracking_no: o.trackingNo, company: 'shunfeng', company_name: o.companyName, ship_time: sec(o.shipTime), delivery_id: '' }] : [],
    sku_order_list: o.skus.map((k) => ({
      order_id: k.id, parent_order_id: o.id, product_id: Number(k.productId), product_id_str: k.productId, sku_id: Number(k.skuId),
      out_sku_id: k.outSkuId, code: k.outSkuId, product_name: k.productName, spec: k.spec, item_num: k.itemNum,
      origin_amount: k.originFen, sum_amount: k.originFen * k.itemNum, pay_amount: k.payFen, order_amount: k.originFen * k.itemNum,
      order_status: o.orderStatus, create_time: sec(o.createdAt), update_time: sec(o.modifiedAt),
      after_sale_info: { after_sale_status: k.afterSaleStatus, after_sale_type: k.afterSaleStatus ? 2 : 0, refund_status: k.afterSaleStatus === 12 ? 3 : 0 },
    })),
  };
}
