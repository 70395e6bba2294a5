import { isPreShipment, type OrderStatus, type PlatformPhase } from '../../../src-shared/orders';

/**
 * What a platform phase asks of OrderHub's own status: the state to move to, tried directly
 * and, when the machine has no direct move, through 已发货 (a parcel delivered must have
 * shipped). An empty list: nothing to ask (the phase says nothing new about our status).
 */
export function platformTargets(phase: PlatformPhase, current: OrderStatus): OrderStatus[][] {
  const shippedLike = current === 'shipped' || current === 'delivered';
  const beforeShipped = isPreShipment(current) || current === 'handed_over';
  switch (phase) {
    case 'unpaid':
      return [];
    case 'paid':
      return current === 'pending_payment' ? [['pending_review']] : [];
    case 'shipped':
      return beforeShipped && current !== 'pending_payment' ? [['shipped']] : [];
    case 'delivered':
      if (current === 'shipped') return [['delivered']];
      return beforeShipped && current !== 'pending_payment' ? [['delivered'], ['shipped', 'delivered']] : [];
    case 'completed':
      if (shippedLike) return [['completed']];
      return beforeShipped && current !== 'pending_payment' ? [['completed'], ['shipped', 'completed']] : [];
    case 'cancelled':
    case 'refunded':
      // Before anything left: cancel (and release what it holds). After: the order is closed.
      if (isPreShipment(current)) return [['cancelled']];
      if (current === 'handed_over' || shippedLike || current === 'completed') return [['closed']];
      return [];
  }
}

/** The status a new order enters with, from the platform phase it was first seen in. */
export function entryStatus(phase: PlatformPhase | null, shippedAt: number | null): OrderStatus {
  switch (phase) {
    case 'unpaid':
      return 'pending_payment';
    case null: // unknown word: held for a person, waiting in review
    case 'paid':
      return 'pending_review';
    case 'shipped':
    case 'delivered':
    case 'completed':
      return phase;
    case 'cancelled':
      return 'cancelled';
    case 'refunded':
      return shippedAt === null ? 'cancelled' : 'closed';
  }
}
