import type { ChannelKind, OrderStatus } from '../../src-shared/orders';
import type { Rng } from './rng';

/**
 * Platform order ids in each platform's real shape (see PLATFORMS.md): what customer service
 * pastes into quick search must look like what they see in the seller back office.
 */
/** "2026-11-23 14:05:09" in Beijing time (UTC+8 all year): a cheap formatInZone for hot paths. */
function beijing(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export function platformOrderId(kind: ChannelKind, createdAt: number, seq: number, rng: Rng): string {
  switch (kind) {
    case 'taobao': // tid: 19 digits
      return `${rng.int(2, 4)}${rng.digits(18)}`;
    case 'pdd': // order_sn: YYMMDD-15 digits, the date in Beijing time
      return `${beijing(createdAt).slice(2, 10).replaceAll('-', '')}-${rng.int(1, 9)}${rng.digits(14)}`;
    case 'jd': // orderId: 12 digits
      return `3${rng.digits(11)}`;
    case 'douyin': // order_id: 19 digits starting 69
      return `69${rng.digits(17)}`;
    case 'youzan': // tid: E + yyyyMMddHHmmss + 9 digits
      return `E${beijing(createdAt).replace(/[- :]/g, '')}${rng.digits(9)}`;
    case 'pos': // till receipt: store-date-sequence
      return `HZ01-${beijing(createdAt).slice(0, 10).replaceAll('-', '')}-${String(seq % 100000).padStart(5, '0')}`;
    default:
      return `${kind.toUpperCase()}${rng.digits(12)}`;
  }
}

/** Standard statuses a platform can report (JD and PDD only hand over paid orders; POS sells at the till). */
export function possibleStatus(kind: ChannelKind, s: OrderStatus): OrderStatus {
  if (kind === 'pos') return s === 'closed' || s === 'cancelled' ? 'closed' : 'completed';
  if ((kind === 'jd' || kind === 'pdd') && s === 'pending_payment') return 'to_ship';
  return s;
}

const WAITING_SHIPMENT: OrderStatus[] = ['pending_review', 'to_route', 'to_ship', 'picking', 'packed', 'handed_over'];

/** The platform's own status word for a standard status (`refunded`: closed by a refund after payment). */
export function platformStatus(kind: ChannelKind, s: OrderStatus, refunded = false): string {
  const waiting = WAITING_SHIPMENT.includes(s);
  const inTransit = s === 'shipped' || s === 'delivered';
  switch (kind) {
    case 'taobao':
      return s === 'pending_payment' ? 'WAIT_BUYER_PAY' : waiting ? 'WAIT_SELLER_SEND_GOODS' : inTransit ? 'WAIT_BUYER_CONFIRM_GOODS'
        : s === 'completed' ? 'TRADE_FINISHED' : s === 'cancelled' && !refunded ? 'TRADE_CLOSED_BY_TAOBAO' : 'TRADE_CLOSED';
    case 'jd':
      return waiting ? 'WAIT_SELLER_STOCK_OUT' : inTransit ? 'WAIT_GOODS_RECEIVE_CONFIRM' : s === 'completed' ? 'FINISHED_L' : 'TRADE_CANCELED';
    case 'pdd':
      return waiting || s === 'closed' || s === 'cancelled' ? '1' : s === 'shipped' ? '2' : '3';
    case 'douyin':
      return s === 'pending_payment' ? '1' : s === 'to_ship' || s === 'pending_review' ? '105' : waiting ? '2' : inTransit ? '3'
        : s === 'completed' ? '5' : '4';
    case 'youzan':
      return s === 'pending_payment' ? 'WAIT_BUYER_PAY' : waiting ? 'WAIT_SELLER_SEND_GOODS' : inTransit ? 'WAIT_BUYER_CONFIRM_GOODS'
        : s === 'completed' ? 'TRADE_SUCCESS' : 'TRADE_CLOSED';
    case 'pos':
      return s === 'closed' ? '已退货' : '已完成';
    default:
      return s;
  }
}

/** A full refund's word on each platform, for closed-after-payment orders. */
export function refundedWord(kind: ChannelKind): string {
  return kind === 'pdd' ? '4' : kind === 'youzan' ? '12' : 'SUCCESS';
}

/** Tracking numbers in each carrier's shape. */
export function trackingNo(carrier: string, rng: Rng): string {
  switch (carrier) {
    case 'zhongtong': return `75${rng.digits(12)}`;
    case 'yuantong': return `YT${rng.int(1, 9)}${rng.digits(12)}`;
    case 'yunda': return `43${rng.digits(11)}`;
    case 'shunfeng': return `SF${rng.int(1, 9)}${rng.digits(12)}`;
    case 'shentong': return `77${rng.digits(11)}`;
    case 'jd': return `JDV${rng.digits(12)}`;
    case 'jtexpress': return `JT${rng.int(1, 9)}${rng.digits(12)}`;
    default: return `11${rng.digits(11)}`;
  }
}
