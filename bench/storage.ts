/**
 * Bytes per order, all in, broken down per table and index (SQLite's dbstat) and per owner of
 * the table, so every helper's share is visible: at 1 M demo orders (the target: ≤ 2.5 KB), and
 * for orders that came through a connector (where raw payloads and the page audit add up).
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'lossless-json';
import Database from 'better-sqlite3';
import { openApp } from '../src-main/app';
import { TAOBAO_TRADE_FIELDS, normalizeTaobaoTrade } from '../src-main/channels/taobao/normalize';
import { parsePlatformJson, type JsonObject } from '../src-main/channels/wire/json';
import { storageByTable, storageOwner } from '../src-main/db/storage';
import { createLogger } from '../src-main/log';
import { rand } from '../tests/sim/random';
import { makeTaobaoTrade, renderTaobaoTrade } from '../tests/sim/taobao-orders';
import { demoDatabase } from './demo-dataset';
import type { Bench } from './index';

const DEMO_ORDERS = Number(process.env.BENCH_STORAGE_ORDERS ?? 1_000_000);
const PIPELINE_ORDERS = Number(process.env.BENCH_STORAGE_PIPELINE_ORDERS ?? 20_000);

const OWNER_LABEL = { grid: 'orders, lines, events, search, raw (grid)', audit: 'audit (hardening)', outbox: 'outbox (sync)', other: 'everything else' };

/** Prints bytes per order by table (with its indexes) and by owner; returns the total. */
export function breakdown(file: string, orders: number, label: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const tables = storageByTable(db);
    const total = tables.reduce((s, t) => s + t.bytes, 0);
    console.log(`${label}: ${orders.toLocaleString('en-US')} orders, file ${(statSync(file).size / 1048576).toFixed(0)} MB, ${(total / orders).toFixed(0)} bytes per order in pages`);
    const owners = new Map<string, number>();
    for (const t of tables) {
      const o = OWNER_LABEL[storageOwner(t.table)];
      owners.set(o, (owners.get(o) ?? 0) + t.bytes);
      const parts = t.parts.filter((p) => p.bytes / orders >= 1).map((p) => `${p.name} ${(p.bytes / orders).toFixed(0)}`).join(', ');
      if (t.bytes / orders >= 1) console.log(`  ${t.table.padEnd(22)} ${(t.bytes / orders).toFixed(0).padStart(5)} B/order   (${parts})`);
    }
    console.log('  by owner:');
    for (const [o, b] of [...owners].sort((a, c) => c[1] - a[1])) console.log(`    ${o.padEnd(42)} ${(b / orders).toFixed(0).padStart(5)} B/order`);
    console.log(`  the rows' own bytes (record payloads of the tables: no index, no page slack): ${(rowBytes(db) / orders).toFixed(0)} B/order — what no index change can save`);
    const ids = textIds(db);
    console.log(`  of which text ids (36 characters each): ${(ids / orders).toFixed(1)} per order, ${((ids * 37) / orders).toFixed(0)} B/order; as 16-byte blobs ${((ids * 20) / orders).toFixed(0)} B/order less`);
    return total / orders;
  } finally {
    db.close();
  }
}

/** The tables' record payloads summed: the data itself, as SQLite encodes a row. */
function rowBytes(db: Database.Database): number {
  return db.prepare(`SELECT coalesce(sum(s.payload), 0) FROM dbstat s JOIN sqlite_master m ON m.name = s.name WHERE m.type = 'table'`).pluck().get() as number;
}

/** The tables whose ids the grid's storage is mostly made of (the synced order aggregate and customers). */
const ID_TABLES = ['orders', 'order_lines', 'order_events', 'order_addresses', 'customers'];

/** How many values in those tables are uuids stored as 36-character text (ids and references to ids). */
function textIds(db: Database.Database): number {
  let n = 0;
  for (const table of ID_TABLES) {
    const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
    const isUuid = (c: string) => `CASE WHEN length("${c}") = 36 AND substr("${c}", 9, 1) = '-' AND substr("${c}", 24, 1) = '-' THEN 1 ELSE 0 END`;
    n += (db.prepare(`SELECT coalesce(sum(${columns.map(isUuid).join(' + ')}), 0) FROM "${table}"`).pluck().get() as number);
  }
  return n;
}

async function run(): Promise<void> {
  console.log(`load: ${execSync('uptime').toString().trim()}`);
  const file = await demoDatabase(DEMO_ORDERS, (s) => console.log(s));
  const perOrder = breakdown(file, DEMO_ORDERS, 'demo workspace');
  console.log(`bytes per order at ${DEMO_ORDERS.toLocaleString('en-US')} demo orders: ${perOrder.toFixed(0)} (target ≤ 2,500)`);

  // Orders that came through a connector: raw payloads, page audit, customers.
  const dir = mkdtempSync(join(tmpdir(), 'orderhub-bench-storage-'));
  const app = await openApp({ dataDir: dir, demo: false, log: createLogger(dir, { console: false }), channels: { autostart: false } });
  try {
    const ctx = { actor: { id: null, name: 'bench' }, call: 'bench.storage' };
    const ch = app.services.channels.store.create(ctx, { kind: 'taobao', name: 'bench', config: { app_key: '1', app_secret: 's', session: 's' } });
    const r = rand(7);
    const fields = new Set(TAOBAO_TRADE_FIELDS.split(','));
    const taken = new Set<string>();
    for (let i = 0; i < PIPELINE_ORDERS; i += 100) {
      const items = Array.from({ length: Math.min(100, PIPELINE_ORDERS - i) }, (_, k) => {
        const t = makeTaobaoTrade(r, Date.now() - 30 * 86_400_000 + (i + k) * 60_000, (id) => taken.has(id));
        taken.add(t.id);
        const raw = stringify(renderTaobaoTrade(t, fields))!;
        return { platformOrderId: t.id, raw, result: { ok: true as const, order: normalizeTaobaoTrade(parsePlatformJson(raw, 'taobao') as JsonObject) } };
      });
      app.services.pipeline.ingestPage(ch, items, { ctx, source: 'poll:taobao' });
    }
    app.services.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    breakdown(join(dir, 'orderhub.db'), PIPELINE_ORDERS, 'orders from a connector (Taobao, pages of 100)');
  } finally {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const storageBench: Bench = { name: 'storage', what: `bytes per order per table at ${DEMO_ORDERS.toLocaleString('en-US')} demo orders, and through a connector`, run };
