import { doudianCall } from '../src-main/channels/douyin/connector';
import { jdCall } from '../src-main/channels/jd/connector';
import { popCall } from '../src-main/channels/pdd/connector';
import { shopifyCall } from '../src-main/channels/shopify/connector';
import { topCall } from '../src-main/channels/taobao/connector';
import { youzanCall } from '../src-main/channels/youzan/connector';
import type { ConnectorContext } from '../src-main/channels/connector';
import type { ChannelKind } from '../src-shared/orders';
import { startConfirmPlatform } from '../tests/helpers/confirm-platforms';
import { startPddSim } from '../tests/sim/pdd';
import type { ShipmentBook } from '../tests/sim/shipments';
import { startTaobaoSim } from '../tests/sim/taobao';

/**
 * One platform for the 发货回传 bench: a simulator with at least `n` orders waiting to ship, its
 * shop config, and `direct`: the same signed requests our confirmer makes for one SF parcel, made
 * straight to the simulator (the baseline). Douyin's carrier list is read once per shop by us and
 * not by the baseline; Shopify's two calls per parcel (fulfillment orders, then the fulfillment) are in both.
 */
export interface BenchShop {
  kind: ChannelKind;
  config: Record<string, string>;
  ids: string[];
  shipments: ShipmentBook;
  direct(ctx: ConnectorContext, id: string, trackingNo: string): Promise<unknown>;
  stop(): Promise<void>;
}

export const BENCH_PLATFORMS = ['taobao', 'pdd', 'douyin', 'jd', 'youzan', 'shopify'] as const;
export type BenchPlatform = (typeof BENCH_PLATFORMS)[number];

function enough(ids: string[], n: number, kind: string): string[] {
  if (ids.length < n) throw new Error(`${kind} simulator made only ${ids.length} orders waiting to ship`);
  return ids.slice(0, n);
}

export async function benchShop(kind: BenchPlatform, n: number, seed: number): Promise<BenchShop> {
  const gen = { from: Date.now() - 86_400_000, to: Date.now() - 60_000, seed };
  if (kind === 'taobao') {
    const sim = await startTaobaoSim({ seed });
    sim.store.generate(n * 4, gen);
    const ids = enough(sim.store.all().filter((t) => t.status === 'WAIT_SELLER_SEND_GOODS').map((t) => t.id), n, kind);
    return {
      kind, config: { ...sim.credentials, endpoint: sim.url }, ids, shipments: sim.shipments, stop: sim.stop,
      direct: (ctx, tid, no) => topCall(ctx, 'taobao.logistics.offline.send', { tid, out_sid: no, company_code: 'SF' }),
    };
  }
  if (kind === 'pdd') {
    const sim = await startPddSim({ seed });
    sim.store.generate(n * 4, gen);
    const ids = enough(sim.store.all().filter((o) => o.orderStatus === 1 && o.refundStatus === 1).map((o) => o.id), n, kind);
    return {
      kind, config: { ...sim.credentials, endpoint: sim.url }, ids, shipments: sim.shipments, stop: sim.stop,
      direct: (ctx, sn, no) => popCall(ctx, 'pdd.logistics.online.send', { order_sn: sn, logistics_id: '44', tracking_number: no, redelivery_type: '1' }),
    };
  }
  const p = await startConfirmPlatform(kind, { ...gen, now: Date.now, orders: n * 7 });
  const ids = enough(p.waiting().map((o) => o.id), n, kind);
  const direct: BenchShop['direct'] = {
    douyin: (ctx: ConnectorContext, id: string, no: string) => doudianCall(ctx, 'order.logisticsAdd', { order_id: id, company_code: 'shunfeng', logistics_code: no }),
    jd: (ctx: ConnectorContext, id: string, no: string) => jdCall(ctx, 'jingdong.pop.order.shipment', { orderId: id, logiCoprId: '467', logiNo: no }),
    youzan: (ctx: ConnectorContext, tid: string, no: string) => youzanCall(ctx, 'youzan.logistics.online.confirm', '3.0.0', { tid, is_no_express: 0, out_stype: '7', out_sid: no }),
    shopify: async (ctx: ConnectorContext, id: string, no: string) => {
      const fos = JSON.parse((await shopifyCall(ctx, 'GET', `${ctx.endpoint}/orders/${id}/fulfillment_orders.json`)).text) as { fulfillment_orders: { id: number; line_items: { id: number; fulfillable_quantity: number }[] }[] };
      const groups = fos.fulfillment_orders.map((fo) => ({ fulfillment_order_id: fo.id, fulfillment_order_line_items: fo.line_items.map((li) => ({ id: li.id, quantity: li.fulfillable_quantity })) }));
      return shopifyCall(ctx, 'POST', `${ctx.endpoint}/fulfillments.json`, { fulfillment: { line_items_by_fulfillment_order: groups, tracking_info: { number: no, company: 'SF Express' }, notify_customer: false } });
    },
  }[kind];
  return { kind, config: p.config, ids, shipments: p.shipments, stop: p.stop, direct };
}
