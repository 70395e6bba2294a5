import { uuidv7 } from '../kernel/ids';
import type { Sqlite, WriteTx } from '../db';
import type { StockSettle } from '../inventory/stock-service';
import type { FieldValue, RowReject } from './row-mapper';

type Values = Record<string, FieldValue>;
export type CatalogOutcome = 'created' | 'updated' | 'unchanged' | RowReject;

/** SKU master rows and stock snapshots, through the write path (both tables are synced). */
export class CatalogWriter {
  private readonly skuByCode;
  private readonly warehouseByCodeOrName;
  private readonly snapshotAt;
  private readonly latestSnapshot;

  constructor(sqlite: Sqlite, private readonly stockLedger: StockSettle | null = null) {
    this.skuByCode = sqlite.prepare('SELECT id FROM skus WHERE code = ?').pluck();
    this.warehouseByCodeOrName = sqlite.prepare('SELECT id FROM warehouses WHERE code = ? OR name = ? ORDER BY code = ? DESC LIMIT 1').pluck();
    this.snapshotAt = sqlite.prepare('SELECT id, on_hand AS onHand FROM stock_snapshots WHERE sku_code = ? AND warehouse_id = ? AND at = ?');
    this.latestSnapshot = sqlite.prepare('SELECT on_hand FROM stock_counts WHERE sku_code = ? AND warehouse_id = ? ORDER BY at DESC LIMIT 1').pluck();
  }

  /** Keyed by 商家编码: a new code is a new SKU, a known one is updated field by field. */
  sku(tx: WriteTx, v: Values, headerOf: Map<string, string>): CatalogOutcome {
    const code = v.code as string | null;
    const title = v.title as string | null;
    if (!code) return { field: headerOf.get('code') ?? null, value: '', zh: '商家编码为空', en: 'SKU code is empty' };
    if (!title) return { field: headerOf.get('title') ?? null, value: '', zh: '商品名称为空', en: 'title is empty' };
    const now = Date.now();
    const fields: Record<string, unknown> = { code, title };
    for (const [k, col] of [['spec', 'spec'], ['barcode', 'barcode'], ['priceYuan', 'priceFen'], ['weightGrams', 'weightGrams']] as const) {
      if (k in v) fields[col] = v[k] ?? null;
    }
    const id = this.skuByCode.get(code) as string | undefined;
    if (!id) {
      tx.insert('skus', { id: uuidv7(), spec: null, barcode: null, priceFen: null, weightGrams: null, ...fields, createdAt: now, updatedAt: now });
      return 'created';
    }
    const changed = tx.update('skus', id, fields);
    if (!changed) return 'unchanged';
    tx.update('skus', id, { updatedAt: now });
    return 'updated';
  }

  /**
   * One count of one SKU in one warehouse. With a time, keyed by (sku, warehouse, time);
   * without one, a new snapshot is taken now only if the count differs from the latest.
   */
  stock(tx: WriteTx, v: Values, headerOf: Map<string, string>, source: string): CatalogOutcome {
    const skuCode = v.skuCode as string | null;
    const wh = v.warehouse as string | null;
    const onHand = v.onHand as number | null;
    if (!skuCode) return { field: headerOf.get('skuCode') ?? null, value: '', zh: '商家编码为空', en: 'SKU code is empty' };
    if (onHand === null) return { field: headerOf.get('onHand') ?? null, value: '', zh: '库存数量为空', en: 'on-hand quantity is empty' };
    const warehouseId = wh ? (this.warehouseByCodeOrName.get(wh, wh, wh) as string | undefined) : undefined;
    if (!warehouseId) {
      return { field: headerOf.get('warehouse') ?? null, value: wh ?? '', zh: `仓库“${wh ?? ''}”不存在（按编码或名称查找）`, en: `warehouse "${wh ?? ''}" not found (by code or name)` };
    }
    const now = Date.now();
    const outcome = this.writeCount(tx, skuCode, warehouseId, onHand, v.at as number | null, source, now);
    // The reservation ledger hears of every count that moved (routing frees or re-routes orders).
    if (outcome !== 'unchanged') this.stockLedger?.countsChanged(tx, [{ skuCode, warehouseId }], now);
    return outcome;
  }

  private writeCount(tx: WriteTx, skuCode: string, warehouseId: string, onHand: number, at: number | null, source: string, now: number): CatalogOutcome {
    if (at === null) {
      if (this.latestSnapshot.get(skuCode, warehouseId) === onHand) return 'unchanged';
      tx.insert('stock_snapshots', { id: uuidv7(), skuCode, warehouseId, onHand, at: now, source, createdAt: now, updatedAt: now });
      return 'created';
    }
    const existing = this.snapshotAt.get(skuCode, warehouseId, at) as { id: string; onHand: number } | undefined;
    if (!existing) {
      tx.insert('stock_snapshots', { id: uuidv7(), skuCode, warehouseId, onHand, at, source, createdAt: now, updatedAt: now });
      return 'created';
    }
    if (existing.onHand === onHand) return 'unchanged';
    tx.update('stock_snapshots', existing.id, { onHand, source, updatedAt: now });
    return 'updated';
  }
}
