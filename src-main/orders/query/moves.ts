import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../../db';
import type { BuiltQuery } from './build';
import { CHANGE_COLUMNS, type OrderChange } from './changes';
import type { SortKey } from './keys';
import type { RowMove } from './snapshot';

/**
 * For one cached view: where each changed order sorted, and whether it matched, before and
 * after. "After" reads the order as it is; "before" evaluates the same condition and sort
 * expressions over the values the change feed kept (its `o` has the order's rowid, so a search
 * condition reads the index, which is right when the searchable text did not change).
 */
export class MoveFinder {
  private readonly now: Statement;
  private readonly then: Statement;

  constructor(sqlite: Sqlite, private readonly built: BuiltQuery) {
    const keys = built.sortTerms.map((t) => t.expr).join(', ');
    const m = `(${built.condition})`;
    this.now = sqlite.prepare(`SELECT o.rowid, ${m}, ${keys} FROM orders o WHERE o.rowid IN (SELECT value FROM json_each(?))`).raw();
    this.then = sqlite.prepare(
      `SELECT o.seq, ${m}, ${keys} FROM (SELECT seq, order_rowid AS rowid, ${CHANGE_COLUMNS.join(', ')} FROM order_changes
         WHERE seq IN (SELECT value FROM json_each(?))) o`,
    ).raw();
  }

  moves(changes: readonly OrderChange[]): RowMove[] {
    const p = this.built.params;
    const now = new Map<number, { member: boolean; key: SortKey }>();
    for (const [r, m, ...key] of this.now.all(...p, JSON.stringify(changes.map((c) => c.rowid))) as [number, number | null, ...SortKey][]) {
      now.set(r, { member: !!m, key });
    }
    const seqs = changes.filter((c) => c.beforeSeq !== null).map((c) => c.beforeSeq!);
    const then = new Map<number, { member: boolean; key: SortKey }>();
    if (seqs.length) {
      for (const [s, m, ...key] of this.then.all(...p, JSON.stringify(seqs)) as [number, number | null, ...SortKey][]) then.set(s, { member: !!m, key });
    }
    const gone = { member: false, key: [] as SortKey };
    return changes.map((c) => {
      const after = now.get(c.rowid) ?? gone;
      let before: RowMove['before'];
      if (c.inserted) before = gone;
      else if (this.built.searches && c.textChanged) before = null; // the index no longer holds the old text
      else if (c.beforeSeq !== null) before = then.get(c.beforeSeq) ?? null;
      else before = after; // only a line's title changed, and this view does not search
      return { rowid: c.rowid, before, after };
    });
  }
}
