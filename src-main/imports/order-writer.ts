import { uuidv7 } from '../kernel/ids';
import { CHANNEL_KIND_LABELS, type ChannelKind, type PlatformPhase } from '../../src-shared/orders';
import type { Database, WriteContext, WriteTx } from '../db';
import { FileError } from './sheet-limits';
import type { NormalizedLine, NormalizedOrder, UpsertOutcome } from '../ingest/normalized-order';
import type { IngestPipeline } from '../ingest/pipeline';
import { validateOrder } from '../ingest/steps/validate';
import type { RowReject } from './row-mapper';

/**
 * Which shop file orders go into (issue 15, item 7): the one the user picked; else, for files
 * from folder sources and older callers, the only shop of the file's platform. Never a shop
 * made up on the spot: with none or several, the job fails saying so, before reading a row.
 */
export function pickChannel(db: Database, kind: ChannelKind, channelId: string | null): string {
  if (channelId) {
    const row = db.sqlite.prepare('SELECT id FROM channels WHERE id = ?').get(channelId);
    if (!row) throw new FileError(`店铺 ${channelId} 不存在`, `shop ${channelId} does not exist`);
    return channelId;
  }
  const all = db.sqlite.prepare('SELECT id FROM channels WHERE kind = ? ORDER BY created_at').pluck().all(kind) as string[];
  if (all.length === 1) return all[0]!;
  const label = CHANNEL_KIND_LABELS[kind];
  throw new FileError(
    all.length ? `有 ${all.length} 个${label.zh}店铺，请选择导入到哪一个` : `还没有${label.zh}店铺：请选择要导入的店铺，或新建一个`,
    all.length ? `there are ${all.length} ${label.en} shops: pick the one to import into` : `no ${label.en} shop yet: pick the shop to import into, or create one`,
  );
}

/** A shop the user asked for when importing a file: paused, since there is nothing to poll; the name is theirs. */
export function createFileShop(db: Database, ctx: WriteContext, name: string, kind: ChannelKind): string {
  const id = uuidv7();
  const now = Date.now();
  db.writes.run(ctx, (tx) => tx.insert('channels', {
    id, kind, name, platformShopId: null, configJson: JSON.stringify({ fileImport: true }), pollerDeviceId: null,
    paused: true, commissionBps: null, createdAt: now, updatedAt: now,
  }));
  return id;
}

/**
 * Writes assembled orders through the connectors' own per-order path
 * (IngestPipeline.ingestOrder: the shared idempotent upsert, customer, duplicate hold, merge
 * candidates), after the same validation. Pairs Taobao item files with their orders.
 */
export class OrderWriter {

  private readonly existing;
  private readonly lastSource;
  private readonly getItems;
  private readonly putItems;
  private readonly storedOrder;

  constructor(db: Database, private readonly pipeline: IngestPipeline) {
    this.existing = db.sqlite.prepare('SELECT id, platform_updated_at AS updatedAt FROM orders WHERE channel_id = ? AND platform_order_id = ?');
    this.lastSource = db.sqlite.prepare('SELECT source FROM order_raw WHERE order_id = ? ORDER BY version DESC LIMIT 1').pluck();
    this.getItems = db.sqlite.prepare('SELECT lines_json FROM import_order_items WHERE channel_id = ? AND platform_order_id = ?').pluck();
    this.putItems = db.sqlite.prepare(
      `INSERT INTO import_order_items (channel_id, platform_order_id, lines_json, job_id, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (channel_id, platform_order_id) DO UPDATE SET lines_json = excluded.lines_json, job_id = excluded.job_id, updated_at = excluded.updated_at`,
    );
    this.storedOrder = db.sqlite.prepare(
      `SELECT platform_order_id AS platformOrderId, platform_status AS platformStatus, refund_status AS refundStatus, platform_phase AS phase,
        EXISTS (SELECT 1 FROM order_holds h WHERE h.order_id = orders.id AND h.type = 'unmapped_status' AND h.released_at IS NULL) AS unmapped,
        created_at AS createdAt, paid_at AS paidAt, platform_updated_at AS platformUpdatedAt, promised_ship_at AS promisedShipAt,
        shipped_at AS shippedAt, completed_at AS completedAt, goods_fen AS goodsFen, discount_fen AS discountFen,
        platform_discount_fen AS platformDiscountFen, postage_fen AS postageFen, paid_fen AS paidFen, commission_fen AS commissionFen,
        refund_fen AS refundFen, buyer_nick AS buyerNick, receiver_name AS receiverName, receiver_phone AS receiverPhone,
        province, city, district, address_detail AS detail, buyer_remark AS buyerRemark, seller_note AS sellerNote,
        carrier, tracking_no AS trackingNo
       FROM orders WHERE channel_id = ? AND platform_order_id = ?`,
    );
  }

  /** An order row: lines from an earlier 宝贝报表 replace the order file's one summary line. */
  writeOrder(tx: WriteTx, channel: { id: string; kind: ChannelKind }, order: NormalizedOrder, raw: string, source: string, pairItems: boolean): UpsertOutcome | RowReject {
    if (pairItems) {
      const stored = this.getItems.get(channel.id, order.platformOrderId) as string | undefined;
      if (stored) order = { ...order, lines: JSON.parse(stored) as NormalizedLine[] };
    }
    return this.upsert(tx, channel, order, raw, source);
  }

  private upsert(tx: WriteTx, channel: { id: string; kind: ChannelKind }, o: NormalizedOrder, raw: string, source: string): UpsertOutcome | RowReject {
    const now = Date.now();
    const bad = validateOrder(o, now);
    if (bad) return { field: bad.field, value: bad.value, zh: `数据不合理（${bad.field}）：${bad.reason}`, en: `implausible value (${bad.field}): ${bad.reason}` };
    // A file has no modified time, only its latest event time. An order a connector fetched at
    // that time or later is at least as fresh: the file's summary must not overwrite its lines.
    const ex = this.existing.get(channel.id, o.platformOrderId) as { id: string; updatedAt: number } | undefined;
    if (ex && o.platformUpdatedAt <= ex.updatedAt && !String(this.lastSource.get(ex.id) ?? 'file:').startsWith('file:')) return 'stale';
    return this.pipeline.ingestOrder(tx, channel, o, { source, payload: raw }, now).outcome;
  }

  /**
   * A 宝贝报表 order: its lines are kept for the 订单报表; when the order is already here,
   * it is upserted again with these lines (same fields, new lines: one 'updated' event).
   * 'waiting' when the order file has not been imported yet.
   */
  writeItems(tx: WriteTx, channel: { id: string; kind: ChannelKind }, platformOrderId: string, lines: NormalizedLine[], jobId: string, raw: string, source: string): UpsertOutcome | RowReject | 'waiting' {
    this.putItems.run(channel.id, platformOrderId, JSON.stringify(lines), jobId, Date.now());
    const row = this.storedOrder.get(channel.id, platformOrderId) as Record<string, unknown> | undefined;
    if (!row) return 'waiting';
    return this.upsert(tx, channel, { ...fromStored(row), lines }, raw, source);
  }
}

function fromStored(r: Record<string, unknown>): NormalizedOrder {
  const v = <T>(k: string) => r[k] as T;
  return {
    platformOrderId: v('platformOrderId'), platformStatus: v('platformStatus'), refundStatus: v('refundStatus'),
    // An order held for an unknown status word stays held: the word is passed on as it was.
    phase: v<number>('unmapped') ? null : v<PlatformPhase>('phase'),
    createdAt: v('createdAt'), paidAt: v('paidAt'), platformUpdatedAt: v('platformUpdatedAt'), promisedShipAt: v('promisedShipAt'),
    shippedAt: v('shippedAt'), completedAt: v('completedAt'), goodsFen: v('goodsFen'), discountFen: v('discountFen'),
    platformDiscountFen: v('platformDiscountFen'), postageFen: v('postageFen'), paidFen: v('paidFen'), commissionFen: v('commissionFen'),
    refundFen: v('refundFen'), buyer: { nick: v('buyerNick') },
    address: {
      receiverName: v('receiverName'), receiverPhone: v('receiverPhone'), province: v('province'), city: v('city'),
      district: v('district'), detail: v('detail'),
    },
    buyerRemark: v('buyerRemark'), sellerNote: v('sellerNote'), carrier: v('carrier'), trackingNo: v('trackingNo'), lines: [],
  };
}
