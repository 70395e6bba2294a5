import type { ChannelKind } from '../../../../src-shared/orders';
import type { AuthAdapter } from '../grant';
import { douyinAuth } from './douyin';
import { jdAuth } from './jd';
import { pddAuth } from './pdd';
import { shopifyAuth } from './shopify';
import { taobaoAuth } from './taobao';
import { youzanAuth } from './youzan';

/** One 授权 adapter per platform that has one; the next goes here and in hosts.ts. */
export const AUTH_ADAPTERS: Partial<Record<ChannelKind, AuthAdapter>> = {
  taobao: taobaoAuth, pdd: pddAuth, jd: jdAuth, douyin: douyinAuth, youzan: youzanAuth, shopify: shopifyAuth,
};
