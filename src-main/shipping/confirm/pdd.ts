import { PLATFORM_CARRIER_CODES } from '../../../src-shared/shipping';
import { ConnectorError } from '../../channels/connector';
import { popCall } from '../../channels/pdd/connector';
import { isObject, scalarText } from '../../channels/wire/json';
import type { ConfirmAnswer, Confirmer } from './types';

/**
 * Pinduoduo (PLATFORMS.md §9.2): `pdd.logistics.online.send` {order_sn, logistics_id,
 * tracking_number}, redelivery_type 1 (first shipment only: we never overwrite a shipment with
 * type 2). Signed by the connector's own POP call. PDD has one main tracking number per order;
 * a partial parcel is sent the same way (extra parcels through pdd.order.upload.extra.logistics
 * are for the buyer's eyes only and are not done here).
 * Error codes for "already shipped" are UNCONFIRMED (§9.2: none found): we read the words
 * (已发货) of a business error (50001) and then the order back (`pdd.order.information.get`).
 */
export const pddConfirmer: Confirmer = {
  kind: 'pdd',
  carrierCode: (c) => PLATFORM_CARRIER_CODES.pdd[c],

  async send(ctx, c): Promise<ConfirmAnswer> {
    try {
      const body = await popCall(ctx, 'pdd.logistics.online.send', {
        order_sn: c.platformOrderId, logistics_id: PLATFORM_CARRIER_CODES.pdd[c.carrier]!, tracking_number: c.trackingNo, redelivery_type: '1',
      });
      const resp = body.logistics_online_send_response;
      if (isObject(resp) && scalarText(resp.is_success) === 'true') return { kind: 'ok' };
      throw new ConnectorError('transient', 'pdd: logistics_online_send_response without is_success');
    } catch (e) {
      if (!(e instanceof ConnectorError) || (e.kind !== 'invalid_request' && e.kind !== 'unknown')) throw e;
      const code = e.detail.platformCode ?? '';
      if (/已发货|already shipped/i.test(e.message)) return { kind: 'already', platformCode: code, message: e.message };
      if (e.kind === 'unknown') throw e; // an undocumented code: retried a few times like the poller does
      return { kind: 'refused', platformCode: code, message: e.message };
    }
  },

  async trackingNumbers(ctx, platformOrderId) {
    const body = await popCall(ctx, 'pdd.order.information.get', { order_sn: platformOrderId });
    const resp = body.order_info_get_response;
    const info = isObject(resp) ? resp.order_info : undefined;
    const no = isObject(info) ? scalarText(info.tracking_number) : null;
    return no ? [no.toUpperCase()] : [];
  },
};
