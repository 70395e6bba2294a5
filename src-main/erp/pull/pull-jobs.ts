import { uuidv7 } from 'uuidv7';
import type { ErpPullCounts } from '../../../src-shared/contract/erp';
import type { ErpPullKind, PullMapping } from '../../../src-shared/erp';
import type { Database, WriteContext, WriteTx } from '../../db';
import type { JobHandle } from '../jobs';
import { ErpFailure, type ErpSession, type Row } from '../odbc/session';
import type { ErpRejects } from '../rejects';
import { stockKey, type StockCount, type StockSink } from '../stock-sink';
import { columnLookup, missingFields, plainRow, pullStatement, readRow, type Values } from './read-rows';

export interface PullDeps {
  db: Database;
  session: ErpSession;
  connectionId: string;
  job: JobHandle;
  ctx: WriteContext;
  rejects: ErpRejects;
  sink: StockSink;
}

/** Rows per ODBC fetch and per SQLite transaction: large enough to be fast, small enough never to hold the loop. */
export const FETCH_SIZE = 5000;
const WRITE_BATCH = 2000;
const tick = () => new Promise<void>((r) => setImmediate(r));
const zero = (): ErpPullCounts => ({ read: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, zeroed: 0 });

/** The ERP's rows in batches, each read into our fields or kept aside with its reason. */
async function* readBatches(d: PullDeps, kind: ErpPullKind, mapping: PullMapping) {
  const { sql, params } = pullStatement(kind, mapping);
  let cols: Map<string, string> | null = null;
  let read = 0;
  for await (const rows of d.session.selectBatches(sql, params, FETCH_SIZE, d.job.signal)) {
    if (!cols) {
      const missing = missingFields(kind, Object.keys(rows[0]!));
      if (missing.length) throw new ErpFailure({ code: 'missing_column', params: { field: missing.join(', '), column: Object.keys(rows[0]!).join(', ') } });
      cols = columnLookup(kind, rows[0]!);
    }
    read += rows.length;
    d.job.progress(read);
    yield rows.map((row) => ({ row, read: readRow(kind, row, cols!) }));
  }
}

function reject(d: PullDeps, lane: 'skus' | 'warehouses' | 'stock', row: Row, r: { reason: NonNullable<ReturnType<typeof readRow>['reason']>; field?: string; value?: string }, rowKey: string | null) {
  d.rejects.record(d.connectionId, d.job.id, lane, { rowKey, field: r.field ?? null, value: r.value ?? null, reason: r.reason, raw: plainRow(row) });
}

/** The SKU master: new codes become SKUs, known ones are updated field by field; the ERP's codes are remembered for the unknown-SKU list. */
export async function pullSkus(d: PullDeps, mapping: PullMapping): Promise<ErpPullCounts> {
  const counts = zero();
  const started = Date.now();
  const sqlite = d.db.sqlite;
  const byCode = sqlite.prepare('SELECT id, title, spec, barcode FROM skus WHERE code = ?');
  const seen = sqlite.prepare('INSERT INTO erp_items (connection_id, code, seen_at) VALUES (?, ?, ?) ON CONFLICT(connection_id, code) DO UPDATE SET seen_at = excluded.seen_at');
  const codes = new Set<string>();
  for await (const batch of readBatches(d, 'skus', mapping)) {
    counts.read += batch.length;
    d.db.writes.run(d.ctx, (tx) => {
      const fresh: Record<string, unknown>[] = [];
      const now = Date.now();
      for (const { row, read } of batch) {
        if (read.reason) {
          counts.rejected++;
          reject(d, 'skus', row, read, (read.values.code as string | null) ?? null);
          continue;
        }
        const v = read.values as Values & { code: string; name: string };
        if (codes.has(v.code)) {
          counts.rejected++;
          reject(d, 'skus', row, { reason: { code: 'duplicate_code', params: { value: v.code } }, field: 'code', value: v.code }, v.code);
          continue;
        }
        codes.add(v.code);
        seen.run(d.connectionId, v.code, started);
        const fields = { title: v.name, spec: v.spec, barcode: v.barcode };
        const have = byCode.get(v.code) as { id: string } | undefined;
        if (!have) {
          fresh.push({ id: uuidv7(), code: v.code, ...fields, priceFen: null, weightGrams: null, createdAt: now, updatedAt: now });
          counts.created++;
        } else if (tx.update('skus', have.id, fields)) {
          tx.update('skus', have.id, { updatedAt: now });
          counts.updated++;
        } else counts.unchanged++;
      }
      tx.insertMany('skus', fresh, `ERP ${d.connectionId}: ${fresh.length} new SKUs`);
    });
  }
  if (!d.job.signal.aborted) {
    sqlite.prepare('DELETE FROM erp_items WHERE connection_id = ? AND seen_at < ?').run(d.connectionId, started);
    d.rejects.settleEarlier(d.connectionId, 'skus', d.job.id);
  }
  return counts;
}

export async function pullWarehouses(d: PullDeps, mapping: PullMapping): Promise<ErpPullCounts> {
  const counts = zero();
  const byCode = d.db.sqlite.prepare('SELECT id FROM warehouses WHERE code = ?').pluck();
  for await (const batch of readBatches(d, 'warehouses', mapping)) {
    counts.read += batch.length;
    d.db.writes.run(d.ctx, (tx) => {
      const now = Date.now();
      for (const { row, read } of batch) {
        if (read.reason) {
          counts.rejected++;
          reject(d, 'warehouses', row, read, (read.values.code as string | null) ?? null);
          continue;
        }
        const { code, name } = read.values as { code: string; name: string };
        const id = byCode.get(code) as string | undefined;
        if (!id) {
          tx.insert('warehouses', { id: uuidv7(), code, name, city: null, createdAt: now, updatedAt: now });
          counts.created++;
        } else if (tx.update('warehouses', id, { name })) {
          tx.update('warehouses', id, { updatedAt: now });
          counts.updated++;
        } else counts.unchanged++;
      }
    });
  }
  if (!d.job.signal.aborted) d.rejects.settleEarlier(d.connectionId, 'warehouses', d.job.id);
  return counts;
}

interface Group {
  sku: string;
  warehouse: string;
  qty: number;
  bad: { row: Row; reason: NonNullable<ReturnType<typeof readRow>['reason']>; field?: string; value?: string } | null;
}

/**
 * A stock snapshot: rows (per batch, lot, place …) summed per SKU × warehouse; a group with one
 * unreadable row is kept aside whole (a partial sum would be a wrong count). Only changed counts are
 * written; a full snapshot also zeroes what the ERP no longer lists.
 */
export async function pullStock(d: PullDeps, mapping: PullMapping, full: boolean): Promise<ErpPullCounts> {
  const counts = zero();
  const at = Date.now();
  const source = `erp:${d.connectionId}`;
  const groups = new Map<string, Group>();
  const loose: { row: Row; read: ReturnType<typeof readRow> }[] = [];
  for await (const batch of readBatches(d, 'stock', mapping)) {
    counts.read += batch.length;
    for (const { row, read } of batch) {
      const sku = read.values.sku as string | null;
      const warehouse = read.values.warehouse as string | null;
      if (!sku || !warehouse) {
        loose.push({ row, read });
        continue;
      }
      const key = `${sku}\u0000${warehouse}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { sku, warehouse, qty: 0, bad: null }));
      if (read.reason) g.bad ??= { row, reason: read.reason, field: read.field, value: read.value };
      else g.qty += read.values.qty as number;
    }
  }
  if (d.job.signal.aborted) return counts;

  const warehouseIds = new Map((d.db.sqlite.prepare('SELECT code, id FROM warehouses').all() as { code: string; id: string }[]).map((w) => [w.code, w.id]));
  const good: StockCount[] = [];
  const seen = new Set<string>();
  d.db.writes.run(d.ctx, () => {
    for (const { row, read } of loose) {
      counts.rejected++;
      reject(d, 'stock', row, read as { reason: NonNullable<typeof read.reason> }, null);
    }
    for (const g of groups.values()) {
      const whId = warehouseIds.get(g.warehouse);
      const key = `${g.sku} @ ${g.warehouse}`;
      if (g.bad) {
        counts.rejected++;
        reject(d, 'stock', g.bad.row, g.bad, key);
      } else if (!whId) {
        counts.rejected++;
        reject(d, 'stock', { sku: g.sku, warehouse: g.warehouse, qty: g.qty }, { reason: { code: 'unknown_warehouse', params: { value: g.warehouse } }, field: 'warehouse', value: g.warehouse }, key);
      } else {
        good.push({ skuCode: g.sku, warehouseId: whId, onHand: g.qty });
        seen.add(stockKey(g.sku, whId));
      }
    }
  });
  for (let i = 0; i < good.length && !d.job.signal.aborted; i += WRITE_BATCH) {
    const part = good.slice(i, i + WRITE_BATCH);
    const r = d.db.writes.run(d.ctx, (tx: WriteTx) => d.sink.apply(tx, part, at, source));
    counts.created += r.created;
    counts.unchanged += r.unchanged;
    await tick();
  }
  if (full && !d.job.signal.aborted) {
    const gone = d.sink.missingFrom(seen, source).map((c) => ({ ...c, onHand: 0 }));
    for (let i = 0; i < gone.length; i += WRITE_BATCH) {
      counts.zeroed += d.db.writes.run(d.ctx, (tx) => d.sink.apply(tx, gone.slice(i, i + WRITE_BATCH), at, source)).created;
      await tick();
    }
  }
  if (!d.job.signal.aborted) d.rejects.settleEarlier(d.connectionId, 'stock', d.job.id);
  return counts;
}
