import type { Reason, StageDecision } from '../../src-shared/rules';
import type { WriteTx } from '../db';
import type { MadeBy } from '../inventory/ledger';
import type { PageWorld } from '../inventory/page-world';
import { afterReview, decideReview, decideRoute, type CompiledRuleSet } from './decide';
import type { RouteOutcome, RulesEngine } from './engine';
import type { OrderFacts } from './facts';
import { rulesEvent } from './rules-event';

type Row = Record<string, unknown>;

/**
 * One page of the real run (a poll page, an import batch, the peak-day benchmark's transaction):
 * the decisions `RulesEngine.review` then `route` would take order by order — the same
 * `decideReview`/`decideRoute` over the same facts, in the order the caller gives (paid-time
 * order for a page) — with what they read fetched once for the page, and what they write
 * gathered per order under one audit record: the order's update (tags, urgency, warehouse)
 * with its timeline events, routes, reservations and stock wait.
 *
 * Same final rows as the one-order path; the order's version goes up once per page instead of
 * once per stage. `tests/integration/rules-page.test.ts` holds the two paths equal.
 */
export class EnginePage {
  private readonly set: CompiledRuleSet;

  constructor(
    private readonly engine: RulesEngine,
    private readonly now: () => number,
    /** Facts read when the page opened: no write of the page changes another order's facts. */
    private readonly facts: Map<string, OrderFacts>,
    private readonly world: PageWorld,
    /** Page orders that held reservations, and that waited for stock, when the page opened. */
    private readonly had: { holding: Set<string>; waiting: Set<string> },
  ) {
    this.set = engine.rules.current();
  }

  factsOf(orderId: string): OrderFacts | null {
    return this.facts.get(orderId) ?? null;
  }

  review(facts: OrderFacts): StageDecision {
    return decideReview(this.set, facts);
  }

  /** The review stage alone (the order is held for review, or the state machine refused 待分仓). */
  writeReview(tx: WriteTx, facts: OrderFacts, review: StageDecision): void {
    const events = review.fired.length ? [rulesEvent(facts.orderId, review, { holds: review.holds }, this.now())] : [];
    this.write(tx, facts.orderId, this.patch([review]), events, [review]);
  }

  /**
   * 分仓 + reservation after a review that held nothing: both stages written as one change, or
   * the route stage alone when the review was written already (writeReview, before the state
   * machine moved the order to 待分仓: the timeline shows review, the move, then routing).
   */
  route(tx: WriteTx, facts: OrderFacts, review: StageDecision, reviewWritten = false): RouteOutcome {
    const { ledger } = this.engine;
    const orderId = facts.orderId;
    const now = this.now();
    // Routing again replaces what the order held (as RulesEngine.route does).
    if (this.had.holding.delete(orderId)) ledger.release(tx, { orderId }, 'rerouted', 'rules', now);
    const d = decideRoute(this.set, afterReview(facts, review), this.world);
    const by: MadeBy = d.fired[0]
      ? { kind: 'rule', id: d.fired[0].ruleId, name: d.fired[0].name, ruleVersion: this.set.version }
      : { kind: 'system', id: null, name: 'default_routing', ruleVersion: this.set.version };
    const placed = d.holds.length === 0 && d.routes.length > 0;
    const events = [
      ...(!reviewWritten && review.fired.length ? [rulesEvent(orderId, review, { holds: review.holds }, now)] : []),
      rulesEvent(orderId, d, {
        holds: d.holds,
        warehouses: d.routes.map((r) => ({ warehouseId: r.warehouseId, shipDay: r.shipDay, reason: r.reason })),
        reserved: placed ? d.assignments.filter((a) => a.reserve).map((a) => ({ skuCode: a.skuCode, qty: a.qty, warehouseId: a.warehouseId })) : [],
      }, now),
    ];
    const stages = reviewWritten ? [d] : [review, d];
    const patch = this.patch(stages, placed ? d.routes[0]!.warehouseId : undefined);
    const waited = this.had.waiting.has(orderId);
    if (placed) {
      const assigned = { entity: 'order_assignments', rows: this.assign(tx, orderId, stages) };
      ledger.commit(tx, orderId, d, by, now, null, [{ entity: 'order_events', rows: events }, assigned], { patch: patch ?? {} });
      if (waited) {
        tx.delete('stock_waits', orderId);
        this.had.waiting.delete(orderId);
      }
      return { decision: d, placed };
    }
    const missing = d.holds.find((h: Reason) => h.code === 'stock_short')?.params?.missing ?? [];
    const missingJson = JSON.stringify(missing);
    const wait = waited ? [] : [{ orderId, paidAt: facts.at, missingJson, since: now }];
    this.write(tx, orderId, patch, events, stages, wait);
    if (waited) tx.update('stock_waits', orderId, { missingJson });
    else this.had.waiting.add(orderId);
    return { decision: d, placed };
  }

  close(): void {
    this.world.close();
  }

  /**
   * Tags, urgency and warehouse of both stages as one patch of the order row, made from the row as
   * the update reads it; null when neither stage changes the order.
   */
  private patch(stages: StageDecision[], warehouseId?: string): ((cur: Row) => Row) | null {
    const addTags = stages.flatMap((d) => d.addTags);
    const urgency = stages.reduce<StageDecision['urgency']>((u, d) => d.urgency ?? u, null);
    if (!addTags.length && !urgency && !warehouseId) return null;
    return (cur) => {
      const patch: Row = {};
      if (addTags.length) patch.tags = JSON.stringify([...(JSON.parse(cur.tags as string) as string[]), ...addTags]);
      if (urgency && urgency !== cur.urgency) patch.urgency = urgency;
      if (warehouseId && warehouseId !== cur.warehouseId) patch.warehouseId = warehouseId;
      if (Object.keys(patch).length) Object.assign(patch, { version: (cur.version as number) + 1, modifiedAt: this.now() });
      return patch;
    };
  }

  /** The order's update with its events, stock wait and new assignee under one audit record. */
  private write(tx: WriteTx, orderId: string, patch: ((cur: Row) => Row) | null, events: Row[], stages: StageDecision[], wait: Row[] = []): void {
    const children = [{ entity: 'order_events', rows: events }, { entity: 'stock_waits', rows: wait }, { entity: 'order_assignments', rows: this.assign(tx, orderId, stages) }];
    if (patch) tx.updateAggregate('orders', orderId, patch, children);
    else {
      const [first, ...rest] = children.flatMap((c) => c.rows.map((row) => ({ entity: c.entity, row })));
      if (first) tx.insertAggregate(first.entity, first.row, rest.map((r) => ({ entity: r.entity, rows: [r.row] })));
    }
  }

  /**
   * The last stage's assignee wins, as when each stage writes its own. A new assignment is returned
   * (to go under the order's record); a changed one is updated here.
   */
  private assign(tx: WriteTx, orderId: string, stages: StageDecision[]): Row[] {
    const d = [...stages].reverse().find((s) => s.assignTo);
    if (!d?.assignTo) return [];
    const row = { userId: d.assignTo.userId, userName: d.assignTo.userName, ruleId: d.assignTo.ruleId, ruleVersion: d.version, at: this.now() };
    if (!this.engine.hasAssignment.get(orderId)) return [{ orderId, ...row }];
    tx.update('order_assignments', orderId, row);
    return [];
  }
}
