import { uuidv7 } from '../kernel/ids';
import type { PurchaseMarkView } from '../../src-shared/contract/exceptions';
import type { Sqlite, WriteTx } from '../db';

/** Purchases under way (采购在途) per SKU: what keeps "stock short" from being 采购协同失效. */
export class PurchaseMarks {
  private readonly open;
  private readonly openSku;
  private readonly one;

  constructor(sqlite: Sqlite) {
    const cols = 'id, sku_code AS skuCode, qty, expected_at AS expectedAt, note, created_at AS createdAt, created_by_name AS createdByName';
    this.open = sqlite.prepare(`SELECT ${cols} FROM purchase_marks WHERE cleared_at IS NULL ORDER BY expected_at, id`);
    this.openSku = sqlite.prepare(`SELECT ${cols} FROM purchase_marks WHERE cleared_at IS NULL AND sku_code = ? ORDER BY expected_at, id`);
    this.one = sqlite.prepare(`SELECT ${cols}, cleared_at AS clearedAt FROM purchase_marks WHERE id = ?`);
  }

  list(skuCode?: string): PurchaseMarkView[] {
    return (skuCode ? this.openSku.all(skuCode) : this.open.all()) as PurchaseMarkView[];
  }

  get(id: string): (PurchaseMarkView & { clearedAt: number | null }) | null {
    return (this.one.get(id) as (PurchaseMarkView & { clearedAt: number | null }) | undefined) ?? null;
  }

  mark(tx: WriteTx, m: { skuCode: string; qty: number | null; expectedAt: number; note: string | null }, by: string | null, now: number): PurchaseMarkView {
    const id = uuidv7();
    tx.insert('purchase_marks', { id, skuCode: m.skuCode, qty: m.qty, expectedAt: m.expectedAt, note: m.note, createdAt: now, createdByName: by, clearedAt: null });
    return this.get(id)!;
  }

  clear(tx: WriteTx, id: string, now: number): void {
    tx.update('purchase_marks', id, { clearedAt: now });
  }
}
