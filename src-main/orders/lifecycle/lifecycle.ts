import { uuidv7 } from '../../kernel/ids';
import type { MachineDefinition, Refusal, SlaClock } from '../../../src-shared/lifecycle';
import { ORDER_STATUSES, type CustomerGrade, type OrderHold, type OrderStatus, type PlatformPhase } from '../../../src-shared/orders';
import type { Database, FieldKey, WriteTx } from '../../db';
import { oldestFirst } from '../../kernel/sort';
import { OrderChanges } from './conflict';
import { checkTransition, findTransition, type OrderSnapshot } from './guards';
import { MachineStore } from './machine-store';
import { entryStatus, platformTargets } from './platform-triggers';
import { slaClock } from './sla';
import type {
  EntryHook, LifecycleApi, Reason, RerouteHook, TransitionRequest, TransitionResult, TriggerSource,
} from './types';

type Row = Record<string, unknown>;
interface HoldRow { id: string; type: OrderHold; code: string; openedAt: number }
const openedFirst = oldestFirst<HoldRow>((h) => h.openedAt);

interface OrderState extends OrderSnapshot {
  id: string;
  channelId: string;
  version: number;
  machineVersion: number;
  paidAt: number | null;
  statusAt: number | null;
  grade: CustomerGrade | null;
  parentOrderId: string | null;
}

/** Hooks that moved an order this many times inside one change are going round in circles. */
const MAX_DEPTH = 24;
const FACTS: readonly TriggerSource[] = ['platform', 'carrier'];

/**
 * The order state machine: the one writer of orders.status (it alone holds the write path's key
 * to the field). Every move is checked against the machine version the order entered under,
 * written with its SLA clock, event and audit record in the caller's transaction, and followed by
 * the entry hooks other capabilities registered (review, routing, reservations).
 */
export class Lifecycle implements LifecycleApi {
  readonly machines: MachineStore;
  readonly changes: OrderChanges;
  private readonly key: FieldKey;
  private readonly enterHooks = new Map<OrderStatus, EntryHook[]>();
  private readonly rerouteHooks: RerouteHook[] = [];
  private unmergeForCancel: ((tx: WriteTx, orderId: string) => void) | null = null;
  private depth = 0;
  private readonly getOrder;
  private readonly getHolds;
  private readonly getParts;
  private readonly gradeOf;
  private readonly warehouse;

  constructor(db: Pick<Database, 'sqlite' | 'writes'>, private readonly now: () => number = Date.now) {
    const { sqlite } = db;
    this.key = db.writes.claim('orders', 'status');
    this.machines = new MachineStore(sqlite);
    this.changes = new OrderChanges(sqlite);
    this.getOrder = sqlite.prepare(
      `SELECT o.id, o.channel_id AS channelId, o.status, o.version, o.machine_version AS machineVersion, o.tracking_no AS trackingNo,
         o.carrier, o.warehouse_id AS warehouseId, o.paid_at AS paidAt, o.status_at AS statusAt, o.parent_order_id AS parentOrderId,
         (SELECT c.grade FROM customers c WHERE c.id = o.customer_id) AS grade
       FROM orders o WHERE o.id = ?`,
    );
    // Sorted here, not by SQL: an ORDER BY costs a sorter per call, and every ingested order reads its holds.
    this.getHolds = sqlite.prepare('SELECT id, type, code, opened_at AS openedAt FROM order_holds WHERE order_id = ? AND released_at IS NULL');
    this.getParts = sqlite.prepare(
      `SELECT id FROM orders WHERE parent_order_id = ? AND status NOT IN ('merged', 'cancelled', 'closed') ORDER BY created_at, id`,
    ).pluck();
    this.gradeOf = sqlite.prepare('SELECT grade FROM customers WHERE id = ?').pluck();
    this.warehouse = sqlite.prepare('SELECT 1 FROM warehouses WHERE id = ?').pluck();
  }

  onEnter(state: OrderStatus, hook: EntryHook): void {
    const list = this.enterHooks.get(state) ?? [];
    list.push(hook);
    this.enterHooks.set(state, list);
  }

  onReroute(hook: RerouteHook): void {
    this.rerouteHooks.push(hook);
  }

  /** Merges (orders/reshape) register how a merged-away order is taken back out before the platform cancels it. */
  onCancelMerged(fn: (tx: WriteTx, orderId: string) => void): void {
    this.unmergeForCancel = fn;
  }

  transition(tx: WriteTx, req: TransitionRequest): TransitionResult {
    const o = this.read(req.orderId);
    if (!o) return this.refuse(tx, null, req, { code: 'not_found', params: {} });
    if (req.expectedVersion !== undefined && req.expectedVersion !== o.version) {
      const changes = this.changes.since(o.id, req.expectedVersion);
      return this.refuse(tx, o, req, { code: 'conflict', params: { expectedVersion: req.expectedVersion, version: o.version, changes } });
    }
    const machine = this.machines.get(o.machineVersion).definition;
    const refusal = checkTransition(machine, o.machineVersion, o, req);
    if (refusal) return this.refuse(tx, o, req, refusal);
    if (this.depth >= MAX_DEPTH) return this.refuse(tx, o, req, { code: 'loop', params: { depth: this.depth } });
    const warehouseId = req.fields?.warehouseId?.trim();
    if (warehouseId && !this.warehouse.get(warehouseId)) return this.refuse(tx, o, req, { code: 'invalid_field', params: { field: 'warehouse', value: warehouseId } });

    const now = this.now();
    const version = o.version + 1;
    const clock = slaClock(machine, { status: req.to, statusAt: now, paidAt: o.paidAt, channelId: o.channelId, grade: o.grade });
    const patch: Row = { status: req.to, statusAt: now, slaDueAt: clock.dueAt, version, modifiedAt: now };
    const f = req.fields ?? {};
    if (f.trackingNo?.trim()) patch.trackingNo = f.trackingNo.trim();
    if (f.carrier?.trim()) patch.carrier = f.carrier.trim();
    if (f.warehouseId?.trim()) patch.warehouseId = f.warehouseId.trim();
    tx.update('orders', o.id, patch, this.key);
    tx.insert('order_events', {
      id: uuidv7(), orderId: o.id, at: now, type: 'status_changed', actorId: tx.ctx.actor.id, actorName: tx.ctx.actor.name,
      fromStatus: o.status, toStatus: req.to,
      detailJson: JSON.stringify({
        source: req.source, machineVersion: o.machineVersion,
        ...(req.reason ? { reason: req.reason } : {}), ...(req.force ? { forced: true } : {}),
        ...(Object.keys(f).length ? { fields: f } : {}),
      }),
    });
    if (req.force) {
      tx.note({ entity: 'orders', entityId: o.id, action: 'transition_forced', after: { from: o.status, to: req.to, source: req.source, reason: req.reason } });
    }
    this.runEntryHooks(tx, o.id, req.to, { from: o.status, source: req.source });
    return { ok: true, from: o.status, to: req.to, version };
  }

  reroute(tx: WriteTx, orderId: string, why: Reason): void {
    for (const hook of this.rerouteHooks) hook(tx, orderId, why);
    const o = this.read(orderId);
    if (!o) return;
    if (o.status === 'to_ship') this.transition(tx, { orderId, to: 'to_route', source: 'system', reason: why });
    else if (o.status === 'to_route') this.runEntryHooks(tx, orderId, 'to_route', { from: 'to_route', source: 'system', resumed: true });
  }

  /**
   * The order's last hold was released. A person releasing it from 待审核 approves it (on to
   * 待分仓); otherwise the state's entry hooks run again (review looks again, routing retries).
   */
  holdsCleared(tx: WriteTx, orderId: string, by: { source: TriggerSource; permissions?: TransitionRequest['permissions']; reason: Reason }): void {
    const o = this.read(orderId);
    if (!o || o.openHolds.length) return;
    // A person's release is an approval; the system's (a platform pause ended) lets the rules look again.
    if (o.status === 'pending_review' && by.source === 'person') {
      this.transition(tx, { orderId, to: 'to_route', source: by.source, ...(by.permissions ? { permissions: by.permissions } : {}), reason: by.reason });
    } else {
      this.runEntryHooks(tx, orderId, o.status, { from: o.status, source: by.source, resumed: true });
    }
  }

  /**
   * A new order: its first status comes from the platform phase it was first seen in, under the
   * latest machine. The row, its children and its first event are written as one aggregate; then
   * `before` runs (checks that may hold it), then the entry hooks.
   */
  admit(
    tx: WriteTx,
    order: Row & { id: string; channelId: string; paidAt: number | null; shippedAt?: number | null; customerId?: string | null },
    children: { entity: string; rows: Row[] }[],
    opts: { phase: PlatformPhase | null; source: TriggerSource; eventType?: string; eventDetail?: Row; status?: OrderStatus; before?: (orderId: string) => void },
  ): OrderStatus {
    const { version, definition } = this.machines.latest();
    const status = opts.status ?? entryStatus(opts.phase, order.shippedAt ?? null);
    const now = this.now();
    const grade = order.customerId ? ((this.gradeOf.get(order.customerId) as CustomerGrade | undefined) ?? null) : null;
    const clock = slaClock(definition, { status, statusAt: now, paidAt: order.paidAt, channelId: order.channelId, grade });
    const row: Row = { ...order, status, platformPhase: opts.phase, machineVersion: version, statusAt: now, slaDueAt: clock.dueAt };
    const event: Row = {
      id: uuidv7(), orderId: order.id, at: now, type: opts.eventType ?? 'ingested', actorId: tx.ctx.actor.id, actorName: tx.ctx.actor.name,
      fromStatus: null, toStatus: status, detailJson: JSON.stringify({ source: opts.source, machineVersion: version, ...opts.eventDetail }),
    };
    const events = children.find((c) => c.entity === 'order_events');
    const rest = children.filter((c) => c.entity !== 'order_events');
    tx.insertAggregate('orders', row, [...rest, { entity: 'order_events', rows: [event, ...(events?.rows ?? [])] }], this.key);
    opts.before?.(order.id);
    this.runEntryHooks(tx, order.id, status, { from: null, source: opts.source });
    return status;
  }

  /**
   * The platform's phase changed: what it implies for our status is asked of the machine as a
   * trigger from the platform (refused moves are audited, never forced). A cancel or refund also
   * cancels the order's split parts that have not left, and takes a merged-away order back out first.
   */
  platformChanged(tx: WriteTx, orderId: string, phase: PlatformPhase): TransitionResult[] {
    const o = this.read(orderId);
    if (!o) return [];
    const cancel = phase === 'cancelled' || phase === 'refunded';
    const reason: Reason = { code: `platform_${phase}`, params: { phase } };
    if (cancel && o.status === 'merged' && this.unmergeForCancel) this.unmergeForCancel(tx, orderId);
    const results = this.followPlatform(tx, orderId, phase, reason);
    if (cancel) for (const part of this.getParts.all(orderId) as string[]) results.push(...this.followPlatform(tx, part, phase, reason));
    return results;
  }

  private followPlatform(tx: WriteTx, orderId: string, phase: PlatformPhase, reason: Reason): TransitionResult[] {
    const o = this.read(orderId);
    if (!o) return [];
    const paths = platformTargets(phase, o.status);
    if (!paths.length) return [];
    const machine = this.machines.get(o.machineVersion).definition;
    // The first path the machine allows all the way; else the first, so the refusal is recorded.
    const path = paths.find((p) => allowsPath(machine, o.status, p, 'platform')) ?? paths[0]!;
    const results: TransitionResult[] = [];
    for (const to of path) {
      const r = this.transition(tx, { orderId, to, source: 'platform', reason });
      results.push(r);
      if (!r.ok) break;
    }
    return results;
  }

  /** The SLA clocks of an order under its own machine version (the drawer shows both). */
  clockOf(orderId: string): SlaClock | null {
    const o = this.read(orderId);
    if (!o) return null;
    const machine = this.machines.get(o.machineVersion).definition;
    return slaClock(machine, { status: o.status, statusAt: o.statusAt ?? 0, paidAt: o.paidAt, channelId: o.channelId, grade: o.grade });
  }

  /**
   * Seeding history (the demo workspace, test fixtures): rows that already carry the status they
   * reached elsewhere, written in bulk without entry hooks. Not for live orders: they go through admit().
   */
  insertHistoric(tx: WriteTx, rows: Row[], summary: string): void {
    const version = this.machines.latestVersion();
    for (const r of rows) {
      if (!(ORDER_STATUSES as readonly unknown[]).includes(r.status)) throw new Error(`order ${String(r.id)}: unknown status ${String(r.status)}`);
      r.machineVersion ??= version;
    }
    tx.insertMany('orders', rows, summary, this.key);
  }

  private runEntryHooks(tx: WriteTx, orderId: string, state: OrderStatus, info: Parameters<EntryHook>[2]): void {
    const hooks = this.enterHooks.get(state);
    if (!hooks?.length) return;
    this.depth++;
    try {
      for (const hook of hooks) {
        hook(tx, orderId, info);
        // A hook moved the order on: the rest of this state's hooks no longer apply to it.
        if (this.read(orderId)?.status !== state) break;
      }
    } finally {
      this.depth--;
    }
  }

  private refuse(tx: WriteTx, o: OrderState | null, req: TransitionRequest, refusal: Refusal): TransitionResult {
    const from = o?.status ?? null;
    tx.note({
      entity: 'orders', entityId: req.orderId, action: 'transition_refused',
      after: { from, to: req.to, source: req.source, refusal, ...(req.reason ? { reason: req.reason } : {}), ...(req.force ? { forced: true } : {}) },
    });
    // What the platform or a carrier reported but could not apply shows in the order's timeline.
    if (o && FACTS.includes(req.source)) {
      tx.insert('order_events', {
        id: uuidv7(), orderId: o.id, at: this.now(), type: 'transition_refused', actorId: tx.ctx.actor.id, actorName: tx.ctx.actor.name,
        fromStatus: o.status, toStatus: null, detailJson: JSON.stringify({ to: req.to, source: req.source, refusal }),
      });
    }
    return { ok: false, refusal };
  }

  private read(orderId: string): OrderState | null {
    const r = this.getOrder.get(orderId) as Omit<OrderState, 'openHolds'> | undefined;
    if (!r) return null;
    const holds = (this.getHolds.all(orderId) as HoldRow[]).sort(openedFirst);
    return { ...r, openHolds: holds.map((h) => ({ type: h.type, code: h.code })) };
  }
}

/** Every step of the path is a transition of the machine that the source may trigger. */
function allowsPath(m: MachineDefinition, from: OrderStatus, path: OrderStatus[], source: TriggerSource): boolean {
  let at = from;
  for (const to of path) {
    const t = findTransition(m, at, to);
    if (!t || !t.sources.includes(source)) return false;
    at = to;
  }
  return true;
}
