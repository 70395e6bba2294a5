import { uuidv7 } from '../../kernel/ids';
import type { Database, WriteTx } from '../../db';
import type { Reason } from '../lifecycle/types';
import type { Holds } from './holds';

export interface QualityHold {
  id: string;
  batchNo: string;
  skuCode: string | null;
  code: string;
  params: Record<string, unknown>;
  frozenAt: number;
  frozenBy: string | null;
  releasedAt: number | null;
  releasedBy: string | null;
  /** Orders held by it right now. */
  heldOrders: number;
}

/** Orders that have not left the warehouse can still be stopped. */
const STOPPABLE = `('pending_payment', 'pending_review', 'to_route', 'to_ship', 'picking', 'packed')`;

/**
 * 质检拦截: a batch number is frozen; every order carrying a line of it that has not left is held
 * (one hold each, sharing the freeze's id as group) and released together when the batch is cleared.
 * Orders that get the batch later (a line's batch number written at picking) are held by checkOrder().
 */
export class QualityHolds {
  private readonly active;
  private readonly byId;
  private readonly list;
  private readonly carrying;
  private readonly carryingShipped;
  private readonly batchesOf;
  private readonly openInGroup;

  constructor(db: Pick<Database, 'sqlite'>, private readonly holds: Holds, private readonly now: () => number = Date.now) {
    const { sqlite } = db;
    const cols = `q.id, q.batch_no AS batchNo, q.sku_code AS skuCode, q.code, q.params_json AS params, q.frozen_at AS frozenAt,
      q.frozen_by_name AS frozenBy, q.released_at AS releasedAt, q.released_by_name AS releasedBy,
      (SELECT count(*) FROM order_holds h WHERE h.group_id = q.id AND h.released_at IS NULL) AS heldOrders`;
    this.active = sqlite.prepare(`SELECT ${cols} FROM quality_holds q WHERE q.batch_no = ? AND q.released_at IS NULL`);
    this.byId = sqlite.prepare(`SELECT ${cols} FROM quality_holds q WHERE q.id = ?`);
    this.list = sqlite.prepare(`SELECT ${cols} FROM quality_holds q ORDER BY q.released_at IS NOT NULL, q.frozen_at DESC LIMIT 200`);
    const carrying = `SELECT DISTINCT o.id FROM order_lines l JOIN orders o ON o.id = l.order_id
       WHERE l.batch_no = @batchNo AND (@skuCode IS NULL OR l.sku_code = @skuCode)`;
    this.carrying = sqlite.prepare(`${carrying} AND o.status IN ${STOPPABLE} ORDER BY o.id`).pluck();
    this.carryingShipped = sqlite.prepare(`${carrying} AND o.status NOT IN ${STOPPABLE} AND o.status <> 'merged' ORDER BY o.id`).pluck();
    this.batchesOf = sqlite.prepare(
      `SELECT DISTINCT l.batch_no AS batchNo, l.sku_code AS skuCode FROM order_lines l JOIN orders o ON o.id = l.order_id
       WHERE l.order_id = ? AND l.batch_no IS NOT NULL AND o.status IN ${STOPPABLE}`,
    );
    this.openInGroup = sqlite.prepare('SELECT id FROM order_holds WHERE group_id = ? AND released_at IS NULL ORDER BY opened_at, id').pluck();
  }

  /** Freezes a batch; returns the freeze, the orders it held, and those already gone (for a recall list). */
  freeze(tx: WriteTx, input: { batchNo: string; skuCode?: string | null; reason: Reason }): { id: string; held: string[]; alreadyLeft: string[] } {
    const batchNo = input.batchNo.trim();
    const skuCode = input.skuCode?.trim() || null;
    const id = uuidv7();
    tx.insert('quality_holds', {
      id, batchNo, skuCode, code: input.reason.code, paramsJson: JSON.stringify(input.reason.params ?? {}),
      frozenAt: this.now(), frozenById: tx.ctx.actor.id, frozenByName: tx.ctx.actor.name,
    });
    const held = this.carrying.all({ batchNo, skuCode }) as string[];
    for (const orderId of held) this.holdOne(tx, orderId, id, batchNo, skuCode, input.reason);
    return { id, held, alreadyLeft: this.carryingShipped.all({ batchNo, skuCode }) as string[] };
  }

  /**
   * Clears the batch: every order it holds is released together; one that nothing else holds moves
   * on as after any system release (its state's hooks run again: a cleared batch is not a review approval).
   */
  release(tx: WriteTx, id: string, reason: Reason): { released: number } {
    const q = this.get(id);
    if (!q || q.releasedAt !== null) return { released: 0 };
    tx.update('quality_holds', id, {
      releasedAt: this.now(), releasedById: tx.ctx.actor.id, releasedByName: tx.ctx.actor.name,
      releaseCode: reason.code, releaseParamsJson: JSON.stringify(reason.params ?? {}),
    });
    const open = this.openInGroup.all(id) as string[];
    for (const holdId of open) this.holds.release(tx, holdId, reason, { source: 'system' });
    return { released: open.length };
  }

  /** Holds the order if a line of it carries a frozen batch (call after writing batch numbers on lines). */
  checkOrder(tx: WriteTx, orderId: string): void {
    for (const b of this.batchesOf.all(orderId) as { batchNo: string; skuCode: string | null }[]) {
      for (const q of this.active.all(b.batchNo) as Record<string, unknown>[]) {
        if (q.skuCode !== null && q.skuCode !== b.skuCode) continue;
        this.holdOne(tx, orderId, q.id as string, b.batchNo, q.skuCode as string | null, { code: q.code as string, params: JSON.parse(q.params as string) });
      }
    }
  }

  get(id: string): QualityHold | null {
    const r = this.byId.get(id) as Record<string, unknown> | undefined;
    return r ? toQualityHold(r) : null;
  }

  /** Frozen batches first (newest first), then released ones. */
  all(): QualityHold[] {
    return (this.list.all() as Record<string, unknown>[]).map(toQualityHold);
  }

  private holdOne(tx: WriteTx, orderId: string, groupId: string, batchNo: string, skuCode: string | null, reason: Reason): void {
    this.holds.open(tx, orderId, { type: 'quality', code: 'batch_frozen', params: { batchNo, skuCode, why: reason }, groupId });
  }
}

function toQualityHold(r: Record<string, unknown>): QualityHold {
  return {
    id: r.id as string, batchNo: r.batchNo as string, skuCode: (r.skuCode as string | null) ?? null, code: r.code as string,
    params: JSON.parse(r.params as string) as Record<string, unknown>, frozenAt: r.frozenAt as number,
    frozenBy: (r.frozenBy as string | null) ?? null, releasedAt: (r.releasedAt as number | null) ?? null,
    releasedBy: (r.releasedBy as string | null) ?? null, heldOrders: r.heldOrders as number,
  };
}
