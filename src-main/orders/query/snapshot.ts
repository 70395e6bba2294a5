import type { Sqlite } from '../../db';
import type { BuiltQuery } from './build';
import { ROW_JOINS, ROW_SELECT } from './columns';

type Raw = Record<string, unknown>;
let counter = 0;

/**
 * The matching orders' positions, frozen once: a connection-private temp table of
 * (position → orders rowid) filled by one INSERT…SELECT in sort order. Any block is then a
 * primary-key range plus a rowid lookup per row, at row 40 or row 4,000,000 alike, for any
 * sort (nulls, ties and non-indexed columns included). SQLite keeps temp tables in a temp
 * file here (TEMP_STORE=1), so a 5 M-row snapshot costs disk, not process memory.
 */
export class OrderSnapshot {
  readonly table: string;
  readonly total: number;
  private readonly block;
  private dropped = false;

  constructor(
    private readonly sqlite: Sqlite,
    built: BuiltQuery,
  ) {
    // The name is ours (a counter), never user input.
    this.table = `orders_pos_${++counter}`;
    sqlite.exec(`CREATE TEMP TABLE "${this.table}" (pos INTEGER PRIMARY KEY, r INTEGER NOT NULL)`);
    try {
      const info = sqlite
        .prepare(`INSERT INTO temp."${this.table}" (r) SELECT o.rowid FROM orders o ${built.where} ${built.orderBy}`)
        .run(...built.params);
      this.total = info.changes;
    } catch (e) {
      this.drop();
      throw e;
    }
    // Rows deleted after the snapshot simply drop out of their block (inner join).
    this.block = sqlite.prepare(
      `SELECT ${ROW_SELECT} FROM temp."${this.table}" p JOIN orders o ON o.rowid = p.r ${ROW_JOINS}
       WHERE p.pos > ? AND p.pos <= ? ORDER BY p.pos`,
    );
  }

  /** Rows at positions [start, end), 0-based. */
  rows(start: number, end: number): Raw[] {
    if (this.dropped) throw new Error('snapshot already dropped');
    return this.block.all(start, end) as Raw[];
  }

  drop(): void {
    if (this.dropped) return;
    this.dropped = true;
    this.sqlite.exec(`DROP TABLE IF EXISTS temp."${this.table}"`);
  }
}
