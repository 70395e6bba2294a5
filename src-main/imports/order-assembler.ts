import type { NormalizedLine, NormalizedOrder } from '../ingest/normalized-order';
import { mapStatus, type TemplateDef } from './builtin-templates';
import type { FieldValue, RowReject } from './row-mapper';
import { normalizeParts, splitAddress } from './address';

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
  /** Order no → its first row and a hash of its amounts, packed in one number: memory stays small on big files. */
  private readonly seen = new Map<string, number>();
  /** The order being collected on a line-by-line sheet, its rows, and the first refused row of it. */
  private groupId: string | null = null;
  private group: SourceRow[] = [];
  private poisonedAt: number | null = null;
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
    const amounts = fnv1a(AMOUNT_FIELDS.map((k) => row.values[k] ?? '').join('|'));
    const prior = this.prior(id);
    if (this.t.rowIsOrder) {
      if (prior) return [this.duplicate(row, prior, amounts)];
      this.seen.set(id, pack(row.rowNo, amounts));
      return [this.build([row])];
    }
    if (prior && !prior.open) return [this.notAdjacent(row, id, prior.rowNo)];
    const out = prior ? [] : this.open(id, row.rowNo, amounts);
    if (prior && this.poisonedAt === null && prior.amounts !== amounts) {
      this.poisonedAt = row.rowNo;
      return [this.duplicate(row, prior, amounts)];
    }
    this.group.push(row);
    return out;
  }

  /**
   * A row refused before assembly (a bad cell). On a line-by-line sheet its whole order is
   * refused with it: importing the other lines alone would later let the fixed row, imported
   * from the reject report, replace them.
   */
  refuse(row: SourceRow, why: RowReject): Assembled[] {
    const refused: Assembled = { type: 'reject', rows: [row], reject: why };
    const id = row.values.platformOrderId as string | null | undefined;
    if (this.t.rowIsOrder || !id) return [refused];
    const prior = this.prior(id);
    if (prior && !prior.open) return [refused];
    const out = prior ? [] : this.open(id, row.rowNo, null);
    this.poisonedAt ??= row.rowNo;
    return [...out, refused];
  }

  finish(): Assembled[] {
    return this.flush();
  }

  private prior(id: string): { rowNo: number; amounts: number; open: boolean } | null {
    const v = this.seen.get(id);
    return v === undefined ? null : { rowNo: Math.floor(v / 2 ** 32), amounts: v % 2 ** 32, open: id === this.groupId };
  }

  private open(id: string, rowNo: number, amounts: number | null): Assembled[] {
    const out = this.flush();
    this.groupId = id;
    this.seen.set(id, pack(rowNo, amounts ?? 0));
    if (amounts === null) this.poisonedAt = rowNo;
    return out;
  }

  private flush(): Assembled[] {
    if (this.groupId === null) return [];
    const rows = this.group;
    const poisonedAt = this.poisonedAt;
    this.groupId = null;
    this.group = [];
    this.poisonedAt = null;
    if (!rows.length) return [];
    if (poisonedAt !== null) {
      return [{
        type: 'reject', rows, reject: {
          field: null, value: null,
          zh: `同一订单的第 ${poisonedAt} 行有问题，整单未导入；修正后与这些行一起重新导入`,
          en: `row ${poisonedAt} of the same order was refused, so the whole order was not imported; fix it and import these rows with it`,
        },
      }];
    }
    return [this.build(rows)];
  }

  private notAdjacent(row: SourceRow, id: string, firstRow: number): Assembled {
    return reject(row, 'platformOrderId',
      `订单 ${id} 的明细行不相邻（第 ${firstRow} 行起已处理该订单）；请按订单编号排序后再导入这些行`,
      `the lines of order ${id} are not next to each other (handled from row ${firstRow}); sort by order no. and import these rows again`, this.h);
  }

  private duplicate(row: SourceRow, prior: { rowNo: number; amounts: number }, amounts: number): Assembled {
    if (prior.amounts === amounts) return { type: 'duplicate', row };
    if (!this.t.rowIsOrder) {
      // A line-by-line sheet repeats the order's amounts on each line; differing ones are usually a per-line column mapped as the order's.
      return reject(row, 'paidYuan',
        `与第 ${prior.rowNo} 行同一订单，但订单金额不同；如果这一列是每行商品的金额，请在模板中把它映射为“行实付金额”`,
        `same order as row ${prior.rowNo} but a different order amount; if this column is each line's amount, map it as "Line paid" in the template`, this.h);
    }
    return reject(row, 'paidYuan',
      `订单编号与第 ${prior.rowNo} 行相同，但金额不同；请核对后只保留正确的一行`,
      `same order no. as row ${prior.rowNo} but different amounts; keep only the correct row`, this.h);
  }

  private build(rows: SourceRow[]): Assembled {
    const first = rows[0]!.values;
    const id = first.platformOrderId as string;
    // A sheet with no item columns at all (a simple sales list) says nothing about lines: none are made up.
    const lines = this.t.rowIsOrder || !hasLineFields(first) ? summaryLine(first) : rows.map((r) => lineOf(r.values));
    if (this.t.role === 'items') return { type: 'items', platformOrderId: id, lines, rows };

    const n = (k: string) => (first[k] as number | null | undefined) ?? null;
    const createdAt = n('createdAt') ?? n('paidAt') ?? datePrefix(id);
    if (createdAt === null) return rejectAll(rows, 'createdAt', '下单时间为空', 'created time is empty', this.h);
    const postageFen = n('postageYuan') ?? 0;
    const platformDiscountFen = (n('platformDiscountYuan') ?? 0) + (n('pddPayDiscountYuan') ?? 0);
    const shopDiscount = n('discountYuan');
    const givenDiscount = shopDiscount !== null || platformDiscountFen ? (shopDiscount ?? 0) + platformDiscountFen : null;
    // What a row leaves out but its other amounts imply is derived, never a reason to refuse it
    // (issue 15, item 8): goods = the lines, or paid + discount − postage; paid = goods + postage − discount.
    const linesGoods = lines.reduce((s, l) => s + l.qty * l.unitPriceFen, 0);
    const linesPaid = lines.reduce((s, l) => s + l.paidFen, 0);
    let goodsFen = n('goodsYuan') ?? (linesGoods > 0 ? linesGoods : null);
    let paidFen = n('paidYuan');
    if (paidFen === null && !this.t.rowIsOrder && (linesPaid > 0 || goodsFen === null)) paidFen = linesPaid + postageFen;
    if (goodsFen === null && paidFen !== null) goodsFen = Math.max(0, paidFen + (givenDiscount ?? 0) - postageFen);
    if (paidFen === null && goodsFen !== null) paidFen = Math.max(0, goodsFen + postageFen - (givenDiscount ?? 0));
    if (paidFen === null || goodsFen === null) {
      return rejectAll(rows, 'paidYuan', '实付金额为空，也没有商品金额或单价可以推算', 'paid amount is empty and there is no goods amount or unit price to derive it from', this.h);
    }
    const discountFen = givenDiscount ?? Math.max(0, goodsFen + postageFen - paidFen);
    if (this.t.rowIsOrder && lines[0]) lines[0].paidFen = Math.max(0, paidFen - postageFen);

    const word = (first.platformStatus as string | null) ?? '';
    const phase = word ? mapStatus(this.t, word) : this.t.channelKind === 'pos' ? 'completed' : null;
    const times = ['paidAt', 'shippedAt', 'completedAt'].map(n).filter((x): x is number => x !== null);
    const s = (k: string) => (first[k] as string | null | undefined) ?? null;
    const split = splitAddress(s('address'));
    const order: NormalizedOrder = {
      platformOrderId: id,
      platformStatus: word,
      refundStatus: s('refundStatus'),
      phase,
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
        ...normalizeParts({
          province: s('province') ?? split.province, city: s('city') ?? split.city, district: s('district') ?? split.district,
          detail: [s('street'), s('addressDetail')].filter(Boolean).join('') || split.detail,
        }),
      },
      buyerRemark: s('buyerRemark'), sellerNote: s('sellerNote'), carrier: s('carrier'), trackingNo: s('trackingNo'),
      lines,
    };
    return { type: 'order', order, rows };
  }
}

/** Row numbers below 2^21 (two million rows) and a 32-bit hash fit one safe integer. */
const pack = (rowNo: number, hash: number) => rowNo * 2 ** 32 + hash;

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
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

const LINE_FIELDS = ['lineTitle', 'lineSkuCode', 'lineQty', 'lineUnitPriceYuan', 'linePaidYuan', 'lineSpec'];
function hasLineFields(v: Values): boolean {
  return LINE_FIELDS.some((k) => v[k] !== undefined);
}

function lineOf(v: Values): NormalizedLine {
  const qty = (v.lineQty as number | null) ?? 1;
  const paid = (v.linePaidYuan as number | null | undefined) ?? null;
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

