import { isLosslessNumber, isSafeNumber } from 'lossless-json';
import type { PlatformPhase } from '../../../src-shared/orders';
import { yuanToFen } from '../../../src-shared/money';
import type { NormalizedOrder } from '../../ingest/normalized-order';
import { parseIsoWithOffset } from '../iso-time';
import { statusDictionary } from '../status-dictionary';
import { FieldError } from '../wire/fields';
import { showValue } from '../wire/json';
import { genericOrder } from './schema';

/**
 * Lossless JSON → plain values zod can check: numbers that fit a double exactly become numbers;
 * any other (a 19-digit id sent unquoted) stays a LosslessNumber, which no schema accepts, so
 * the error names the field with its exact digits instead of a rounded value.
 */
export function plain(node: unknown): unknown {
  if (isLosslessNumber(node)) return isSafeNumber(node.value) ? Number(node.value) : node;
  if (Array.isArray(node)) return node.map(plain);
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, plain(v)]));
  return node;
}

/** The intake's documented status words (OrderHub's standard words and the phases). */
const STANDARD = new Set<string>(statusDictionary('generic').statusWords);

/** Validates and normalises one intake order; throws FieldError naming the field and value. */
export function normaliseGenericOrder(payload: unknown, statusMap: Readonly<Record<string, string>>): NormalizedOrder {
  const value = plain(payload);
  const parsed = genericOrder.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = pathText(issue.path);
    throw new FieldError(field || '(order)', showValue(at(value, issue.path)), issue.message);
  }
  const o = parsed.data;
  const time = (s: string | null | undefined) => (s ? parseIsoWithOffset(s) : null);
  const phase = mapStatus(o.status, statusMap);
  return {
    platformOrderId: o.id.trim(),
    platformStatus: o.status,
    refundStatus: o.refund_status ?? null,
    phase,
    createdAt: time(o.created_at)!,
    paidAt: time(o.paid_at),
    platformUpdatedAt: time(o.updated_at)!,
    promisedShipAt: time(o.promised_ship_at),
    shippedAt: time(o.shipped_at),
    completedAt: time(o.completed_at),
    goodsFen: amount(o, 'goods', '', true),
    discountFen: amount(o, 'discount', '', false),
    platformDiscountFen: amount(o, 'platform_discount', '', false),
    postageFen: amount(o, 'postage', '', false),
    paidFen: amount(o, 'paid', '', true),
    commissionFen: has(o, 'commission') ? amount(o, 'commission', '', false) : null,
    refundFen: amount(o, 'refund', '', false),
    buyer: o.buyer ? { platformBuyerId: o.buyer.id ?? null, nick: o.buyer.nick ?? null, phone: o.buyer.phone ?? null } : undefined,
    address: o.address
      ? {
          receiverName: o.address.name ?? null, receiverPhone: o.address.phone ?? null, province: o.address.province ?? null,
          city: o.address.city ?? null, district: o.address.district ?? null, detail: o.address.detail ?? null,
        }
      : undefined,
    buyerRemark: o.buyer_remark ?? null,
    sellerNote: o.seller_note ?? null,
    carrier: o.carrier ?? null,
    trackingNo: o.tracking_no ?? null,
    lines: o.lines.map((l, i) => {
      const p = `lines[${i}].`;
      return {
        platformLineId: l.id ?? null,
        skuCode: l.sku ?? null,
        title: l.title,
        spec: l.spec ?? null,
        qty: l.qty,
        unitPriceFen: amount(l, 'unit_price', p, true),
        discountFen: amount(l, 'discount', p, false),
        paidFen: amount(l, 'paid', p, true),
        gift: l.gift ?? false,
        batchNo: l.batch_no ?? null,
        refundStatus: l.refund_status ?? null,
        refundFen: amount(l, 'refund', p, false),
      };
    }),
  };
}

function mapStatus(word: string, statusMap: Readonly<Record<string, string>>): PlatformPhase | null {
  if (STANDARD.has(word)) return statusDictionary('generic').map(word);
  const mapped = Object.prototype.hasOwnProperty.call(statusMap, word) ? statusMap[word] : undefined;
  return mapped && STANDARD.has(mapped) ? statusDictionary('generic').map(mapped) : null;
}

function has(obj: object, name: string): boolean {
  const r = obj as Record<string, unknown>;
  return r[`${name}_fen`] != null || r[`${name}_yuan`] != null;
}

/** `<name>_fen` (integer fen) or `<name>_yuan` (string yuan), exactly one of them. */
function amount(obj: object, name: string, prefix: string, required: boolean): number {
  const r = obj as Record<string, unknown>;
  const f = r[`${name}_fen`];
  const y = r[`${name}_yuan`];
  if (f != null && y != null) {
    throw new FieldError(`${prefix}${name}_yuan`, String(y), `give ${name}_fen or ${name}_yuan, not both (${name}_fen is ${String(f)})`);
  }
  if (f != null) return f as number;
  if (y != null) {
    try {
      return yuanToFen(y as string);
    } catch {
      throw new FieldError(`${prefix}${name}_yuan`, String(y), 'not an amount in yuan');
    }
  }
  if (required) throw new FieldError(`${prefix}${name}_fen`, '(missing)', `required: ${name}_fen (integer fen) or ${name}_yuan (string yuan)`);
  return 0;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');
}

function at(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}
