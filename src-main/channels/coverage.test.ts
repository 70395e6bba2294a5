import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CoverageLedger } from './coverage';

function ledger() {
  const sqlite = new Database(':memory:');
  sqlite.exec(`CREATE TABLE channel_coverage (id INTEGER PRIMARY KEY AUTOINCREMENT, channel_id TEXT NOT NULL, day TEXT NOT NULL,
    window_from INTEGER NOT NULL, window_to INTEGER NOT NULL, fetched_at INTEGER NOT NULL, orders_seen INTEGER NOT NULL,
    platform_total INTEGER, status TEXT NOT NULL, note TEXT)`);
  return new CoverageLedger(sqlite, 'Asia/Shanghai');
}
const H = 3600_000;
const T = Date.UTC(2026, 10, 20, 0, 0, 0);

describe('coverage ledger', () => {
  it('finds holes between committed windows, count mismatches, and settles a re-fetched gap', () => {
    const l = ledger();
    l.record('c', { from: T, to: T + H }, 10, 10, T, null);
    l.record('c', { from: T + H - 60_000, to: T + 2 * H }, 5, 7, T, null); // platform said 7, we saw 5
    l.record('c', { from: T + 3 * H, to: T + 4 * H }, 1, undefined, T, null);
    const gaps = l.gaps('c', T, T + 5 * H);
    expect(gaps).toEqual([
      { from: T + H - 60_000, to: T + 2 * H, rowId: 2, why: 'count_mismatch' },
      { from: T + 2 * H, to: T + 3 * H, rowId: null, why: 'hole' },
      { from: T + 4 * H, to: T + 5 * H, rowId: null, why: 'hole' },
    ]);
    l.record('c', { from: T + H - 60_000, to: T + 2 * H }, 7, 7, T + H, 2);
    l.record('c', { from: T + 2 * H, to: T + 3 * H }, 0, 0, T + H, null);
    expect(l.gaps('c', T, T + 4 * H)).toEqual([]);
    expect(l.windows('c', T, T + 4 * H).map((w) => w.status)).toEqual(['ok', 'refetched', 'ok', 'ok', 'ok']);
  });

  it('reports the stretch before the first window when the backfill start moved earlier', () => {
    const l = ledger();
    l.record('c', { from: T, to: T + H }, 1, 1, T, null);
    expect(l.gaps('c', T, T + H, 50, T - 5 * H)).toEqual([{ from: T - 5 * H, to: T, rowId: null, why: 'hole' }]);
  });

  it('files windows under their workspace-zone day', () => {
    const l = ledger();
    l.record('c', { from: Date.UTC(2026, 10, 20, 16, 30), to: Date.UTC(2026, 10, 20, 17) }, 0, 0, T, null); // 00:30 in Shanghai
    expect(l.windows('c', 0, Date.UTC(2027, 0, 1))[0]!.day).toBe('2026-11-21');
  });
});
