import type { Reason, StageDecision } from '../../src-shared/rules';
import type { Sqlite, WriteTx } from '../db';
import { ReservationLedger, type MadeBy } from '../inventory/ledger';
import { PageWorld, PageWorldReader } from '../inventory/page-world';
import { DbWorld } from '../inventory/world';
import { EnginePage } from './engine-page';
import { rulesEvent } from './rules-event';
import { afterReview, decideReview, decideRoute } from './decide';
import { FactsReader, type OrderFacts } from './facts';
import { RuleStore } from './rule-store';

export interface EngineDeps {
  sqlite: Sqlite;
  zone: string;
  now: () => number;
}

/** What the route stage did: placed (reservations made), or held with a reason. */
export interface RouteOutcome {
  decision: StageDecision;
  placed: boolean;
}

/**
 * The real run: the lifecycle hooks call review() on entering 待审核 and route() on entering
 * 待分仓, inside the transition's write transaction. Both decide with the same functions the
 * dry run uses, then write what was decided: tags, urgency, assignee, reservations, routes,
 * and one timeline event per stage naming the rule version, what fired and why.
 */
export class RulesEngine {
  readonly rules: RuleStore;
  readonly facts: FactsReader;
  readonly ledger: ReservationLedger;
  readonly world: DbWorld;
  private readonly orderState;
  /** @internal */
  readonly hasAssignment;
  private readonly pageReads;
  /** The facts of the order just reviewed (with the tags review added), for the route stage that follows. */
  private reviewed: { tx: WriteTx; orderId: string; facts: OrderFacts } | null = null;
  private readonly waitOf;
  private readonly waitSince;
  private readonly worldReader;

  constructor(private readonly deps: EngineDeps) {
    this.rules = new RuleStore(deps.sqlite);
    this.facts = new FactsReader(deps.sqlite, deps.zone);
    this.ledger = new ReservationLedger(deps.sqlite);
    this.world = new DbWorld(deps.sqlite, deps.zone, deps.now);
    this.orderState = deps.sqlite.prepare('SELECT tags, urgency, version, warehouse_id AS warehouseId FROM orders WHERE id = ?');
    this.hasAssignment = deps.sqlite.prepare('SELECT 1 FROM order_assignments WHERE order_id = ?').pluck();
    this.waitOf = deps.sqlite.prepare('SELECT order_id FROM stock_waits WHERE order_id = ?').pluck();
    this.waitSince = deps.sqlite.prepare('SELECT since FROM stock_waits WHERE order_id = ?').pluck();
    this.worldReader = new PageWorldReader(deps.sqlite);
    this.pageReads = {
      holding: deps.sqlite.prepare('SELECT DISTINCT order_id FROM stock_reservations WHERE released_at IS NULL AND order_id IN (SELECT value FROM json_each(?))').pluck(),
      waiting: deps.sqlite.prepare('SELECT order_id FROM stock_waits WHERE order_id IN (SELECT value FROM json_each(?))').pluck(),
    };
  }

  /**
   * Review + route for a page of orders in one write transaction (engine-page.ts): the same
   * decisions and writes as review() then route() order by order, with the page's facts, stock
   * and capacity read once, and one audit record per order. Close it when the page is done.
   */
  openPage(orderIds: readonly string[]): EnginePage {
    const facts = this.facts.forOrders(orderIds);
    const skus = [...new Set([...facts.values()].flatMap((f) => f.skus))];
    const ids = JSON.stringify(orderIds);
    return new EnginePage(this, this.deps.now, facts, new PageWorld(this.worldReader, skus, this.ledger, this.deps.zone, this.deps.now), {
      holding: new Set(this.pageReads.holding.all(ids) as string[]),
      waiting: new Set(this.pageReads.waiting.all(ids) as string[]),
    });
  }

  /** 审单: returns the decision; its `holds` are for the caller to open (lifecycle owns holds). */
  review(tx: WriteTx, orderId: string): StageDecision | null {
    const facts = this.facts.forOrder(orderId);
    if (!facts) return null;
    const d = decideReview(this.rules.current(), facts);
    // The route stage usually follows at once in the same transaction (待审核 → 待分仓): it reuses these facts.
    this.reviewed = { tx, orderId, facts: afterReview(facts, d) };
    this.applyCommon(tx, orderId, d);
    // Nothing fired: nothing to explain (the route stage's event still names the rule version).
    if (d.fired.length) tx.insert('order_events', rulesEvent(orderId, d, { holds: d.holds }, this.deps.now()));
    return d;
  }

  /**
   * 分仓 + reservation. Placed: reservations and routes written, the order's warehouse set.
   * Not placed: the order waits for stock (stock_waits) and the decision's hold names what is missing.
   */
  route(tx: WriteTx, orderId: string): RouteOutcome | null {
    const facts = this.reviewed?.tx === tx && this.reviewed.orderId === orderId ? this.reviewed.facts : this.facts.forOrder(orderId);
    this.reviewed = null;
    if (!facts) return null;
    const set = this.rules.current();
    // Routing again replaces what the order held (a retry after a recount, a re-route).
    if (this.ledger.openFor(orderId).length) this.ledger.release(tx, { orderId }, 'rerouted', 'rules', this.deps.now());
    // The review stage's tags are already on the order row (the dry run adds them with afterReview).
    const d = decideRoute(set, facts, this.world);
    const by: MadeBy = d.fired[0]
      ? { kind: 'rule', id: d.fired[0].ruleId, name: d.fired[0].name, ruleVersion: set.version }
      : { kind: 'system', id: null, name: 'default_routing', ruleVersion: set.version };
    return this.place(tx, facts, d, by);
  }

  /** Since when the order waits for stock, or null. */
  waitingSince(orderId: string): number | null {
    return (this.waitSince.get(orderId) as number | undefined) ?? null;
  }

  /** A person sends an order to a warehouse, with a reason (manual override). */
  override(tx: WriteTx, orderId: string, warehouseId: string, reason: string, person: { id: string | null; name: string }): RouteOutcome | null {
    const facts = this.facts.forOrder(orderId);
    if (!facts) return null;
    this.ledger.release(tx, { orderId }, 'rerouted', person.name, this.deps.now());
    const w = this.world.warehouses().filter((x) => x.id === warehouseId);
    const set = { version: 0, review: [], route: [], vars: new Map() };
    const d = decideRoute(set, facts, { ...bind(this.world), warehouses: () => w });
    const manual: Reason = { code: 'manual', params: { by: person.name, note: reason } };
    d.routes = d.routes.map((r) => ({ ...r, reason: manual }));
    return this.place(tx, facts, d, { kind: 'person', id: person.id, name: person.name, ruleVersion: null });
  }

  private place(tx: WriteTx, facts: OrderFacts, d: StageDecision, by: MadeBy): RouteOutcome {
    const now = this.deps.now();
    const placed = d.holds.length === 0 && d.routes.length > 0;
    const event = rulesEvent(facts.orderId, d, {
      holds: d.holds,
      warehouses: d.routes.map((r) => ({ warehouseId: r.warehouseId, shipDay: r.shipDay, reason: r.reason })),
      reserved: placed ? d.assignments.filter((a) => a.reserve).map((a) => ({ skuCode: a.skuCode, qty: a.qty, warehouseId: a.warehouseId })) : [],
    }, now);
    if (placed) {
      // Routes, reservations and the timeline event: one business change, one audit record.
      this.ledger.commit(tx, facts.orderId, d, by, now, null, [{ entity: 'order_events', rows: [event] }]);
      if (this.waitOf.get(facts.orderId)) tx.delete('stock_waits', facts.orderId);
    } else {
      tx.insert('order_events', event);
      const missing = d.holds.find((h) => h.code === 'stock_short')?.params?.missing ?? [];
      const wait = { orderId: facts.orderId, paidAt: facts.at, missingJson: JSON.stringify(missing), since: now };
      if (this.waitOf.get(facts.orderId)) tx.update('stock_waits', facts.orderId, { missingJson: wait.missingJson });
      else tx.insert('stock_waits', wait);
    }
    this.applyCommon(tx, facts.orderId, d, placed ? d.routes[0]!.warehouseId : undefined);
    return { decision: d, placed };
  }

  /** Tags, urgency, warehouse on the order (one versioned update); the assignee in order_assignments. */
  private applyCommon(tx: WriteTx, orderId: string, d: StageDecision, warehouseId?: string): void {
    if (!d.addTags.length && !d.urgency && !warehouseId && !d.assignTo) return; // nothing to write: no read either
    const cur = this.orderState.get(orderId) as { tags: string; urgency: string; version: number; warehouseId: string | null };
    const patch: Record<string, unknown> = {};
    if (d.addTags.length) patch.tags = JSON.stringify([...(JSON.parse(cur.tags) as string[]), ...d.addTags]);
    if (d.urgency && d.urgency !== cur.urgency) patch.urgency = d.urgency;
    if (warehouseId && warehouseId !== cur.warehouseId) patch.warehouseId = warehouseId;
    if (Object.keys(patch).length) tx.update('orders', orderId, { ...patch, version: cur.version + 1, modifiedAt: this.deps.now() });
    if (d.assignTo) {
      const row = { userId: d.assignTo.userId, userName: d.assignTo.userName, ruleId: d.assignTo.ruleId, ruleVersion: d.version, at: this.deps.now() };
      if (this.hasAssignment.get(orderId)) tx.update('order_assignments', orderId, row);
      else tx.insert('order_assignments', { orderId, ...row });
    }
  }
}

/** A DbWorld's methods as a plain object, so one of them can be swapped (manual override narrows the warehouses). */
function bind(w: DbWorld) {
  return {
    warehouses: () => w.warehouses(),
    tracked: (s: string) => w.tracked(s),
    stock: (s: string, wh: string) => w.stock(s, wh),
    used: (wh: string, day: string) => w.used(wh, day),
    shipDay: w.shipDay,
    decisionTime: (at: number) => w.decisionTime(at),
  };
}
