import { IMPORT_FIELDS } from '../../src-shared/contract/imports';
import { CellError, cellFen, cellId, cellInt, cellString, cellText, cellTime, type Cell } from './cell-values';
import { normalizeHeader, type TemplateDef } from './builtin-templates';

type FieldType = 'id' | 'text' | 'fen' | 'time' | 'int' | 'signedInt' | 'qty';

/** How each field's cell is read; fields not listed are text. */
const TYPES: Record<string, FieldType> = {
  platformOrderId: 'id', code: 'id', skuCode: 'id', lineSkuCode: 'id', barcode: 'id', trackingNo: 'id',
  createdAt: 'time', paidAt: 'time', shippedAt: 'time', completedAt: 'time', at: 'time',
  goodsYuan: 'fen', discountYuan: 'fen', platformDiscountYuan: 'fen', pddPayDiscountYuan: 'fen', postageYuan: 'fen',
  paidYuan: 'fen', refundYuan: 'fen', lineUnitPriceYuan: 'fen', linePaidYuan: 'fen', priceYuan: 'fen',
  lineQty: 'qty', weightGrams: 'int', onHand: 'signedInt',
};

/** Any of these gives an order its amount (the paid amount is derived from the goods amount when only that is given). */
export const AMOUNT_SOURCES = ['paidYuan', 'goodsYuan', 'linePaidYuan', 'lineUnitPriceYuan'] as const;

export type FieldValue = string | number | null;

export interface RowReject {
  field: string | null;
  value: string | null;
  zh: string;
  en: string;
}

/** Column positions for one file: field → index of the first header that carries it. */
export interface ColumnPlan {
  template: TemplateDef;
  index: Map<string, number>;
  /** Field → the header as written in the file, for reject messages. */
  headerOf: Map<string, string>;
}

export function planColumns(template: TemplateDef, headers: string[]): ColumnPlan {
  const norm = headers.map(normalizeHeader);
  const index = new Map<string, number>();
  const headerOf = new Map<string, string>();
  for (const [field, names] of Object.entries(template.columns)) {
    for (const n of names) {
      const i = norm.indexOf(n);
      if (i !== -1) {
        index.set(field, i);
        headerOf.set(field, headers[i]!.trim());
        break;
      }
    }
  }
  return { template, index, headerOf };
}

/** Fields a template requires that the file lacks and no default supplies. */
export function missingRequired(plan: ColumnPlan): string[] {
  const specs = IMPORT_FIELDS[plan.template.kind];
  const required = specs.filter((f) => f.required).map((f) => f.key);
  if (plan.template.role === 'items') return ['platformOrderId', 'lineTitle'].filter((k) => !plan.index.has(k));
  const missing = required.filter((k) => !plan.index.has(k) && !plan.template.defaults[k]);
  // An order needs an amount: the order's paid amount, or line amounts to add up (POS sheets).
  if (plan.template.kind === 'orders' && !AMOUNT_SOURCES.some((k) => plan.index.has(k) || plan.template.defaults[k])) missing.push('paidYuan');
  return missing;
}

/**
 * Reads one row into typed fields. Every mapped cell is checked, so one row can carry
 * several problems; the first one becomes the reject reason.
 */
export function mapRow(plan: ColumnPlan, cells: Cell[]): { values: Record<string, FieldValue>; problems: RowReject[] } {
  const values: Record<string, FieldValue> = {};
  const problems: RowReject[] = [];
  const fields = new Set([...plan.index.keys(), ...Object.keys(plan.template.defaults)]);
  for (const field of fields) {
    const i = plan.index.get(field);
    let cell: Cell = i === undefined ? null : (cells[i] ?? null);
    if ((cell === null || (typeof cell === 'string' && cell.trim() === '')) && plan.template.defaults[field] !== undefined) {
      cell = plan.template.defaults[field]!;
    }
    try {
      values[field] = read(TYPES[field] ?? 'text', cell);
    } catch (e) {
      if (!(e instanceof CellError)) throw e;
      const name = plan.headerOf.get(field) ?? field;
      problems.push({ field: name, value: cellText(cell), zh: `${name}：${e.zh}`, en: `${name}: ${e.en}` });
    }
  }
  return { values, problems };
}

function read(type: FieldType, cell: Cell): FieldValue {
  switch (type) {
    case 'id': return cellId(cell);
    case 'fen': return cellFen(cell);
    case 'time': return cellTime(cell);
    case 'int': return cellInt(cell);
    case 'signedInt': return cellInt(cell, { allowNegative: true });
    case 'qty': {
      const n = cellInt(cell);
      if (n === 0) throw new CellError('数量必须大于 0', 'quantity must be greater than 0');
      return n;
    }
    default: return cellString(cell);
  }
}
