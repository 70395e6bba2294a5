import type { PlatformPhase } from '../../src-shared/orders';

/**
 * One platform order after the connector (or file template) has done the edge work:
 * exact string ids, amounts in fen, times in UTC ms, status mapped. This is the one
 * shape both connectors and spreadsheet imports hand to the ingestion pipeline.
 */
export interface NormalizedOrder {
  platformOrderId: string;
  /** The platform's own status word, kept verbatim. */
  platformStatus: string;
  refundStatus?: string | null;
  /** The platform phase the status word maps to; null when the dictionary has no entry (kept, flagged). */
  phase: PlatformPhase | null;
  /** The platform says "paid, but do not ship yet" (拼团中, 锁定): held until it stops saying so. */
  platformPaused?: boolean;
  createdAt: number;
  paidAt?: number | null;
  /** The platform's modified time; an older version than the stored one is ignored. */
  platformUpdatedAt: number;
  promisedShipAt?: number | null;
  shippedAt?: number | null;
  completedAt?: number | null;
  goodsFen: number;
  discountFen?: number;
  platformDiscountFen?: number;
  postageFen?: number;
  paidFen: number;
  commissionFen?: number | null;
  refundFen?: number;
  buyer?: {
    platformBuyerId?: string | null;
    nick?: string | null;
    /** Full phone only when the platform gave it in the clear; used for a hash, never stored. */
    phone?: string | null;
  };
  /** As the platform gave it: masked or encrypted values are stored as they are. */
  address?: {
    receiverName?: string | null;
    receiverPhone?: string | null;
    province?: string | null;
    city?: string | null;
    district?: string | null;
    detail?: string | null;
  };
  buyerRemark?: string | null;
  sellerNote?: string | null;
  carrier?: string | null;
  trackingNo?: string | null;
  lines: NormalizedLine[];
}

export interface NormalizedLine {
  platformLineId?: string | null;
  skuCode?: string | null;
  title: string;
  spec?: string | null;
  qty: number;
  unitPriceFen: number;
  discountFen?: number;
  paidFen: number;
  gift?: boolean;
  /** For a gift: the index (in this order's lines) of the line it comes with. */
  giftOf?: number;
  batchNo?: string | null;
  refundStatus?: string | null;
  refundFen?: number;
}

/** What happened to one order in a batch. */
export type UpsertOutcome = 'created' | 'updated' | 'unchanged' | 'stale';
