/**
 * 库位: where each SKU lies in a warehouse (`sku_bins`, synced), which the pick list walks in order.
 * Every change goes through the write path (row + audit + sync log); a row that cannot be saved is
 * returned with its row number, the field at fault and the value, and the others are saved.
 */
import { BIN_MAX, type BinRefusalCode, type BinRejection, type BinRow, type BinsSaved } from '../../../src-shared/contract/shipping-bins';
import { ApiError } from '../../../src-shared/errors';
import { binRefusalText } from '../../../src-shared/shipping-words';
import type { Sqlite, WriteTx } from '../../db';

/** A row as typed, pasted or read from a file; `rowNo` as the person sees it (paste line, Excel row). */
export interface BinInput {
  rowNo: number;
  skuCode: string;
  bin: string;
}

/**
 * A bin row's id is its natural key (warehouse, SKU), like safety_stock's: two PCs that set the
 * first bin of the same SKU offline write the same row, and sync settles it field by field (the
 * later bin wins) instead of refusing the second insert as a duplicate and leaving the PCs apart.
 */
export const binRowId = (warehouseId: string, skuCode: string): string => `bin:${warehouseId}:${skuCode}`;

/** Letters, digits and the marks shelf names use; no spaces, so a scanner's code reads back the same. */
const BIN_SHAPE = /^[^\s\p{Cc}]{1,32}$/u;

export class BinBook {
  private readonly page;
  private readonly skuKnown;
  private readonly current;
  private readonly whName;

  constructor(sqlite: Sqlite, private readonly now: () => number) {
    this.page = sqlite.prepare(
      `SELECT s.code AS skuCode, s.title, s.spec, b.bin, b.updated_at AS updatedAt
       FROM skus s LEFT JOIN sku_bins b ON b.warehouse_id = @wh AND b.sku_code = s.code
       WHERE (@unset = 0 OR b.bin IS NULL)
         AND (@q IS NULL OR instr(lower(s.code), @q) > 0 OR instr(lower(s.title), @q) > 0 OR instr(lower(coalesce(b.bin, '')), @q) > 0)
       ORDER BY b.bin IS NULL, b.bin, s.code LIMIT @limit`,
    );
    this.skuKnown = sqlite.prepare('SELECT 1 FROM skus WHERE code = ? LIMIT 1').pluck();
    this.current = sqlite.prepare('SELECT id, bin FROM sku_bins WHERE warehouse_id = ? AND sku_code = ?');
    this.whName = sqlite.prepare('SELECT name FROM warehouses WHERE id = ?').pluck();
  }

  list(warehouseId: string, o: { search?: string | undefined; unsetOnly: boolean; limit: number }): BinRow[] {
    this.warehouse(warehouseId);
    return this.page.all({ wh: warehouseId, unset: o.unsetOnly ? 1 : 0, q: o.search ? o.search.toLowerCase() : null, limit: o.limit }) as BinRow[];
  }

  /**
   * Inside the caller's write. An empty bin clears it when `emptyClears` (the grid's cell); from a
   * paste or a file an empty bin is a mistake (a column slipped), refused as `bin_missing`.
   */
  apply(tx: WriteTx, warehouseId: string, rows: readonly BinInput[], o: { emptyClears: boolean; lang: 'zh' | 'en' }): BinsSaved {
    const whName = this.warehouse(warehouseId);
    const out: BinsSaved = { saved: 0, cleared: 0, unchanged: 0, rejected: [] };
    const refuse = (r: BinInput, field: BinRejection['field'], code: BinRefusalCode) => {
      const value = field === 'skuCode' ? r.skuCode : r.bin;
      out.rejected.push({ rowNo: r.rowNo, skuCode: r.skuCode, bin: r.bin, field, value, code, message: binRefusalText(code, value, o.lang) });
    };
    // The same SKU twice with different bins: neither row wins silently.
    const seen = new Map<string, string>();
    const twice = new Set<string>();
    for (const r of rows) {
      const sku = r.skuCode.trim();
      const prior = seen.get(sku);
      if (prior !== undefined && prior !== r.bin.trim()) twice.add(sku);
      seen.set(sku, r.bin.trim());
    }
    const done = new Set<string>();
    const now = this.now();
    for (const r of rows) {
      const sku = r.skuCode.trim();
      const bin = r.bin.trim();
      if (!sku) { refuse(r, 'skuCode', 'sku_missing'); continue; }
      if (twice.has(sku)) { refuse(r, 'skuCode', 'sku_repeated'); continue; }
      if (!this.skuKnown.get(sku)) { refuse(r, 'skuCode', 'sku_unknown'); continue; }
      if (!bin && !o.emptyClears) { refuse(r, 'bin', 'bin_missing'); continue; }
      if (bin && (bin.length > BIN_MAX || !BIN_SHAPE.test(bin))) { refuse(r, 'bin', 'bin_invalid'); continue; }
      if (done.has(sku)) { out.unchanged++; continue; }
      done.add(sku);
      const had = this.current.get(warehouseId, sku) as { id: string; bin: string } | undefined;
      if (!bin) {
        if (!had) { out.unchanged++; continue; }
        tx.delete('sku_bins', had.id);
        out.cleared++;
      } else if (!had) {
        tx.insert('sku_bins', { id: binRowId(warehouseId, sku), warehouseId, skuCode: sku, bin, updatedAt: now });
        out.saved++;
      } else if (had.bin !== bin) {
        tx.update('sku_bins', had.id, { bin, updatedAt: now });
        out.saved++;
      } else out.unchanged++;
    }
    if (out.saved || out.cleared) {
      tx.note({ entity: 'warehouses', entityId: warehouseId, action: 'bins', after: { warehouse: whName, saved: out.saved, cleared: out.cleared, rejected: out.rejected.length } });
    }
    return out;
  }

  private warehouse(warehouseId: string): string {
    const name = this.whName.get(warehouseId) as string | undefined;
    if (!name) throw new ApiError('not_found', `仓库不存在：warehouseId = ${warehouseId}`, 'warehouseId');
    return name;
  }
}
