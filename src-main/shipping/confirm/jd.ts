import { PLATFORM_CARRIER_CODES } from '../../../src-shared/shipping';
import { ConnectorError } from '../../channels/connector';
import { jdCall } from '../../channels/jd/connector';
import { saysTooFrequent } from '../../channels/wire/limit-words';
import { isObject, scalarText } from '../../channels/wire/json';
import type { ConfirmAnswer, Confirmer } from './types';

/**
 * JD SOP (PLATFORMS.md §9.4): `jingdong.pop.order.shipment` {orderId, logiCoprId, logiNo} through
 * routerjson, signed by the connector's own jdCall. logiCoprId from §9.7 (CORROBORATED at most).
 * Success and failure come in `jingdong_pop_order_shipment_responce.sopjosshipment_result`
 * {success (bool or "true"), chineseErrCode, englishErrCode, errorCode}; the failure texts are
 * UNCONFIRMED, so they are read as words: 已出库/已发货 = already (then read back), 频繁/限流 = a rate
 * limit, 系统繁忙/异常 = retried a few times, anything else the shop's refusal in its words.
 * UNCONFIRMED (not in PLATFORMS.md): the read-back `jingdong.pop.order.get` {order_id, optional_fields}
 * → `jingdong_pop_order_get_responce.orderDetailInfo.orderInfo.waybill` ("111,222|333" for several).
 * JD ships whole orders: a split parcel is not sent (unsupported; added in JD's back office).
 */
const ALREADY = /已出库|已发货|已经发货|重复发货|already/i;
const SYSTEM_BUSY = /系统(繁忙|异常|错误)|稍后重试|超时|system (busy|error)/i;

export const jdConfirmer: Confirmer = {
  kind: 'jd',
  carrierCode: (c) => PLATFORM_CARRIER_CODES.jd[c],

  async send(ctx, c): Promise<ConfirmAnswer> {
    if (c.platformLineIds) return { kind: 'unsupported', code: 'split_not_built', params: { platform: 'jd' } };
    let body;
    try {
      body = await jdCall(ctx, 'jingdong.pop.order.shipment', {
        orderId: c.platformOrderId, logiCoprId: PLATFORM_CARRIER_CODES.jd[c.carrier]!, logiNo: c.trackingNo,
      });
    } catch (e) {
      if (!(e instanceof ConnectorError) || e.kind !== 'invalid_request') throw e;
      return { kind: 'refused', platformCode: e.detail.platformCode ?? '', message: e.message };
    }
    const resp = body.jingdong_pop_order_shipment_responce;
    const result = isObject(resp) ? resp.sopjosshipment_result : undefined;
    if (!isObject(result)) throw new ConnectorError('transient', 'JD: answer has no sopjosshipment_result');
    if (scalarText(result.success) === 'true') return { kind: 'ok' };
    const code = scalarText(result.errorCode) ?? '';
    const zh = scalarText(result.chineseErrCode) ?? '';
    const en = scalarText(result.englishErrCode) ?? '';
    const message = `JD: ${code} ${zh}${en ? ` (${en})` : ''}`.trim();
    if (saysTooFrequent(zh, en)) throw new ConnectorError('rate_limited', message, { platformCode: code, retryAfterMs: 10_000 });
    if (ALREADY.test(`${zh} ${en}`)) return { kind: 'already', platformCode: code, message };
    if (SYSTEM_BUSY.test(`${zh} ${en}`) || (!zh && !en)) throw new ConnectorError('unknown', message, { platformCode: code });
    return { kind: 'refused', platformCode: code, message };
  },

  async trackingNumbers(ctx, platformOrderId) {
    const body = await jdCall(ctx, 'jingdong.pop.order.get', { order_id: platformOrderId, optional_fields: 'orderId,orderState,waybill,logisticsId' });
    const resp = body.jingdong_pop_order_get_responce;
    const detail = isObject(resp) ? resp.orderDetailInfo : undefined;
    const info = isObject(detail) ? detail.orderInfo : undefined;
    const waybill = isObject(info) ? scalarText(info.waybill) : null;
    return (waybill ?? '').split(/[|,]/).map((s) => s.trim().toUpperCase()).filter(Boolean);
  },
};
