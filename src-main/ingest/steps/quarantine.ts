import { uuidv7 } from '../../kernel/ids';
import type { Sqlite } from '../../db';

export interface QuarantineEntry {
  id: string;
  channelId: string;
  platformOrderId: string | null;
  payload: string;
  field: string;
  value: string;
  reason: string;
  receivedAt: number;
  resolvedAt: number | null;
  attempts: number;
}

/**
 * Local quarantine: a payload that could not become an order is kept verbatim with the
 * field, value and reason; the rest of its page proceeds. The same payload fetched again
 * (overlapping windows, re-polls) counts an attempt instead of a new row.
 */
export class Quarantine {
  private readonly findSame;
  private readonly bump;
  private readonly insert;
  private readonly resolveByOrder;
  private readonly resolveById;
  private readonly listStmt;
  private readonly openStmt;

  constructor(sqlite: Sqlite) {
    this.findSame = sqlite.prepare(
      'SELECT id FROM channel_quarantine WHERE channel_id = ? AND resolved_at IS NULL AND platform_order_id IS ? AND payload = ? LIMIT 1',
    ).pluck();
    this.bump = sqlite.prepare('UPDATE channel_quarantine SET attempts = attempts + 1, field = ?, value = ?, reason = ? WHERE id = ?');
    this.insert = sqlite.prepare(
      `INSERT INTO channel_quarantine (id, channel_id, platform_order_id, payload, field, value, reason, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.resolveByOrder = sqlite.prepare(
      'UPDATE channel_quarantine SET resolved_at = ? WHERE channel_id = ? AND platform_order_id = ? AND resolved_at IS NULL',
    );
    this.resolveById = sqlite.prepare('UPDATE channel_quarantine SET resolved_at = ? WHERE id = ?');
    const cols = `id, channel_id AS channelId, platform_order_id AS platformOrderId, payload, field, value, reason,
      received_at AS receivedAt, resolved_at AS resolvedAt, attempts`;
    this.listStmt = sqlite.prepare(
      `SELECT ${cols} FROM channel_quarantine WHERE channel_id = ? AND (? = 1 OR resolved_at IS NULL) ORDER BY received_at DESC LIMIT ?`,
    );
    this.openStmt = sqlite.prepare(`SELECT ${cols} FROM channel_quarantine WHERE channel_id = ? AND resolved_at IS NULL ORDER BY received_at`);
  }

  /** Call inside the page's transaction. */
  keep(channelId: string, platformOrderId: string | null, payload: string, why: { field: string; value: string; reason: string }, now: number): void {
    const value = why.value.length > 500 ? `${why.value.slice(0, 500)}…` : why.value;
    const same = this.findSame.get(channelId, platformOrderId, payload) as string | undefined;
    if (same) this.bump.run(why.field, value, why.reason, same);
    else this.insert.run(uuidv7(), channelId, platformOrderId, payload, why.field, value, why.reason, now);
  }

  /** A good version of the order arrived: its earlier bad payloads are settled. */
  resolveOrder(channelId: string, platformOrderId: string, now: number): void {
    this.resolveByOrder.run(now, channelId, platformOrderId);
  }

  resolve(id: string, now: number): void {
    this.resolveById.run(now, id);
  }

  list(channelId: string, includeResolved: boolean, limit = 500): QuarantineEntry[] {
    return this.listStmt.all(channelId, includeResolved ? 1 : 0, limit) as QuarantineEntry[];
  }

  open(channelId: string): QuarantineEntry[] {
    return this.openStmt.all(channelId) as QuarantineEntry[];
  }
}
