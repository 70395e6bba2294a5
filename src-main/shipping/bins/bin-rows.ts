/**
 * "SKU ↹ 库位" rows from a paste (Excel copies tab-separated) or a CSV/xlsx file. A header row is
 * optional; when there is one its words pick the two columns (库位 may come first), else the first
 * column is the SKU and the second the bin. Row numbers are what the person sees: the pasted line,
 * the Excel row.
 */
import { FileError, openSheet } from '../../imports/sheet-reader';
import type { Cell } from '../../imports/cell-values';
import type { BinInput } from './bin-book';

export { FileError };

const SKU_WORDS = /sku|编码|货号|商品|款号|item/i;
const BIN_WORDS = /库位|货位|储位|仓位|bin|location/i;
/** More rows than a warehouse has SKUs: a wrong file. */
export const MAX_BIN_ROWS = 20_000;

const text = (c: Cell | undefined): string =>
  c === null || c === undefined ? '' : c instanceof Date ? c.toISOString() : typeof c === 'object' ? '' : String(c).trim();

/** Which columns hold the SKU and the bin, when the first row is a header; null when it is data. */
function headerColumns(cells: string[]): { sku: number; bin: number } | null {
  const bin = cells.findIndex((c) => BIN_WORDS.test(c));
  const sku = cells.findIndex((c, i) => i !== bin && SKU_WORDS.test(c));
  if (bin < 0 && sku < 0) return null;
  if (bin >= 0 && sku >= 0) return { sku, bin };
  return bin >= 0 ? { sku: bin === 0 ? 1 : 0, bin } : { sku, bin: sku === 0 ? 1 : 0 };
}

function toInputs(rows: { rowNo: number; cells: string[] }[]): BinInput[] {
  const first = rows[0];
  const cols = first ? headerColumns(first.cells) : null;
  const body = cols ? rows.slice(1) : rows;
  const { sku, bin } = cols ?? { sku: 0, bin: 1 };
  if (body.length > MAX_BIN_ROWS) {
    throw new FileError(`库位一次最多 ${MAX_BIN_ROWS} 行，这里有 ${body.length} 行`, `at most ${MAX_BIN_ROWS} bin rows at once; this has ${body.length}`);
  }
  return body.map((r) => ({ rowNo: r.rowNo, skuCode: r.cells[sku] ?? '', bin: r.cells[bin] ?? '' }));
}

/** Pasted text: tab-separated (Excel), or commas; blank lines skipped. */
export function binsFromText(pasted: string): BinInput[] {
  const rows: { rowNo: number; cells: string[] }[] = [];
  pasted.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const cells = (line.includes('\t') ? line.split('\t') : line.split(/[,，]/)).map((c) => c.trim());
    rows.push({ rowNo: i + 1, cells });
  });
  return toInputs(rows);
}

/** A CSV (UTF-8 or GBK) or xlsx file's first sheet; whole-file problems throw `FileError` (zh + en). */
export async function binsFromFile(name: string, bytes: Buffer): Promise<BinInput[]> {
  const rows: { rowNo: number; cells: string[] }[] = [];
  for await (const r of openSheet(name, bytes).rows()) {
    rows.push({ rowNo: r.rowNo, cells: r.cells.map(text) });
    if (rows.length > MAX_BIN_ROWS + 1) break;
  }
  return toInputs(rows);
}
