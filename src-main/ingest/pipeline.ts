import type { OrderStatus } from '../../src-shared/orders';
import type { Database, WriteContext, WriteTx } from '../db';
import type { TriggerSource } from '../orders/lifecycle/types';
import type { FetchedOrder } from './fetched-order';
import type { NormalizedOrder } from './normalized-order';
import { OrderUpserter, type OrderFlow, type UpsertResult } from './order-upsert';
import { CustomerMatcher } from './steps/customer-match';
import { DuplicateCheck } from './steps/duplicate-check';
import { MergeCandidates } from './steps/merge-candidates';
import { Quarantine } from './steps/quarantine';
import { validateOrder } from './steps/validate';

/** Statuses past "awaiting shipment": an order entering one leaves its 可合单 group. */
const LEFT_AWAITING: OrderStatus[] = ['picking', 'packed', 'handed_over', 'shipped', 'delivered', 'completed', 'cancelled', 'closed', 'merged'];

export interface PageCounts {
  fetched: number;
  created: number;
  updated: number;
  /** Includes stale versions (older than what we hold), which are ignored. */
  unchanged: number;
  quarantined: number;
}

export interface PageResultSummary extends PageCounts {
  /** Distinct platform order ids seen on the page (ingested or quarantined), for the coverage ledger. */
  platformOrderIds: string[];
  /** Orders put on hold as 疑似重复 on this page. */
  suspectDuplicates: string[];
}

export interface ChannelRef {
  id: string;
  kind: string;
}

export interface IngestOptions {
  ctx: WriteContext;
  /** Recorded with each raw payload version, e.g. 'poll:taobao' or 'reprocess'. */
  source: string;
  now?: number;
  /** Runs last inside the page's transaction: the poller stores its cursor and coverage here. */
  inTx?: (tx: WriteTx, summary: PageResultSummary) => void;
}

export const emptyCounts = (): PageCounts => ({ fetched: 0, created: 0, updated: 0, unchanged: 0, quarantined: 0 });

/**
 * One fetched page → one write transaction: validate → (quarantine) → idempotent upsert
 * → customer → business duplicate check → merge candidates → events. Either the whole
 * page (with the caller's cursor) commits, or none of it.
 */
export class IngestPipeline {
  readonly upserter: OrderUpserter;
  readonly quarantine: Quarantine;
  private readonly customers: CustomerMatcher;
  private readonly duplicates: DuplicateCheck;
  private readonly merges: MergeCandidates;
  private readonly openQuarantine;
  private readonly noteUnmapped;

  constructor(private readonly db: Database, flow: OrderFlow) {
    const { sqlite } = db;
    this.upserter = new OrderUpserter(sqlite, flow);
    this.quarantine = new Quarantine(sqlite);
    this.customers = new CustomerMatcher(sqlite);
    this.duplicates = new DuplicateCheck(sqlite, flow.holds);
    this.merges = new MergeCandidates(sqlite);
    // An order the warehouse has started (or that is gone) leaves its 可合单 group, whoever moved it.
    for (const s of LEFT_AWAITING) flow.lifecycle.onEnter(s, (tx, orderId) => void this.merges.update(tx, orderId, Date.now()));
    this.openQuarantine = sqlite.prepare('SELECT 1 FROM channel_quarantine WHERE channel_id = ? AND resolved_at IS NULL LIMIT 1').pluck();
    this.noteUnmapped = sqlite.prepare(
      `INSERT INTO channel_unmapped (channel_id, platform_status, first_seen_at, last_seen_at, count, sample_platform_order_id)
       VALUES (?, ?, ?, ?, 1, ?)
       ON CONFLICT (channel_id, platform_status) DO UPDATE SET last_seen_at = excluded.last_seen_at, count = count + 1`,
    );
  }

  /**
   * Review and routing for a page (rules/fulfilment.ts `page`): set by the app once the rules
   * exist. Orders a page admits are then reviewed and routed together at the end of the page, in
   * the order they came, instead of one by one as each is admitted.
   */
  private pageScope: (<T>(tx: WriteTx, fn: () => T) => T) | null = null;

  routeByPage(scope: <T>(tx: WriteTx, fn: () => T) => T): void {
    this.pageScope = scope;
  }

  /** Runs `fn` (a page's or an import batch's orders) with review and routing done for all of them at its end. */
  inPage<T>(tx: WriteTx, fn: () => T): T {
    return this.pageScope ? this.pageScope(tx, fn) : fn();
  }

  ingestPage(channel: ChannelRef, items: readonly FetchedOrder[], opts: IngestOptions): PageResultSummary {
    const now = opts.now ?? Date.now();
    return this.db.writes.run(opts.ctx, (tx) => {
      // A page is one act of fetching: its new orders are audited as one batch (updates keep their own records).
      tx.auditInsertsAsBatch(`${opts.source}: ${items.length} fetched`);
      const summary: PageResultSummary = { ...emptyCounts(), fetched: items.length, platformOrderIds: [], suspectDuplicates: [] };
      const seen = new Set<string>();
      const hasOpenQuarantine = this.openQuarantine.get(channel.id) === 1;
      this.inPage(tx, () => this.ingestItems(tx, channel, items, opts.source, now, hasOpenQuarantine, summary, seen));
      summary.platformOrderIds = [...seen];
      opts.inTx?.(tx, summary);
      return summary;
    });
  }

  private ingestItems(
    tx: WriteTx, channel: ChannelRef, items: readonly FetchedOrder[], source: string, now: number, hasOpenQuarantine: boolean,
    summary: PageResultSummary, seen: Set<string>,
  ): void {
    for (const item of items) {
      if (item.platformOrderId) seen.add(item.platformOrderId);
      const bad = item.result.ok ? validateOrder(item.result.order, now) : item.result;
      if (bad || !item.result.ok) {
        this.quarantine.keep(channel.id, item.platformOrderId, item.raw, bad!, now);
        summary.quarantined++;
        continue;
      }
      const o = item.result.order;
      seen.add(o.platformOrderId);
      const r = this.ingestOrder(tx, channel, o, { source, payload: item.raw }, now);
      if (r.outcome === 'created') summary.created++;
      else if (r.outcome === 'updated') summary.updated++;
      else summary.unchanged++;
      if (hasOpenQuarantine) this.quarantine.resolveOrder(channel.id, o.platformOrderId, now);
      if (r.heldDuplicate) summary.suspectDuplicates.push(r.heldDuplicate);
    }
  }

  /**
   * One valid order, inside the caller's transaction: customer → idempotent upsert (a new
   * order is admitted by the state machine; the duplicate check holds it before the entry hooks
   * run) → unmapped status noted → merge candidates. Connectors (by page,
   * above) and spreadsheet imports (src-main/imports/order-writer.ts) both come through here.
   */
  ingestOrder(
    tx: WriteTx, channel: ChannelRef, o: NormalizedOrder, raw: { source: string; payload: string }, now: number,
    opts: { customerId?: string; entrySource?: TriggerSource } = {},
  ): UpsertResult & { heldDuplicate?: string } {
    // The customer is resolved first so the order row is written once, customer included.
    const customerId = opts.customerId ?? this.customers.resolve(tx, channel.kind, o, now);
    let heldDuplicate: string | undefined;
    // A new order's duplicate check runs before review and routing see it (they would skip a held one).
    const r = this.upserter.upsert(tx, channel.id, o, raw, now, customerId, (orderId) => {
      heldDuplicate = this.duplicates.check(tx, { id: orderId, channelId: channel.id, customerId, createdAt: o.createdAt, lines: o.lines }) ?? undefined;
    }, opts.entrySource);
    if (r.outcome !== 'created' && r.outcome !== 'updated') return r;
    if (o.phase === null) this.noteUnmapped.run(channel.id, o.platformStatus, now, now, o.platformOrderId);
    this.merges.update(tx, r.orderId, now);
    return heldDuplicate ? { ...r, heldDuplicate } : r;
  }
}
