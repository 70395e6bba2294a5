import type { Sqlite } from '../db';

export interface ChannelState {
  channelId: string;
  cursorAt: number | null;
  backfillFrom: number | null;
  state: 'active' | 'reauth' | 'error';
  lastSuccessAt: number | null;
  lastErrorAt: number | null;
  lastError: string | null;
  failures: number;
  nextPollAt: number | null;
  windowFrom: number | null;
  windowTo: number | null;
}

/** Local poller state per channel (table channel_state); cursor writes happen inside page transactions. */
export class ChannelStateStore {
  private readonly getStmt;
  private readonly insertStmt;
  private readonly advanceStmt;
  private readonly progressStmt;
  private readonly okStmt;
  private readonly failStmt;
  private readonly resetStmt;
  private readonly backfillStmt;

  constructor(sqlite: Sqlite) {
    this.getStmt = sqlite.prepare(
      `SELECT channel_id AS channelId, cursor_at AS cursorAt, backfill_from AS backfillFrom, state, last_success_at AS lastSuccessAt,
        last_error_at AS lastErrorAt, last_error AS lastError, failures, next_poll_at AS nextPollAt,
        window_from AS windowFrom, window_to AS windowTo
       FROM channel_state WHERE channel_id = ?`,
    );
    this.insertStmt = sqlite.prepare('INSERT OR IGNORE INTO channel_state (channel_id, backfill_from) VALUES (?, ?)');
    // The cursor never moves back: a gap re-fetch or a late page cannot rewind it.
    this.advanceStmt = sqlite.prepare('UPDATE channel_state SET cursor_at = MAX(COALESCE(cursor_at, 0), ?) WHERE channel_id = ?');
    this.progressStmt = sqlite.prepare('UPDATE channel_state SET window_from = ?, window_to = ? WHERE channel_id = ?');
    this.okStmt = sqlite.prepare(
      `UPDATE channel_state SET state = 'active', last_success_at = ?, failures = 0, next_poll_at = ?, window_from = NULL, window_to = NULL
       WHERE channel_id = ?`,
    );
    this.failStmt = sqlite.prepare(
      `UPDATE channel_state SET state = ?, last_error_at = ?, last_error = ?, failures = failures + 1, next_poll_at = ?,
        window_from = NULL, window_to = NULL WHERE channel_id = ?`,
    );
    this.resetStmt = sqlite.prepare(`UPDATE channel_state SET state = 'active', failures = 0, next_poll_at = NULL WHERE channel_id = ?`);
    this.backfillStmt = sqlite.prepare('UPDATE channel_state SET backfill_from = ? WHERE channel_id = ? AND (backfill_from IS NULL OR backfill_from > ?)');
  }

  get(channelId: string): ChannelState {
    return (this.getStmt.get(channelId) as ChannelState | undefined) ?? {
      channelId, cursorAt: null, backfillFrom: null, state: 'active', lastSuccessAt: null, lastErrorAt: null, lastError: null,
      failures: 0, nextPollAt: null, windowFrom: null, windowTo: null,
    };
  }

  /** Creates the row on the first poll; an earlier backfillFrom set later widens the range (the gap is fetched). */
  ensure(channelId: string, backfillFrom: number): ChannelState {
    this.insertStmt.run(channelId, backfillFrom);
    this.backfillStmt.run(backfillFrom, channelId, backfillFrom);
    return this.get(channelId);
  }

  advance(channelId: string, cursorAt: number): void {
    this.advanceStmt.run(cursorAt, channelId);
  }

  progress(channelId: string, from: number | null, to: number | null): void {
    this.progressStmt.run(from, to, channelId);
  }

  succeeded(channelId: string, at: number, nextPollAt: number): void {
    this.okStmt.run(at, nextPollAt, channelId);
  }

  failed(channelId: string, at: number, words: string, state: 'reauth' | 'error', nextPollAt: number | null): void {
    this.failStmt.run(state, at, words, nextPollAt, channelId);
  }

  /** After new credentials or a resume: poll again at once. */
  reset(channelId: string): void {
    this.resetStmt.run(channelId);
  }
}
