import type { Statement } from 'better-sqlite3';
import type { OrderRow } from '../../../src-shared/contract';
import type { Sqlite } from '../../db';
import { TextSearch } from '../search/text-search';
import { AnchorWalk, ANCHOR_STEP } from './anchors';
import { buildOrderQuery, type BuildOptions, type BuiltQuery, type ParsedOrderQuery } from './build';
import { ChangeFeed } from './changes';
import { ROW_JOINS, ROW_SELECT } from './columns';
import { countScansTable, RangeCount, type CountAnswer } from './count';
import { toOrderRow } from './rows';
import { View } from './view';

/** Below this row a covering-index OFFSET is a few ms; from here on, blocks come from anchors or a snapshot. */
export const DEEP_ROW = 20_000;
const MAX_VIEWS = 32;
const MAX_SNAPSHOTS = 3;
/** How many index entries a probe may walk before it gives up and sorts instead. */
const PROBE_ROWS = 40_000;
/** Sorting this many matches per block costs less than building a snapshot (quick searches). */
const SMALL_RESULT = 2_000;
/** Up to this many search matches, reading them by rowid and sorting beats walking the sort's index. */
const SEARCH_LOOKUPS = 5_000;
/** A background count step: short, so whatever shares this thread waits at most this long. */
const STEP_MS = 25;

export interface PageOptions extends BuildOptions {
  /** Epoch ms by which the caller wants an answer (undefined: no deadline, the count is exact). */
  deadlineAt?: number;
}

export interface PageAnswer {
  rows: OrderRow[];
  total: number;
  /** False when `total` is an estimate: counting goes on in the background and a later call gets it exact. */
  totalExact: boolean;
  /** Set when the deadline came before the block was full: `rows` are its first ones, in order; ask again for the rest. */
  partial?: true;
}

/** Deadline checks while walking an index: every this many entries (each is a row test, microseconds). */
const WALK_CHECK_EVERY = 256;

/**
 * orders.page behind AG Grid's infinite row model. Shallow blocks: ids by OFFSET over the
 * sort's index (id-only, so the index covers it), or by walking the sort's index when SQLite
 * would otherwise sort every match; then the rows by id. Deep blocks of the unfiltered grid
 * under a one-column indexed sort: keyset anchors (anchors.ts). Other deep blocks, and filters
 * no index serves: a position snapshot built once per query (snapshot.ts), after which any
 * block is a primary-key range. Counts, anchors and snapshots are cached per query ("view")
 * and kept in step with the orders change feed (changes.ts): an order change adjusts or drops
 * only what it can move. With a deadline, a count that would run past it answers with an
 * estimate and finishes in the background (count.ts).
 */
export class OrdersPager {
  private readonly views = new Map<string, View>();
  private readonly statements = new Map<string, Statement>();
  private readonly plans = new Map<string, { sortsInMemory: boolean }>();
  private readonly feed: ChangeFeed;
  readonly search: TextSearch;
  private readonly deepRow: number;
  private readonly anchorStep: number;
  private readonly countChunkRows: number | undefined;
  private readonly probeRows: number;
  private readonly windowTuning: { reach?: number; sampleRows?: number };
  private background: NodeJS.Timeout | null = null;
  /** Views whose first block was answered partly at a deadline: the next ask builds what the block needs. */
  private readonly answeredPartly = new WeakSet<View>();
  private readonly readTx: <T>(fn: () => T) => T;

  constructor(
    private readonly sqlite: Sqlite,
    opts: {
      deepRow?: number; anchorStep?: number; countChunkRows?: number; windowReach?: number; windowSampleRows?: number;
      /** Index entries a probe (or a first block's walk, before it looks at the deadline) may read. */
      probeRows?: number;
      /** When a search stops using the index (tests force the LIKE form with negative limits). */
      searchLimits?: { maxTerms?: number; maxDocs?: number };
    } = {},
  ) {
    this.deepRow = opts.deepRow ?? DEEP_ROW;
    this.anchorStep = opts.anchorStep ?? ANCHOR_STEP;
    this.countChunkRows = opts.countChunkRows;
    this.probeRows = opts.probeRows ?? PROBE_ROWS;
    this.windowTuning = { reach: opts.windowReach, sampleRows: opts.windowSampleRows };
    this.feed = new ChangeFeed(sqlite);
    this.search = new TextSearch(sqlite, opts.searchLimits);
    // One read transaction per call: the revision, the catch-up and every statement see one state.
    this.readTx = <T>(fn: () => T) => (sqlite.inTransaction ? fn() : sqlite.transaction(fn).deferred());
  }

  page(query: ParsedOrderQuery, startRow: number, endRow: number, opts: PageOptions): PageAnswer {
    const deadline = opts.deadlineAt === undefined ? Infinity : performance.now() + (opts.deadlineAt - Date.now());
    const answer = this.readTx(() => {
      const built = buildOrderQuery(query, { ...opts, search: this.search });
      const view = this.view(built);
      // A first count (exact when cached; at most half the time left otherwise): rows choose their path by it.
      // A deep block of a filter counted by reading the table builds a snapshot or a window, whose
      // pass counts every match anyway: a quarter of the time left is enough to choose and place it.
      view.scanCount ??= countScansTable(this.sqlite, view.built);
      const share = view.scanCount && startRow >= this.deepRow ? 4 : 2;
      let count = this.count(view, deadline === Infinity ? Infinity : performance.now() + Math.max(0, deadline - performance.now()) / share);
      // A first block that needs a snapshot or windows built (seconds at millions of orders) is
      // walked along the sort's index until the deadline: what is found by then is answered.
      const first = startRow === 0 && deadline !== Infinity && !(startRow >= count.total && count.exact) ? this.firstBlock(view, count, endRow, deadline) : null;
      const ids = first ? first.ids : startRow >= count.total && count.exact ? [] : this.blockIds(view, count, startRow, endRow);
      if (!count.exact) count = this.count(view, deadline);
      const rows = this.fetch(ids).map((r) => toOrderRow(r, opts.viewAmounts));
      return { rows, total: count.total, totalExact: count.exact, ...(first?.partial ? { partial: true as const } : {}) };
    });
    if (!answer.totalExact) this.schedule();
    return answer;
  }

  /**
   * The first block by walking the sort's index and testing the filter on each entry, stopped at
   * the deadline (after the entries a probe would read anyway): the rows met by then are the
   * block's first ones, in order (`partial` when not all were found). Only when the block would
   * otherwise wait for a snapshot or windows to be built; null leaves the block to the usual path (nothing to build, no index gives the order,
   * or this view was answered partly before: now the full answer is built, past the deadline if
   * need be, and the front keeps it for the caller's next ask).
   */
  private firstBlock(view: View, count: CountAnswer, end: number, deadline: number): { ids: number[]; partial: boolean } | null {
    const { built } = view;
    if (!built.sortIndex || !built.where || view.snapshot || view.windows?.covers(0, end) || this.answeredPartly.has(view)) return null;
    const builds = view.scanCount || (count.total > this.deepRow && this.sortsInMemory(built));
    if (!builds) return null;
    const walk = this.stmt(`SELECT o.rowid, (${built.condition}) FROM orders o INDEXED BY ${built.sortIndex} ${built.orderBy}`).raw();
    const ids: number[] = [];
    let seen = 0;
    for (const [rowid, hit] of walk.iterate(...built.params) as IterableIterator<[number, number | null]>) {
      if (hit) ids.push(rowid);
      if (ids.length === end) return { ids, partial: false }; // leaving the loop resets the statement
      // The first probeRows entries are walked whatever the deadline (milliseconds): the same bound as a probe's.
      if (++seen >= this.probeRows && seen % WALK_CHECK_EVERY === 0 && performance.now() >= deadline) {
        this.answeredPartly.add(view);
        return { ids, partial: true };
      }
    }
    return { ids, partial: false }; // the walk met every match: fewer than a block
  }

  /** What is cached for a query (for tests and diagnostics): its count, snapshot table, anchors. */
  cached(query: ParsedOrderQuery, opts: BuildOptions): { count: CountAnswer | null; positions: string | null; anchors: number; counting: boolean } | null {
    const v = this.views.get(buildOrderQuery(query, { ...opts, search: this.search }).signature);
    if (!v) return null;
    // The temp tables holding positions (a snapshot, or windows of one): the same names = nothing rebuilt.
    const tables = [v.snapshot?.table, ...(v.windows?.tables ?? [])].filter(Boolean);
    return { count: v.count, positions: tables.length ? tables.join(',') : null, anchors: v.walk?.anchorCount ?? 0, counting: !!v.scan };
  }

  /** Resolves once no count is left to finish in the background. */
  async settled(): Promise<void> {
    while (this.background) await new Promise((r) => setTimeout(r, 5));
  }

  /** Drops every cached view (their snapshots' temp tables) and stops background counting. */
  clear(): void {
    for (const v of this.views.values()) v.drop();
    this.views.clear();
    if (this.background) clearTimeout(this.background);
    this.background = null;
  }

  /** The cached view for this query, caught up with the change feed (created when missing). */
  private view(built: BuiltQuery): View {
    const rev = this.feed.rev();
    let v = this.views.get(built.signature);
    if (v) {
      this.views.delete(built.signature); // most recently used last
      // A short search's expansion grew (a new order brought a new trigram): what was cached used the old one.
      if (JSON.stringify(v.built.params) !== JSON.stringify(built.params)) v.reset(built);
      v.catchUp(this.feed, rev);
    } else {
      v = new View(this.sqlite, built, rev);
      while (this.views.size >= MAX_VIEWS) this.evict();
    }
    this.views.set(built.signature, v);
    return v;
  }

  private evict(): void {
    const [sig, oldest] = this.views.entries().next().value!;
    oldest.drop();
    this.views.delete(sig);
  }

  /** The view's count: exact when known; otherwise counted until `until` (performance.now() ms). */
  private count(view: View, until: number): CountAnswer {
    if (view.count?.exact) return view.count;
    if (view.snapshot) return (view.count = { total: view.snapshot.total, exact: true });
    if (view.scanCount === undefined) view.scanCount = countScansTable(this.sqlite, view.built);
    if (!view.scanCount) {
      const { built } = view;
      const total = built.count
        ? (this.stmt(built.count.sql).pluck().get(...built.count.params) as number)
        : (this.stmt(`SELECT count(*) FROM orders o ${built.where}`).pluck().get(...built.params) as number);
      view.count = { total, exact: true };
      return view.count;
    }
    view.scan ??= new RangeCount(this.sqlite, view.built, this.countChunkRows);
    view.scan.runUntil(until);
    view.count = view.scan.answer();
    if (view.count.exact) view.scan = null;
    return view.count;
  }

  /** Counts left unfinished at a deadline go on here, one short step at a time. */
  private schedule(): void {
    if (this.background) return;
    this.background = setTimeout(() => {
      this.background = null;
      const pending = [...this.views.values()].reverse().find((v) => v.scan);
      if (!pending || !this.sqlite.open) return;
      this.readTx(() => {
        pending.catchUp(this.feed, this.feed.rev());
        if (pending.scan) this.count(pending, performance.now() + STEP_MS);
      });
      this.schedule();
    }, 0);
    this.background.unref();
  }

  private blockIds(view: View, count: CountAnswer, start: number, end: number): number[] {
    const { built } = view;
    if (view.snapshot) return view.snapshot.rowids(start, end);
    if (!built.where && built.sortKey) {
      if (end <= this.deepRow) return this.offsetIds(built, start, end);
      view.walk ??= new AnchorWalk(this.sqlite, built.sortKey.expr, built.sortKey.dir, AnchorWalk.count(this.sqlite, built.sortKey.expr), this.anchorStep);
      return view.walk.ids(start, end);
    }
    const total = count.total;
    if (total <= this.deepRow) {
      // Few matches: SQLite finds and sorts them quickly, but would do it again for every
      // block; when that means a table scan or a sort of thousands, one snapshot serves them
      // all (from the second block on when the first is cheap by itself: a search's matches).
      const first = view.blocks++ === 0;
      if (view.scanCount || (total > SMALL_RESULT && this.sortsInMemory(built) && !(first && built.searches))) return this.snapshot(view).rowids(start, end);
      // A search's few matches: looked up through the search index, then sorted; past a few
      // thousand, walking the sort's index meets the first hundred sooner than the lookups end.
      if (!built.searches) return this.offsetIds(built, start, end);
      return this.offsetIds(built, start, end, total <= SEARCH_LOOKUPS ? 'lookup' : 'walk');
    }
    if (view.windows?.covers(start, end)) return view.windows.rowids(start, end, count);
    const sorts = this.sortsInMemory(built);
    if (!sorts && end <= this.deepRow) return this.offsetIds(built, start, end);
    if (sorts && end <= this.deepRow && built.sortIndex) {
      const probed = this.probe(built, built.sortIndex, total, start, end);
      if (probed) return probed;
    }
    // An index gives the filter and the order: the snapshot is one walk of it.
    if (!sorts && !view.scanCount) return this.snapshot(view).rowids(start, end);
    // Millions of matches that would all have to be sorted (or found by a table scan):
    // a window of the sorted matches around the block, placed by sampling (windows.ts).
    const windows = view.sortWindows(this.windowTuning);
    const ids = windows.rowids(start, end, count);
    // The pass that placed a window counted every match: the count is exact now, and a count
    // still going on (a filter no index serves) need not read the table again.
    const counted = windows.takeCount();
    if (counted !== null) {
      view.count = { total: counted, exact: true };
      view.scan = null;
    }
    return ids;
  }

  private snapshot(view: View) {
    const snap = view.buildSnapshot();
    view.count = { total: snap.total, exact: true };
    view.scan = null;
    const holders = [...this.views.values()].filter((v) => v.snapshot);
    for (const v of holders.slice(0, Math.max(0, holders.length - MAX_SNAPSHOTS))) if (v !== view) v.dropSnapshot();
    return snap;
  }

  /**
   * Ids by OFFSET: index-only when an index gives the order (the id-only select is covered).
   * 'lookup': find the matches by the filter, then sort; 'walk': along the sort's index, testing each.
   */
  private offsetIds(built: BuiltQuery, start: number, end: number, how?: 'lookup' | 'walk'): number[] {
    const from = how === 'walk' && built.sortIndex ? `orders o INDEXED BY ${built.sortIndex}` : 'orders o';
    return this.stmt(`SELECT o.rowid FROM ${from} ${built.where} ${how === 'lookup' ? built.orderByUnindexed : built.orderBy} LIMIT ? OFFSET ?`)
      .pluck()
      .all(...built.params, end - start, start) as number[];
  }

  /**
   * A broad filter under a sort SQLite would do in memory (e.g. one platform, newest first):
   * walk the sort's own index and test the filter row by row, stopping once the block is full.
   * Gives up (null) after PROBE_ROWS index entries, when matches are too rare or clustered
   * elsewhere; the caller then sorts (snapshot). The order is the index's, so the block is exact.
   */
  private probe(built: BuiltQuery, index: string, total: number, start: number, end: number): number[] | null {
    // Expected walk if matches were spread evenly (max(rowid) ≈ table size, one seek).
    const rows = (this.stmt('SELECT max(rowid) FROM orders').pluck().get() as number | null) ?? 0;
    if ((end * rows) / total > PROBE_ROWS / 4) return null;
    const walk = this.stmt(`SELECT o.rowid, (${built.condition}) FROM orders o INDEXED BY ${index} ${built.orderBy}`).raw();
    const ids: number[] = [];
    let matched = 0;
    let scanned = 0;
    for (const [rowid, hit] of walk.iterate(...built.params) as IterableIterator<[number, number | null]>) {
      if (++scanned > this.probeRows) return null; // leaving the loop resets the statement
      if (!hit) continue;
      if (matched++ >= start) ids.push(rowid);
      if (ids.length === end - start) break;
    }
    return ids;
  }

  /** The grid rows for these rowids, in the same order. */
  private fetch(ids: number[]): Record<string, unknown>[] {
    if (!ids.length) return [];
    return this.stmt(`SELECT ${ROW_SELECT} FROM json_each(?) p JOIN orders o ON o.rowid = p.value ${ROW_JOINS} ORDER BY p.key`)
      .all(JSON.stringify(ids)) as Record<string, unknown>[];
  }

  /** Prepared statements by SQL text (the text holds only whitelisted expressions and ? marks). */
  private stmt(sql: string): Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.sqlite.prepare(sql);
      this.statements.set(sql, st);
      if (this.statements.size > 200) this.statements.delete(this.statements.keys().next().value!);
    }
    return st;
  }

  /** True when SQLite would sort every matching row for each block (no index gives this order). */
  private sortsInMemory(built: BuiltQuery): boolean {
    let v = this.plans.get(built.signature);
    if (!v) {
      const plan = this.sqlite
        .prepare(`EXPLAIN QUERY PLAN SELECT o.rowid FROM orders o ${built.where} ${built.orderBy} LIMIT 1`)
        .all(...built.params) as { detail: string }[];
      v = { sortsInMemory: plan.some((p) => p.detail === 'USE TEMP B-TREE FOR ORDER BY') };
      this.plans.set(built.signature, v);
      if (this.plans.size > 64) this.plans.delete(this.plans.keys().next().value!);
    }
    return v.sortsInMemory;
  }
}
