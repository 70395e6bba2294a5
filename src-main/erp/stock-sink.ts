import { createHash } from 'node:crypto';
import { uuidv7 } from '../kernel/ids';
import type { Sqlite, WriteTx } from '../db';
import type { StockSettle } from '../inventory/stock-service';
import { applyCounts, type CountsByWarehouse } from './stock-log';

export interface Count {
  skuCode: string;
  warehouseId: string;
  onHand: number;
}

/** One changed count of a pull: the new count (null: withdrawn) and the ERP's word before this pull. */
export interface Change {
  skuCode: string;
  warehouseId: string;
  onHand: number | null;
  was: number | null;
}

/**
 * Where ERP stock snapshots land. The ERP's current count per SKU × warehouse is one row of
 * `erp_stock_latest` (what every stock reader sees through the `stock_counts` view); what changed
 * in a pull is one synced `erp_stock_changes` row per written batch, holding the batch's changed
 * counts as compact JSON (grouped by warehouse). A first snapshot of 100 k counts is so ~10 change
 * rows and 100 k narrow local rows instead of 100 k synced rows with their sync-log records and
 * per-row audit hashes. The reservation ledger settles the changed keys in the same transaction.
 */
export class StockSink {
  private readonly readLatest;
  private readonly keyIds;
  private readonly markApplied;
  private seq = 0;

  constructor(private readonly sqlite: Sqlite, private readonly connectionId: string, private readonly stock: StockSettle | null = null) {
    // Codes, warehouse numbers and counts as three JSON arrays in key order: three values to cross
    // into JS instead of a row per count, and no sort (grouping by warehouse would sort 100 k keys).
    this.readLatest = sqlite.prepare(
      `SELECT json_group_array(warehouse_n) AS w, json_group_array(sku_code) AS s, json_group_array(on_hand) AS q FROM erp_stock_latest
       WHERE connection_n = (SELECT n FROM erp_stock_keys WHERE id = ?)`,
    );
    this.keyIds = sqlite.prepare('SELECT n, id FROM erp_stock_keys').raw();
    this.markApplied = sqlite.prepare('INSERT OR IGNORE INTO erp_stock_applied (change_id) VALUES (?)');
  }

  /** What this ERP last reported: warehouse id → SKU code → on hand (no joined keys to build per count). */
  latest(): Map<string, Map<string, number>> {
    const out = new Map<string, Map<string, number>>();
    const r = this.readLatest.get(this.connectionId) as { w: string; s: string; q: string };
    const whs = JSON.parse(r.w) as number[];
    const skus = JSON.parse(r.s) as string[];
    const qty = JSON.parse(r.q) as number[];
    const idOf = new Map(this.keyIds.all() as [number, string][]);
    let m: Map<string, number> | undefined;
    let last: number | undefined;
    for (let i = 0; i < skus.length; i++) {
      const w = whs[i]!;
      if (w !== last) {
        last = w;
        const id = idOf.get(w)!;
        m = out.get(id);
        if (!m) out.set(id, (m = new Map()));
      }
      m!.set(skus[i]!, qty[i]!);
    }
    return out;
  }

  /**
   * One batch of changed counts of the pull that started at `at`: the current counts, one change-log
   * row, the ledger settled. Batches of one pull are numbered, so a count the ERP listed twice ends
   * as its last word on every PC whatever order the rows arrive in.
   */
  write(tx: WriteTx, changes: Change[], at: number, kind: 'counts' | 'zeroed'): void {
    if (!changes.length) return;
    const seq = this.seq++;
    const byWh: CountsByWarehouse = new Map();
    for (const c of changes) {
      let list = byWh.get(c.warehouseId);
      if (!list) byWh.set(c.warehouseId, (list = []));
      list.push([c.skuCode, c.onHand, c.was]);
    }
    const parts: string[] = [];
    for (const [w, list] of byWh) parts.push(`${JSON.stringify(w)}:${JSON.stringify(list)}`);
    const countsJson = `{${parts.join(',')}}`;
    const id = uuidv7();
    const now = Date.now();
    applyCounts(this.sqlite, this.connectionId, at, seq, byWh);
    tx.insert('erp_stock_changes', {
      id, connectionId: this.connectionId, at, seq, kind, n: changes.length, countsJson,
      countsHash: createHash('sha256').update(countsJson).digest('hex'), createdAt: now, updatedAt: now,
    });
    this.markApplied.run(id);
    this.stock?.countsChanged(tx, changes, now);
  }
}
