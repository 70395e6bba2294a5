import type { NormalizedOrder } from './normalized-order';

/** One order as fetched: its verbatim payload, and either its normalised form or why not. */
export interface FetchedOrder {
  /** Exact id string when it could be read at all. */
  platformOrderId: string | null;
  /** The order's payload exactly as received (lossless JSON text). */
  raw: string;
  result: { ok: true; order: NormalizedOrder } | { ok: false; field: string; value: string; reason: string };
}
