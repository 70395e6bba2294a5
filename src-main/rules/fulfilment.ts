import type { ReleaseReason, StageDecision } from '../../src-shared/rules';
import type { Sqlite, WriteTx } from '../db';
import type { StockChange, StockService } from '../inventory/stock-service';
import type { HoldsApi, LifecycleApi } from '../orders/lifecycle/types';
import type { RouteOutcome, RulesEngine } from './engine';

/**
 * Where rules and stock meet the state machine. Registered on the lifecycle:
 *   entering 待审核 → review rules: hold for review, or move on to 待分仓;
 *   entering 待分仓 → routing + reservation: to 待发货, or a stock hold naming what is missing;
 *   entering 已取消/已关闭/已合并, and reroute → reservations released with the reason.
 * And on the stock service: stock that arrives releases waiting orders in paid-time order;
 * a lower count that leaves reservations uncovered sends the latest-paid orders back to routing.
 */
export class Fulfilment {
  private readonly waiting;
  private readonly statusOf;
  /** Write transactions routing by page (page()): the orders that entered 待审核 meanwhile, in order. */
  private readonly pages = new Map<WriteTx, string[]>();
  /** Orders the page path moves to 待分仓 itself (it routes them right after, with the page's world). */
  private readonly paging = new Set<string>();

  constructor(
    private readonly engine: RulesEngine,
    private readonly stock: StockService,
    private readonly deps: { sqlite: Sqlite; now: () => number; lifecycle: LifecycleApi | null; holds: HoldsApi | null },
  ) {
    this.waiting = deps.sqlite.prepare('SELECT order_id AS orderId, missing_json AS missingJson FROM stock_waits ORDER BY paid_at, order_id');
    this.statusOf = deps.sqlite.prepare('SELECT status FROM orders WHERE id = ?').pluck();
    stock.listen((tx, change) => this.afterStockChange(tx, change));
    const { lifecycle } = deps;
    if (!lifecycle) return;
    // Until the ops lead publishes a first rule set, people review and route by hand (as before
    // OrderHub had rules): nothing passes review or reserves stock behind their backs.
    const automated = () => engine.rules.latestVersion() > 0;
    lifecycle.onEnter('pending_review', (tx, orderId) => {
      if (!automated()) return;
      const page = this.pages.get(tx);
      if (page) page.push(orderId);
      else this.review(tx, orderId);
    });
    lifecycle.onEnter('to_route', (tx, orderId) => {
      if (automated() && !this.paging.has(orderId)) this.route(tx, orderId);
    });
    for (const s of ['cancelled', 'closed', 'merged'] as const) {
      lifecycle.onEnter(s, (tx, orderId) => this.release(tx, orderId, s === 'merged' ? 'rerouted' : 'cancelled', 'lifecycle'));
    }
    lifecycle.onReroute((tx, orderId) => this.release(tx, orderId, 'rerouted', 'lifecycle'));
  }

  review(tx: WriteTx, orderId: string): void {
    const d = this.engine.review(tx, orderId);
    if (!d) return;
    if (d.holds.length) {
      for (const h of d.holds) this.deps.holds?.open(tx, orderId, { type: 'review', code: h.code, params: h.params ?? {} });
      return;
    }
    this.deps.lifecycle?.transition(tx, { orderId, to: 'to_route', source: 'rule', reason: { code: 'rules_passed', params: { version: d.version } } });
  }

  /**
   * Runs `fn` (a poll page's or an import batch's ingestion) with review and routing deferred to
   * its end: the orders that entered 待审核 during it are then reviewed and routed as one page
   * (reviewAndRoute), in the order they arrived. Same transaction, same decisions.
   */
  page<T>(tx: WriteTx, fn: () => T): T {
    if (this.pages.has(tx)) return fn();
    const queued: string[] = [];
    this.pages.set(tx, queued);
    let result: T;
    try {
      result = fn();
    } finally {
      this.pages.delete(tx);
    }
    if (queued.length) this.reviewAndRoute(tx, queued);
    return result;
  }

  /**
   * 审单 then 分仓 + reservation for a page of orders in 待审核, one after another in the order
   * given (paid-time order for the peak day), exactly as review() would take each of them through
   * the state machine — with the page's facts, stock and capacity read once (engine-page.ts) and
   * one audit record per order. Orders no longer in 待审核 by now (a later row cancelled one) are skipped.
   */
  reviewAndRoute(tx: WriteTx, orderIds: readonly string[]): Map<string, { review: StageDecision; route: RouteOutcome | null }> {
    const ids = [...new Set(orderIds)];
    const out = new Map<string, { review: StageDecision; route: RouteOutcome | null }>();
    const page = this.engine.openPage(ids);
    const { lifecycle, holds } = this.deps;
    try {
      for (const orderId of ids) {
        const facts = page.factsOf(orderId);
        if (!facts || facts.status !== 'pending_review') continue;
        const review = page.review(facts);
        out.set(orderId, { review, route: null });
        if (review.holds.length) {
          page.writeReview(tx, facts, review);
          for (const h of review.holds) holds?.open(tx, orderId, { type: 'review', code: h.code, params: h.params ?? {} });
          continue;
        }
        if (lifecycle) {
          // The review is written before the move, as the one-order path writes it (the timeline's order).
          page.writeReview(tx, facts, review);
          this.paging.add(orderId);
          let moved: boolean;
          try {
            moved = lifecycle.transition(tx, { orderId, to: 'to_route', source: 'rule', reason: { code: 'rules_passed', params: { version: review.version } } }).ok;
          } finally {
            this.paging.delete(orderId);
          }
          if (!moved) continue;
        }
        const route = page.route(tx, facts, review, lifecycle !== null);
        out.set(orderId, { review, route });
        this.settle(tx, orderId, route);
      }
    } finally {
      page.close();
    }
    return out;
  }

  route(tx: WriteTx, orderId: string): RouteOutcome | null {
    const out = this.engine.route(tx, orderId);
    if (out) this.settle(tx, orderId, out);
    return out;
  }

  /** A person's manual override (routing.override): the order's reservations move, or it waits for stock there. */
  override(tx: WriteTx, orderId: string, warehouseId: string, reason: string, person: { id: string | null; name: string }): RouteOutcome | null {
    const out = this.engine.override(tx, orderId, warehouseId, reason, person);
    if (out) this.settle(tx, orderId, out);
    return out;
  }

  /** Shipping (and the lifecycle's final states) release what the order holds. */
  release(tx: WriteTx, orderId: string, reason: ReleaseReason, byName: string | null): number {
    const n = this.engine.ledger.release(tx, { orderId }, reason, byName, this.deps.now());
    // Shipped, cancelled or released by hand: the order waits for nothing any more.
    if (this.engine.waitingSince(orderId) !== null) tx.delete('stock_waits', orderId);
    return n;
  }

  /** Reservations past their expiry are released (expired) and their orders routed again. */
  expireDue(tx: WriteTx): number {
    const orders = this.engine.ledger.expiredOrders(this.deps.now());
    for (const orderId of orders) {
      this.engine.ledger.release(tx, { orderId }, 'expired', 'system', this.deps.now());
      if (this.deps.lifecycle && this.statusOf.get(orderId) !== 'to_route') this.deps.lifecycle.reroute(tx, orderId, { code: 'reservation_expired' });
      else this.route(tx, orderId);
    }
    return orders.length;
  }

  /** Placed: stock holds released and the order on to 待发货. Not placed: a stock hold with the missing quantities. */
  private settle(tx: WriteTx, orderId: string, out: RouteOutcome): void {
    const { holds, lifecycle } = this.deps;
    if (out.placed) {
      for (const h of holds?.openFor(orderId) ?? []) {
        if (h.type === 'stock') holds!.release(tx, h.id, { code: 'stock_arrived' });
      }
      if (lifecycle && this.statusOf.get(orderId) === 'to_route') {
        lifecycle.transition(tx, { orderId, to: 'to_ship', source: 'rule', reason: { code: 'routed', params: { version: out.decision.version } } });
      }
      return;
    }
    for (const h of out.decision.holds) holds?.open(tx, orderId, { type: 'stock', code: h.code, params: h.params ?? {} });
  }

  /** Stock arrived (or was counted lower): waiting orders are tried in paid-time order; oversold ones are routed again. */
  private afterStockChange(tx: WriteTx, change: StockChange): void {
    const skus = new Set(change.skuCodes);
    for (const orderId of change.oversoldOrders) {
      if (this.deps.lifecycle && this.statusOf.get(orderId) !== 'to_route') this.deps.lifecycle.reroute(tx, orderId, { code: 'stock_recount' });
      else this.route(tx, orderId);
    }
    for (const w of this.waiting.all() as { orderId: string; missingJson: string }[]) {
      const missing = JSON.parse(w.missingJson) as { skuCode: string }[];
      // A capacity wait (nothing missing) is retried too: a count does not change capacity, but costs little.
      if (missing.length && !missing.some((m) => skus.has(m.skuCode))) continue;
      if (change.oversoldOrders.includes(w.orderId)) continue;
      this.route(tx, w.orderId);
    }
  }
}
