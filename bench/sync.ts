/**
 * Team sync benchmarks (issue #14), each against a baseline measured in the same run:
 * - push of 10 k mutations through the cloud service vs the same rows inserted into PostgreSQL with pg;
 * - a change on one PC until another PC's orders.page shows it (both online, event stream pokes);
 * - the outbox after sync and compaction vs the orders table.
 * Needs Debian's postgresql (as the tests do).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { openApp, type App } from '../src-main/app';
import { openDatabase } from '../src-main/db';
import { createLogger } from '../src-main/log';
import { CloudApi } from '../src-main/sync/cloud-api';
import { postgresStore } from '../src-cloud/db/store';
import { startCloud } from '../src-cloud/server';
import { createWorkspace } from '../src-cloud/workspace';
import type { Mutation, SqlValue } from '../src-shared/sync/protocol';
import { startPostgres } from '../tests/helpers/postgres';
import type { Bench } from './index';

const N = Number(process.env.SYNC_BENCH_N ?? 10_000);
const BATCH = 1000;

async function orderValues(n: number): Promise<Record<string, SqlValue>[]> {
  const dir = mkdtempSync(join(tmpdir(), 'orderhub-syncbench-'));
  const db = await openDatabase(join(dir, 'x.db'));
  const t = db.writes.table('orders');
  const channelId = uuidv7();
  const now = Date.now();
  const rows = Array.from({ length: n }, (_, i) =>
    t.insertedValues({
      id: uuidv7(), channelId, platformOrderId: String(2_450_000_000_000_000_000n + BigInt(i)), status: 'to_ship', platformStatus: 'WAIT_SELLER_SEND_GOODS',
      goodsFen: 1000 + i, paidFen: 900 + i, createdAt: now - i * 1000, paidAt: now - i * 1000, platformUpdatedAt: now, buyerNick: `buyer${i % 5000}`,
      receiverName: '张**', province: '浙江省', city: '杭州市', district: '西湖区', addressDetail: '文三路 90 号', urgency: 'green', tags: '[]', version: 1, ingestedAt: now, modifiedAt: now,
    }) as Record<string, SqlValue>,
  );
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return rows;
}

async function pushVsPg(): Promise<void> {
  const server = await startPostgres();
  const store = postgresStore(server.url('postgres'));
  try {
    const cloud = await startCloud({ store });
    const rows = await orderValues(N);
    const cols = Object.keys(rows[0]!);

    // Baseline: the same rows straight into a PostgreSQL table with pg, 1,000 per multi-row INSERT, one transaction each.
    const client = new pg.Client({ connectionString: server.url('postgres') });
    await client.connect();
    await client.query(`CREATE TABLE bench_orders (${cols.map((c) => `"${c}" ${typeof rows[0]![c] === 'number' ? 'bigint' : 'text'}`).join(', ')}, PRIMARY KEY (id))`);
    let t = performance.now();
    for (let i = 0; i < N; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      const params: unknown[] = [];
      const tuples = batch.map((r) => `(${cols.map((c) => (params.push(r[c]), `$${params.length}`)).join(',')})`);
      await client.query('BEGIN');
      await client.query(`INSERT INTO bench_orders (${cols.map((c) => `"${c}"`).join(',')}) VALUES ${tuples.join(',')}`, params);
      await client.query('COMMIT');
    }
    const rawMs = performance.now() - t;
    await client.end();

    // Ours: the desktop's push over HTTP (JSON), exactly-once bookkeeping, permission check, field merge, global order.
    const ws = await createWorkspace(store, 'bench');
    const enrolled = await new CloudApi({ url: cloud.url }).enroll({ protocol: 1, code: ws.code, name: 'bench', deviceId: 'benchpc', lastMutationId: 0, schemaVersion: 1 });
    const api = new CloudApi({ url: cloud.url, token: enrolled.token });
    const base = Date.now();
    const mutations: Mutation[] = rows.map((values, i) => ({
      id: i + 1, table: 'orders', row: String(values.id), op: 'insert', hlc: `${String(base).padStart(15, '0')}-${String(i % 100000).padStart(5, '0')}-benchpc`,
      values, call: 'channels.poll', actor: null,
    }));
    t = performance.now();
    for (let i = 0; i < N; i += BATCH) {
      const res = await api.push({ protocol: 1, schemaVersion: 1, mutations: mutations.slice(i, i + BATCH) });
      if (res.lastMutationId !== Math.min(N, i + BATCH)) throw new Error(`push stopped at ${res.lastMutationId}`);
    }
    const oursMs = performance.now() - t;
    const rate = (ms: number) => `${Math.round((N / ms) * 1000).toLocaleString('en')} rows/s`;
    console.log(`pg multi-row INSERT of ${N.toLocaleString('en')} order rows:   ${rate(rawMs)} (${rawMs.toFixed(0)} ms)`);
    console.log(`sync push of the same ${N.toLocaleString('en')} mutations:     ${rate(oursMs)} (${oursMs.toFixed(0)} ms) = ${((rawMs / oursMs) * 100).toFixed(0)} % of pg (target ≥ 50 %)`);
    await cloud.close();
  } finally {
    await store.close();
    await server.stop();
  }
}

async function twoPcs(store: ReturnType<typeof postgresStore>, url: string, orders: number): Promise<{ pcs: App[]; dirs: string[] }> {
  const ws = await createWorkspace(store, 'latency');
  const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'orderhub-syncbench-pc-')));
  const opts = (d: string, i: number) => ({ dataDir: d, demo: i === 0, demoOrders: orders, ownerPassword: i === 0 ? undefined : 'bench-owner-pw', log: createLogger(d, { console: false }), channels: { autostart: false }, sync: { debounceMs: 10, pollMs: 30_000 } });
  const pc1 = await openApp(opts(dirs[0]!, 0));
  const t1 = ((await pc1.api.dispatch('auth.login', { username: 'owner', password: 'orderhub-demo' }, null)) as { data: { token: string } }).data.token;
  await pc1.api.dispatch('sync.enroll', { url, code: ws.code }, t1);
  await pc1.services.sync.syncNow();
  const code = ((await pc1.api.dispatch('sync.enrollCode', {}, t1)) as { data: { code: string } }).data.code;
  const pc2 = await openApp(opts(dirs[1]!, 1));
  const t2 = ((await pc2.api.dispatch('auth.login', { username: 'owner', password: 'bench-owner-pw' }, null)) as { data: { token: string } }).data.token;
  await pc2.api.dispatch('sync.enroll', { url, code }, t2);
  for (let i = 0; i < 5; i++) await pc2.services.sync.syncNow();
  return { pcs: [pc1, pc2], dirs };
}

async function latency(): Promise<void> {
  const server = await startPostgres();
  const store = postgresStore(server.url('postgres'));
  try {
    const cloud = await startCloud({ store });
    const { pcs, dirs } = await twoPcs(store, cloud.url, 200);
    const [pc1, pc2] = pcs as [App, App];
    await new Promise((r) => setTimeout(r, 500)); // event streams open
    const login = async (app: App) => ((await app.api.dispatch('auth.login', { username: 'ops', password: 'orderhub-demo' }, null)) as { data: { token: string } }).data.token;
    const [a, b] = [await login(pc1), await login(pc2)];
    const samples: number[] = [];
    for (let k = 0; k < 20; k++) {
      const page = (await pc2.api.dispatch('orders.page', { startRow: 0, endRow: 20 }, b)) as { data: { rows: { id: string; urgency: string }[] } };
      const row = page.data.rows[k % 20]!;
      const want = row.urgency === 'red' ? 'yellow' : 'red';
      const started = performance.now();
      await pc1.api.dispatch('orders.setUrgency', { orderIds: [row.id], urgency: want }, a);
      for (;;) {
        const again = (await pc2.api.dispatch('orders.page', { startRow: 0, endRow: 20 }, b)) as { data: { rows: { id: string; urgency: string }[] } };
        if (again.data.rows.find((r) => r.id === row.id)?.urgency === want) break;
        if (performance.now() - started > 10_000) throw new Error('change never arrived');
        await new Promise((r) => setTimeout(r, 5));
      }
      samples.push(performance.now() - started);
    }
    samples.sort((x, y) => x - y);
    const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!.toFixed(0);
    console.log(`change on PC 1 → visible in PC 2's orders.page: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms over ${samples.length} edits (target ≤ 2,000 ms)`);
    for (const p of pcs) {
      await p.services.sync.stop();
      p.close();
    }
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await cloud.close();
  } finally {
    await store.close();
    await server.stop();
  }
}

async function outboxSize(): Promise<void> {
  const orders = Number(process.env.SYNC_BENCH_ORDERS ?? 20_000);
  const server = await startPostgres();
  const store = postgresStore(server.url('postgres'));
  try {
    const cloud = await startCloud({ store });
    const { pcs, dirs } = await twoPcs(store, cloud.url, orders);
    const pc1 = pcs[0]!;
    const bytes = (name: string) => (pc1.services.db.sqlite.prepare('SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name = ?').pluck().get(name) as number);
    // A working day's worth of edits on top of the uploaded replica, then a sync.
    const token = ((await pc1.api.dispatch('auth.login', { username: 'ops', password: 'orderhub-demo' }, null)) as { data: { token: string } }).data.token;
    await pc1.services.sync.stop();
    const ids = pc1.services.db.sqlite.prepare('SELECT id FROM orders LIMIT 2000').pluck().all() as string[];
    for (let i = 0; i < ids.length; i += 100) await pc1.api.dispatch('orders.tag', { orderIds: ids.slice(i, i + 100), add: ['已核对'], remove: [] }, token);
    const pending = { rows: pc1.services.db.writes.syncLog.size(), bytes: bytes('outbox') };
    pc1.services.sync.start();
    await pc1.services.sync.syncNow();
    const after = { rows: pc1.services.db.writes.syncLog.size(), bytes: bytes('outbox') };
    const ordersBytes = bytes('orders');
    console.log(`orders table (${orders.toLocaleString('en')} orders): ${(ordersBytes / 1e6).toFixed(1)} MB`);
    console.log(`outbox while offline, ${pending.rows.toLocaleString('en')} changes queued: ${(pending.bytes / 1e6).toFixed(2)} MB`);
    console.log(`outbox after sync and compaction: ${after.rows} rows, ${(after.bytes / 1e3).toFixed(1)} kB = ${((after.bytes / ordersBytes) * 100).toFixed(2)} % of the orders table (target ≤ 5 %)`);
    for (const p of pcs) {
      await p.services.sync.stop();
      p.close();
    }
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await cloud.close();
  } finally {
    await store.close();
    await server.stop();
  }
}

export const syncBenches: Bench[] = [
  { name: 'sync-push', what: `push of ${N.toLocaleString('en')} mutations vs the same rows inserted into PostgreSQL with pg`, run: pushVsPg },
  { name: 'sync-latency', what: 'a change on one PC until another PC\'s orders.page shows it', run: latency },
  { name: 'sync-outbox', what: 'outbox after sync and compaction vs the orders table', run: outboxSize },
];
