import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../../db';
import { CHANGE_FIELDS } from '../../db/order-derived';

/** The grid-visible columns order_changes keeps from before an update or delete (written by the write path). */
export const CHANGE_COLUMNS = Object.values(CHANGE_FIELDS);

/** What changed about one order between two points of the feed. */
export interface OrderChange {
  rowid: number;
  /** Seq of the entry holding the row as it was at the start (update/delete); null when it did not exist then (insert). */
  beforeSeq: number | null;
  /** The row did not exist at the start. */
  inserted: boolean;
  /** Searchable text changed (or the row was deleted): a search's answer for "before" cannot be recomputed. */
  textChanged: boolean;
}

/** Changes since a point, or 'reset' when they cannot be replayed (the log moved past it, too many, or "anything moved"). */
export type ChangeBatch = { upTo: number; changes: OrderChange[] } | 'reset';

/** Replaying more than this many changed orders costs more than rebuilding what they touch. */
export const MAX_REPLAY = 4000;

/**
 * The orders change feed (table order_changes, written by the write path, bounded to about the
 * newest 20,000 entries): its sequence is the orders revision, and a range of it says which orders changed
 * and how each looked before.
 */
export class ChangeFeed {
  private readonly head: Statement;
  private readonly oldest: Statement;
  private readonly range: Statement;

  constructor(sqlite: Sqlite) {
    this.head = sqlite.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'order_changes'`).pluck();
    this.oldest = sqlite.prepare('SELECT min(seq) FROM order_changes').pluck();
    this.range = sqlite.prepare(
      `SELECT seq, order_rowid AS rowid, op, text_changed AS text FROM order_changes WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ${MAX_REPLAY * 4 + 1}`,
    );
  }

  /** The current revision. */
  rev(): number {
    return (this.head.get() as number | undefined) ?? 0;
  }

  /** Every order changed after `from` up to `to`, grouped per order, the first entry telling how it was. */
  since(from: number, to: number): ChangeBatch {
    if (to <= from) return { upTo: to, changes: [] };
    const oldest = (this.oldest.get() as number | null) ?? to + 1;
    if (oldest > from + 1) return 'reset';
    const rows = this.range.all(from, to) as { seq: number; rowid: number | null; op: string; text: number }[];
    if (rows.length > MAX_REPLAY * 4) return 'reset';
    const byRow = new Map<number, OrderChange>();
    for (const r of rows) {
      if (r.rowid === null || r.op === 'all') return 'reset';
      let c = byRow.get(r.rowid);
      if (!c) {
        c = { rowid: r.rowid, beforeSeq: null, inserted: false, textChanged: false };
        if (r.op === 'insert') c.inserted = true;
        else if (r.op === 'update' || r.op === 'delete') c.beforeSeq = r.seq;
        // 'text' first: the row's other columns were as they are now, unless a later entry says otherwise.
        byRow.set(r.rowid, c);
      } else if (!c.inserted && c.beforeSeq === null && (r.op === 'update' || r.op === 'delete')) {
        c.beforeSeq = r.seq;
      }
      if (r.op === 'text' || r.op === 'delete' || (r.op === 'update' && r.text)) c.textChanged = true;
    }
    if (byRow.size > MAX_REPLAY) return 'reset';
    return { upTo: to, changes: [...byRow.values()] };
  }
}
