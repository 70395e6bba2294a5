import type { OrderChange } from '../../../src-shared/lifecycle';
import type { Sqlite } from '../../db';

const NOISE = new Set(['version', 'modifiedAt', 'platformUpdatedAt', 'statusAt', 'slaDueAt']);

/**
 * What changed on an order since the version a person saw, read back from the audit log
 * (every write of the order row is there with its before → after): who, when, which fields.
 */
export class OrderChanges {
  private readonly stmt;

  constructor(sqlite: Sqlite) {
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
      const fields = Object.keys(after).filter((k) => !NOISE.has(k));
      if (fields.length) out.push({ at: r.at, by: r.by, fields });
    }
    return out.reverse();
  }
}
