import { CARRIER_NAMES } from '../../../src-shared/shipping';
import { ConnectorError, type ConnectorContext } from '../../channels/connector';
import { doudianCall } from '../../channels/douyin/connector';
import { isObject, scalarText } from '../../channels/wire/json';
import { CarrierLists, notListed, type ListedCarrier } from './carrier-list';
import type { ConfirmAnswer, Confirmation, Confirmer } from './types';

/**
 * Douyin Shop (PLATFORMS.md §9.3): `order.logisticsAdd` {order_id (the parent order), company_code,
 * logistics_code} — whole orders only ("只能传父订单号"); is_reject_refund is left out, so a pending
 * refund makes the shop refuse (never shipped over a buyer's refund). Signed by the connector's own
 * doudianCall. company_code from `order.logisticsCompanyList` (data[]{id,name,code}, CONFIRMED),
 * matched by the carrier's Chinese name: Douyin's codes are UNCONFIRMED in §9.7.
 * UNCONFIRMED: the sub_codes for "already shipped" and for refusals (§9.3) — "already" is read from
 * the words (已发货 …) of a business error; the read-back `order.orderDetail` {shop_order_id} →
 * data.shop_order_detail.logistics_info[].tracking_no is not in PLATFORMS.md (the doudian SDK's shape).
 * A split parcel (logisticsAddMultiPack) is not built: marked unsupported, shipped in 抖店 by hand.
 */
const ALREADY = /已发货|已经发货|重复发货|已出库|already shipped/i;
const lists = new CarrierLists();

async function companyCode(ctx: ConnectorContext, c: Confirmation): Promise<string | null> {
  const key = `douyin|${ctx.endpoint}|${ctx.credentials.app_key ?? ''}|${ctx.credentials.shop_id ?? ''}`;
  return lists.codeFor(key, ctx.now(), c.carrier, async () => {
    const data = await doudianCall(ctx, 'order.logisticsCompanyList', {});
    const list = Array.isArray(data.list) ? data.list : [];
    return list.flatMap((x): ListedCarrier[] => {
      const code = isObject(x) ? scalarText(x.code) : null;
      const name = isObject(x) ? scalarText(x.name) : null;
      return code && name ? [{ code, name }] : [];
    });
  });
}

export const douyinConfirmer: Confirmer = {
  kind: 'douyin',
  // Resolved from the shop's list when sending; every carrier has a Chinese name to look for.
  carrierCode: (c) => CARRIER_NAMES[c].zh,

  async send(ctx, c): Promise<ConfirmAnswer> {
    if (c.platformLineIds) return { kind: 'unsupported', code: 'split_not_built', params: { platform: 'douyin' } };
    try {
      const code = await companyCode(ctx, c);
      if (!code) return notListed(c.carrier, 'douyin');
      await doudianCall(ctx, 'order.logisticsAdd', { order_id: c.platformOrderId, company_code: code, logistics_code: c.trackingNo });
      return { kind: 'ok' };
    } catch (e) {
      if (!(e instanceof ConnectorError) || (e.kind !== 'invalid_request' && e.kind !== 'unknown')) throw e;
      const code = e.detail.platformCode ?? '';
      if (ALREADY.test(e.message)) return { kind: 'already', platformCode: code, message: e.message };
      if (e.kind === 'unknown') throw e;
      return { kind: 'refused', platformCode: code, message: e.message };
    }
  },

  async trackingNumbers(ctx, platformOrderId) {
    const data = await doudianCall(ctx, 'order.orderDetail', { shop_order_id: platformOrderId });
    const detail = isObject(data.shop_order_detail) ? data.shop_order_detail : {};
    const list = Array.isArray(detail.logistics_info) ? detail.logistics_info : [];
    return list.flatMap((l) => {
      const no = isObject(l) ? scalarText(l.tracking_no) : null;
      return no ? [no.toUpperCase()] : [];
    });
  },
};
