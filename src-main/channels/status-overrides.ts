import type { StatusOverrideView } from '../../src-shared/contract/channels';
import type { PlatformPhase } from '../../src-shared/orders';
import type { Database, WriteContext } from '../db';
import type { FetchedOrder } from './connector';

/**
 * The workspace's own additions to the status dictionaries (status_overrides, synced): a word
 * resources/status/<platform>.json does not know, mapped by a person on the channel screen, counts
 * for every shop of that platform on every PC. Applied where the dictionary said "unknown" —
 * after the connector normalised the order and before ingestion — never over a word the file maps.
 */
export class StatusOverrides {
  private readonly one;
  private readonly all;
  private readonly forgetUnmapped;
  private readonly newlyMapped;

  constructor(private readonly db: Database) {
    this.one = db.sqlite.prepare('SELECT standard FROM status_overrides WHERE platform = ? AND platform_status = ?').pluck();
    this.all = db.sqlite.prepare(
      `SELECT platform, platform_status AS platformStatus, standard, zh, updated_at AS updatedAt FROM status_overrides
       WHERE platform = ? ORDER BY platform_status`,
    );
    this.forgetUnmapped = db.sqlite.prepare(
      `DELETE FROM channel_unmapped WHERE platform_status = ? AND channel_id IN (SELECT id FROM channels WHERE kind = ?)`,
    );
    this.newlyMapped = db.sqlite.prepare(
      `SELECT u.platform_status FROM channel_unmapped u JOIN status_overrides s ON s.platform = ? AND s.platform_status = u.platform_status
       WHERE u.channel_id = ?`,
    ).pluck();
  }

  /**
   * Words this PC met on the shop that have been mapped since (on another PC: the override came
   * with sync): the poller re-processes the orders held for them, then forgets the words.
   */
  mappedSince(platform: string, channelId: string): string[] {
    return this.newlyMapped.all(platform, channelId) as string[];
  }

  forget(platform: string, words: readonly string[]): void {
    for (const w of words) this.forgetUnmapped.run(w, platform);
  }

  map(platform: string, word: string): PlatformPhase | null {
    return (this.one.get(platform, word) as PlatformPhase | undefined) ?? null;
  }

  /** Orders the dictionary could not place get the workspace's word for it, if there is one. */
  apply(platform: string, items: readonly FetchedOrder[]): FetchedOrder[] {
    return items.map((item) => {
      if (!item.result.ok || item.result.order.phase !== null) return item;
      const mapped = this.map(platform, item.result.order.platformStatus);
      return mapped ? { ...item, result: { ok: true, order: { ...item.result.order, phase: mapped } } } : item;
    });
  }

  list(platform: string): StatusOverrideView[] {
    return this.all.all(platform) as StatusOverrideView[];
  }

  /** Written through the write path (audited, synced); the word stops being listed as unmapped on this PC. */
  set(ctx: WriteContext, platform: string, word: string, standard: PlatformPhase, zh: string, now = Date.now()): StatusOverrideView {
    const id = `${platform}:${word}`;
    this.db.writes.run(ctx, (tx) => {
      const exists = this.db.sqlite.prepare('SELECT 1 FROM status_overrides WHERE id = ?').get(id);
      if (exists) tx.update('status_overrides', id, { standard, zh, updatedAt: now });
      else tx.insert('status_overrides', { id, platform, platformStatus: word, standard, zh, createdBy: ctx.actor.id, createdAt: now, updatedAt: now });
      this.forgetUnmapped.run(word, platform);
    });
    return { platform, platformStatus: word, standard, zh, updatedAt: now };
  }
}
