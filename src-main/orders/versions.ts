import type { Sqlite } from '../db';
import { changedSince, OrderActionError, staleVersion } from './action-error';
import type { OrderChanges } from './lifecycle/conflict';

/** The order as the person saw it, or a refusal naming what changed since (`conflict`) or that it is gone. */
export class VersionCheck {
  private readonly head;

  constructor(sqlite: Sqlite, private readonly changes: OrderChanges) {
    this.head = sqlite.prepare('SELECT platform_order_id AS no, version FROM orders WHERE id = ?');
  }

  /**
   * Many orders as the person saw them (a bulk action, "select all N matching"): every order changed
   * since is named by its order number in one refusal, so the person knows which ones, not only the first.
   */
  expectAll(versions: Record<string, number>): void {
    const stale: { id: string; no: string; expected: number; current: number }[] = [];
    for (const [id, expected] of Object.entries(versions)) {
      const o = this.head.get(id) as { no: string; version: number } | undefined;
      if (!o) throw new OrderActionError('not_found', `订单 ${id} 不存在，未做任何修改`, `order ${id} does not exist; nothing was changed`, 'versions');
      if (o.version !== expected) stale.push({ id, no: o.no, expected, current: o.version });
    }
    // One changed order: what changed and who changed it; several: each by its number.
    const [one] = stale;
    if (stale.length === 1 && one) throw staleVersion(one.no, one.expected, one.current, this.changes.since(one.id, one.expected));
    if (stale.length) throw changedSince(stale.map((x) => x.no));
  }

  expect(orderId: string, expected: number | undefined): void {
    const o = this.head.get(orderId) as { no: string; version: number } | undefined;
    if (!o) throw new OrderActionError('not_found', `订单 ${orderId} 不存在`, `order ${orderId} does not exist`, 'id');
    if (expected !== undefined && expected !== o.version) throw staleVersion(o.no, expected, o.version, this.changes.since(orderId, expected));
  }
}
