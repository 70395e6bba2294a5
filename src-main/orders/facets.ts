import type { ChannelKind } from '../../src-shared/orders';
import type { Sqlite } from '../db';

export interface OrderFacets {
  channels: { id: string; name: string; kind: ChannelKind }[];
  warehouses: { id: string; name: string }[];
  tags: string[];
  /** False when the deadline came before every tag set was read. */
  tagsComplete: boolean;
}

/** Distinct tag sets read per step: each is one seek on the partial index of tagged orders. */
const TAG_STEP = 200;
const MAX_TAG_SETS = 10_000;

/**
 * Values for the grid's pick lists. Tags: the distinct tag sets are walked by seeking the
 * partial index on tagged orders (one seek per distinct set), never a scan of every order.
 * The walk is kept per orders revision: with a deadline it answers with the tags found so far
 * (marked incomplete) and goes on at the next call, or in the background, where it stopped;
 * finishing there, it says so (`orders.facetsReady`) instead of the screen asking again on a timer.
 */
export class FacetsCache {
  private readonly next;
  private readonly rev;
  private walk: { rev: number; cursor: string; tags: Set<string>; sets: number; done: boolean } | null = null;
  private timer: NodeJS.Timeout | null = null;

  /** `onComplete`: a walk left unfinished at a deadline has ended in the background (the screens ask again). */
  constructor(private readonly sqlite: Sqlite, private readonly onComplete: () => void = () => {}) {
    this.next = sqlite.prepare(`SELECT min(tags) FROM orders WHERE tags <> '[]' AND tags > ?`).pluck();
    this.rev = sqlite.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'order_changes'`).pluck();
  }

  get(deadlineAt?: number): OrderFacets {
    const channels = this.sqlite.prepare('SELECT id, name, kind FROM channels ORDER BY kind, name').all() as OrderFacets['channels'];
    const warehouses = this.sqlite.prepare('SELECT id, name FROM warehouses ORDER BY code').all() as OrderFacets['warehouses'];
    const rev = (this.rev.get() as number | undefined) ?? 0;
    if (this.walk?.rev !== rev) this.walk = { rev, cursor: '', tags: new Set(), sets: 0, done: false };
    const until = deadlineAt === undefined ? Infinity : deadlineAt;
    // At least one step: some tags are ready even past the deadline.
    if (!this.walk.done) do this.step();
    while (!this.walk.done && Date.now() < until);
    if (!this.walk.done) this.background();
    return { channels, warehouses, tags: [...this.walk.tags].sort((a, b) => a.localeCompare(b, 'zh-CN')), tagsComplete: this.walk.done };
  }

  private step(): void {
    const w = this.walk!;
    for (let i = 0; i < TAG_STEP; i++) {
      const set = w.sets >= MAX_TAG_SETS ? null : (this.next.get(w.cursor) as string | null);
      if (set === null) {
        w.done = true;
        return;
      }
      w.sets++;
      w.cursor = set;
      try {
        const parsed: unknown = JSON.parse(set);
        if (Array.isArray(parsed)) for (const t of parsed) if (typeof t === 'string') w.tags.add(t);
      } catch {
        // a malformed tags value is not a tag
      }
    }
  }

  private background(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.walk || this.walk.done || !this.sqlite.open) return;
      this.step();
      if (!this.walk.done) this.background();
      else this.onComplete();
    }, 0);
    this.timer.unref();
  }
}

/** Every pick-list value, read to the end (no deadline). */
export function orderFacets(sqlite: Sqlite): OrderFacets {
  return new FacetsCache(sqlite).get();
}
