import { PLATFORM_CARRIER_CODES } from '../../../src-shared/shipping';
import { ConnectorError, type ConnectorContext } from '../../channels/connector';
import { popCall } from '../../channels/pdd/connector';
import { isObject, scalarText, type JsonObject } from '../../channels/wire/json';
import type { ConfirmAnswer, Confirmation, Confirmer } from './types';

/**
 * Pinduoduo (PLATFORMS.md §9.2): `pdd.logistics.online.send` {order_sn, logistics_id,
 * tracking_number}, redelivery_type 1 (first shipment only: we never overwrite a shipment with
 * type 2). Signed by the connector's own POP call. PDD has one main tracking number per order: the
 * order's first parcel (partial or not) is sent that way; a later parcel, once an earlier one is
 * confirmed, goes through `pdd.order.upload.extra.logistics` {order_sn, extra_track_list
 * [{shipping_id, tracking_number}] (a JSON string, as POP takes lists), extra_track_type 1 split}
 * → upload_extra_logistics_response.success (CONFIRMED in §9.2; extra numbers are for the buyer's eyes).
 * Error codes for "already shipped" / "already uploaded" are UNCONFIRMED (§9.2: none found): we read
 * the words (已发货, 已上传) of a business error (50001) and then the order back
 * (`pdd.order.information.get`: tracking_number, plus extra_delivery_list[].tracking_number —
 * that field is UNCONFIRMED, not in PLATFORMS.md).
 */
const ALREADY = /已发货|已上传|已存在|already (shipped|uploaded)/i;

async function mainParcel(ctx: ConnectorContext, c: Confirmation): Promise<JsonObject> {
  const body = await popCall(ctx, 'pdd.logistics.online.send', {
    order_sn: c.platformOrderId, logistics_id: PLATFORM_CARRIER_CODES.pdd[c.carrier]!, tracking_number: c.trackingNo, redelivery_type: '1',
  });
  const resp = body.logistics_online_send_response;
  if (isObject(resp) && scalarText(resp.is_success) === 'true') return resp;
  throw new ConnectorError('transient', 'pdd: logistics_online_send_response without is_success');
}

async function extraParcel(ctx: ConnectorContext, c: Confirmation): Promise<JsonObject> {
  const body = await popCall(ctx, 'pdd.order.upload.extra.logistics', {
    order_sn: c.platformOrderId,
    extra_track_list: JSON.stringify([{ shipping_id: Number(PLATFORM_CARRIER_CODES.pdd[c.carrier]!), tracking_number: c.trackingNo }]),
    extra_track_type: '1',
  });
  const resp = body.upload_extra_logistics_response;
  if (isObject(resp) && scalarText(resp.success) === 'true') return resp;
  throw new ConnectorError('transient', 'pdd: upload_extra_logistics_response without success');
}

export const pddConfirmer: Confirmer = {
  kind: 'pdd',
  carrierCode: (c) => PLATFORM_CARRIER_CODES.pdd[c],

  async send(ctx, c): Promise<ConfirmAnswer> {
    try {
      await (c.laterParcel ? extraParcel(ctx, c) : mainParcel(ctx, c));
      return { kind: 'ok' };
    } catch (e) {
      if (!(e instanceof ConnectorError) || (e.kind !== 'invalid_request' && e.kind !== 'unknown')) throw e;
      const code = e.detail.platformCode ?? '';
      if (ALREADY.test(e.message)) return { kind: 'already', platformCode: code, message: e.message };
      if (e.kind === 'unknown') throw e; // an undocumented code: retried a few times like the poller does
      return { kind: 'refused', platformCode: code, message: e.message };
    }
  },

  async trackingNumbers(ctx, platformOrderId) {
    const body = await popCall(ctx, 'pdd.order.information.get', { order_sn: platformOrderId });
    const resp = body.order_info_get_response;
    const info = isObject(resp) ? resp.order_info : undefined;
    if (!isObject(info)) return [];
    const extra = Array.isArray(info.extra_delivery_list) ? info.extra_delivery_list : [];
    return [scalarText(info.tracking_number), ...extra.map((x) => (isObject(x) ? scalarText(x.tracking_number) : null))]
      .filter((x): x is string => !!x)
      .map((x) => x.toUpperCase());
  },
};
