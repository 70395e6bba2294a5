import type { NormalizedLine, NormalizedOrder } from '../ingest/normalized-order';
import { mapStatus, type TemplateDef } from './builtin-templates';
import type { FieldValue, RowReject } from './row-mapper';

type Values = Record<string, FieldValue>;
export interface SourceRow {
  rowNo: number;
  cells: string[];
  values: Values;
}

export type Assembled =
  | { type: 'order'; order: NormalizedOrder; rows: SourceRow[] }
  /** Taobao 宝贝报表: the lines of one order, to pair with its 订单报表 row. */
  | { type: 'items'; platformOrderId: string; lines: NormalizedLine[]; rows: SourceRow[] }
  /** Every row of the order is rejected together, so the reject report holds the whole order. */
  | { type: 'reject'; rows: SourceRow[]; reject: RowReject }
  /** The same order again with the same amounts: nothing new. */
  | { type: 'duplicate'; row: SourceRow };

const AMOUNT_FIELDS = ['goodsYuan', 'postageYuan', 'paidYuan', 'discountYuan', 'platformDiscountYuan', 'refundYuan'] as const;

/**
 * Turns mapped rows into orders. Platform exports have one row per order; POS sheets and the
 * 宝贝报表 have one row per line, rows of one order next to each other. A second row with the
 * same order no and different amounts is rejected, never merged silently.
 */
export class OrderAssembler {
  /** Order no → first row and its amounts; a few dozen bytes per order, so memory stays small. */
  private readonly seen = new Map<string, { rowNo: number; amounts: string; open: boolean }>();
  private group: SourceRow[] = [];
  private get h() {
    return this.headerOf;
  }

  constructor(
    private readonly t: TemplateDef,
    /** Field → the file's header, so a reject names the column the user sees. */
    private readonly headerOf: Map<string, string>,
  ) {}

  push(row: SourceRow): Assembled[] {
    const id = row.values.platformOrderId as string | null;
    if (!id) return [reject(row, 'platformOrderId', '订单编号为空', 'order no. is empty', this.h)];
    const amounts = AMOUNT_FIELDS.map((k) => row.values[k] ?? '').join('|');
    const prior = this.seen.get(id);
    if (this.t.rowIsOrder) {
      if (prior) return [this.duplicate(row, prior, amounts)];
      this.seen.set(id, { rowNo: row.rowNo, amounts, open: false });
      return [this.build([row])];
    }
    const out: Assembled[] = [];
    if (prior && !prior.open) {
      return [reject(row, 'platformOrderId',
        `订单 ${id} 的明细行不相邻（第 ${prior.rowNo} 行起已导入该订单）；请按订单编号排序后再导入这些行`,
        `the lines of order ${id} are not next to each other (imported from row ${prior.rowNo}); sort by order no. and import these rows again`, this.h)];
    }
    if (prior && prior.amounts !== amounts) return [this.duplicate(row, prior, amounts)];
    if (!prior) {
      out.push(...this.flush());
      this.seen.set(id, { rowNo: row.rowNo, amounts, open: true });
    }
    this.group.push(row);
    return out;
  }

  finish(): Assembled[] {
    return this.flush();
  }

  private flush(): Assembled[] {
    if (!this.group.length) return [];
    const rows = this.group;
    this.group = [];
    const s = this.seen.get(rows[0]!.values.platformOrderId as string);
    if (s) s.open = false;
    return [this.build(rows)];
  }

  private duplicate(row: SourceRow, prior: { rowNo: number; amounts: string }, amounts: string): Assembled {
    if (prior.amounts === amounts) return { type: 'duplicate', row };
    return reject(row, 'paidYuan',
      `订单编号与第 ${prior.rowNo} 行相同，但金额不同；请核对后只保留正确的一行`,
      `same order no. as row ${prior.rowNo} but different amounts; keep only the correct row`, this.h);
  }

  private build(rows: SourceRow[]): Assembled {
    const first = rows[0]!.values;
    const id = first.platformOrderId as string;
    const lines = this.t.rowIsOrder ? summaryLine(first) : rows.map((r) => lineOf(r.values));
    if (this.t.role === 'items') return { type: 'items', platformOrderId: id, lines, rows };

    const n = (k: string) => (first[k] as number | null | undefined) ?? null;
    const createdAt = n('createdAt') ?? n('paidAt') ?? datePrefix(id);
    if (createdAt === null) return rejectAll(rows, 'createdAt', '下单时间为空', 'created time is empty', this.h);
    const linesPaid = lines.reduce((s, l) => s + l.paidFen, 0);
    const postageFen = n('postageYuan') ?? 0;
    const paidFen = n('paidYuan') ?? (this.t.rowIsOrder ? null : linesPaid + postageFen);
    if (paidFen === null) return rejectAll(rows, 'paidYuan', '实付金额为空', 'paid amount is empty', this.h);
    const goodsFen = n('goodsYuan') ?? lines.reduce((s, l) => s + l.qty * l.unitPriceFen, 0);
    const platformDiscountFen = (n('platformDiscountYuan') ?? 0) + (n('pddPayDiscountYuan') ?? 0);
    const shopDiscount = n('discountYuan');
    const discountFen = shopDiscount !== null || platformDiscountFen
      ? (shopDiscount ?? 0) + platformDiscountFen
      : Math.max(0, goodsFen + postageFen - paidFen);
    if (this.t.rowIsOrder && lines[0]) lines[0].paidFen = Math.max(0, paidFen - postageFen);

    const word = (first.platformStatus as string | null) ?? '';
    const status = word ? mapStatus(this.t, word) : this.t.channelKind === 'pos' ? 'completed' : null;
    const times = ['paidAt', 'shippedAt', 'completedAt'].map(n).filter((x): x is number => x !== null);
    const s = (k: string) => (first[k] as string | null | undefined) ?? null;
    const split = splitAddress(s('address'));
    const order: NormalizedOrder = {
      platformOrderId: id,
      platformStatus: word,
      refundStatus: s('refundStatus'),
      status,
      createdAt,
      paidAt: n('paidAt'),
      shippedAt: n('shippedAt'),
      completedAt: n('completedAt'),
      platformUpdatedAt: Math.max(createdAt, ...times),
      goodsFen, discountFen, platformDiscountFen, postageFen, paidFen,
      refundFen: n('refundYuan') ?? 0,
      buyer: { nick: s('buyerNick'), phone: s('receiverPhone') },
      address: {
        receiverName: s('receiverName'), receiverPhone: s('receiverPhone'),
        province: s('province') ?? split.province, city: s('city') ?? split.city, district: s('district') ?? split.district,
        detail: [s('street'), s('addressDetail')].filter(Boolean).join('') || split.detail,
      },
      buyerRemark: s('buyerRemark'), sellerNote: s('sellerNote'), carrier: s('carrier'), trackingNo: s('trackingNo'),
      lines,
    };
    return { type: 'order', order, rows };
  }
}

function reject(row: SourceRow, field: string, zh: string, en: string, h: Map<string, string>): Assembled {
  return { type: 'reject', rows: [row], reject: { field: h.get(field) ?? null, value: String(row.values[field] ?? ''), zh, en } };
}

function rejectAll(rows: SourceRow[], field: string, zh: string, en: string, h: Map<string, string>): Assembled {
  return { type: 'reject', rows, reject: { field: h.get(field) ?? null, value: '', zh, en } };
}

/** Platform exports describe the goods on the order row itself (title, total quantity). */
function summaryLine(v: Values): NormalizedLine[] {
  if (v.lineTitle == null && v.lineQty == null && v.lineSkuCode == null) return [];
  const qty = (v.lineQty as number | null) ?? 1;
  const goods = (v.goodsYuan as number | null) ?? 0;
  return [{
    title: (v.lineTitle as string | null) ?? '', skuCode: (v.lineSkuCode as string | null) ?? null, spec: (v.lineSpec as string | null) ?? null,
    qty, unitPriceFen: qty ? Math.round(goods / qty) : goods, paidFen: 0,
  }];
}

function lineOf(v: Values): NormalizedLine {
  const qty = (v.lineQty as number | null) ?? 1;
  const paid = v.linePaidYuan as number | null;
  const unit = (v.lineUnitPriceYuan as number | null) ?? (paid !== null && qty ? Math.round(paid / qty) : 0);
  return {
    title: (v.lineTitle as string | null) ?? (v.lineSkuCode as string | null) ?? '',
    skuCode: (v.lineSkuCode as string | null) ?? null, spec: (v.lineSpec as string | null) ?? null,
    qty, unitPriceFen: unit, paidFen: paid ?? qty * unit,
  };
}

/** PDD order numbers start with the order date (YYMMDD-…); importers use it when no time is exported. */
function datePrefix(id: string): number | null {
  const m = /^(\d{2})(\d{2})(\d{2})-\d+$/.exec(id);
  if (!m) return null;
  const ms = Date.UTC(2000 + Number(m[1]), Number(m[2]) - 1, Number(m[3])) - 8 * 3_600_000;
  return new Date(ms + 8 * 3_600_000).getUTCDate() === Number(m[3]) ? ms : null;
}

/** `浙江省 杭州市 西湖区 xx路 1号` → parts; masked `上海 上海市 ***` stays as given. */
function splitAddress(text: string | null): { province: string | null; city: string | null; district: string | null; detail: string | null } {
  if (!text) return { province: null, city: null, district: null, detail: null };
  const parts = text.trim().split(/\s+/);
  if (parts.length < 3) return { province: null, city: null, district: null, detail: text.trim() };
  return { province: parts[0]!, city: parts[1]!, district: parts.length > 3 ? parts[2]! : null, detail: parts.slice(parts.length > 3 ? 3 : 2).join(' ') };
}
