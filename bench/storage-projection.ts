/**
 * What a more compact storage format would weigh, before anyone builds it (issue 9, item 8: the
 * demo workspace takes ~4.2 KB per order against a target of 2.5 KB). Each step rewrites a copy of
 * the cached demo replica the way the candidate format would store the same data, and prints the
 * bytes per order after it, so the team can weigh each format change against its cost:
 *
 *   0. the replica as it is, repacked (VACUUM INTO, so every step is measured the same way);
 *   1. every UUID (ids and references to them) as 16 bytes instead of 36 characters of text;
 *   2. bulk audit records keep each row's id and hash as 28 bytes of binary (the id's 16 bytes and
 *      96 bits of hash) instead of 45 characters of base64url text.
 *   3. the timeline's words (event type, from and to status) as one-byte codes of a fixed list.
 *
 * Steps 1 and 3 change what the team's PCs and the cloud exchange (ids on the wire, in every table), step
 * 2 only this PC's audit chain (the audit log is not synced), which hashes records as JSON text today.
 *
 * Nothing here is the app's format: the copies are thrown away. `BENCH_STORAGE_ORDERS` as for
 * `storage` (default 1 M; the replica is generated once and cached).
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { storageByTable } from '../src-main/db/storage';
import { demoDatabase } from './demo-dataset';
import type { Bench } from './index';

const DEMO_ORDERS = Number(process.env.BENCH_STORAGE_ORDERS ?? 1_000_000);

/** A column's value is a UUID as the app writes them (36 characters, lowercase hex). */
const isUuidText = (c: string) => `length("${c}") = 36 AND "${c}" GLOB '${'[0-9a-f]'.repeat(8)}-*-*-*-*'`;

type Step = { name: string; apply: (db: Database.Database) => void };

const STEPS: Step[] = [
  { name: 'as it is (repacked)', apply: () => {} },
  { name: 'UUIDs as 16 bytes', apply: uuidsAsBytes },
  { name: 'bulk audit rows as 28 bytes (16-byte id, 96-bit hash)', apply: binaryBulkAudit },
  { name: 'timeline: event types and statuses as 1-byte codes', apply: timelineCodes },
];

/** Every text column of every ordinary table whose values are UUIDs, rewritten as their 16 bytes. */
function uuidsAsBytes(db: Database.Database): void {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%search_%'`).pluck().all() as string[];
  for (const t of tables) {
    const cols = db.prepare('SELECT name FROM pragma_table_info(?) WHERE upper(type) = \'TEXT\'').pluck().all(t) as string[];
    for (const c of cols) {
      db.prepare(`UPDATE "${t}" SET "${c}" = unhex(replace("${c}", '-', '')) WHERE ${isUuidText(c)}`).run();
    }
  }
}

/**
 * Each bulk record's per-row entries (`u` + the id's 16 bytes in base64url + a 22-character hash:
 * 45 characters and a space) as 28 bytes in a blob beside the record: the id's bytes and 96 bits
 * of the hash. The record's JSON keeps everything else.
 */
function binaryBulkAudit(db: Database.Database): void {
  db.exec('ALTER TABLE audit_log ADD COLUMN row_hashes BLOB');
  const records = db.prepare(`SELECT seq, after_json AS json FROM audit_log WHERE action = 'bulk_insert'`).all() as { seq: number; json: string }[];
  const put = db.prepare('UPDATE audit_log SET after_json = ?, row_hashes = ? WHERE seq = ?');
  for (const r of records) {
    const body = JSON.parse(r.json) as { rowHashes?: { fields: string[]; rows: string }[] };
    const bytes: Buffer[] = [];
    for (const g of body.rowHashes ?? []) {
      for (const entry of g.rows ? g.rows.split(' ') : []) {
        const id = entry.slice(0, -22);
        bytes.push(id.startsWith('u') ? Buffer.from(id.slice(1), 'base64url') : Buffer.from(id.slice(1)), Buffer.from(entry.slice(-22), 'base64url').subarray(0, 12));
      }
      g.rows = '';
    }
    put.run(JSON.stringify(body), Buffer.concat(bytes), r.seq);
  }
}

/** Each distinct type and status word replaced by a one-character code (what a fixed list would store). */
function timelineCodes(db: Database.Database): void {
  for (const col of ['type', 'from_status', 'to_status']) {
    const words = db.prepare(`SELECT DISTINCT "${col}" FROM order_events WHERE "${col}" IS NOT NULL`).pluck().all() as string[];
    const put = db.prepare(`UPDATE order_events SET "${col}" = ? WHERE "${col}" = ?`);
    words.forEach((w, i) => put.run(String.fromCharCode(48 + i), w));
  }
}

/** The largest tables after the last step (indexes with their table), as `storage` prints them. */
function printLargest(file: string): void {
  const db = new Database(file, { readonly: true });
  try {
    for (const t of storageByTable(db).slice(0, 8)) {
      const parts = t.parts.filter((p) => p.bytes / DEMO_ORDERS >= 10).map((p) => `${p.name} ${(p.bytes / DEMO_ORDERS).toFixed(0)}`).join(', ');
      console.log(`       ${t.table.padEnd(18)} ${(t.bytes / DEMO_ORDERS).toFixed(0).padStart(5)} B/order  (${parts})`);
    }
  } finally {
    db.close();
  }
}

function bytesPerOrder(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT sum(pgsize) FROM dbstat').pluck().get() as number) / DEMO_ORDERS;
  } finally {
    db.close();
  }
}

async function run(): Promise<void> {
  console.log(`load: ${execSync('uptime').toString().trim()}`);
  const source = await demoDatabase(DEMO_ORDERS, (s) => console.log(s));
  const dir = mkdtempSync(join(tmpdir(), 'orderhub-bench-projection-'));
  try {
    const work = join(dir, 'work.db');
    const src = new Database(source, { readonly: true });
    src.exec(`VACUUM INTO '${work}'`);
    src.close();
    const db = new Database(work);
    db.pragma('foreign_keys = OFF');
    // The copy is rewritten in place: the append-only guards of the real file would refuse it.
    for (const t of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).pluck().all() as string[]) db.exec(`DROP TRIGGER "${t}"`);
    let before: number | null = null;
    for (const [i, step] of STEPS.entries()) {
      const t0 = performance.now();
      db.transaction(() => step.apply(db))();
      const packed = join(dir, `step-${i}.db`);
      db.exec(`VACUUM INTO '${packed}'`);
      const now = bytesPerOrder(packed);
      const delta = before === null ? '' : `  (${(now - before).toFixed(0)} B/order)`;
      console.log(`  ${i}. ${step.name.padEnd(56)} ${now.toFixed(0).padStart(5)} B/order, file ${(statSync(packed).size / 1048576).toFixed(0)} MB${delta}  [${((performance.now() - t0) / 1000).toFixed(1)} s]`);
      if (i === STEPS.length - 1) printLargest(packed);
      rmSync(packed, { force: true });
      before = now;
    }
    db.close();
    console.log(`target ≤ 2,500 B/order at ${DEMO_ORDERS.toLocaleString('en-US')} demo orders`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const storageProjectionBench: Bench = {
  name: 'storage-projection',
  what: `bytes per order at ${DEMO_ORDERS.toLocaleString('en-US')} demo orders if ids, the timeline and bulk audit records were stored more compactly (a projection on a copy)`,
  run,
};
