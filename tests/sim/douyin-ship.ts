import type { DouyinSimOrder } from './douyin-orders';
import type { ShipmentBook } from './shipments';
import type { SimStore } from './store';

/**
 * Douyin's 发货回传 calls (PLATFORMS.md §9.3), answered inside the envelope the simulator's handle
 * makes: `order.logisticsCompanyList` (data[]{id,name,code}; the codes are the simulator's, Douyin's
 * own are UNCONFIRMED), `order.logisticsAdd` {order_id, company_code, logistics_code} (whole orders
 * only; refused while a refund is pending unless is_reject_refund) and `order.orderDetail`
 * {shop_order_id} (data.shop_order_detail.logistics_info[]). The business refusals are 50002 with
 * words of the simulator's choosing (Douyin's sub_codes are UNCONFIRMED).
 */
export const DOUYIN_SHIP_METHODS = new Set(['order.logisticsCompanyList', 'order.logisticsAdd', 'order.orderDetail']);

export const DOUYIN_COMPANIES = [
  { id: 7, name: '顺丰速运', code: 'shunfeng' }, { id: 8, name: '中通快递', code: 'zhongtong' }, { id: 9, name: '中通快运', code: 'zhongtongkuaiyun' },
  { id: 10, name: '圆通速递', code: 'yuantong' }, { id: 11, name: '韵达快递', code: 'yunda' }, { id: 12, name: '申通快递', code: 'shentong' },
  { id: 13, name: '京东物流', code: 'jd' }, { id: 14, name: 'EMS', code: 'ems' }, { id: 15, name: '极兔速递', code: 'jtexpress' },
];

type Envelope = (code: number, msg: string, subCode?: string, subMsg?: string, data?: unknown) => { body: string; fault?: string };

export function douyinShipping(store: SimStore<DouyinSimOrder>, shipments: ShipmentBook, now: () => number, envelope: Envelope) {
  const refuse = (field: string, words: string) => envelope(50002, '业务处理失败', `isv.business-failed:${field}`, words);
  const bad = (field: string, words: string) => envelope(40004, '非法的参数（业务校验）', `isv.business-failed:${field}`, words);

  async function logisticsAdd(p: Record<string, unknown>) {
    for (const k of ['order_id', 'company_code', 'logistics_code']) if (typeof p[k] !== 'string' || !p[k]) return bad(k, `${k}不能为空`);
    const o = store.all().find((x) => x.id === p.order_id);
    if (!o) return refuse('order_id', `订单${String(p.order_id)}不存在`);
    const company = DOUYIN_COMPANIES.find((c) => c.code === p.company_code);
    if (!company) return bad('company_code', `物流公司编码${String(p.company_code)}不存在`);
    const words = shipments.refuse.get(o.id);
    if (words) return refuse('order_id', words);
    if ([3, 5, 101].includes(o.orderStatus)) return refuse('order_status', '订单已发货，不能重复发货');
    if (o.orderStatus === 4) return refuse('order_status', '订单已取消，不能发货');
    if (o.orderStatus === 1) return refuse('order_status', '订单未支付，不能发货');
    if (o.skus.some((k) => k.afterSaleStatus !== 0) && p.is_reject_refund !== true && p.is_refund_reject !== true) return refuse('after_sale', '订单有退款申请，不能发货');
    const no = String(p.logistics_code);
    if (shipments.usedBy(no, o.id)) return refuse('logistics_code', `运单号${no}已被其他订单使用`);
    store.update(o.id, (x) => {
      x.orderStatus = 3;
      x.shipTime = now();
      x.trackingNo = no;
      x.companyName = company.name;
    });
    await shipments.record({ orderId: o.id, carrierCode: company.code, trackingNo: no, lines: null }, now());
    return envelope(10000, 'success', '', '', {});
  }

  function orderDetail(p: Record<string, unknown>) {
    const o = store.all().find((x) => x.id === p.shop_order_id);
    if (!o) return refuse('shop_order_id', `订单${String(p.shop_order_id)}不存在`);
    const parcels = shipments.of(o.id);
    const logistics = parcels.length
      ? parcels.map((x) => ({ tracking_no: x.trackingNo, company: x.carrierCode, company_name: DOUYIN_COMPANIES.find((c) => c.code === x.carrierCode)?.name ?? '' }))
      : o.trackingNo ? [{ tracking_no: o.trackingNo, company: 'shunfeng', company_name: o.companyName }] : [];
    return envelope(10000, 'success', '', '', { shop_order_detail: { order_id: o.id, order_status: o.orderStatus, logistics_info: logistics } });
  }

  const unlisted = new Set<string>();

  return {
    handle(method: string, p: Record<string, unknown>) {
      if (method === 'order.logisticsCompanyList') return envelope(10000, 'success', '', '', DOUYIN_COMPANIES.filter((c) => !unlisted.has(c.code)));
      if (method === 'order.logisticsAdd') return logisticsAdd(p);
      return orderDetail(p);
    },
    unlistCompany(code: string) {
      unlisted.add(code);
    },
    /** The seller shipped it in 抖店 by hand (another number than ours). */
    shipInBackOffice(id: string, trackingNo: string) {
      store.update(id, (x) => {
        x.orderStatus = 3;
        x.trackingNo = trackingNo;
        x.companyName = '顺丰速运';
      });
    },
  };
}
