import type { NormalizedOrder } from '../../src-main/ingest/normalized-order';
import type { ChannelKind } from '../../src-shared/orders';
import { startDouyinSim, type DouyinSim } from '../sim/douyin';
import { startJdSim, type JdSim } from '../sim/jd';
import type { FaultKind, FaultOptions } from '../sim/faults';
import type { ShipmentBook } from '../sim/shipments';
import { startShopifySim, type ShopifySim } from '../sim/shopify';
import { startYouzanSim, type YouzanSim } from '../sim/youzan';
import { order } from './shipping-world';

/**
 * The four platforms whose 发货回传 came in round 2, seen the same way by the confirmation and
 * crash tests: a started simulator, what its shop's config is, its orders waiting to ship (with
 * their platform line ids), how an order of it becomes refunded, and the code it records for 顺丰.
 */
export interface ConfirmPlatform {
  kind: ChannelKind;
  name: string;
  config: Record<string, string>;
  /** The credential to spoil for a bad signature / token. */
  secret: string;
  shipments: ShipmentBook;
  requests: { api?: string; status?: number; params?: Record<string, string> }[];
  sendApi: string;
  /** The code the shop records for an SF parcel. */
  sfCode: string;
  /** Douyin: the shop's carrier list without this company (a carrier the shop never enabled). */
  unlistCompany?: (code: string) => void;
  /** Split parcels: sent with their lines, or marked unsupported (whole-order platforms). */
  splits: boolean;
  /** Orders waiting to ship; `qty`: each line's quantity where the simulator has more than one unit per line. */
  waiting(): { id: string; lines: string[]; qty?: number[] }[];
  refund(id: string): void;
  shipInBackOffice(id: string, trackingNo: string): void;
  misbehave(kind: FaultKind, opts?: FaultOptions): void;
  stop(): Promise<void>;
}

export function mirror(id: string, lineIds: string[], qty?: number[]): NormalizedOrder {
  return order(id, { lines: lineIds.map((l, i) => ({ platformLineId: l, skuCode: 'SKU-001', title: 'T恤', qty: qty?.[i] ?? 1, unitPriceFen: 100, paidFen: 100 * (qty?.[i] ?? 1) })) });
}

type Opts = { now: () => number; seed: number; orders: number; from: number; to: number };

export async function startConfirmPlatform(kind: 'douyin' | 'jd' | 'youzan' | 'shopify', o: Opts): Promise<ConfirmPlatform> {
  const gen = { from: o.from, to: o.to, seed: o.seed };
  if (kind === 'douyin') {
    const sim: DouyinSim = await startDouyinSim({ now: o.now, seed: o.seed });
    sim.store.generate(o.orders, gen);
    return {
      kind, name: '回传测试抖店', config: { ...sim.credentials, endpoint: sim.url }, secret: 'app_secret', shipments: sim.shipments, requests: sim.requests,
      sendApi: 'order.logisticsAdd', sfCode: 'shunfeng', splits: false,
      waiting: () => sim.store.all().filter((x) => x.orderStatus === 2 && x.skus.every((k) => k.afterSaleStatus === 0)).map((x) => ({ id: x.id, lines: x.skus.map((k) => k.id) })),
      refund: (id) => sim.store.update(id, (x) => void (x.skus[0]!.afterSaleStatus = 6)),
      shipInBackOffice: sim.shipInBackOffice, misbehave: (k, f) => sim.misbehave(k, f), stop: sim.stop, unlistCompany: sim.unlistCompany,
    };
  }
  if (kind === 'jd') {
    const sim: JdSim = await startJdSim({ now: o.now, seed: o.seed });
    sim.store.generate(o.orders, gen);
    return {
      kind, name: '回传测试京东店', config: { ...sim.credentials, endpoint: sim.url }, secret: 'app_secret', shipments: sim.shipments, requests: sim.requests,
      sendApi: 'jingdong.pop.order.shipment', sfCode: '467', splits: false,
      waiting: () => sim.store.all().filter((x) => x.state === 'WAIT_SELLER_STOCK_OUT').map((x) => ({ id: x.id, lines: x.lines.map((l) => l.skuId) })),
      refund: (id) => sim.store.update(id, (x) => void (x.state = 'LOCKED')),
      shipInBackOffice: sim.shipInBackOffice, misbehave: (k, f) => sim.misbehave(k, f), stop: sim.stop,
    };
  }
  if (kind === 'youzan') {
    const sim: YouzanSim = await startYouzanSim({ now: o.now, seed: o.seed });
    sim.store.generate(o.orders, gen);
    return {
      kind, name: '回传测试有赞店', config: { ...sim.credentials, endpoint: sim.url }, secret: 'access_token', shipments: sim.shipments, requests: sim.requests,
      sendApi: 'youzan.logistics.online.confirm', sfCode: '7', splits: true,
      waiting: () => sim.store.all().filter((x) => x.status === 'WAIT_SELLER_SEND_GOODS' && x.refundState === 0).map((x) => ({ id: x.id, lines: x.lines.map((l) => l.oid) })),
      refund: (id) => sim.store.update(id, (x) => void (x.refundState = 11)),
      shipInBackOffice: sim.shipInBackOffice, misbehave: (k, f) => sim.misbehave(k, f), stop: sim.stop,
    };
  }
  const sim: ShopifySim = await startShopifySim({ now: o.now, seed: o.seed });
  sim.store.generate(o.orders, gen);
  return {
    kind, name: 'Sim Tea & Silk', config: { ...sim.credentials, endpoint: sim.url }, secret: 'access_token', shipments: sim.shipments, requests: sim.requests,
    sendApi: '/fulfillments.json', sfCode: 'SF Express', splits: true,
    waiting: () => sim.store.all().filter((x) => x.fulfillmentStatus === null && !x.cancelledAt && x.financialStatus === 'paid').map((x) => ({ id: x.id, lines: x.lines.map((l) => l.id), qty: x.lines.map((l) => l.quantity) })),
    refund: (id) => sim.store.update(id, (x) => void (x.financialStatus = 'refunded')),
    shipInBackOffice: sim.shipInBackOffice, misbehave: (k, f) => sim.misbehave(k, f), stop: sim.stop,
  };
}
