import { uuidv7 } from 'uuidv7';
import type { OrderStatus } from '../../src-shared/orders';
import type { Sqlite, WriteTx } from '../db';
import type { NormalizedLine, NormalizedOrder, UpsertOutcome } from './normalized-order';
import { RawStore } from './raw-store';

type Row = Record<string, unknown>;

export interface UpsertResult {
  orderId: string;
  outcome: UpsertOutcome;
  /** Set when the standard status moved (for events, exceptions, merge checks). */
  statusChange?: { from: OrderStatus | null; to: OrderStatus };
}

/** The platform owns these order fields; local ones (urgency, tags, warehouse, hold) are never overwritten. */
const PLATFORM_FIELDS = [
  'status', 'platformStatus', 'refundStatus', 'goodsFen', 'discountFen', 'platformDiscountFen', 'postageFen',
  'paidFen', 'commissionFen', 'refundFen', 'createdAt', 'paidAt', 'platformUpdatedAt', 'promisedShipAt',
  'shippedAt', 'completedAt', 'buyerRemark', 'sellerNote', 'buyerNick', 'carrier', 'trackingNo',
] as const;
const ADDRESS_FIELDS = ['receiverName', 'receiverPhone', 'province', 'city', 'district', 'detail'] as const;
const LINE_FIELDS = [
  'platformLineId', 'skuCode', 'title', 'spec', 'qty', 'unitPriceFen', 'discountFen', 'paidFen', 'gift', 'batchNo', 'refundStatus', 'refundFen',
] as const;

/**
 * The idempotent upsert keyed by (channel, platform order id), shared by every connector
 * and every spreadsheet import. Runs inside the caller's write transaction.
 */
export class OrderUpserter {
  private readonly findOrder;
  private readonly findLines;
  /** The payload behind each version (deduplicated, dictionary-compressed). */
  readonly raw: RawStore;

  constructor(sqlite: Sqlite) {
    this.findOrder = sqlite.prepare(
      `SELECT id, status, platform_status AS platformStatus, refund_status AS refundStatus, goods_fen AS goodsFen,
        discount_fen AS discountFen, platform_discount_fen AS platformDiscountFen, postage_fen AS postageFen,
        paid_fen AS paidFen, commission_fen AS commissionFen, refund_fen AS refundFen, created_at AS createdAt,
        paid_at AS paidAt, platform_updated_at AS platformUpdatedAt, promised_ship_at AS promisedShipAt,
        shipped_at AS shippedAt, completed_at AS completedAt, buyer_remark AS buyerRemark, seller_note AS sellerNote,
        buyer_nick AS buyerNick, carrier, tracking_no AS trackingNo, receiver_name AS receiverName,
        receiver_phone AS receiverPhone, province, city, district, address_detail AS detail, version, hold,
        customer_id AS customerId
       FROM orders WHERE channel_id = ? AND platform_order_id = ?`,
    );
    this.findLines = sqlite.prepare(
      `SELECT id, line_no AS lineNo, platform_line_id AS platformLineId, sku_code AS skuCode, title, spec, qty,
        unit_price_fen AS unitPriceFen, discount_fen AS discountFen, paid_fen AS paidFen, gift, batch_no AS batchNo,
        refund_status AS refundStatus, refund_fen AS refundFen
       FROM order_lines WHERE order_id = ? ORDER BY line_no`,
    );
    this.raw = new RawStore(sqlite);
  }

  /** `customerId`, when the pipeline matched one, is stored with the order (never cleared by a later null). */
  upsert(tx: WriteTx, channelId: string, o: NormalizedOrder, raw: { source: string; payload: string }, now = Date.now(), customerId: string | null = null): UpsertResult {
    const existing = this.findOrder.get(channelId, o.platformOrderId) as Row | undefined;
    if (!existing) return this.create(tx, channelId, o, raw, now, customerId);
    if (o.platformUpdatedAt < (existing.platformUpdatedAt as number)) {
      return { orderId: existing.id as string, outcome: 'stale' };
    }
    if (customerId && existing.customerId !== customerId) tx.update('orders', existing.id as string, { customerId });
    return this.update(tx, existing, o, raw, now);
  }

  private create(tx: WriteTx, channelId: string, o: NormalizedOrder, raw: { source: string; payload: string }, now: number, customerId: string | null): UpsertResult {
    const id = uuidv7();
    const fields = platformFields(o);
    const a = addressOf(o);
    const status = o.status ?? 'pending_review';
    const order: Row = {
      id, channelId, platformOrderId: o.platformOrderId, ...fields, status,
      hold: o.status === null ? 'unmapped_status' : null,
      receiverName: a.receiverName, receiverPhone: a.receiverPhone, phoneLast4: last4(a.receiverPhone ?? o.buyer?.phone),
      province: a.province, city: a.city, district: a.district, addressDetail: a.detail,
      urgency: 'green', tags: '[]', version: 1, ingestedAt: now, modifiedAt: now, customerId,
    };
    const lines = o.lines.map((l, i) => ({ id: uuidv7(), orderId: id, lineNo: i + 1, parentLineId: null, ...lineFields(l) }));
    const addresses = hasAddress(a) ? [{ id: uuidv7(), orderId: id, ...a, source: raw.source, createdAt: now }] : [];
    const events = [{
      id: uuidv7(), orderId: id, at: now, type: 'ingested', actorId: tx.ctx.actor.id, actorName: tx.ctx.actor.name,
      fromStatus: null, toStatus: status,
      detailJson: JSON.stringify({ source: raw.source, platformStatus: o.platformStatus, ...(o.status === null ? { unmapped: true } : {}) }),
    }];
    tx.insertAggregate('orders', order, [
      { entity: 'order_lines', rows: lines },
      { entity: 'order_addresses', rows: addresses },
      { entity: 'order_events', rows: events },
    ]);
    this.keepRaw(tx, id, 1, raw, now);
    return { orderId: id, outcome: 'created', statusChange: { from: null, to: status } };
  }

  private update(tx: WriteTx, existing: Row, o: NormalizedOrder, raw: { source: string; payload: string }, now: number): UpsertResult {
    const id = existing.id as string;
    const next: Row = { ...platformFields(o) };
    if (o.status === null) {
      // Unknown status word: keep our standard status, record the raw one, flag it.
      next.status = existing.status;
      if (!existing.hold) next.hold = 'unmapped_status';
    } else if (existing.hold === 'unmapped_status') next.hold = null;

    const changed = PLATFORM_FIELDS.filter((k) => !same(existing[k], next[k]));
    const a = addressOf(o);
    const addressChanged = hasAddress(a) && ADDRESS_FIELDS.some((k) => !same(existing[k], a[k]));
    const lineOps = diffLines(this.findLines.all(id) as Row[], o.lines);
    const holdChanged = 'hold' in next && !same(existing.hold, next.hold);
    if (!changed.length && !addressChanged && !lineOps.length && !holdChanged) {
      return { orderId: id, outcome: 'unchanged' };
    }
    // Only platformUpdatedAt moved: the platform touched it but nothing we keep changed.
    if (changed.length === 1 && changed[0] === 'platformUpdatedAt' && !addressChanged && !lineOps.length && !holdChanged) {
      tx.update('orders', id, { platformUpdatedAt: next.platformUpdatedAt });
      return { orderId: id, outcome: 'unchanged' };
    }

    const version = (existing.version as number) + 1;
    const patch: Row = { version, modifiedAt: now };
    for (const k of changed) patch[k] = next[k];
    if (holdChanged) patch.hold = next.hold;
    if (addressChanged) {
      Object.assign(patch, {
        receiverName: a.receiverName, receiverPhone: a.receiverPhone, phoneLast4: last4(a.receiverPhone ?? o.buyer?.phone),
        province: a.province, city: a.city, district: a.district, addressDetail: a.detail,
      });
      tx.insert('order_addresses', { id: uuidv7(), orderId: id, ...a, source: raw.source, createdAt: now });
    }
    tx.update('orders', id, patch);
    for (const op of lineOps) {
      if (op.kind === 'insert') tx.insert('order_lines', { id: uuidv7(), orderId: id, parentLineId: null, ...op.row });
      else if (op.kind === 'update') tx.update('order_lines', op.id, op.row);
      else tx.delete('order_lines', op.id);
    }
    const statusMoved = changed.includes('status');
    tx.insert('order_events', {
      id: uuidv7(), orderId: id, at: now, type: statusMoved ? 'status_changed' : 'updated',
      actorId: tx.ctx.actor.id, actorName: tx.ctx.actor.name,
      fromStatus: statusMoved ? existing.status : null, toStatus: statusMoved ? next.status : null,
      detailJson: JSON.stringify({
        source: raw.source, fields: changed.filter((k) => k !== 'platformUpdatedAt'),
        ...(addressChanged ? { address: true } : {}), ...(lineOps.length ? { lines: lineOps.length } : {}),
        platformStatus: o.platformStatus,
      }),
    });
    this.keepRaw(tx, id, version, raw, now);
    return {
      orderId: id,
      outcome: 'updated',
      ...(statusMoved ? { statusChange: { from: existing.status as OrderStatus, to: next.status as OrderStatus } } : {}),
    };
  }

  private keepRaw(tx: WriteTx, orderId: string, version: number, raw: { source: string; payload: string }, now: number): void {
    this.raw.put(tx, orderId, version, raw.source, raw.payload, now);
  }
}

function platformFields(o: NormalizedOrder): Row {
  return {
    status: o.status, platformStatus: o.platformStatus, refundStatus: o.refundStatus ?? null,
    goodsFen: o.goodsFen, discountFen: o.discountFen ?? 0, platformDiscountFen: o.platformDiscountFen ?? 0,
    postageFen: o.postageFen ?? 0, paidFen: o.paidFen, commissionFen: o.commissionFen ?? null, refundFen: o.refundFen ?? 0,
    createdAt: o.createdAt, paidAt: o.paidAt ?? null, platformUpdatedAt: o.platformUpdatedAt,
    promisedShipAt: o.promisedShipAt ?? null, shippedAt: o.shippedAt ?? null, completedAt: o.completedAt ?? null,
    buyerRemark: o.buyerRemark ?? null, sellerNote: o.sellerNote ?? null, buyerNick: o.buyer?.nick ?? null,
    carrier: o.carrier ?? null, trackingNo: o.trackingNo ?? null,
  };
}

function addressOf(o: NormalizedOrder) {
  const a = o.address ?? {};
  return {
    receiverName: a.receiverName ?? null, receiverPhone: a.receiverPhone ?? null, province: a.province ?? null,
    city: a.city ?? null, district: a.district ?? null, detail: a.detail ?? null,
  };
}

const hasAddress = (a: ReturnType<typeof addressOf>) => ADDRESS_FIELDS.some((k) => a[k] !== null);

function lineFields(l: NormalizedLine): Row {
  return {
    platformLineId: l.platformLineId ?? null, skuCode: l.skuCode ?? null, title: l.title, spec: l.spec ?? null,
    qty: l.qty, unitPriceFen: l.unitPriceFen, discountFen: l.discountFen ?? 0, paidFen: l.paidFen,
    gift: l.gift ?? false, batchNo: l.batchNo ?? null, refundStatus: l.refundStatus ?? null, refundFen: l.refundFen ?? 0,
  };
}

type LineOp = { kind: 'insert'; row: Row } | { kind: 'update'; id: string; row: Row } | { kind: 'delete'; id: string };

/** Lines match by platform line id when the platform has one, else by position. */
function diffLines(current: Row[], incoming: NormalizedLine[]): LineOp[] {
  const ops: LineOp[] = [];
  const byPlatformId = new Map(current.filter((r) => r.platformLineId).map((r) => [r.platformLineId as string, r]));
  const used = new Set<string>();
  incoming.forEach((l, i) => {
    const row: Row = { lineNo: i + 1, ...lineFields(l) };
    const match = (l.platformLineId ? byPlatformId.get(l.platformLineId) : undefined) ?? (l.platformLineId ? undefined : current[i]);
    if (!match || used.has(match.id as string)) return ops.push({ kind: 'insert', row });
    used.add(match.id as string);
    const diff: Row = {};
    for (const k of ['lineNo', ...LINE_FIELDS] as const) if (!same(match[k], row[k])) diff[k] = row[k];
    if (Object.keys(diff).length) ops.push({ kind: 'update', id: match.id as string, row: diff });
  });
  for (const r of current) if (!used.has(r.id as string)) ops.push({ kind: 'delete', id: r.id as string });
  return ops;
}

function same(stored: unknown, next: unknown): boolean {
  if (typeof next === 'boolean') return Boolean(stored) === next;
  return (stored ?? null) === (next ?? null);
}

function last4(phone: string | null | undefined): string | null {
  const digits = phone?.replace(/\D/g, '') ?? '';
  return digits.length >= 4 ? digits.slice(-4) : null;
}
