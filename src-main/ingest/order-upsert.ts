import { uuidv7 } from '../kernel/ids';
import type { OrderStatus, PlatformPhase } from '../../src-shared/orders';
import type { Sqlite, WriteTx } from '../db';
import type { Holds } from '../orders/holds/holds';
import type { Lifecycle } from '../orders/lifecycle/lifecycle';
import type { TriggerSource } from '../orders/lifecycle/types';
import type { NormalizedLine, NormalizedOrder, UpsertOutcome } from './normalized-order';
import { RawStore } from './raw-store';

type Row = Record<string, unknown>;

export interface UpsertResult {
  orderId: string;
  outcome: UpsertOutcome;
  /** Set when OrderHub's status moved (admitted, or a platform phase triggered a move). */
  statusChange?: { from: OrderStatus | null; to: OrderStatus };
}

/** What the upsert asks of the order's owners: the state machine and the holds. */
export interface OrderFlow {
  lifecycle: Pick<Lifecycle, 'admit' | 'platformChanged' | 'reroute' | 'onEnter'>;
  holds: Pick<Holds, 'open' | 'releaseWhere'>;
}

/**
 * The platform owns these order fields; local ones (status, urgency, tags, warehouse, holds) are
 * never written here. OrderHub's status follows the platform only through the state machine.
 */
const PLATFORM_FIELDS = [
  'platformPhase', 'platformStatus', 'refundStatus', 'goodsFen', 'discountFen', 'platformDiscountFen', 'postageFen',
  'paidFen', 'commissionFen', 'refundFen', 'createdAt', 'paidAt', 'platformUpdatedAt', 'promisedShipAt',
  'shippedAt', 'completedAt', 'buyerRemark', 'sellerNote', 'buyerNick', 'carrier', 'trackingNo',
] as const;
const ADDRESS_FIELDS = ['receiverName', 'receiverPhone', 'province', 'city', 'district', 'detail'] as const;
const LINE_FIELDS = [
  'platformLineId', 'skuCode', 'title', 'spec', 'qty', 'unitPriceFen', 'discountFen', 'paidFen', 'gift', 'batchNo', 'refundStatus', 'refundFen',
] as const;

/**
 * The idempotent upsert keyed by (channel, platform order id), shared by every connector
 * and every spreadsheet import. Runs inside the caller's write transaction. It writes the
 * platform's side of the order (phase, amounts, address, lines) and asks the state machine
 * for the rest: a new order is admitted, a changed phase is a trigger.
 */
export class OrderUpserter {
  private readonly findOrder;
  private readonly findLines;
  private readonly familyLines;
  private readonly inFamily;
  private readonly openHolds;
  /** The payload behind each version (deduplicated, dictionary-compressed). */
  readonly raw: RawStore;

  constructor(sqlite: Sqlite, private readonly flow: OrderFlow) {
    this.openHolds = sqlite.prepare('SELECT type, code FROM order_holds WHERE order_id = ? AND released_at IS NULL');
    this.findOrder = sqlite.prepare(
      `SELECT id, status, platform_phase AS platformPhase, platform_status AS platformStatus, refund_status AS refundStatus,
        goods_fen AS goodsFen, discount_fen AS discountFen, platform_discount_fen AS platformDiscountFen, postage_fen AS postageFen,
        paid_fen AS paidFen, commission_fen AS commissionFen, refund_fen AS refundFen, created_at AS createdAt,
        paid_at AS paidAt, platform_updated_at AS platformUpdatedAt, promised_ship_at AS promisedShipAt,
        shipped_at AS shippedAt, completed_at AS completedAt, buyer_remark AS buyerRemark, seller_note AS sellerNote,
        buyer_nick AS buyerNick, carrier, tracking_no AS trackingNo, receiver_name AS receiverName,
        receiver_phone AS receiverPhone, province, city, district, address_detail AS detail, version,
        customer_id AS customerId
       FROM orders WHERE channel_id = ? AND platform_order_id = ?`,
    );
    const lineCols = `id, line_no AS lineNo, platform_line_id AS platformLineId, sku_code AS skuCode, title, spec, qty,
        unit_price_fen AS unitPriceFen, discount_fen AS discountFen, paid_fen AS paidFen, gift, batch_no AS batchNo,
        refund_status AS refundStatus, refund_fen AS refundFen`;
    this.findLines = sqlite.prepare(`SELECT ${lineCols} FROM order_lines WHERE order_id = ? ORDER BY line_no`);
    // A split or merged order's platform lines live on several orders: those it sold, wherever they ship.
    this.familyLines = sqlite.prepare(
      `SELECT ${lineCols} FROM order_lines WHERE source_order_id = @id OR (order_id = @id AND source_order_id IS NULL) ORDER BY line_no`,
    );
    this.inFamily = sqlite.prepare(
      `SELECT EXISTS (SELECT 1 FROM order_links WHERE (order_id = @id OR other_order_id = @id) AND reversed_at IS NULL)`,
    ).pluck();
    this.raw = new RawStore(sqlite);
  }

  /**
   * `customerId`, when the pipeline matched one, is stored with the order (never cleared by a later null).
   * `beforeHooks` runs for a new order after it is written and before the state machine's entry hooks
   * (the duplicate check holds it there, before review and routing look at it).
   */
  upsert(
    tx: WriteTx, channelId: string, o: NormalizedOrder, raw: { source: string; payload: string }, now = Date.now(),
    customerId: string | null = null, beforeHooks?: (orderId: string) => void, entrySource: TriggerSource = 'platform',
  ): UpsertResult {
    const existing = this.findOrder.get(channelId, o.platformOrderId) as Row | undefined;
    if (!existing) return this.create(tx, channelId, o, raw, now, customerId, beforeHooks, entrySource);
    if (o.platformUpdatedAt < (existing.platformUpdatedAt as number)) {
      return { orderId: existing.id as string, outcome: 'stale' };
    }
    if (customerId && existing.customerId !== customerId) tx.update('orders', existing.id as string, { customerId });
    return this.update(tx, existing, o, raw, now);
  }

  private create(
    tx: WriteTx, channelId: string, o: NormalizedOrder, raw: { source: string; payload: string }, now: number,
    customerId: string | null, beforeHooks: ((orderId: string) => void) | undefined, entrySource: TriggerSource,
  ): UpsertResult {
    const id = uuidv7();
    const { platformPhase: _phase, ...fields } = platformFields(o);
    const a = addressOf(o);
    const order = {
      id, channelId, platformOrderId: o.platformOrderId, ...fields, paidAt: o.paidAt ?? null, shippedAt: o.shippedAt ?? null,
      receiverName: a.receiverName, receiverPhone: a.receiverPhone, phoneLast4: last4(a.receiverPhone ?? o.buyer?.phone),
      province: a.province, city: a.city, district: a.district, addressDetail: a.detail,
      urgency: 'green', tags: '[]', version: 1, ingestedAt: now, modifiedAt: now, customerId,
    };
    const ids = o.lines.map(() => uuidv7());
    // A gift names its line by position (manual orders); platforms rarely say which line a gift belongs to.
    const lines = o.lines.map((l, i) => ({
      id: ids[i]!, orderId: id, lineNo: i + 1, parentLineId: l.giftOf !== undefined ? (ids[l.giftOf] ?? null) : null, ...lineFields(l),
    }));
    const addresses = hasAddress(a) ? [{ id: uuidv7(), orderId: id, ...a, source: raw.source, createdAt: now }] : [];
    const status = this.flow.lifecycle.admit(tx, order, [
      { entity: 'order_lines', rows: lines },
      { entity: 'order_addresses', rows: addresses },
    ], {
      phase: o.phase, source: entrySource,
      eventDetail: { source: raw.source, platformStatus: o.platformStatus, ...(o.phase === null ? { unmapped: true } : {}) },
      before: (orderId) => {
        this.platformHolds(tx, orderId, o, true);
        beforeHooks?.(orderId);
      },
    });
    this.keepRaw(tx, id, 1, raw, now);
    return { orderId: id, outcome: 'created', statusChange: { from: null, to: status } };
  }

  private update(tx: WriteTx, existing: Row, o: NormalizedOrder, raw: { source: string; payload: string }, now: number): UpsertResult {
    const id = existing.id as string;
    const next: Row = { ...platformFields(o) };
    // Unknown status word: keep the phase we knew, record the raw word, hold it (below).
    if (o.phase === null) next.platformPhase = existing.platformPhase;

    const changed = PLATFORM_FIELDS.filter((k) => !same(existing[k], next[k]));
    const a = addressOf(o);
    const addressChanged = hasAddress(a) && ADDRESS_FIELDS.some((k) => !same(existing[k], a[k]));
    const family = this.inFamily.get({ id }) === 1;
    const lineOps = family ? [] : diffLines(this.findLines.all(id) as Row[], o.lines);
    const familyLinesMoved = family && lineSignature(this.familyLines.all({ id }) as Row[]) !== lineSignature(o.lines.map(lineFields));
    const holdsMove = this.platformHoldsChange(id, o);
    const rowMoved = changed.some((k) => k !== 'platformUpdatedAt') || addressChanged || lineOps.length > 0;
    if (!rowMoved) {
      // The platform touched it (or only its hold-worthy words changed): nothing we keep in the row moved.
      if (changed.length) tx.update('orders', id, { platformUpdatedAt: next.platformUpdatedAt });
      if (!holdsMove && !familyLinesMoved) return { orderId: id, outcome: 'unchanged' };
      this.platformHolds(tx, id, o);
      if (familyLinesMoved) this.linesChangedHold(tx, id, o);
      return { orderId: id, outcome: 'updated' };
    }

    const version = (existing.version as number) + 1;
    const patch: Row = { version, modifiedAt: now };
    for (const k of changed) patch[k] = next[k];
    const status = existing.status as OrderStatus;
    if (addressChanged) {
      Object.assign(patch, {
        receiverName: a.receiverName, receiverPhone: a.receiverPhone, phoneLast4: last4(a.receiverPhone ?? o.buyer?.phone),
        province: a.province, city: a.city, district: a.district, addressDetail: a.detail,
      });
      // Changed after payment: the new address wins, and the pick list flags it.
      if ((o.paidAt ?? existing.paidAt) != null) patch.addressChangedAt = now;
      tx.insert('order_addresses', { id: uuidv7(), orderId: id, ...a, source: raw.source, createdAt: now });
    }
    tx.update('orders', id, patch);
    for (const op of lineOps) {
      if (op.kind === 'insert') tx.insert('order_lines', { id: uuidv7(), orderId: id, parentLineId: null, ...op.row });
      else if (op.kind === 'update') tx.update('order_lines', op.id, op.row);
      else tx.delete('order_lines', op.id);
    }
    const phaseMoved = changed.includes('platformPhase');
    tx.insert('order_events', {
      id: uuidv7(), orderId: id, at: now, type: 'updated', actorId: tx.ctx.actor.id, actorName: tx.ctx.actor.name,
      fromStatus: null, toStatus: null,
      detailJson: JSON.stringify({
        source: raw.source, fields: changed.filter((k) => k !== 'platformUpdatedAt'),
        ...(addressChanged ? { address: true } : {}), ...(lineOps.length ? { lines: lineOps.length } : {}),
        platformStatus: o.platformStatus, ...(phaseMoved ? { phase: { from: existing.platformPhase, to: next.platformPhase } } : {}),
      }),
    });
    this.keepRaw(tx, id, version, raw, now);

    // Holds and triggers after the order's own write: each re-reads the version it bumps.
    this.platformHolds(tx, id, o);
    if (familyLinesMoved) this.linesChangedHold(tx, id, o);
    // Routed (or being routed) on the old address: route again. In the warehouse already: the flag is the warning.
    if (addressChanged && (status === 'to_route' || status === 'to_ship')) this.flow.lifecycle.reroute(tx, id, { code: 'address_changed' });
    let statusChange: UpsertResult['statusChange'];
    if (phaseMoved && o.phase !== null) {
      const moves = this.flow.lifecycle.platformChanged(tx, id, o.phase as PlatformPhase).filter((r) => r.ok);
      const last = moves[moves.length - 1];
      if (last?.ok) statusChange = { from: status, to: last.to };
    }
    return { orderId: id, outcome: 'updated', ...(statusChange ? { statusChange } : {}) };
  }

  /**
   * An unknown status word holds the order for a person; so does the platform's "do not ship yet".
   * A new order (`created`) has no hold to release: the two look-ups were a fifth of an insert's time.
   */
  private platformHolds(tx: WriteTx, orderId: string, o: NormalizedOrder, created = false): void {
    const { holds } = this.flow;
    const platformStatus = o.platformStatus;
    if (o.phase === null) holds.open(tx, orderId, { type: 'unmapped_status', code: 'unmapped_status', params: { platformStatus } });
    else if (!created) holds.releaseWhere(tx, orderId, 'unmapped_status', null, { code: 'status_mapped', params: { platformStatus } });
    if (o.platformPaused) holds.open(tx, orderId, { type: 'platform', code: 'platform_paused', params: { platformStatus } });
    else if (!created) holds.releaseWhere(tx, orderId, 'platform', 'platform_paused', { code: 'platform_resumed', params: { platformStatus } });
  }

  /** Whether platformHolds would open or release anything (so an order whose only news is a hold counts as updated). */
  private platformHoldsChange(orderId: string, o: NormalizedOrder): boolean {
    const open = this.openHolds.all(orderId) as { type: string; code: string }[];
    const unmapped = open.some((h) => h.type === 'unmapped_status');
    const paused = open.some((h) => h.type === 'platform' && h.code === 'platform_paused');
    return unmapped !== (o.phase === null) || paused !== (o.platformPaused === true);
  }

  /** A split or merged order's lines changed on the platform: a person re-plans it (nothing is moved behind their back). */
  private linesChangedHold(tx: WriteTx, orderId: string, o: NormalizedOrder): void {
    this.flow.holds.open(tx, orderId, { type: 'platform', code: 'lines_changed', params: { platformOrderId: o.platformOrderId } });
  }

  private keepRaw(tx: WriteTx, orderId: string, version: number, raw: { source: string; payload: string }, now: number): void {
    this.raw.put(tx, orderId, version, raw.source, raw.payload, now);
  }
}

function platformFields(o: NormalizedOrder): Row {
  return {
    platformPhase: o.phase, platformStatus: o.platformStatus, refundStatus: o.refundStatus ?? null,
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

/** Platform lines as a multiset (however they are split across orders): key × quantity × refund. */
function lineSignature(lines: Row[]): string {
  const qty = new Map<string, number>();
  for (const l of lines) {
    const key = `${(l.platformLineId as string | null) ?? (l.skuCode as string | null) ?? `title:${l.title as string}`}|${(l.refundStatus as string | null) ?? ''}`;
    qty.set(key, (qty.get(key) ?? 0) + (l.qty as number));
  }
  return [...qty].map(([k, n]) => `${k}×${n}`).sort().join(',');
}

function same(stored: unknown, next: unknown): boolean {
  if (typeof next === 'boolean') return Boolean(stored) === next;
  return (stored ?? null) === (next ?? null);
}

function last4(phone: string | null | undefined): string | null {
  const digits = phone?.replace(/\D/g, '') ?? '';
  return digits.length >= 4 ? digits.slice(-4) : null;
}
