import type { ChannelKind } from '../../../src-shared/orders';
import type { Carrier } from '../../../src-shared/shipping';
import type { ConnectorContext } from '../../channels/connector';

/** One shipment to confirm to its shop, as the outbox holds it. */
export interface Confirmation {
  platformOrderId: string;
  trackingNo: string;
  carrier: Carrier;
  /** Platform line ids of a partial shipment; null = the whole order. */
  platformLineIds: string[] | null;
  /** Units this parcel ships of each of those lines (platform line id → qty), from `shipment_lines`; empty for a whole order. */
  lineQty: Record<string, number>;
  /** An earlier parcel of the same order is confirmed at the shop already (this one is an extra parcel). */
  laterParcel: boolean;
}

/**
 * What the shop said. `already`: the shop has the order shipped already (maybe by our own earlier
 * call whose answer we never recorded): the sender then reads the shop's numbers back. `refused`:
 * the shop will not take it (refunded, closed, a bad waybill) — an exception with its words.
 * Transport failures and rate limits are thrown as ConnectorError (retried with backoff; a
 * ConnectorError of kind 'unknown' — a code nobody documented — only a few times, then refused).
 */
export type ConfirmAnswer =
  | { kind: 'ok' }
  | { kind: 'already'; platformCode: string; message: string }
  /**
   * `code` when we refuse for the shop before it answers, in our words (confirmErrorText), not the
   * shop's: its carrier list has no such carrier; no fulfillment order is open to ship.
   */
  | { kind: 'refused'; platformCode: string; message: string; code?: 'carrier_not_listed' | 'no_open_fulfillment'; params?: Record<string, string> }
  /** Nothing sent: the platform has no call for this shipment (a split parcel where it ships whole orders only). */
  | { kind: 'unsupported'; code: 'split_not_built'; params: Record<string, string> };

/** One platform's shipment call and the read-back that makes a resend safe. */
export interface Confirmer {
  readonly kind: ChannelKind;
  /** The platform's code for our carrier, or null when it has none we know (refused before sending). */
  carrierCode(carrier: Carrier): string | null;
  send(ctx: ConnectorContext, c: Confirmation): Promise<ConfirmAnswer>;
  /** The tracking numbers the shop holds for the order (after an `already`). */
  trackingNumbers(ctx: ConnectorContext, platformOrderId: string): Promise<string[]>;
}
