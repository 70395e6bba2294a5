import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { openApp } from '../src-main/app';
import { openDatabase } from '../src-main/db';
import { startHttpHost } from '../src-main/host/http-server';
import { createLogger } from '../src-main/log';
import type { Bench } from './index';
import { line, ms, percentile, samples } from './stats';

/** A trivial call through the HTTP host vs the same handler called directly. */
async function apiOverhead(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'orderhub-bench-'));
  const app = await openApp({ dataDir, demo: true, demoOrders: 0, log: createLogger(dataDir, { console: false }) });
  const host = await startHttpHost({ api: app.api, version: 'bench', rendererDir: dataDir });
  const token = ((await app.api.dispatch('auth.login', { username: 'owner', password: 'orderhub-demo' }, null)) as { data: { token: string } }).data.token;
  const direct = () => app.api.dispatch('auth.me', {}, token);
  const overHttp = async () => {
    const r = await fetch(`${host.url}/api/auth.me`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' });
    await r.json();
  };
  for (let i = 0; i < 200; i++) await overHttp(); // warm up sockets and JIT
  const d = await samples(2000, direct);
  const h = await samples(2000, overHttp);
  const p50d = percentile(d, 50);
  const p50h = percentile(h, 50);
  line('auth.me p50 (HTTP host vs direct dispatch)', p50h, p50d);
  console.log(`  added by the HTTP host at p50: ${ms(p50h - p50d)} (target ≤ 1 ms); p95 ${ms(percentile(h, 95))} vs ${ms(percentile(d, 95))}`);
  await host.close();
  app.close();
  rmSync(dataDir, { recursive: true, force: true });
}

const N = 100_000;

function orderRow(i: number, channelId: string) {
  const t = 1_760_000_000_000 + i * 1000;
  return {
    id: uuidv7(), channelId, platformOrderId: String(2_450_000_000_000_000_000n + BigInt(i)), status: 'to_ship', platformStatus: 'WAIT_SELLER_SEND_GOODS',
    goodsFen: 1000 + i, paidFen: 900 + i, createdAt: t, paidAt: t, platformUpdatedAt: t, buyerNick: `buyer${i % 5000}`,
    receiverName: '张**', province: '浙江省', city: '杭州市', urgency: 'green', tags: '[]', version: 1, ingestedAt: t, modifiedAt: t,
  };
}

/** 100 k order writes through the one write path vs raw better-sqlite3 inserts of the same rows. */
async function writePath(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'orderhub-bench-'));
  const db = await openDatabase(join(dir, 'ours.db'));
  const channelId = uuidv7();
  const ctx = { actor: { id: null, name: 'bench' }, call: 'bench.write' };
  db.writes.run(ctx, (tx) => tx.insert('channels', { id: channelId, kind: 'taobao', name: 'bench', configJson: '{}', paused: false, createdAt: 0, updatedAt: 0 }));
  const rows = Array.from({ length: N }, (_, i) => orderRow(i, channelId));

  // Baseline: the same rows, raw prepared inserts, one transaction per 1,000 rows, same pragmas and schema.
  const rawDb = await openDatabase(join(dir, 'raw.db'));
  rawDb.sqlite.prepare(`INSERT INTO channels (id, kind, name, config_json, paused, created_at, updated_at) VALUES (?, 'taobao', 'bench', '{}', 0, 0, 0)`).run(channelId);
  const keys = Object.keys(rows[0]!);
  const cols = keys.map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  const insert = rawDb.sqlite.prepare(`INSERT INTO orders (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')})`);
  const rawBatch = rawDb.sqlite.transaction((batch: typeof rows) => {
    for (const r of batch) insert.run(...keys.map((k) => (r as Record<string, unknown>)[k]));
  });
  let t = performance.now();
  for (let i = 0; i < N; i += 1000) rawBatch(rows.slice(i, i + 1000));
  const rawMs = performance.now() - t;

  // Ours, per row: row + audit (hash-chained) + outbox, 1,000 rows per IMMEDIATE transaction.
  t = performance.now();
  // The write path itself is measured, so the rows carry their status the way the state machine writes it (with its key).
  const statusKey = db.writes.claim('orders', 'status');
  for (let i = 0; i < N; i += 1000) db.writes.run(ctx, (tx) => rows.slice(i, i + 1000).forEach((r) => tx.insert('orders', r, statusKey)));
  const oursMs = performance.now() - t;

  // Ours, bulk path (demo generation): rows + outbox, one audit record per batch.
  const bulkRows = Array.from({ length: N }, (_, i) => orderRow(i + N, channelId));
  t = performance.now();
  for (let i = 0; i < N; i += 1000) db.writes.run(ctx, (tx) => tx.insertMany('orders', bulkRows.slice(i, i + 1000), 'bench', statusKey));
  const bulkMs = performance.now() - t;

  // The same two in a team: the sync log records every change with its values and clock stamp.
  const team = await openDatabase(join(dir, 'team.db'));
  team.writes.syncLog.setEnabled(true);
  team.writes.run(ctx, (tx) => tx.insert('channels', { id: channelId, kind: 'taobao', name: 'bench', configJson: '{}', paused: false, createdAt: 0, updatedAt: 0 }));
  t = performance.now();
  const teamKey = team.writes.claim('orders', 'status');
  for (let i = 0; i < N; i += 1000) team.writes.run(ctx, (tx) => rows.slice(i, i + 1000).forEach((r) => tx.insert('orders', r, teamKey)));
  const teamMs = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < N; i += 1000) team.writes.run(ctx, (tx) => tx.insertMany('orders', bulkRows.slice(i, i + 1000), 'bench', teamKey));
  const teamBulkMs = performance.now() - t;

  const rate = (n: number, msTaken: number) => `${Math.round((n / msTaken) * 1000).toLocaleString('en')} rows/s`;
  console.log(`raw better-sqlite3 inserts:            ${rate(N, rawMs)}`);
  console.log(`write path, audited per row:           ${rate(N, oursMs)}  = ${((rawMs / oursMs) * 100).toFixed(0)} % of raw`);
  console.log(`write path, bulk (audit per batch):    ${rate(N, bulkMs)}  = ${((rawMs / bulkMs) * 100).toFixed(0)} % of raw`);
  console.log(`  in a team (sync log with values), per row: ${rate(N, teamMs)}  = ${((rawMs / teamMs) * 100).toFixed(0)} % of raw`);
  console.log(`  in a team (sync log with values), bulk:    ${rate(N, teamBulkMs)}  = ${((rawMs / teamBulkMs) * 100).toFixed(0)} % of raw`);
  console.log(`audit chain after the run verifies:    ${db.writes.verifyAudit().ok}`);
  db.close();
  team.close();
  rawDb.close();
  rmSync(dir, { recursive: true, force: true });
}

export const foundationBenches: Bench[] = [
  { name: 'api-overhead', what: 'a trivial call through the HTTP host vs the direct dispatcher (target ≤ 1 ms added at p50)', run: apiOverhead },
  { name: 'write-path', what: '100 k order writes through the one write path vs raw better-sqlite3 inserts', run: writePath },
];
