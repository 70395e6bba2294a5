import type { ChannelKind } from '../../src-shared/orders';
import type { Connector } from './connector';
import { douyinConnector } from './douyin/connector';
import { jdConnector } from './jd/connector';
import { pddConnector } from './pdd/connector';
import { taobaoConnector } from './taobao/connector';
import { youzanConnector } from './youzan/connector';
import { shopifyConnector } from './shopify/connector';
import { genericConnector } from './generic/connector';

/**
 * The explicit registry of connectors: one line per platform, each in its own folder
 * (`src-main/channels/<platform>/`). A kind missing here cannot be added as a polled shop.
 */
export const CONNECTORS: Partial<Record<ChannelKind, Connector>> = {
  taobao: taobaoConnector,
  pdd: pddConnector,
  douyin: douyinConnector,
  jd: jdConnector,
  youzan: youzanConnector,
  shopify: shopifyConnector,
  generic: genericConnector,
};

export function connectorFor(kind: ChannelKind): Connector | undefined {
  return CONNECTORS[kind];
}
