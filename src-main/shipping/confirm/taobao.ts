import { PLATFORM_CARRIER_CODES } from '../../../src-shared/shipping';
import { ConnectorError, type ConnectorContext } from '../../channels/connector';
import { topCall } from '../../channels/taobao/connector';
import { isObject, scalarText } from '../../channels/wire/json';
import type { ConfirmAnswer, Confirmation, Confirmer } from './types';

/**
 * Taobao / Tmall (PLATFORMS.md §9.1): `taobao.logistics.offline.send` (自己联系物流) with tid,
 * out_sid, company_code; a partial parcel with is_split=1 and sub_tid (the oids). Signed by the
 * connector's own TOP call. Sub-codes `isv.logistics-offline-service-error:<X>` (CORROBORATED):
 * B04 already shipped or closed → read the trade's shipments back (`taobao.logistics.orders.get`);
 * B150 and isp.* transient (retried); the rest (B01/P02 no order, B60/P10 waybill used, F* waybill
 * check, B57 carrier…) the shop's refusal.
 */
const ERR = /isv\.logistics-offline-service-error:([A-Z0-9]+)/;

export const taobaoConfirmer: Confirmer = {
  kind: 'taobao',
  carrierCode: (c) => PLATFORM_CARRIER_CODES.taobao[c],

  async send(ctx: ConnectorContext, c: Confirmation): Promise<ConfirmAnswer> {
    const app: Record<string, string> = { tid: c.platformOrderId, out_sid: c.trackingNo, company_code: PLATFORM_CARRIER_CODES.taobao[c.carrier]! };
    if (c.platformLineIds) Object.assign(app, { is_split: '1', sub_tid: c.platformLineIds.join(',') });
    try {
      const body = await topCall(ctx, 'taobao.logistics.offline.send', app);
      const resp = body.logistics_offline_send_response;
      const shipping = isObject(resp) ? resp.shipping : undefined;
      if (isObject(shipping) && scalarText(shipping.is_success) === 'true') return { kind: 'ok' };
      throw new ConnectorError('transient', 'taobao: logistics_offline_send_response without shipping.is_success');
    } catch (e) {
      if (!(e instanceof ConnectorError) || e.kind !== 'invalid_request') throw e;
      const sub = ERR.exec(e.detail.platformCode ?? '')?.[1];
      if (!sub) throw e;
      if (sub === 'B150') throw new ConnectorError('transient', e.message, e.detail);
      if (sub === 'B04') return { kind: 'already', platformCode: sub, message: e.message };
      return { kind: 'refused', platformCode: sub, message: e.message };
    }
  },

  async trackingNumbers(ctx, platformOrderId) {
    const body = await topCall(ctx, 'taobao.logistics.orders.get', { fields: 'tid,out_sid,company_name,status', tid: platformOrderId });
    const resp = body.logistics_orders_get_response;
    const list = isObject(resp) && isObject(resp.shippings) ? resp.shippings.shipping : [];
    const rows = Array.isArray(list) ? list : isObject(list) ? [list] : [];
    return rows.flatMap((r) => (isObject(r) && scalarText(r.out_sid) ? [scalarText(r.out_sid)!.toUpperCase()] : []));
  },
};
