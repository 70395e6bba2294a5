import type { Sqlite } from '../../db';
import type { AnchorWalk } from './anchors';
import type { BuiltQuery } from './build';
import type { ChangeFeed } from './changes';
import type { CountAnswer, RangeCount } from './count';
import { keyComparator } from './keys';
import { MoveFinder } from './moves';
import { OrderSnapshot } from './snapshot';
import { SortWindows } from './windows';

/**
 * What the pager keeps for one query (one signature): its count, keyset anchors or position
 * snapshot, all valid at change-feed position `seq`. `catchUp` replays the orders that changed
 * since: each one adjusts the count by what it did to membership, moves the anchors after its
 * key, or is merged into the snapshot; what cannot be replayed is dropped and rebuilt on demand.
 */
export class View {
  count: CountAnswer | null = null;
  /** A table-scan count in progress (when the filter needs one). */
  scan: RangeCount | null = null;
  /** Counting this filter reads the whole table (undefined: not asked yet). */
  scanCount: boolean | undefined;
  walk: AnchorWalk | null = null;
  snapshot: OrderSnapshot | null = null;
  /** Windows of the sorted matches (big results in an order no index gives). */
  windows: SortWindows | null = null;
  /** Blocks answered so far. */
  blocks = 0;
  private moves: MoveFinder | null = null;

  constructor(
    private readonly sqlite: Sqlite,
    public built: BuiltQuery,
    private seq: number,
  ) {}

  buildSnapshot(): OrderSnapshot {
    this.snapshot ??= new OrderSnapshot(this.sqlite, this.built);
    return this.snapshot;
  }

  /** Replays the change feed from this view's position up to `rev`. */
  catchUp(feed: ChangeFeed, rev: number): void {
    if (rev <= this.seq) return;
    const batch = this.holdsAnything() ? feed.since(this.seq, rev) : { upTo: rev, changes: [] };
    this.seq = rev;
    if (batch === 'reset') return this.reset(this.built);
    if (!batch.changes.length) return;
    this.moves ??= new MoveFinder(this.sqlite, this.built);
    const moves = this.moves.moves(batch.changes);
    if (moves.some((m) => m.before === null)) return this.reset(this.built);
    const same = keyComparator(this.built.sortTerms);
    let delta = 0;
    for (const m of moves) {
      const d = Number(m.after.member) - Number(m.before!.member);
      delta += d;
      if (d) this.scan?.delta(m.rowid, d);
      if (this.walk && !(m.before!.member && m.after.member && same(m.before!.key, m.after.key) === 0)) {
        if (m.before!.member) this.walk.shift(m.before!.key, -1);
        if (m.after.member) this.walk.shift(m.after.key, 1);
      }
    }
    if (this.count && !this.scan) this.count = { total: this.count.total + delta, exact: this.count.exact };
    const moved = moves.filter((m) => m.before!.member !== m.after.member || (m.after.member && same(m.before!.key, m.after.key) !== 0));
    if (this.snapshot && moved.length && !this.snapshot.apply(moved)) this.dropSnapshot();
    if (this.windows && moved.length) this.windows.apply(moved);
  }

  sortWindows(tuning: { reach?: number; sampleRows?: number } = {}): SortWindows {
    this.windows ??= new SortWindows(this.sqlite, this.built, tuning.reach, tuning.sampleRows);
    return this.windows;
  }

  /** Forgets everything cached (it is rebuilt on demand), with this query. */
  reset(built: BuiltQuery): void {
    this.drop();
    this.built = built;
    this.moves = null;
    this.count = null;
    this.scan = null;
    this.scanCount = undefined;
    this.walk = null;
    this.blocks = 0;
  }

  dropSnapshot(): void {
    this.snapshot?.drop();
    this.snapshot = null;
  }

  drop(): void {
    this.dropSnapshot();
    this.windows?.drop();
    this.windows = null;
  }

  private holdsAnything(): boolean {
    return !!(this.count || this.scan || this.walk || this.snapshot || this.windows);
  }
}
