import { PLATFORM_PHASES } from '../../../src-shared/orders';
import type { NormalizedOrder } from '../normalized-order';

export interface Invalid {
  field: string;
  value: string;
  reason: string;
}

const MAX_FEN = 1e12; // ten billion yuan: anything larger is a unit or parse error
const MIN_TIME = Date.UTC(2000, 0, 1);

/**
 * The pipeline's own check on what a connector (or file template) produced, so a
 * connector bug lands in quarantine with the field and value instead of in the orders.
 */
export function validateOrder(o: NormalizedOrder, now: number): Invalid | null {
  if (typeof o.platformOrderId !== 'string' || !o.platformOrderId.trim()) return bad('platformOrderId', o.platformOrderId, 'empty order id');
  if (o.platformOrderId.length > 128) return bad('platformOrderId', o.platformOrderId, 'order id longer than 128 characters');
  if (typeof o.platformStatus !== 'string') return bad('platformStatus', o.platformStatus, 'missing platform status');
  if (o.phase !== null && !(PLATFORM_PHASES as readonly string[]).includes(o.phase)) return bad('phase', o.phase, 'not a platform phase');
  const maxTime = now + 2 * 86_400_000;
  for (const k of ['createdAt', 'platformUpdatedAt'] as const) {
    if (!isTime(o[k], maxTime)) return bad(k, o[k], 'not a plausible UTC time');
  }
  for (const k of ['paidAt', 'promisedShipAt', 'shippedAt', 'completedAt'] as const) {
    const v = o[k];
    if (v !== null && v !== undefined && !isTime(v, maxTime + 60 * 86_400_000)) return bad(k, v, 'not a plausible UTC time');
  }
  for (const k of ['goodsFen', 'paidFen'] as const) if (!isFen(o[k])) return bad(k, o[k], 'amount is not whole fen');
  for (const k of ['discountFen', 'platformDiscountFen', 'postageFen', 'refundFen', 'commissionFen'] as const) {
    const v = o[k];
    if (v !== null && v !== undefined && !isFen(v)) return bad(k, v, 'amount is not whole fen');
  }
  if (!Array.isArray(o.lines)) return bad('lines', o.lines, 'lines missing');
  for (const [i, l] of o.lines.entries()) {
    if (typeof l.title !== 'string') return bad(`lines[${i}].title`, l.title, 'missing title');
    if (!Number.isInteger(l.qty) || l.qty <= 0 || l.qty > 1_000_000) return bad(`lines[${i}].qty`, l.qty, 'quantity is not a positive whole number');
    if (!isFen(l.unitPriceFen)) return bad(`lines[${i}].unitPriceFen`, l.unitPriceFen, 'amount is not whole fen');
    if (!isFen(l.paidFen)) return bad(`lines[${i}].paidFen`, l.paidFen, 'amount is not whole fen');
  }
  return null;
}

const isFen = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && Math.abs(v) < MAX_FEN;
const isTime = (v: unknown, max: number) => typeof v === 'number' && Number.isSafeInteger(v) && v >= MIN_TIME && v <= max;

function bad(field: string, value: unknown, reason: string): Invalid {
  return { field, value: value === undefined ? 'undefined' : typeof value === 'string' ? value : JSON.stringify(value) ?? String(value), reason };
}
