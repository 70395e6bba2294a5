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
import { createLogger } from '../src-main/log';
import { rand } from '../tests/sim/random';
import { makeTaobaoTrade, renderTaobaoTrade } from '../tests/sim/taobao-orders';
import { demoDatabase } from './demo-dataset';
import type { Bench } from './index';

const DEMO_ORDERS = Number(process.env.BENCH_STORAGE_ORDERS ?? 1_000_000);
const PIPELINE_ORDERS = Number(process.env.BENCH_STORAGE_PIPELINE_ORDERS ?? 20_000);

/** Who owns each table (issue 9, item 8): the grid's tables, the audit chain, the sync log, the rest. */
function owner(table: string): string {
  if (table.startsWith('audit_log')) return 'audit (hardening)';
  if (table.startsWith('outbox')) return 'outbox (sync)';
  if (/^(orders|order_|sqlite_autoindex_orders|sqlite_autoindex_order_|customers|sqlite_autoindex_customers|line_search)/.test(table)) return 'orders, lines, events, search, raw (grid)';
  return 'everything else';
}

/** Prints bytes per order by table (with its indexes) and by owner; returns the total. */
export function breakdown(file: string, orders: number, label: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare(`SELECT s.name, coalesce(m.tbl_name, s.name) AS tbl, sum(s.pgsize) AS bytes FROM dbstat s LEFT JOIN sqlite_master m ON m.name = s.name GROUP BY s.name`).all() as { name: string; tbl: string; bytes: number }[];
    const byTable = new Map<string, { bytes: number; parts: string[] }>();
    for (const r of rows) {
      // FTS5 keeps its index in shadow tables named after it.
      const tbl = /^(order_search|line_search)_/.test(r.tbl) ? r.tbl.replace(/_(data|idx|config|docsize|content)$/, '') : r.tbl;
      const e = byTable.get(tbl) ?? { bytes: 0, parts: [] };
      e.bytes += r.bytes;
      if (r.bytes / orders >= 1) e.parts.push(`${r.name} ${(r.bytes / orders).toFixed(0)}`);
      byTable.set(tbl, e);
    }
    const total = [...byTable.values()].reduce((s, e) => s + e.bytes, 0);
    console.log(`${label}: ${orders.toLocaleString('en-US')} orders, file ${(statSync(file).size / 1048576).toFixed(0)} MB, ${(total / orders).toFixed(0)} bytes per order in pages`);
    const owners = new Map<string, number>();
    for (const [tbl, e] of [...byTable].sort((a, b) => b[1].bytes - a[1].bytes)) {
      owners.set(owner(tbl), (owners.get(owner(tbl)) ?? 0) + e.bytes);
      if (e.bytes / orders >= 1) console.log(`  ${tbl.padEnd(22)} ${(e.bytes / orders).toFixed(0).padStart(5)} B/order   (${e.parts.join(', ')})`);
    }
    console.log('  by owner:');
    for (const [o, b] of [...owners].sort((a, c) => c[1] - a[1])) console.log(`    ${o.padEnd(42)} ${(b / orders).toFixed(0).padStart(5)} B/order`);
    return total / orders;
  } finally {
    db.close();
  }
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
