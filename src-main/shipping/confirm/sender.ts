import type { Carrier } from '../../../src-shared/shipping';
import { ConnectorError, type ConnectorContext } from '../../channels/connector';
import type { ChannelRecord, ChannelStore } from '../../channels/channel-store';
import { isDemo } from '../../channels/demo-feed';
import type { Database, WriteTx } from '../../db';
import type { Clock } from '../../kernel/clock';
import type { Logger } from '../../log';
import { confirmerFor } from './registry';
import type { ConfirmAnswer, Confirmer } from './types';

interface Due {
  id: string;
  orderId: string;
  channelId: string;
  platformOrderId: string;
  trackingNo: string;
  carrier: Carrier;
  platformLineIdsJson: string | null;
  lineQtyJson: string | null;
  attempts: number;
  laterParcel: 0 | 1;
}

/** Retries wait 30 s, 1, 2, 4 … minutes, at most an hour; a rate limit waits what the shop says. */
export function confirmBackoff(attempts: number, retryAfterMs?: number, baseMs = 30_000): number {
  const exp = Math.min(60 * 60_000, baseMs * 2 ** Math.min(Math.max(0, attempts - 1), 12));
  return Math.max(exp, retryAfterMs ?? 0);
}

/** Answers written together (one commit per this many shop calls at most). */
const RECORD_EVERY = 50;

/** Sends answered with an undocumented error code before the row ends refused (the shop's words shown). */
export const UNKNOWN_TRIES = 4;

interface RoundShops {
  records: Map<string, ChannelRecord | null>;
  contexts: Map<string, ConnectorContext>;
}

const SYSTEM = { actor: { id: null, name: 'system' }, call: 'shipping.confirm' } as const;

/**
 * 发货回传's sender: the outbox `shipment_confirmations`, worked by the PC that polls the shop
 * (it holds the shop's secrets; the same gate as the poller). Exactly once at the shop:
 * - a row is sent until the shop says yes, or refuses;
 * - a crash after the shop's yes and before our record (or a second PC taking the shop over before
 *   the record synced) sends again: the shop answers "already shipped", and the sender reads the
 *   shop's tracking numbers back — ours there = confirmed (`found`), another = refused, never
 *   overwritten (no "modify" call is ever made);
 * - failures wait with backoff and show on the order (attempts, the error) and the warehouse home.
 */
export class ConfirmSender {
  private readonly due;
  private readonly record;
  /** Told (in the same transaction) when a confirmation ends refused: the exception detectors look at the order. */
  afterChange: ((tx: WriteTx, orderIds: string[]) => void) | null = null;
  /** Told after a failure, a refusal, or a success after failures: the shop's health (channels.health) changed. */
  onShopHealth: ((channelId: string) => void) | null = null;
  private running: Promise<number> | null = null;
  /** Answers heard and not yet written (recordAnswers). */
  private readonly answers: { id: string; orderId: string; channelId: string; refused: boolean; health: boolean; fields: Record<string, unknown> }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly deps: {
      db: Database;
      store: Pick<ChannelStore, 'get' | 'credentials'>;
      gate: (ch: ChannelRecord) => boolean;
      clock: Clock;
      log: Logger;
      fetch?: typeof fetch;
      confirmerFor?: (kind: ChannelRecord['kind']) => Confirmer | null;
      /** Rows per round (one shop call each, in order). */
      batch?: number;
      tickMs?: number;
      /** The first retry's wait (default 30 s); crash tests shorten it. */
      retryBaseMs?: number;
    },
  ) {
    const { sqlite } = deps.db;
    // An order's parcels go in the order they were scanned: a later one waits while an earlier one
    // is pending (PDD's first parcel is the order's main number, the next ones extra parcels).
    const earlier = `FROM shipment_confirmations e WHERE e.order_id = c.order_id AND (e.created_at < c.created_at OR (e.created_at = c.created_at AND e.id < c.id))`;
    this.due = sqlite.prepare(
      `SELECT id, order_id AS orderId, channel_id AS channelId, platform_order_id AS platformOrderId, tracking_no AS trackingNo, carrier,
         platform_line_ids_json AS platformLineIdsJson, attempts,
         CASE WHEN platform_line_ids_json IS NULL THEN NULL ELSE (SELECT json_group_object(coalesce(l.platform_line_id, l.id), sl.qty)
           FROM shipment_lines sl JOIN order_lines l ON l.id = sl.order_line_id WHERE sl.shipment_id = c.shipment_id) END AS lineQtyJson, EXISTS (SELECT 1 ${earlier} AND e.state = 'confirmed') AS laterParcel
       FROM shipment_confirmations c WHERE state = 'pending' AND next_attempt_at <= ?
         AND NOT EXISTS (SELECT 1 ${earlier} AND e.state = 'pending')
       ORDER BY next_attempt_at, id LIMIT ?`,
    );
    this.record = sqlite.prepare('SELECT state FROM shipment_confirmations WHERE id = ?').pluck();
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** A shipment was queued: send soon (coalesced). */
  wake(): void {
    if (!this.stopped) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runOnce().finally(() => {
        if (!this.stopped) this.schedule(this.again ? 0 : this.deps.tickMs ?? 15_000);
      });
    }, ms);
    this.timer.unref?.();
  }

  /** One round: every due row of the shops this PC polls (one at a time). Returns how many were answered. */
  runOnce(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<number> {
    const batch = this.deps.batch ?? 200;
    const rows = this.due.all(this.deps.clock.now(), batch) as Due[];
    this.again = rows.length === batch;
    let answered = 0;
    const skip = new Set<string>();
    // A shop read and its secrets unsealed once a round, not once a shipment.
    const shops: RoundShops = { records: new Map(), contexts: new Map() };
    try {
      for (const row of rows) {
        if (skip.has(row.channelId)) continue;
        let outcome: Awaited<ReturnType<ConfirmSender['sendOne']>>;
        try {
          outcome = await this.sendOne(row, shops);
        } catch (e) {
          // Our own trouble (the database closed under us, a bug): stop the round, the row stays due.
          this.deps.log.error('shipment confirmation round stopped', e);
          break;
        }
        if (outcome === 'skip_shop') skip.add(row.channelId);
        else answered += 1;
        if (this.answers.length >= RECORD_EVERY) this.recordAnswers();
      }
    } finally {
      this.recordAnswers();
    }
    return answered;
  }

  /**
   * The answers heard so far, in one write (one commit's fsync for many shop calls). A crash before
   * it only means a resend, which the shop answers "already" and the read-back confirms as found.
   */
  private recordAnswers(): void {
    if (!this.answers.length) return;
    const answers = this.answers.splice(0);
    this.deps.db.writes.run(SYSTEM, (tx) => {
      const refused: string[] = [];
      for (const a of answers) {
        if (this.record.get(a.id) !== 'pending') continue; // recorded meanwhile (synced from another PC)
        tx.update('shipment_confirmations', a.id, a.fields);
        if (a.refused) refused.push(a.orderId);
      }
      if (refused.length) this.afterChange?.(tx, refused);
    });
    for (const channelId of new Set(answers.filter((a) => a.health).map((a) => a.channelId))) this.onShopHealth?.(channelId);
  }

  private async sendOne(row: Due, shops: RoundShops): Promise<'done' | 'retry' | 'skip_shop'> {
    if (!shops.records.has(row.channelId)) shops.records.set(row.channelId, this.deps.store.get(row.channelId) ?? null);
    const ch = shops.records.get(row.channelId);
    if (!ch) return this.finish(row, { state: 'refused', code: 'shop_missing', params: { channelId: row.channelId } });
    if (!this.deps.gate(ch)) return 'skip_shop'; // another PC polls (and confirms for) this shop
    if (isDemo(ch)) return this.finish(row, { state: 'unsupported', code: 'demo_shop', params: { shop: ch.name } });
    const confirmer = (this.deps.confirmerFor ?? confirmerFor)(ch.kind);
    if (!confirmer) return this.finish(row, { state: 'unsupported', code: 'platform_not_built', params: { platform: ch.kind } });
    if (!confirmer.carrierCode(row.carrier)) return this.finish(row, { state: 'refused', code: 'carrier_not_mapped', params: { carrier: row.carrier, platform: ch.kind } });
    let ctx: ConnectorContext;
    try {
      ctx = shops.contexts.get(ch.id) ?? (() => {
        const { endpoint, credentials } = this.deps.store.credentials(ch.id);
        const made = { endpoint, credentials, fetch: this.deps.fetch ?? fetch, now: () => this.deps.clock.now() };
        shops.contexts.set(ch.id, made);
        return made;
      })();
    } catch (e) {
      return this.retry(row, e, 30 * 60_000, true);
    }
    const c = {
      platformOrderId: row.platformOrderId, trackingNo: row.trackingNo, carrier: row.carrier,
      platformLineIds: row.platformLineIdsJson ? (JSON.parse(row.platformLineIdsJson) as string[]) : null, laterParcel: row.laterParcel === 1,
      lineQty: row.lineQtyJson ? (JSON.parse(row.lineQtyJson) as Record<string, number>) : {},
    };
    let answer: ConfirmAnswer;
    try {
      answer = await confirmer.send(ctx, c);
      if (answer.kind === 'already') {
        // Ours already (a resend after a crash or a take-over), or someone shipped it with another number.
        const theirs = await confirmer.trackingNumbers(ctx, row.platformOrderId);
        if (theirs.includes(row.trackingNo.toUpperCase())) return this.finish(row, { state: 'confirmed', by: 'found' });
        // "Already shipped or closed" with no parcel there: closed (refunded) — the shop's refusal in its words.
        if (!theirs.length) return this.finish(row, { state: 'refused', code: 'shop_refused', params: { platformCode: answer.platformCode, message: answer.message } });
        return this.finish(row, { state: 'refused', code: 'shipped_other_number', params: { theirs: theirs.join(', '), ours: row.trackingNo, platformCode: answer.platformCode, message: answer.message } });
      }
    } catch (e) {
      if (e instanceof ConnectorError && (e.kind === 'auth' || e.kind === 'refused')) return this.retry(row, e, 30 * 60_000, true);
      // A code nobody documented: a few tries, then a person looks at the shop's words.
      if (e instanceof ConnectorError && e.kind === 'unknown' && row.attempts + 1 >= UNKNOWN_TRIES) {
        return this.finish(row, { state: 'refused', code: 'shop_refused', params: { platformCode: e.detail.platformCode ?? '', message: e.message } });
      }
      // A rate limit: nothing more to this shop this round (its other rows keep their turn).
      const limited = e instanceof ConnectorError && e.kind === 'rate_limited';
      return this.retry(row, e, e instanceof ConnectorError ? e.detail.retryAfterMs : undefined, limited);
    }
    if (answer.kind === 'ok') return this.finish(row, { state: 'confirmed', by: 'sent' });
    if (answer.kind === 'unsupported') return this.finish(row, { state: 'unsupported', code: answer.code, params: answer.params });
    return this.finish(row, { state: 'refused', code: answer.code ?? 'shop_refused', params: { platformCode: answer.platformCode, message: answer.message, ...answer.params } });
  }

  private finish(
    row: Due,
    r: { state: 'confirmed'; by: 'sent' | 'found' } | { state: 'refused' | 'unsupported'; code: string; params: Record<string, unknown> },
  ): 'done' {
    const now = this.deps.clock.now();
    this.answers.push({
      id: row.id, orderId: row.orderId, channelId: row.channelId, refused: r.state === 'refused', health: r.state !== 'confirmed' || row.attempts > 0,
      fields: r.state === 'confirmed'
        ? { state: 'confirmed', attempts: row.attempts + 1, nextAttemptAt: null, confirmedAt: now, confirmedBy: r.by, errorCode: null, errorParamsJson: null, updatedAt: now }
        : { state: r.state, attempts: row.attempts + 1, nextAttemptAt: null, errorCode: r.code, errorParamsJson: JSON.stringify(r.params), updatedAt: now },
    });
    return 'done';
  }

  private retry(row: Due, e: unknown, waitMs?: number, stopShop = false): 'retry' | 'skip_shop' {
    const now = this.deps.clock.now();
    const attempts = row.attempts + 1;
    const kind = e instanceof ConnectorError ? e.kind : 'transient';
    const message = e instanceof Error ? e.message : String(e);
    this.deps.log.warn('shipment confirmation failed', { orderId: row.orderId, attempts, kind, message });
    this.answers.push({
      id: row.id, orderId: row.orderId, channelId: row.channelId, refused: false, health: true,
      fields: { attempts, nextAttemptAt: now + confirmBackoff(attempts, waitMs, this.deps.retryBaseMs), errorCode: `send_${kind}`, errorParamsJson: JSON.stringify({ message: message.slice(0, 300) }), updatedAt: now },
    });
    return stopShop ? 'skip_shop' : 'retry';
  }
}
