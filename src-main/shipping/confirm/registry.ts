import type { ChannelKind } from '../../../src-shared/orders';
import { pddConfirmer } from './pdd';
import { taobaoConfirmer } from './taobao';
import type { Confirmer } from './types';

/**
 * The platforms whose shipment call is built. Douyin (order.logisticsAdd), JD
 * (jingdong.pop.order.shipment), Youzan (youzan.logistics.online.confirm) and Shopify
 * (fulfillments.json) are specified in PLATFORMS.md §9.3–9.6 but not built yet: their shipments
 * are marked `unsupported` (shown on the order) instead of pretending to confirm. Add the next
 * platform here, with its simulator's side in tests/sim/.
 */
const CONFIRMERS: Partial<Record<ChannelKind, Confirmer>> = { taobao: taobaoConfirmer, pdd: pddConfirmer };

export function confirmerFor(kind: ChannelKind): Confirmer | null {
  return CONFIRMERS[kind] ?? null;
}
