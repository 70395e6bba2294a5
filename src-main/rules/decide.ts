import type { Urgency } from '../../src-shared/orders';
import type { FiredRule, Reason, Rule, RuleStage, StageDecision } from '../../src-shared/rules';
import type { RoutingWorld, WarehouseSlot } from '../inventory/world';
import type { OrderFacts } from './facts';
import { factAt, matches, referencedVars } from './jsonlogic';

/**
 * THE evaluation function: the real run (lifecycle hooks) and the dry run both call these two,
 * with the same facts and a world that answers the same questions. Nothing here reads the
 * clock or the database.
 */
export interface CompiledRuleSet {
  version: number;
  review: Rule[];
  route: Rule[];
  vars: Map<string, string[]>;
}

export function compile(version: number, rules: Rule[]): CompiledRuleSet {
  const live = rules.filter((r) => r.enabled).sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id));
  return {
    version,
    review: live.filter((r) => r.stage === 'review'),
    route: live.filter((r) => r.stage === 'route'),
    vars: new Map(live.map((r) => [r.id, referencedVars(r.when)])),
  };
}

function empty(stage: RuleStage, version: number): StageDecision {
  return { stage, version, fired: [], addTags: [], urgency: null, assignTo: null, holds: [], assignments: [], routes: [] };
}

function fire(set: CompiledRuleSet, rule: Rule, facts: OrderFacts): FiredRule {
  const why: Record<string, unknown> = {};
  for (const v of set.vars.get(rule.id) ?? []) why[v] = factAt(facts, v);
  return { ruleId: rule.id, name: rule.name, version: set.version, stage: rule.stage, facts: why, actions: rule.actions };
}

/** Tags, urgency and assignee from one fired rule (first urgency and first assignee win). */
function applyCommon(d: StageDecision, rule: Rule, facts: OrderFacts): void {
  for (const a of rule.actions) {
    if (a.type === 'addTag' && !facts.tags.includes(a.tag) && !d.addTags.includes(a.tag)) d.addTags.push(a.tag);
    else if (a.type === 'setUrgency' && d.urgency === null) d.urgency = a.urgency as Urgency;
    else if (a.type === 'assignTo' && d.assignTo === null) d.assignTo = { userId: a.userId, userName: a.userName, ruleId: rule.id };
  }
}

/** 审单: every matching review rule fires, in priority order; each hold action adds a hold reason. */
export function decideReview(set: CompiledRuleSet, facts: OrderFacts): StageDecision {
  const d = empty('review', set.version);
  for (const rule of set.review) {
    if (!matches(rule.when, facts)) continue;
    const fired = fire(set, rule, facts);
    d.fired.push(fired);
    applyCommon(d, rule, facts);
    for (const a of rule.actions) {
      if (a.type === 'hold') {
        d.holds.push({ code: 'review_hold', params: { reason: a.reason, note: a.note ?? null, ruleId: rule.id, rule: rule.name, version: set.version, facts: fired.facts } });
      }
    }
  }
  return d;
}

/** The facts the route stage reads: the review stage's tags are already on the order. */
export function afterReview(facts: OrderFacts, review: StageDecision | null): OrderFacts {
  return review?.addTags.length ? { ...facts, tags: [...facts.tags, ...review.addTags] } : facts;
}

/**
 * 分仓: the first matching route rule decides (its warehouse, or a split across its list);
 * with none, the default: the first warehouse by priority that has the stock and the capacity.
 * An order that cannot be placed gets a stock hold naming the missing quantities.
 */
export function decideRoute(set: CompiledRuleSet, facts: OrderFacts, world: RoutingWorld): StageDecision {
  const d = empty('route', set.version);
  const all = world.warehouses();
  const rule = set.route.find((r) => matches(r.when, facts)) ?? null;
  let candidates = all;
  let split = false;
  let reason: Reason = { code: 'default_stock' };
  if (rule) {
    d.fired.push(fire(set, rule, facts));
    applyCommon(d, rule, facts);
    const by = { ruleId: rule.id, rule: rule.name, version: set.version };
    for (const a of rule.actions) {
      if (a.type === 'assignWarehouse') {
        const first = all.filter((w) => w.id === a.warehouseId);
        candidates = a.fallback ? [...first, ...all.filter((w) => w.id !== a.warehouseId)] : first;
        reason = { code: 'rule', params: by };
        break;
      }
      if (a.type === 'splitByWarehouse') {
        candidates = a.warehouseIds.map((id) => all.find((w) => w.id === id)).filter((w): w is WarehouseSlot => !!w);
        split = true;
        reason = { code: 'split', params: by };
        break;
      }
    }
  }
  if (!candidates.length) {
    d.holds.push({ code: 'no_warehouse', params: rule ? { ruleId: rule.id, rule: rule.name } : {} });
    return d;
  }
  const at = world.decisionTime(facts.at);
  return split ? placeSplit(d, facts, world, candidates, at, reason) : placeWhole(d, facts, world, candidates, at, reason);
}

/** Tracked SKUs and how many of each this order needs (a SKU on two lines counts once, summed). */
function needs(facts: OrderFacts, world: RoutingWorld): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of facts.lines) if (l.skuCode && l.qty > 0) out.set(l.skuCode, (out.get(l.skuCode) ?? 0) + l.qty);
  for (const sku of [...out.keys()]) if (!world.tracked(sku)) out.delete(sku);
  return out;
}

function hasRoom(world: RoutingWorld, w: WarehouseSlot, day: string): boolean {
  return w.dailyOrders === null || world.used(w.id, day) < w.dailyOrders;
}

function placeWhole(d: StageDecision, facts: OrderFacts, world: RoutingWorld, candidates: WarehouseSlot[], at: number, reason: Reason): StageDecision {
  const need = needs(facts, world);
  let firstWithRoom: WarehouseSlot | null = null;
  for (const w of candidates) {
    const day = world.shipDay(w, at);
    if (!hasRoom(world, w, day)) continue;
    firstWithRoom ??= w;
    if ([...need].every(([sku, n]) => world.stock(sku, w.id).available >= n)) {
      for (const l of facts.lines) d.assignments.push({ lineId: l.id, skuCode: l.skuCode, qty: l.qty, warehouseId: w.id, reserve: Boolean(l.skuCode && need.has(l.skuCode)) });
      d.routes.push({ warehouseId: w.id, shipDay: day, reason });
      return d;
    }
  }
  if (!firstWithRoom) {
    d.holds.push({ code: 'capacity_full', params: { warehouses: candidates.map((w) => ({ warehouseId: w.id, name: w.name, shipDay: world.shipDay(w, at) })) } });
    return d;
  }
  const w = firstWithRoom;
  const missing = [...need]
    .map(([sku, n]) => ({ skuCode: sku, warehouseId: w.id, warehouse: w.name, need: n, available: world.stock(sku, w.id).available }))
    .filter((m) => m.available < m.need);
  d.holds.push({ code: 'stock_short', params: { missing } });
  return d;
}

function placeSplit(d: StageDecision, facts: OrderFacts, world: RoutingWorld, candidates: WarehouseSlot[], at: number, reason: Reason): StageDecision {
  const need = needs(facts, world);
  const taken = new Map<string, number>();
  const usedWarehouses: WarehouseSlot[] = [];
  const missing: { skuCode: string; need: number; available: number }[] = [];
  const roomy = candidates.filter((w) => hasRoom(world, w, world.shipDay(w, at)));
  if (!roomy.length) {
    d.holds.push({ code: 'capacity_full', params: { warehouses: candidates.map((w) => ({ warehouseId: w.id, name: w.name, shipDay: world.shipDay(w, at) })) } });
    return d;
  }
  const pending: typeof facts.lines = [];
  for (const l of facts.lines) {
    if (!l.skuCode || !need.has(l.skuCode)) {
      pending.push(l);
      continue;
    }
    const sku = l.skuCode;
    const w = roomy.find((x) => world.stock(sku, x.id).available - (taken.get(`${sku}|${x.id}`) ?? 0) >= l.qty);
    if (!w) {
      const best = Math.max(...roomy.map((x) => world.stock(sku, x.id).available - (taken.get(`${sku}|${x.id}`) ?? 0)));
      missing.push({ skuCode: sku, need: l.qty, available: Math.max(0, best) });
      continue;
    }
    taken.set(`${sku}|${w.id}`, (taken.get(`${sku}|${w.id}`) ?? 0) + l.qty);
    if (!usedWarehouses.includes(w)) usedWarehouses.push(w);
    d.assignments.push({ lineId: l.id, skuCode: sku, qty: l.qty, warehouseId: w.id, reserve: true });
  }
  if (missing.length) {
    d.assignments = [];
    d.holds.push({ code: 'stock_short', params: { missing } });
    return d;
  }
  // Lines that need no stock go with the first warehouse shipping this order.
  const home = usedWarehouses[0] ?? roomy[0]!;
  if (!usedWarehouses.length) usedWarehouses.push(home);
  for (const l of pending) d.assignments.push({ lineId: l.id, skuCode: l.skuCode, qty: l.qty, warehouseId: home.id, reserve: false });
  for (const w of usedWarehouses) d.routes.push({ warehouseId: w.id, shipDay: world.shipDay(w, at), reason });
  return d;
}
