import { requireUser, type Handlers } from '../kernel/call';
import type { Database } from '../db';
import type { EventSink } from '../kernel/events';
import { FacetsCache } from './facets';
import { OrdersPager } from './query/pager';
import { matchingIds } from './query/matching';

/** How long a grid call may take when the caller set no deadline: a count past it comes back as an estimate. */
const DEFAULT_DEADLINE_MS = 1000;

/**
 * Tuning read once from the environment, for tests and benchmarks: ORDERHUB_GRID_DEADLINE_MS
 * (the deadline when the call has none), ORDERHUB_GRID_COUNT_CHUNK_ROWS (rows per step of a
 * table-scan count), ORDERHUB_GRID_DEEP_ROW (where blocks stop being read by OFFSET) and
 * ORDERHUB_GRID_PROBE_ROWS (index entries walked before a first block looks at the deadline): small
 * values make a few thousand orders behave like millions (estimates, windows).
 */
export function gridTuning(env: Record<string, string | undefined> = process.env): { deadlineMs: number; countChunkRows?: number; deepRow?: number; probeRows?: number } {
  const n = (v: string | undefined) => (v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);
  return {
    deadlineMs: n(env.ORDERHUB_GRID_DEADLINE_MS) ?? DEFAULT_DEADLINE_MS,
    countChunkRows: n(env.ORDERHUB_GRID_COUNT_CHUNK_ROWS),
    deepRow: n(env.ORDERHUB_GRID_DEEP_ROW),
    probeRows: n(env.ORDERHUB_GRID_PROBE_ROWS),
  };
}

/** The orders grid: blocks of rows for AG Grid's infinite model, and the pick-list values. */
export function ordersHandlers({ db, events, tuning = gridTuning() }: { db: Database; events?: EventSink; tuning?: ReturnType<typeof gridTuning> }): Pick<Handlers, 'orders.page' | 'orders.facets' | 'orders.matchingIds'> {
  const pager = new OrdersPager(db.sqlite, { countChunkRows: tuning.countChunkRows, deepRow: tuning.deepRow, probeRows: tuning.probeRows });
  const facets = new FacetsCache(db.sqlite, () => events?.emit('orders.facetsReady', {}));
  // The grid answers within its own budget, and never after the caller's deadline (the core's front sets one per read).
  const deadline = (at: number | undefined) => Math.min(at ?? Infinity, Date.now() + tuning.deadlineMs);
  return {
    'orders.page': (input, ctx) => {
      const user = requireUser(ctx);
      const { startRow, endRow, ...query } = input;
      return pager.page(query, startRow, endRow, {
        viewAmounts: user.permissions.includes('orders.viewAmounts'), say: ctx.say, deadlineAt: deadline(ctx.deadlineAt),
      });
    },
    'orders.facets': (_input, ctx) => facets.get(deadline(ctx.deadlineAt)),
    'orders.matchingIds': (input, ctx) => {
      const user = requireUser(ctx);
      return matchingIds(db.sqlite, input, { viewAmounts: user.permissions.includes('orders.viewAmounts'), say: ctx.say });
    },
  };
}
