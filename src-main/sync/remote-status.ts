import type { RemoteChange, WriteTx } from '../db';

/**
 * The one place a remote change to an order's status is applied. OrderHub's own status moves
 * only through the state machine's `transition()` (house invariant 9); until the lifecycle
 * (src-main/orders/lifecycle/) is wired in here, a remote status arrives like any other field:
 * the cloud has already merged it (the newer clock stamp wins). When the lifecycle lands, this
 * function asks it whether the merged state allows the move and records a conflict exception
 * instead of applying a transition it does not allow.
 */
export function applyRemoteStatus(tx: WriteTx, change: RemoteChange) {
  return tx.applyRemote(change);
}

/** A remote change that carries an order's status goes through applyRemoteStatus. */
export function carriesStatus(change: RemoteChange): boolean {
  return change.table === 'orders' && change.values !== null && 'status' in change.values;
}
