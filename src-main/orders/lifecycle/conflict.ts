import type { OrderChange } from '../../../src-shared/lifecycle';
import type { Sqlite } from '../../db';

// `inserted`: the rows written with the update (WriteTx.updateAggregate: a routed order's routes and reservations), not a field.
const NOISE = new Set(['version', 'modifiedAt', 'platformUpdatedAt', 'statusAt', 'slaDueAt', 'inserted']);

/** Changes that live in other rows (holds, lines) bump the order's version only: the order's timeline names them. */
const EVENT_FIELDS: Record<string, string> = {
  hold_opened: 'hold', hold_released: 'hold', split: 'lines', unsplit: 'lines', merged: 'lines', unmerged: 'lines',
  gift_replaced: 'lines', address_changed: 'addressDetail', note: 'notes',
};

/**
 * What changed on an order since the version a person saw, read back from the audit log
 * (every write of the order row is there with its before → after): who, when, which fields.
 */
export class OrderChanges {
  private readonly stmt;
  private readonly eventsNear;

  constructor(sqlite: Sqlite) {
    this.eventsNear = sqlite.prepare('SELECT DISTINCT type FROM order_events WHERE order_id = ? AND at BETWEEN ? AND ?').pluck();
    this.stmt = sqlite.prepare(
      `SELECT at, actor_name AS by, after_json AS after FROM audit_log
       WHERE entity = 'orders' AND entity_id = ? AND action = 'update' ORDER BY seq DESC LIMIT 100`,
    );
  }

  since(orderId: string, version: number): OrderChange[] {
    const out: OrderChange[] = [];
    for (const r of this.stmt.iterate(orderId) as Iterable<{ at: number; by: string | null; after: string | null }>) {
      const after = r.after ? (JSON.parse(r.after) as Record<string, unknown>) : {};
      if (typeof after.version !== 'number') continue;
      if (after.version <= version) break;
      let fields = Object.keys(after).filter((k) => !NOISE.has(k));
      if (!fields.length) {
        const types = this.eventsNear.all(orderId, r.at - 2000, r.at + 2000) as string[];
        fields = [...new Set(types.map((t) => EVENT_FIELDS[t]).filter((f): f is string => Boolean(f)))];
      }
      out.push({ at: r.at, by: r.by, fields: fields.length ? fields : ['details'] });
    }
    return out.reverse();
  }
}
