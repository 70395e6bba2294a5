import { CARRIER_NAMES } from '../../../src-shared/shipping';
import { ConnectorError, type ConnectorContext } from '../../channels/connector';
import { isObject, scalarText, type JsonObject } from '../../channels/wire/json';
import { youzanCall } from '../../channels/youzan/connector';
import { CarrierLists, notListed, type ListedCarrier } from './carrier-list';
import type { ConfirmAnswer, Confirmation, Confirmer } from './types';

/**
 * Youzan (PLATFORMS.md §9.5): `youzan.logistics.online.confirm` 3.0.0 {tid, is_no_express 0,
 * out_stype, out_sid}; a split parcel adds `oids` (comma-separated). Through the connector's own
 * youzanCall (token in the query, JSON body). `out_stype` is the carrier's id in
 * `youzan.logistics.express.get` (allExpress[]{id,name,display}), matched by the Chinese name: Youzan's
 * ids are UNCONFIRMED in §9.7 (申通 = 1 only).
 * UNCONFIRMED: the error codes (§9.5) — read as words: 已发货 = already (then read back); 退款/关闭/不存在
 * … = the shop's refusal; a code nobody documented is retried a few times. The read-back
 * `youzan.trade.get` 4.0.0 {tid} → data.delivery_order[].dists[].express_info.express_no is not in
 * PLATFORMS.md. `youzan.logistics.online.update` (which would overwrite a number) is never called.
 */
const ALREADY = /已发货|已经发货|重复发货|已全部发货/;
const REFUSAL = /退款|维权|关闭|不存在|不能发货|不可发货|无法发货|取消|不支持/;
const lists = new CarrierLists();

function expressList(data: JsonObject): ListedCarrier[] {
  const inner = isObject(data.response) ? data.response : data;
  const all = Array.isArray(inner.allExpress) ? inner.allExpress : [];
  return all.flatMap((x): ListedCarrier[] => {
    const id = isObject(x) ? scalarText(x.id) : null;
    const name = isObject(x) ? scalarText(x.name) : null;
    return id && name ? [{ code: id, name }] : [];
  });
}

function outStype(ctx: ConnectorContext, c: Confirmation): Promise<string | null> {
  const key = `youzan|${ctx.endpoint}|${ctx.credentials.grant_id ?? ctx.credentials.access_token ?? ''}`;
  return lists.codeFor(key, ctx.now(), c.carrier, async () => expressList(await youzanCall(ctx, 'youzan.logistics.express.get', '3.0.0', {})));
}

export const youzanConfirmer: Confirmer = {
  kind: 'youzan',
  carrierCode: (c) => CARRIER_NAMES[c].zh,

  async send(ctx, c): Promise<ConfirmAnswer> {
    try {
      const stype = await outStype(ctx, c);
      if (!stype) return notListed(c.carrier, 'youzan');
      const body: Record<string, unknown> = { tid: c.platformOrderId, is_no_express: 0, out_stype: stype, out_sid: c.trackingNo };
      if (c.platformLineIds) body.oids = c.platformLineIds.join(',');
      const data = await youzanCall(ctx, 'youzan.logistics.online.confirm', '3.0.0', body);
      if (scalarText(data.is_success) === 'true') return { kind: 'ok' };
      throw new ConnectorError('transient', 'Youzan: logistics.online.confirm answered without is_success');
    } catch (e) {
      if (!(e instanceof ConnectorError) || (e.kind !== 'invalid_request' && e.kind !== 'unknown')) throw e;
      const code = e.detail.platformCode ?? '';
      if (ALREADY.test(e.message)) return { kind: 'already', platformCode: code, message: e.message };
      if (e.kind === 'unknown' && !REFUSAL.test(e.message)) throw e;
      return { kind: 'refused', platformCode: code, message: e.message };
    }
  },

  async trackingNumbers(ctx, platformOrderId) {
    const data = await youzanCall(ctx, 'youzan.trade.get', '4.0.0', { tid: platformOrderId });
    const deliveries = Array.isArray(data.delivery_order) ? data.delivery_order : [];
    return deliveries.flatMap((d) => {
      const dists = isObject(d) && Array.isArray(d.dists) ? d.dists : [];
      return dists.flatMap((x) => {
        const express = isObject(x) && isObject(x.express_info) ? x.express_info : null;
        const no = express ? scalarText(express.express_no) : null;
        return no ? [no.toUpperCase()] : [];
      });
    });
  },
};
