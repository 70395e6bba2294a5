import { uuidv7 } from '../../kernel/ids';
import type { ErpPullCounts } from '../../../src-shared/contract/erp';
import type { ErpPullKind, ErpReason, PullMapping } from '../../../src-shared/erp';
import type { Database, WriteContext } from '../../db';
import { letWaitingWritersGo } from '../../db/write-turns';
import type { JobHandle } from '../jobs';
import { ErpFailure, type ErpSession, type Row } from '../odbc/session';
import type { ErpRejects } from '../rejects';
import type { Change, StockSink } from '../stock-sink';
import { columnLookup, compileReader, missingFields, plainRow, pullStatement, type Read, type Values } from './read-rows';

export interface PullDeps {
  db: Database;
  session: ErpSession;
  connectionId: string;
  job: JobHandle;
  ctx: WriteContext;
  rejects: ErpRejects;
  sink: StockSink;
  /** Rows per fetch and per write transaction (tests make them small to cross batch boundaries). */
  sizes?: { fetch: number; write: number };
}

/**
 * Rows per ODBC fetch: node-odbc's cursor slows down sharply past ~1,000 rows a fetch (measured with
 * psqlODBC: 100 k rows in ~0.9 s at 500–1,000, ~3 s at 5,000, ~30 s at 100,000).
 */
export const FETCH_SIZE = 500;
/**
 * Changed counts per SQLite transaction and change-log row: each costs a few µs (a narrow local row),
 * so 20 k hold the loop for well under 100 ms, and a 100 k first snapshot is 5 commits (each one a
 * WAL fsync: fewer, larger commits are what a loaded disk rewards).
 */
const WRITE_BATCH = 20_000;
const zero = (): ErpPullCounts => ({ read: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, zeroed: 0 });

/** The ERP's rows in batches, with the reader (built once) that turns a row into our fields or its reason. */
async function* readBatches(d: PullDeps, kind: ErpPullKind, mapping: PullMapping): AsyncGenerator<{ rows: Row[]; read: (row: Row) => Read }> {
  const { sql, params } = pullStatement(kind, mapping);
  let reader: ((row: Row) => Read) | null = null;
  let read = 0;
  for await (const rows of d.session.selectBatches(sql, params, d.sizes?.fetch ?? FETCH_SIZE, d.job.signal)) {
    if (!reader) {
      const missing = missingFields(kind, Object.keys(rows[0]!));
      if (missing.length) throw new ErpFailure({ code: 'missing_column', params: { field: missing.join(', '), column: Object.keys(rows[0]!).join(', ') } });
      reader = compileReader(kind, columnLookup(kind, rows[0]!));
    }
    read += rows.length;
    d.job.progress(read);
    yield { rows, read: reader };
  }
}

function reject(d: PullDeps, lane: 'skus' | 'warehouses' | 'stock', row: Row, r: { reason: ErpReason; field?: string; value?: string }, rowKey: string | null) {
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
  for await (const { rows, read: readOne } of readBatches(d, 'skus', mapping)) {
    counts.read += rows.length;
    d.db.writes.run(d.ctx, (tx) => {
      const fresh: Record<string, unknown>[] = [];
      const now = Date.now();
      for (const row of rows) {
        const read = readOne(row);
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
  for await (const { rows, read: readOne } of readBatches(d, 'warehouses', mapping)) {
    counts.read += rows.length;
    d.db.writes.run(d.ctx, (tx) => {
      const now = Date.now();
      for (const row of rows) {
        const read = readOne(row);
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

interface KeyState {
  sku: string;
  whId: string | null;
  /** What this ERP reported for it before this pull (erp_stock_latest), if anything. */
  was: number | undefined;
  sum: number;
  /** The count written for it in this run, if any (then erp_stock_latest holds it). */
  written: number | undefined;
  bad: boolean;
}

/**
 * A stock snapshot, streamed: rows (per batch, lot, place …) are summed per SKU × warehouse while
 * the driver fetches the next rows. Only counts that differ from the ERP's last word are written,
 * in batches of up to `WRITE_BATCH` counts, each one transaction and one change-log row (a count
 * equal to the stored one writes nothing and does not hold a transaction open). If the ERP lists a
 * SKU × warehouse again later in the run, its count is written again; if a later row of it is
 * unreadable, its count goes back to the ERP's previous word and the group is kept aside whole (a
 * partial sum would be a wrong count). A full snapshot also sets to 0 what this ERP counted before
 * and no longer lists. Batches are written in arrival order, so a statement that lists rows in key
 * order (the presets' ORDER BY) keeps each batch to a narrow range of erp_stock_latest; sorting
 * 100 k counts here instead cost more than it saved (130–240 ms on this machine).
 */
export async function pullStock(d: PullDeps, mapping: PullMapping, full: boolean): Promise<ErpPullCounts> {
  const counts = zero();
  const at = Date.now();
  const writeBatch = d.sizes?.write ?? WRITE_BATCH;
  const warehouseIds = new Map((d.db.sqlite.prepare('SELECT code, id FROM warehouses').all() as { code: string; id: string }[]).map((w) => [w.code, w.id]));
  // The ERP starts on the query (on the driver's thread) while the last counts are read here.
  const batches = readBatches(d, 'stock', mapping);
  const firstBatch = batches.next();
  firstBatch.catch(() => undefined); // surfaced when awaited below
  let latest: Map<string, Map<string, number>>;
  try {
    latest = d.sink.latest();
  } catch (e) {
    await batches.return(undefined);
    throw e;
  }
  /** Warehouse code → SKU code → its group (two lookups, no joined key per row). */
  const groups = new Map<string, { whId: string | null; was: Map<string, number> | undefined; skus: Map<string, KeyState> }>();
  /** Groups touched since the last write; pruned of those that (so far) equal what is stored. */
  let dirty = new Set<KeyState>();
  let rejects: { row: Row; r: { reason: ErpReason; field?: string; value?: string }; key: string | null }[] = [];
  /** Groups seen and groups kept aside (for the counts returned). */
  let seenGroups = 0;
  let badGroups = 0;
  /** What erp_stock_latest holds for the group now. */
  const stored = (g: KeyState) => (g.written !== undefined ? g.written : g.was);
  const idle = (g: KeyState) => (g.bad ? g.written === undefined : g.sum === stored(g));

  const flush = () => {
    const todo = [...dirty];
    const rej = rejects;
    dirty = new Set();
    rejects = [];
    const changes: Change[] = [];
    for (const g of todo) {
      if (g.bad) {
        // Withdrawn: the ERP's previous word stands again (or none).
        if (g.written === undefined) continue;
        changes.push({ skuCode: g.sku, warehouseId: g.whId!, onHand: g.was ?? null, was: g.was ?? null });
        g.written = undefined;
      } else if (g.sum !== stored(g)) {
        changes.push({ skuCode: g.sku, warehouseId: g.whId!, onHand: g.sum, was: g.was ?? null });
        g.written = g.sum;
      }
    }
    if (!changes.length && !rej.length) return;
    d.db.writes.run(d.ctx, (tx) => {
      for (const x of rej) reject(d, 'stock', x.row, x.r, x.key);
      d.sink.write(tx, changes, at, 'counts');
    });
  };

  try {
    for (let step = await firstBatch; !step.done; step = await batches.next()) {
      const { rows, read: readOne } = step.value;
      counts.read += rows.length;
      for (const row of rows) {
        const read = readOne(row);
        const sku = read.values.sku as string | null;
        const warehouse = read.values.warehouse as string | null;
        if (!sku || !warehouse) {
          counts.rejected++;
          rejects.push({ row, r: read as { reason: ErpReason; field?: string; value?: string }, key: null });
          continue;
        }
        let wh = groups.get(warehouse);
        if (!wh) {
          const whId = warehouseIds.get(warehouse) ?? null;
          groups.set(warehouse, (wh = { whId, was: whId === null ? undefined : latest.get(whId), skus: new Map() }));
        }
        let g = wh.skus.get(sku);
        if (!g) {
          wh.skus.set(sku, (g = { sku, whId: wh.whId, was: wh.was?.get(sku), sum: 0, written: undefined, bad: false }));
          seenGroups++;
        }
        if (g.bad) continue;
        const why = read.reason
          ? { reason: read.reason, field: read.field, value: read.value }
          : !g.whId ? { reason: { code: 'unknown_warehouse' as const, params: { value: warehouse } }, field: 'warehouse', value: warehouse } : null;
        if (why) {
          g.bad = true;
          badGroups++;
          counts.rejected++;
          if (g.written !== undefined) dirty.add(g);
          rejects.push({ row: read.reason ? row : { sku, warehouse }, r: why, key: `${sku} @ ${warehouse}` });
          continue;
        }
        g.sum += read.values.qty as number;
        dirty.add(g);
      }
      if (dirty.size >= writeBatch) for (const g of dirty) if (idle(g)) dirty.delete(g);
      if (dirty.size + rejects.length >= writeBatch) flush();
      if (d.job.signal.aborted) break;
    }
  } finally {
    await batches.return(undefined); // closes the cursor if the loop ended early
  }
  if (d.job.signal.aborted) return counts;
  flush();

  let written = 0;
  for (const wh of groups.values()) for (const g of wh.skus.values()) if (!g.bad && g.written !== undefined && g.written !== g.was) written++;
  counts.created = written;
  counts.unchanged = seenGroups - badGroups - written;
  if (full) {
    const listed = new Map<string, Map<string, KeyState>>();
    for (const wh of groups.values()) if (wh.whId) listed.set(wh.whId, wh.skus);
    const gone: Change[] = [];
    for (const [warehouseId, skus] of latest) {
      const seen = listed.get(warehouseId);
      for (const [skuCode, onHand] of skus) if (onHand !== 0 && !seen?.has(skuCode)) gone.push({ skuCode, warehouseId, onHand: 0, was: onHand });
    }
    for (let i = 0; i < gone.length; i += writeBatch) {
      d.db.writes.run(d.ctx, (tx) => d.sink.write(tx, gone.slice(i, i + writeBatch), at, 'zeroed'));
      counts.zeroed += Math.min(writeBatch, gone.length - i);
      await letWaitingWritersGo(); // a job worker waiting for the lock goes between batches
    }
  }
  d.rejects.settleEarlier(d.connectionId, 'stock', d.job.id);
  return counts;
}
