import type { Sqlite } from '../db';
import { OrderActionError, staleVersion } from './action-error';
import type { OrderChanges } from './lifecycle/conflict';

/** The order as the person saw it, or a refusal naming what changed since (`conflict`) or that it is gone. */
export class VersionCheck {
  private readonly head;

  constructor(sqlite: Sqlite, private readonly changes: OrderChanges) {
    this.head = sqlite.prepare('SELECT platform_order_id AS no, version FROM orders WHERE id = ?');
  }

  expect(orderId: string, expected: number | undefined): void {
    const o = this.head.get(orderId) as { no: string; version: number } | undefined;
    if (!o) throw new OrderActionError('not_found', `订单 ${orderId} 不存在`, `order ${orderId} does not exist`, 'id');
    if (expected !== undefined && expected !== o.version) throw staleVersion(o.no, expected, o.version, this.changes.since(orderId, expected));
  }
}
