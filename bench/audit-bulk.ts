/**
 * Audit bytes per order for bulk writes (issue #9 item 8), three ways over exactly the same rows:
 *  - summary:  one record per batch naming only how many rows and the first/last id (the old
 *              insertMany: small, but it proves nothing about any row);
 *  - per row:  one full record per row (what `insert` writes: every value, before → after);
 *  - hashes:   one record per batch carrying a 128-bit hash per row (insertMany now).
 * Bytes are the pages audit_log and its indexes take (SQLite's dbstat), divided by orders.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableColumns } from 'drizzle-orm';
import { openDatabase, SYSTEM_ACTOR, type Database } from '../src-main/db';
import { walkRows } from '../src-main/db/write-path/table-walk';
import { DEFAULT_DEMO_SEED, generateDemoWorkspace } from '../src-main/demo/generate';
import { createOrderFlow } from '../src-main/orders/flow';
import { DEMO_NOW } from './demo-dataset';
import type { Bench } from './index';

const ORDERS = Number(process.env.BENCH_AUDIT_ORDERS ?? 100_000);
const TABLES = ['orders', 'order_lines', 'order_addresses', 'order_events', 'order_notes'];
const AUDIT = ['audit_log', 'audit_log_entity_idx', 'audit_log_actor_idx', 'audit_log_at_idx'];

function auditBytes(db: Database): { bytes: number; records: number } {
  const bytes = db.sqlite.prepare(`SELECT sum(pgsize) FROM dbstat WHERE name IN (${AUDIT.map(() => '?').join(',')})`).pluck().get(...AUDIT) as number;
  return { bytes, records: db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number };
}

/** The same rows, in batches of the demo's size, written another way; returns the time taken. */
function replay(from: Database, to: Database, write: (db: Database, entity: string, rows: Record<string, unknown>[]) => void): number {
  const started = performance.now();
  for (const entity of TABLES) {
    const t = from.writes.table(entity);
    const keyOf = new Map(Object.entries(getTableColumns(t.table)).map(([key, col]) => [col.name, key]));
    const perBatch = Math.round(2000 * ((from.sqlite.prepare(`SELECT count(*) FROM "${entity}"`).pluck().get() as number) / ORDERS));
    for (const raw of walkRows(from.sqlite, t, Math.max(1, perBatch))) {
      write(to, entity, raw.map((r) => Object.fromEntries(Object.entries(r).map(([c, v]) => [keyOf.get(c)!, v]))));
    }
  }
  return performance.now() - started;
}

async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'orderhub-bench-audit-'));
  try {
    const source = await openDatabase(join(dir, 'source.db'));
    await generateDemoWorkspace(source, createOrderFlow(source).lifecycle, { orders: ORDERS, seed: DEFAULT_DEMO_SEED, now: DEMO_NOW });
    const ctx = { actor: SYSTEM_ACTOR, call: 'bench.audit', reason: 'bench' };
    // Each target gets only the order tables (its shops and customers are left out: no foreign keys).
    const target = async (name: string) => {
      const db = await openDatabase(join(dir, `${name}.db`));
      db.sqlite.pragma('foreign_keys = OFF');
      return db;
    };

    const summary = await target('summary');
    const summaryMs = replay(source, summary, (db, entity, rows) => {
      db.writes.run(ctx, (tx) => {
        const t = db.writes.table(entity);
        for (const r of rows) {
          t.insert(r);
          if (db.writes.syncLog.enabled) db.writes.appendOutbox(ctx, entity, String(r[t.idKey]), 'insert', t.insertedValues(r)); // as insertMany does
        }
        tx.note({ entity, action: 'bulk_insert', after: { summary: 'demo', count: rows.length, firstId: rows[0]!.id, lastId: rows[rows.length - 1]!.id } });
      });
    });
    const hashes = await target('hashes');
    // The write path itself is measured: order rows carry their status as the state machine writes it (with its key).
    const key = (db: Database, entity: string) => (entity === 'orders' ? db.writes.claim('orders', 'status') : undefined);
    const hashesMs = replay(source, hashes, (db, entity, rows) => db.writes.run(ctx, (tx) => tx.insertMany(entity, rows, 'demo', key(db, entity))));
    const perRow = await target('per-row');
    const perRowMs = replay(source, perRow, (db, entity, rows) => db.writes.run(ctx, (tx) => rows.forEach((r) => tx.insert(entity, r, key(db, entity)))));

    const line = (name: string, db: Database, ms: number | null) => {
      const audited = auditBytes(db);
      console.log(`${name.padEnd(9)} ${String(audited.records).padStart(9)} records  ${(audited.bytes / 1024 / 1024).toFixed(1).padStart(7)} MB  ${Math.round(audited.bytes / ORDERS).toString().padStart(5)} B/order${ms === null ? '' : `  (${(ms / 1000).toFixed(1)} s to write)`}`);
      return audited.bytes;
    };
    console.log(`${ORDERS.toLocaleString('en-US')} demo orders; audit_log + its indexes:`);
    const s = line('summary', summary, summaryMs);
    const h = line('hashes', hashes, hashesMs);
    const p = line('per row', perRow, perRowMs);
    console.log(`hashes vs per row: ${(h / p).toFixed(2)}×; hashes vs summary: +${Math.round((h - s) / ORDERS)} B/order (the price of proving each row)`);
    for (const db of [source, hashes, summary, perRow]) db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const auditBulkBench: Bench = {
  name: 'audit-bulk',
  what: `audit bytes per order for bulk writes (${ORDERS.toLocaleString('en-US')} demo orders): summary vs per-row records vs one record with a hash per row`,
  run,
};
