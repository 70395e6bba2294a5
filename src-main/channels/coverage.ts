import { formatInZone } from '../../src-shared/time';
import type { Sqlite } from '../db';

export interface CoverageWindow {
  id: number;
  day: string;
  windowFrom: number;
  windowTo: number;
  fetchedAt: number;
  ordersSeen: number;
  platformTotal: number | null;
  status: 'ok' | 'gap' | 'refetched';
  note: string | null;
}

/** A stretch of time not proven fetched: a hole between windows, or a window whose counts disagree. */
export interface CoverageGap {
  from: number;
  to: number;
  /** The ledger row to settle when re-fetched (count mismatch), or null for a hole. */
  rowId: number | null;
  why: 'hole' | 'count_mismatch';
}

/**
 * The coverage ledger: per channel and day, which windows were fetched and committed,
 * how many distinct orders we saw and what the platform said. Written inside the page
 * transaction that completes the window, so it never claims more than what committed.
 */
export class CoverageLedger {
  private readonly insert;
  private readonly settle;
  private readonly rows;
  private readonly gapRows;
  private readonly earliest;

  constructor(sqlite: Sqlite, private readonly zone: string) {
    this.insert = sqlite.prepare(
      `INSERT INTO channel_coverage (channel_id, day, window_from, window_to, fetched_at, orders_seen, platform_total, status, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.settle = sqlite.prepare(`UPDATE channel_coverage SET status = 'refetched' WHERE id = ? AND status = 'gap'`);
    this.rows = sqlite.prepare(
      `SELECT id, day, window_from AS windowFrom, window_to AS windowTo, fetched_at AS fetchedAt, orders_seen AS ordersSeen,
        platform_total AS platformTotal, status, note
       FROM channel_coverage WHERE channel_id = ? AND window_to > ? AND window_from < ? ORDER BY window_from, id`,
    );
    this.earliest = sqlite.prepare('SELECT MIN(window_from) FROM channel_coverage WHERE channel_id = ?').pluck();
    this.gapRows = sqlite.prepare(
      `SELECT id, window_from AS windowFrom, window_to AS windowTo FROM channel_coverage
       WHERE channel_id = ? AND status = 'gap' ORDER BY window_from LIMIT ?`,
    );
  }

  /** Call inside the transaction of the window's last page. Returns the row's status. */
  record(channelId: string, w: { from: number; to: number }, seen: number, platformTotal: number | undefined, now: number, settles: number | null): 'ok' | 'gap' {
    const mismatch = platformTotal !== undefined && seen < platformTotal;
    const status = mismatch ? 'gap' : 'ok';
    const note = mismatch ? `platform reported ${platformTotal}, we saw ${seen}` : null;
    this.insert.run(channelId, formatInZone(w.from, this.zone).slice(0, 10), w.from, w.to, now, seen, platformTotal ?? null, status, note);
    if (settles !== null) this.settle.run(settles);
    return status;
  }

  windows(channelId: string, from: number, to: number): CoverageWindow[] {
    return this.rows.all(channelId, from, to) as CoverageWindow[];
  }

  /**
   * Gaps between `start` and `cursor`: holes no committed window covers, and windows whose
   * platform total exceeded the orders we saw. Oldest first.
   */
  gaps(channelId: string, start: number, cursor: number, limit = 50, origin = start): CoverageGap[] {
    const out: CoverageGap[] = [];
    // Before the first window ever fetched (backfillFrom moved earlier): one hole, however old.
    const first = this.earliest.get(channelId) as number | null;
    if (first !== null && origin < first && origin < start) out.push({ from: origin, to: Math.min(first, start), rowId: null, why: 'hole' });
    for (const r of this.gapRows.all(channelId, limit) as { id: number; windowFrom: number; windowTo: number }[]) {
      out.push({ from: r.windowFrom, to: r.windowTo, rowId: r.id, why: 'count_mismatch' });
    }
    let reach = start;
    for (const w of this.windows(channelId, start, cursor)) {
      if (w.windowFrom > reach) out.push({ from: reach, to: Math.min(w.windowFrom, cursor), rowId: null, why: 'hole' });
      reach = Math.max(reach, w.windowTo);
      if (out.length >= limit) break;
    }
    if (reach < cursor && out.length < limit) out.push({ from: reach, to: cursor, rowId: null, why: 'hole' });
    return out.sort((a, b) => a.from - b.from).slice(0, limit);
  }
}
