import { createHash } from 'node:crypto';
import type { ErpReason, PushOrdersMapping } from '../../../src-shared/erp';
import { formatInZone } from '../../../src-shared/time';
import type { HubOrder } from '../hub-sources';
import type { Param } from '../odbc/session';
import { firstUnencodable } from '../text-charset';

export type Fields = Record<string, Param>;

export interface OrderPayload {
  extOrderNo: string;
  hash: string;
  header: Fields;
  lines: Fields[];
}

const clip = (s: string | null, max: number) => (s === null ? null : [...s].slice(0, max).join(''));
/** Money leaves the hub as yuan (the ERP's decimal columns); inside it stays integer fen. */
const yuan = (fen: number) => Math.round(fen) / 100;

/**
 * What an order looks like in the ERP: header and line values by our field names, and a hash
 * of them that tells a retry (same content) from a change. The external key is our order id,
 * which never changes, so a retry never makes a second order.
 */
export function orderPayload(o: HubOrder, m: PushOrdersMapping, zone: string): OrderPayload | { reason: ErpReason; field: string; value: string } {
  if (!o.lines.length) return { reason: { code: 'missing_value', params: { field: 'lines' } }, field: 'lines', value: '' };
  const header: Fields = {
    extOrderNo: o.id,
    source: o.channelKind,
    orderType: m.orderType,
    customerCode: m.customerCode,
    orderDate: formatInZone(o.paidAt ?? o.createdAt, zone).slice(0, 10),
    currency: m.currency,
    totalAmount: yuan(o.paidFen),
    remark: clip(o.sellerNote || o.buyerRemark || null, 255),
  };
  const lines: Fields[] = [];
  for (const l of o.lines) {
    if (!l.skuCode) return { reason: { code: 'line_without_sku', params: { lineNo: l.lineNo } }, field: `lines.${l.lineNo}.sku`, value: '' };
    if (!(l.qty > 0)) return { reason: { code: 'bad_quantity', params: { lineNo: l.lineNo, value: l.qty } }, field: `lines.${l.lineNo}.qty`, value: String(l.qty) };
    lines.push({
      extOrderNo: o.id, lineNo: l.lineNo, sku: l.skuCode, qty: l.qty, price: yuan(l.unitPriceFen), amount: yuan(l.paidFen),
      warehouseCode: o.warehouseCode, batchNo: l.batchNo, remark: clip(l.title, 255), extLineNo: l.platformLineId,
    });
  }
  const bad = unencodable(header, m.header.columns, m.charset, 'header') ?? lines.map((l, i) => unencodable(l, m.lines.columns, m.charset, `lines.${i + 1}`)).find(Boolean);
  if (bad) return bad;
  const hash = createHash('sha256').update(JSON.stringify([header, lines])).digest('hex');
  return { extOrderNo: o.id, hash, header: { ...header, payloadHash: hash, status: m.newStatus }, lines };
}

/** Text for a varchar column in a Chinese code page must fit it: say which field and which character does not. */
export function unencodable(values: Fields, columns: Record<string, string | undefined>, charset: PushOrdersMapping['charset'], prefix: string) {
  if (charset === 'unicode') return null;
  for (const [k, v] of Object.entries(values)) {
    if (typeof v !== 'string' || !columns[k]) continue;
    const ch = firstUnencodable(v, charset);
    if (ch) {
      const field = `${prefix}.${k}`;
      return { reason: { code: 'text_not_encodable' as const, params: { field, value: v.slice(0, 100), char: ch, charset } }, field, value: v };
    }
  }
  return null;
}

/** Column list and values for the fields the mapping names (others are not written). */
export function mapped(values: Fields, columns: Record<string, string | undefined>): { cols: string[]; vals: Param[] } {
  const cols: string[] = [];
  const vals: Param[] = [];
  for (const [k, col] of Object.entries(columns)) {
    if (!col || !(k in values)) continue;
    cols.push(col);
    vals.push(values[k] ?? null);
  }
  return { cols, vals };
}
