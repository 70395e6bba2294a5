import { uuidv7 } from '../../kernel/ids';
import type { OrderHold } from '../../../src-shared/orders';
import type { Database, WriteTx } from '../../db';
import { oldestFirst } from '../../kernel/sort';
import type { Lifecycle } from '../lifecycle/lifecycle';
import type { Hold, HoldsApi, OpenHold, Reason, TransitionRequest, TriggerSource } from '../lifecycle/types';

type Raw = Record<string, unknown>;

/**
 * Who released a hold, so the order moves on when it was its last: a person's release from
 * review approves it, the system's runs the state's entry hooks again (see Lifecycle.holdsCleared).
 */
export interface ReleasedBy {
  source: TriggerSource;
  permissions?: TransitionRequest['permissions'];
}

const SYSTEM: ReleasedBy = { source: 'system' };

/**
 * Many holds per order (order_holds). Opening or releasing one bumps the order's version,
 * records an event, and keeps `orders.hold` (the grid's summary: the oldest open hold's type)
 * in step. A release that says who made it (`then`) lets the order move on when it was the last;
 * one without it (a rule settling its own hold, a merge tidying up) leaves what follows to the caller.
 */
export class Holds implements HoldsApi {
  private readonly byId;
  private readonly openOf;
  private readonly allOf;
  private readonly sameOpen;
  private readonly orderVersion;

  constructor(db: Pick<Database, 'sqlite'>, private readonly lifecycle: Lifecycle, private readonly now: () => number = Date.now) {
    const { sqlite } = db;
    const cols = `id, order_id AS orderId, type, code, params_json AS params, group_id AS groupId, opened_at AS openedAt,
      opened_by_name AS openedBy, released_at AS releasedAt, released_by_name AS releasedBy, release_code AS releaseCode,
      release_params_json AS releaseParams`;
    this.byId = sqlite.prepare(`SELECT ${cols} FROM order_holds WHERE id = ?`);
    // Sorted here, not by ORDER BY: the index gives the order's holds, and a sorter per call (a temp
    // b-tree for the id tie-break) cost ~30 µs inside an ingest transaction, for 0–2 rows.
    this.openOf = sqlite.prepare(`SELECT ${cols} FROM order_holds WHERE order_id = ? AND released_at IS NULL`);
    this.allOf = sqlite.prepare(`SELECT ${cols} FROM order_holds WHERE order_id = ?`);
    this.sameOpen = sqlite.prepare(
      'SELECT id FROM order_holds WHERE order_id = ? AND type = ? AND code = ? AND group_id IS ? AND released_at IS NULL',
    ).pluck();
    this.orderVersion = sqlite.prepare('SELECT version FROM orders WHERE id = ?').pluck();
  }

  open(tx: WriteTx, orderId: string, h: OpenHold): string {
    const existing = this.sameOpen.get(orderId, h.type, h.code, h.groupId ?? null) as string | undefined;
    if (existing) return existing;
    const now = this.now();
    const id = uuidv7();
    tx.insert('order_holds', {
      id, orderId, type: h.type, code: h.code, paramsJson: JSON.stringify(h.params ?? {}), groupId: h.groupId ?? null,
      openedAt: now, openedById: tx.ctx.actor.id, openedByName: tx.ctx.actor.name,
    });
    this.touchOrder(tx, orderId, now);
    this.event(tx, orderId, now, 'hold_opened', { holdId: id, type: h.type, code: h.code, params: h.params ?? {} });
    return id;
  }

  release(tx: WriteTx, holdId: string, reason: Reason, then?: ReleasedBy): void {
    const h = this.get(holdId);
    if (!h || h.releasedAt !== null) return;
    const now = this.now();
    tx.update('order_holds', holdId, {
      releasedAt: now, releasedById: tx.ctx.actor.id, releasedByName: tx.ctx.actor.name,
      releaseCode: reason.code, releaseParamsJson: JSON.stringify(reason.params ?? {}),
    });
    this.touchOrder(tx, h.orderId, now);
    this.event(tx, h.orderId, now, 'hold_released', { holdId, type: h.type, code: h.code, reason });
    if (then && !this.openFor(h.orderId).length) {
      this.lifecycle.holdsCleared(tx, h.orderId, { source: then.source, ...(then.permissions ? { permissions: then.permissions } : {}), reason });
    }
  }

  /** Releases the order's open holds of a type (and code), e.g. when the platform stops pausing it; the order then moves on. */
  releaseWhere(tx: WriteTx, orderId: string, type: OrderHold, code: string | null, reason: Reason, then: ReleasedBy = SYSTEM): number {
    const open = this.openFor(orderId).filter((h) => h.type === type && (code === null || h.code === code));
    for (const h of open) this.release(tx, h.id, reason, then);
    return open.length;
  }

  /** The order's open holds, oldest first. */
  openFor(orderId: string): Hold[] {
    return (this.openOf.all(orderId) as Raw[]).map(toHold).sort(openedFirst);
  }

  /** Every hold the order ever had, oldest first (the drawer's history). */
  historyOf(orderId: string): Hold[] {
    return (this.allOf.all(orderId) as Raw[]).map(toHold).sort(openedFirst);
  }

  get(holdId: string): Hold | null {
    const r = this.byId.get(holdId) as Raw | undefined;
    return r ? toHold(r) : null;
  }

  /** The grid's summary column and the order's version move with every hold change. */
  private touchOrder(tx: WriteTx, orderId: string, now: number): void {
    const oldest = this.openFor(orderId)[0];
    const version = (this.orderVersion.get(orderId) as number) + 1;
    tx.update('orders', orderId, { hold: oldest?.type ?? null, version, modifiedAt: now });
  }

  private event(tx: WriteTx, orderId: string, at: number, type: string, detail: Raw): void {
    tx.insert('order_events', {
      id: uuidv7(), orderId, at, type, actorId: tx.ctx.actor.id, actorName: tx.ctx.actor.name, fromStatus: null, toStatus: null,
      detailJson: JSON.stringify(detail),
    });
  }
}

const openedFirst = oldestFirst<Hold>((h) => h.openedAt);

function toHold(r: Raw): Hold {
  return {
    id: r.id as string,
    orderId: r.orderId as string,
    type: r.type as OrderHold,
    code: r.code as string,
    params: JSON.parse(r.params as string) as Record<string, unknown>,
    groupId: (r.groupId as string | null) ?? null,
    openedAt: r.openedAt as number,
    openedBy: (r.openedBy as string | null) ?? null,
    releasedAt: (r.releasedAt as number | null) ?? null,
    releasedBy: (r.releasedBy as string | null) ?? null,
    releaseCode: (r.releaseCode as string | null) ?? null,
    releaseParams: r.releaseParams ? (JSON.parse(r.releaseParams as string) as Record<string, unknown>) : null,
  };
}
