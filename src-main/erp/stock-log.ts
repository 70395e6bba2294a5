import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../db';
import { immediate } from '../db/connection';

/** A warehouse's changed counts in a change-log row: [SKU code, on hand (null: withdrawn), the ERP's word before]. */
export type WarehouseCounts = [sku: string, onHand: number | null, was: number | null][];
export type CountsByWarehouse = Map<string, WarehouseCounts>;

const statements = new WeakMap<Sqlite, { addKey: Statement; keyOf: Statement; upsert: Statement; drop: Statement }>();

function prepared(sqlite: Sqlite) {
  let s = statements.get(sqlite);
  if (!s) {
    s = {
      addKey: sqlite.prepare('INSERT INTO erp_stock_keys (id) VALUES (?) ON CONFLICT(id) DO NOTHING'),
      keyOf: sqlite.prepare('SELECT n FROM erp_stock_keys WHERE id = ?').pluck(),
      // A whole warehouse's batch in one statement (one crossing instead of one per count), read from a
      // {"SKU": count} object: json_each hands over key and value as they are, where [sku, count] pairs
      // cost two parses of each pair (~40 % slower for 100 k counts). The newest (at, seq) wins, so
      // change rows applied late or twice (sync, catch-up) never undo a newer count.
      upsert: sqlite.prepare(
        `INSERT INTO erp_stock_latest (connection_n, warehouse_n, sku_code, on_hand, at, seq)
         SELECT @c, @w, j.key, j.value, @at, @seq FROM json_each(@j) j WHERE j.value IS NOT NULL
         ON CONFLICT(sku_code, warehouse_n, connection_n) DO UPDATE SET on_hand = excluded.on_hand, at = excluded.at, seq = excluded.seq
         WHERE (excluded.at, excluded.seq) >= (erp_stock_latest.at, erp_stock_latest.seq)`,
      ),
      drop: sqlite.prepare(
        `DELETE FROM erp_stock_latest WHERE connection_n = @c AND warehouse_n = @w AND (at, seq) <= (@at, @seq)
           AND sku_code IN (SELECT j.key FROM json_each(@j) j WHERE j.value IS NULL)`,
      ),
    };
    statements.set(sqlite, s);
  }
  return s;
}

/**
 * The local number erp_stock_latest stores for a connection or warehouse id, made on first use.
 * Looked up each time, not cached: a number made in a transaction that rolls back is gone again.
 */
function stockKey(sqlite: Sqlite, id: string): number {
  const s = prepared(sqlite);
  s.addKey.run(id);
  return s.keyOf.get(id) as number;
}

/**
 * A warehouse's counts as the upsert reads them: {"SKU": on hand | null}, in list order (a SKU listed
 * twice stays twice, and json_each yields both, so its last word wins as before).
 */
function countsObject(list: WarehouseCounts): string {
  const parts = new Array<string>(list.length);
  for (let i = 0; i < list.length; i++) parts[i] = `${JSON.stringify(list[i]![0])}:${list[i]![1] ?? 'null'}`;
  return `{${parts.join(',')}}`;
}

/** Applies one change-log row's counts to erp_stock_latest (the caller holds the transaction). */
export function applyCounts(sqlite: Sqlite, connectionId: string, at: number, seq: number, byWh: CountsByWarehouse): void {
  const s = prepared(sqlite);
  const c = stockKey(sqlite, connectionId);
  for (const [w, list] of byWh) {
    const p = { c, w: stockKey(sqlite, w), at, seq, j: countsObject(list) };
    s.upsert.run(p);
    if (list.some((c) => c[1] === null)) s.drop.run(p);
  }
}

export function parseCounts(countsJson: string): CountsByWarehouse {
  return new Map(Object.entries(JSON.parse(countsJson) as Record<string, WarehouseCounts>));
}

/**
 * Brings erp_stock_latest up to the change log: the rows other PCs pulled (arriving by sync) and
 * any this PC has not applied yet. Cheap when there is nothing new (one anti-join on the ids).
 */
export function applyPendingChanges(sqlite: Sqlite): number {
  const pending = sqlite
    .prepare(
      `SELECT id, connection_id AS connectionId, at, seq, counts_json AS countsJson FROM erp_stock_changes c
       WHERE NOT EXISTS (SELECT 1 FROM erp_stock_applied a WHERE a.change_id = c.id) ORDER BY at, seq`,
    )
    .all() as { id: string; connectionId: string; at: number; seq: number; countsJson: string }[];
  if (!pending.length) return 0;
  const mark = sqlite.prepare('INSERT OR IGNORE INTO erp_stock_applied (change_id) VALUES (?)');
  immediate(sqlite, () => {
    for (const c of pending) {
      applyCounts(sqlite, c.connectionId, c.at, c.seq, parseCounts(c.countsJson));
      mark.run(c.id);
    }
  });
  return pending.length;
}

export interface CountChange {
  at: number;
  warehouseId: string;
  skuCode: string;
  onHand: number | null;
  was: number | null;
}

/**
 * What the ERP said about stock over time, from the change log: every count a pull wrote (a first
 * snapshot's counts, later only those that changed), oldest first; optionally one SKU × warehouse,
 * or one pull (`at`). Within a pull the last word for a count wins, as in erp_stock_latest; a
 * count that ended where it started is left out.
 */
export function stockHistory(sqlite: Sqlite, connectionId: string, filter: { skuCode?: string; warehouseId?: string; at?: number } = {}): CountChange[] {
  const rows = sqlite
    .prepare(
      'SELECT at, counts_json AS countsJson FROM erp_stock_changes WHERE connection_id = @c AND (@at IS NULL OR at = @at) ORDER BY at, seq',
    )
    .all({ c: connectionId, at: filter.at ?? null }) as { at: number; countsJson: string }[];
  const out = new Map<string, CountChange>();
  for (const r of rows) {
    for (const [warehouseId, list] of parseCounts(r.countsJson)) {
      if (filter.warehouseId !== undefined && warehouseId !== filter.warehouseId) continue;
      for (const [skuCode, onHand, was] of list) {
        if (filter.skuCode !== undefined && skuCode !== filter.skuCode) continue;
        const key = `${r.at}\u0000${warehouseId}\u0000${skuCode}`;
        // Listed again later in the same pull: its last word, with the word from before the pull.
        const prev = out.get(key);
        out.delete(key);
        out.set(key, { at: r.at, warehouseId, skuCode, onHand, was: prev ? prev.was : was });
      }
    }
  }
  // A count that came back to the ERP's previous word within the pull is no change.
  return [...out.values()].filter((c) => c.onHand !== c.was);
}
