import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../../db';

/** Index entries between two anchors: a block is a seek plus at most this many skipped entries. */
export const ANCHOR_STEP = 10_000;

/**
 * Deep blocks of the unfiltered grid sorted by one indexed column (newest first, amount, paid
 * time…): keyset anchors — the (value, id) of every STEP-th row — found by hopping along the
 * covering (column, id) index with OFFSET STEP, each hop resuming from the last anchor. Reaching
 * row 4,000,000 the first time reads the index once up to there (no table rows, nothing
 * materialised); every later block near a known anchor is a seek plus < STEP index entries.
 * Rows whose value is NULL sit before the others (ASC) or after them (DESC) and are paged by id.
 */
export class AnchorWalk {
  private readonly anchors: ([number | string, string] | undefined)[] = [];
  private readonly nulls: number;
  private readonly first: Statement;
  private readonly hop: Statement;
  private readonly block: Statement;
  private readonly nullBlock: Statement;

  constructor(
    sqlite: Sqlite,
    expr: string,
    private readonly dir: 'ASC' | 'DESC',
    private readonly total: number,
    private readonly step = ANCHOR_STEP,
  ) {
    // expr comes from the column whitelist; dir is one of two literals.
    const cmp = dir === 'ASC' ? '>' : '<';
    const order = `ORDER BY ${expr} ${dir}, o.id ${dir}`;
    this.nulls = sqlite.prepare(`SELECT count(*) FROM orders o WHERE ${expr} IS NULL`).pluck().get() as number;
    this.first = sqlite.prepare(`SELECT ${expr}, o.id FROM orders o WHERE ${expr} IS NOT NULL ${order} LIMIT 1`).raw();
    this.hop = sqlite.prepare(`SELECT ${expr}, o.id FROM orders o WHERE (${expr}, o.id) ${cmp} (?, ?) ${order} LIMIT 1 OFFSET ?`).raw();
    this.block = sqlite.prepare(`SELECT o.rowid FROM orders o WHERE (${expr}, o.id) ${cmp}= (?, ?) ${order} LIMIT ? OFFSET ?`).pluck();
    this.nullBlock = sqlite.prepare(`SELECT o.rowid FROM orders o WHERE ${expr} IS NULL ORDER BY o.id ${dir} LIMIT ? OFFSET ?`).pluck();
  }

  /** Rowids at positions [start, end) of the whole sorted table. */
  ids(start: number, end: number): number[] {
    end = Math.min(end, this.total);
    const nonNull = this.total - this.nulls;
    // Where each region starts in grid positions.
    const [nullStart, valueStart] = this.dir === 'ASC' ? [0, this.nulls] : [nonNull, 0];
    const out: number[] = [];
    const take = (from: number, to: number, regionStart: number, regionSize: number, fn: (s: number, e: number) => number[]) => {
      const s = Math.max(from, regionStart);
      const e = Math.min(to, regionStart + regionSize);
      if (e > s) out.push(...fn(s - regionStart, e - regionStart));
    };
    const parts: [number, number, (s: number, e: number) => number[]][] = [
      [valueStart, nonNull, (s, e) => this.valueIds(s, e)],
      [nullStart, this.nulls, (s, e) => this.nullBlock.all(e - s, s) as number[]],
    ];
    parts.sort((a, b) => a[0] - b[0]);
    for (const [regionStart, size, fn] of parts) take(start, end, regionStart, size, fn);
    return out;
  }

  /** Rows [s, e) among the non-null values, from the nearest anchor at or before s. */
  private valueIds(s: number, e: number): number[] {
    const j = Math.floor(s / this.step);
    const anchor = this.anchor(j);
    if (!anchor) return [];
    return this.block.all(anchor[0], anchor[1], e - s, s - j * this.step) as number[];
  }

  private anchor(j: number): [number | string, string] | undefined {
    if (this.anchors[j]) return this.anchors[j];
    let k = Math.min(j, this.anchors.length - 1);
    while (k >= 0 && !this.anchors[k]) k--;
    if (k < 0) {
      const row = this.first.get() as [number | string, string] | undefined;
      if (!row) return undefined;
      this.anchors[0] = row;
      k = 0;
    }
    for (; k < j; k++) {
      const [v, id] = this.anchors[k]!;
      const next = this.hop.get(v, id, this.step - 1) as [number | string, string] | undefined;
      if (!next) return undefined;
      this.anchors[k + 1] = next;
    }
    return this.anchors[j];
  }
}
