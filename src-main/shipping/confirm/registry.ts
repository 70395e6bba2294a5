import type { ChannelKind } from '../../../src-shared/orders';
import { douyinConfirmer } from './douyin';
import { jdConfirmer } from './jd';
import { pddConfirmer } from './pdd';
import { shopifyConfirmer } from './shopify';
import { taobaoConfirmer } from './taobao';
import { youzanConfirmer } from './youzan';
import type { Confirmer } from './types';

/**
 * Each platform's shipment call (PLATFORMS.md §9). The generic intake has none: its shipments are
 * marked `unsupported` (shown on the order) instead of pretending to confirm. Add the next
 * platform here, with its simulator's side in tests/sim/.
 */
const CONFIRMERS: Partial<Record<ChannelKind, Confirmer>> = {
  taobao: taobaoConfirmer, pdd: pddConfirmer, douyin: douyinConfirmer, jd: jdConfirmer, youzan: youzanConfirmer, shopify: shopifyConfirmer,
};

export function confirmerFor(kind: ChannelKind): Confirmer | null {
  return CONFIRMERS[kind] ?? null;
}
