import type { OrderRow } from '../../../src-shared/contract';
import type { ChannelKind, OrderHold, OrderStatus, PlatformPhase, Urgency } from '../../../src-shared/orders';

type Raw = Record<string, unknown>;

/** One place where a grid row's columns become the contract's OrderRow (money hidden unless allowed). */
export function toOrderRow(r: Raw, viewAmounts: boolean): OrderRow {
  return {
    id: r.id as string,
    channelId: r.channel_id as string,
    channelKind: r.channel_kind as ChannelKind,
    shopName: r.shop_name as string,
    platformOrderId: r.platform_order_id as string,
    status: r.status as OrderStatus,
    platformStatus: r.platform_status as string,
    platformPhase: (r.platform_phase as PlatformPhase | null) ?? null,
    slaDueAt: (r.sla_due_at as number | null) ?? null,
    version: r.version as number,
    hold: (r.hold as OrderHold | null) ?? null,
    buyerNick: (r.buyer_nick as string | null) ?? null,
    receiverName: (r.receiver_name as string | null) ?? null,
    province: (r.province as string | null) ?? null,
    city: (r.city as string | null) ?? null,
    paidFen: viewAmounts ? (r.paid_fen as number) : null,
    goodsFen: viewAmounts ? (r.goods_fen as number) : null,
    createdAt: r.created_at as number,
    paidAt: (r.paid_at as number | null) ?? null,
    promisedShipAt: (r.promised_ship_at as number | null) ?? null,
    warehouseId: (r.warehouse_id as string | null) ?? null,
    warehouseName: (r.warehouse_name as string | null) ?? null,
    urgency: r.urgency as Urgency,
    tags: parseTags(r.tags),
    carrier: (r.carrier as string | null) ?? null,
    trackingNo: (r.tracking_no as string | null) ?? null,
    buyerRemark: (r.buyer_remark as string | null) ?? null,
    mergeGroup: (r.merge_group as string | null) ?? null,
    items: parseItems(r.items_json),
  };
}

/** [line count, total quantity, the first line's SKU (or title)] → what the items column shows. */
function parseItems(v: unknown): OrderRow['items'] {
  if (typeof v !== 'string') return { lines: 0, qty: 0, first: null };
  const [lines, qty, first] = JSON.parse(v) as [number, number, string | null];
  return { lines, qty, first };
}

function parseTags(v: unknown): string[] {
  if (typeof v !== 'string' || v === '[]' || v === '') return [];
  try {
    const parsed: unknown = JSON.parse(v);
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}
