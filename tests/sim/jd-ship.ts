import type { JdSimOrder } from './jd-orders';
import type { ShipmentBook } from './shipments';
import type { SimReply } from './sim-server';
import type { SimStore } from './store';

/**
 * JD's 发货回传 calls (PLATFORMS.md §9.4) behind the routerjson gateway checks:
 * `jingdong.pop.order.shipment` {orderId, logiCoprId, logiNo} answering
 * jingdong_pop_order_shipment_responce.sopjosshipment_result {success, chineseErrCode,
 * englishErrCode, errorCode} — the failure texts and codes are the simulator's (JD's are
 * UNCONFIRMED); `jingdong.pop.order.get` {order_id, optional_fields} answering
 * orderDetailInfo.orderInfo {orderId, orderState, waybill, logisticsId} (shape UNCONFIRMED).
 * logiCoprId: §9.7's ids. A LOCKED order (refund under way) and a cancelled one are refused.
 */
export const JD_SHIP_METHODS = new Set(['jingdong.pop.order.shipment', 'jingdong.pop.order.get']);
const COMPANIES = new Set(['467', '463', '1499', '1327', '470', '465', '2087', '1274']);

const result = (success: boolean, zh = '', en = '', code = ''): SimReply => ({
  body: JSON.stringify({ jingdong_pop_order_shipment_responce: { code: '0', sopjosshipment_result: { success, chineseErrCode: zh, englishErrCode: en, errorCode: code } } }),
});

export function jdShipping(store: SimStore<JdSimOrder>, shipments: ShipmentBook, now: () => number) {
  async function shipment(b: Record<string, unknown>): Promise<SimReply> {
    const id = String(b.orderId ?? '');
    const copr = String(b.logiCoprId ?? '');
    const no = String(b.logiNo ?? '');
    if (!id) return result(false, '订单号不能为空', 'orderId is required', '10400001');
    if (!copr) return result(false, '物流公司ID不能为空', 'logiCoprId is required', '10400002');
    if (!COMPANIES.has(copr)) return result(false, `物流公司ID${copr}不存在`, 'invalid logiCoprId', '10400003');
    if (!no && copr !== '1274') return result(false, '运单号不能为空', 'logiNo is required', '10400004');
    const o = store.all().find((x) => x.id === id);
    if (!o) return result(false, `订单${id}不存在`, 'order not found', '10400005');
    const words = shipments.refuse.get(o.id);
    if (words) return result(false, words, 'refused', '10400006');
    if (o.state === 'WAIT_GOODS_RECEIVE_CONFIRM' || o.state === 'FINISHED_L') return result(false, '订单已出库，不能重复出库', 'order already shipped', '10400007');
    if (o.state === 'TRADE_CANCELED') return result(false, '订单已取消，不能出库', 'order canceled', '10400008');
    if (o.state === 'LOCKED') return result(false, '订单已锁定（退款中），不能出库', 'order locked', '10400009');
    if (o.state !== 'WAIT_SELLER_STOCK_OUT') return result(false, `订单状态${o.state}不能出库`, 'wrong order state', '10400010');
    if (shipments.usedBy(no, o.id)) return result(false, `运单号${no}已被其他订单使用`, 'waybill used', '10400011');
    store.update(o.id, (x) => {
      x.state = 'WAIT_GOODS_RECEIVE_CONFIRM';
      x.waybill = no;
    });
    await shipments.record({ orderId: o.id, carrierCode: copr, trackingNo: no, lines: null }, now());
    return result(true);
  }

  function get(b: Record<string, unknown>): SimReply {
    const o = store.all().find((x) => x.id === String(b.order_id ?? ''));
    const info = o ? { orderId: o.id, orderState: o.state, waybill: o.waybill, logisticsId: shipments.of(o.id).at(-1)?.carrierCode ?? (o.waybill ? '2087' : '') } : null;
    return { body: JSON.stringify({ jingdong_pop_order_get_responce: { code: '0', orderDetailInfo: { apiResult: { success: !!o, chineseErrCode: o ? '成功' : '订单不存在' }, orderInfo: info } } }) };
  }

  return {
    handle: (method: string, b: Record<string, unknown>) => (method === 'jingdong.pop.order.shipment' ? shipment(b) : get(b)),
    /** The seller shipped the order in JD's back office, with this number. */
    shipInBackOffice(id: string, waybill: string) {
      store.update(id, (x) => {
        x.state = 'WAIT_GOODS_RECEIVE_CONFIRM';
        x.waybill = waybill;
      });
    },
  };
}
