import type { Database } from '../db';
import { OrderActionError } from './action-error';
import { Holds } from './holds/holds';
import { QualityHolds } from './holds/quality-holds';
import { Lifecycle } from './lifecycle/lifecycle';
import { Merger } from './reshape/merge';
import { Splitter } from './reshape/split';

/** The order's path, built once per workspace: the machine, its holds, and the actions that reshape orders. */
export interface OrderFlowServices {
  lifecycle: Lifecycle;
  holds: Holds;
  quality: QualityHolds;
  splitter: Splitter;
  merger: Merger;
}

export function createOrderFlow(db: Pick<Database, 'sqlite' | 'writes'>, now: () => number = Date.now): OrderFlowServices {
  const lifecycle = new Lifecycle(db, now);
  const holds = new Holds(db, lifecycle, now);
  const quality = new QualityHolds(db, holds, now);
  const splitter = new Splitter(db, lifecycle, holds, quality, now);
  const merger = new Merger(db, lifecycle, holds, quality, now);
  // The platform cancelled an order merged into another: take its lines back out first. When the
  // merged order is already in the warehouse that cannot be done: the warehouse is stopped instead.
  lifecycle.onCancelMerged((tx, orderId) => {
    try {
      merger.unmerge(tx, orderId, { code: 'platform_cancelled' });
    } catch (e) {
      if (!(e instanceof OrderActionError)) throw e;
      const into = merger.reads.order(orderId)?.mergedIntoId;
      if (into) holds.open(tx, into, { type: 'platform', code: 'merged_member_cancelled', params: { orderId } });
    }
  });
  return { lifecycle, holds, quality, splitter, merger };
}
