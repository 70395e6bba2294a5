import type { ShipmentBook } from './shipments';
import type { SimReply } from './sim-server';
import type { SimStore } from './store';
import type { YouzanSimOrder } from './youzan-orders';

/**
 * Youzan's 发货回传 calls (PLATFORMS.md §9.5) behind the gateway checks (token in the query, JSON
 * POST): `youzan.logistics.express.get` 3.0.0 (allExpress[]{id,name,display}; ids the simulator's,
 * 申通 = 1 as §9.7 says), `youzan.logistics.online.confirm` 3.0.0 {tid, is_no_express, out_stype,
 * out_sid, oids} (is_success) and `youzan.trade.get` 4.0.0 {tid} (delivery_order[].dists[].express_info
 * {express_id, express_no}; shape UNCONFIRMED). Refusals are business errors with codes and words of
 * the simulator's choosing (Youzan's are UNCONFIRMED); a refund under way (refund_state 1 or 11) and a
 * closed trade are refused.
 */
export const YOUZAN_SHIP_APIS: Record<string, string> = {
  'youzan.logistics.express.get': '3.0.0', 'youzan.logistics.online.confirm': '3.0.0', 'youzan.trade.get': '4.0.0',
};

export const YOUZAN_EXPRESS = [
  { id: 1, name: '申通快递', display: 1 }, { id: 2, name: '圆通速递', display: 1 }, { id: 3, name: '中通快递', display: 1 },
  { id: 4, name: '韵达快递', display: 1 }, { id: 7, name: '顺丰速运', display: 1 }, { id: 11, name: 'EMS', display: 1 },
  { id: 138, name: '京东快递', display: 1 }, { id: 367, name: '极兔速递', display: 1 }, { id: 402, name: '中通快运', display: 1 },
];

type Biz = (code: number, message: string) => SimReply;

export function youzanShipping(store: SimStore<YouzanSimOrder>, shipments: ShipmentBook, now: () => number, biz: Biz) {
  const ok = (data: unknown): SimReply => ({ body: JSON.stringify({ trace_id: `yz7-ship-${now()}`, code: 200, success: true, message: 'successful', data }) });
  /** Lines shipped per trade (by oid). */
  const shippedLines = new Map<string, Set<string>>();

  async function confirm(p: Record<string, unknown>): Promise<SimReply> {
    const tid = String(p.tid ?? '');
    if (!tid) return biz(4001, '参数 tid 不能为空');
    const noExpress = String(p.is_no_express ?? '0') === '1';
    const stype = String(p.out_stype ?? '');
    const sid = String(p.out_sid ?? '');
    if (!noExpress && !stype) return biz(101300002, '物流公司 out_stype 不能为空');
    if (!noExpress && !sid) return biz(101300003, '运单号 out_sid 不能为空');
    if (!noExpress && !YOUZAN_EXPRESS.some((e) => String(e.id) === stype)) return biz(101300004, `物流公司 ${stype} 不存在`);
    const o = store.all().find((x) => x.id === tid);
    if (!o) return biz(101300005, `订单 ${tid} 不存在`);
    const words = shipments.refuse.get(o.id);
    if (words) return biz(101300006, words);
    if (o.status === 'TRADE_CLOSED') return biz(101300007, '订单已关闭，不能发货');
    if (o.refundState === 1 || o.refundState === 11) return biz(101300008, '订单退款中，不能发货');
    if (o.status !== 'WAIT_SELLER_SEND_GOODS') return biz(101300009, '订单已发货，不能重复发货');
    const done = shippedLines.get(o.id) ?? new Set<string>();
    const oids = p.oids ? String(p.oids).split(',').filter(Boolean) : o.lines.map((l) => l.oid).filter((x) => !done.has(x));
    if (oids.some((x) => !o.lines.some((l) => l.oid === x))) return biz(101300010, `子订单 ${String(p.oids)} 不属于该订单`);
    if (oids.some((x) => done.has(x))) return biz(101300009, '商品已发货，不能重复发货');
    if (sid && shipments.usedBy(sid, o.id)) return biz(101300011, `运单号 ${sid} 已被其他订单使用`);
    oids.forEach((x) => done.add(x));
    shippedLines.set(o.id, done);
    if (o.lines.every((l) => done.has(l.oid))) {
      store.update(o.id, (x) => {
        x.status = 'WAIT_BUYER_CONFIRM_GOODS';
        x.consignTime = now();
      });
    }
    await shipments.record({ orderId: o.id, carrierCode: stype, trackingNo: sid, lines: p.oids ? oids : null }, now());
    return ok({ is_success: true });
  }

  function tradeGet(p: Record<string, unknown>): SimReply {
    const o = store.all().find((x) => x.id === String(p.tid ?? ''));
    if (!o) return biz(101300005, `订单 ${String(p.tid ?? '')} 不存在`);
    const dists = shipments.of(o.id).map((x) => ({ express_info: { express_id: Number(x.carrierCode), express_no: x.trackingNo } }));
    const outside = backOffice.get(o.id);
    if (outside) dists.push({ express_info: { express_id: 7, express_no: outside } });
    return ok({ full_order_info: { order_info: { tid: o.id, status: o.status } }, delivery_order: dists.length ? [{ express_state: 1, express_type: 0, dists }] : [] });
  }

  const backOffice = new Map<string, string>();
  return {
    handle(api: string, p: Record<string, unknown>): SimReply | Promise<SimReply> {
      if (api === 'youzan.logistics.express.get') return ok({ allExpress: YOUZAN_EXPRESS });
      if (api === 'youzan.logistics.online.confirm') return confirm(p);
      return tradeGet(p);
    },
    /** The seller shipped the trade in 有赞 by hand, with this number. */
    shipInBackOffice(id: string, trackingNo: string) {
      backOffice.set(id, trackingNo);
      store.update(id, (x) => {
        x.status = 'WAIT_BUYER_CONFIRM_GOODS';
        x.consignTime = now();
      });
    },
  };
}
