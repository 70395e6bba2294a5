import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../src-main/app';
import { createLogger } from '../../src-main/log';
import { startConfirmPlatform, type ConfirmPlatform } from '../helpers/confirm-platforms';
import { PERSON } from '../helpers/lifecycle-fixture';
import { order, shippingWorld } from '../helpers/shipping-world';
import { rng } from '../sim/random';
import { startPddSim, type PddSim } from '../sim/pdd';
import { startTaobaoSim, type TaobaoSim } from '../sim/taobao';

// A short seeded run in CI (Taobao, PDD, Douyin); more orders, kills and every platform with ORDERHUB_FULL=1.
const FULL = process.env.ORDERHUB_FULL === '1';
const PER_SHOP = FULL ? 40 : 8;
const KILLS = FULL ? 12 : 4;
// JD asks 10 s after a rate limit, Youzan 3 s, Shopify 2 s: only the full run waits for them.
const MORE = FULL ? (['douyin', 'jd', 'youzan', 'shopify'] as const) : (['douyin'] as const);

let taobao: TaobaoSim;
let pdd: PddSim;
const more: ConfirmPlatform[] = [];
let dataDir: string;
const expected = new Map<string, { sim: string; trackingNo: string }>();

beforeAll(async () => {
  taobao = await startTaobaoSim({ seed: 9 });
  pdd = await startPddSim({ seed: 9 });
  taobao.store.generate(PER_SHOP * 4, { from: Date.now() - 86_400_000, to: Date.now() - 60_000, seed: 9 });
  pdd.store.generate(PER_SHOP * 4, { from: Date.now() - 86_400_000, to: Date.now() - 60_000, seed: 9 });
  for (const [i, kind] of MORE.entries()) {
    more.push(await startConfirmPlatform(kind, { now: Date.now, seed: 9 + i, orders: PER_SHOP * 6, from: Date.now() - 86_400_000, to: Date.now() - 60_000 }));
  }
  const w = await shippingWorld({ shipping: { autostart: false }, channels: { autostart: false } });
  dataDir = w.app.dataDir;
  const token = await w.app.login('warehouse');
  const { store } = w.app.services.channels;
  store.endpoints.setCustomEndpoints(PERSON, true);
  const tb = store.create(PERSON, { kind: 'taobao', name: '崩溃测试天猫店', config: { ...taobao.credentials, endpoint: taobao.url } });
  const pd = store.create(PERSON, { kind: 'pdd', name: '崩溃测试拼多多店', config: { ...pdd.credentials, endpoint: pdd.url } });
  const trades = taobao.store.all().filter((t) => t.status === 'WAIT_SELLER_SEND_GOODS').slice(0, PER_SHOP);
  const pddOrders = pdd.store.all().filter((o) => o.orderStatus === 1 && o.refundStatus === 1).slice(0, PER_SHOP);
  expect(trades.length).toBe(PER_SHOP);
  expect(pddOrders.length).toBe(PER_SHOP);
  w.readyIn(tb, ...trades.map((t) => order(t.id, { lines: [{ platformLineId: t.lines[0]!.oid, skuCode: 'SKU-001', title: 'T恤', qty: 1, unitPriceFen: 100, paidFen: 100 }] })));
  w.readyIn(pd, ...pddOrders.map((o) => order(o.id)));
  const others = more.flatMap((p) => {
    const ch = store.create(PERSON, { kind: p.kind, name: `崩溃测试${p.name}`, config: p.config });
    const list = p.waiting().slice(0, PER_SHOP);
    expect(list.length).toBe(PER_SHOP);
    w.readyIn(ch, ...list.map((o) => order(o.id)));
    p.misbehave('rate_limit', { probability: 0.15 });
    p.misbehave('http_500', { probability: 0.1 });
    return list.map((o) => [p.kind, o.id] as const);
  });
  let n = 0;
  for (const [sim, id] of [...trades.map((t) => ['taobao', t.id] as const), ...pddOrders.map((o) => ['pdd', o.id] as const), ...others]) {
    const trackingNo = `SF${String(7_000_000_000_000 + n++)}`;
    expected.set(id, { sim, trackingNo });
    expect(await w.app.call('shipping.scan', { orderNo: id, trackingNo }, token)).toMatchObject({ ok: true });
  }
  // Faults on the way: rate limits and 500s (some after the shop recorded the parcel).
  taobao.misbehave('rate_limit', { probability: 0.15 });
  taobao.misbehave('http_500', { probability: 0.1 });
  pdd.misbehave('rate_limit', { probability: 0.15 });
  pdd.misbehave('http_500', { probability: 0.1 });
  w.app.close();
}, 120_000);

afterAll(async () => {
  await taobao?.stop();
  await pdd?.stop();
  for (const p of more) await p.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Runs the sending child; SIGKILLs it right after the shop records its `killAt`-th parcel of this run (null: let it finish). */
function run(killAt: number | null): Promise<'killed' | 'done'> {
  return new Promise((done, fail) => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', resolve('tests/integration/children/shipping-confirm.ts'), dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = 0;
    let out = '';
    let err = '';
    // Between the shop's success and our record: the shop holds its answer until the child is dead.
    const hook = async () => {
      seen += 1;
      if (killAt === null || seen !== killAt) return;
      const dead = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await dead;
    };
    for (const book of [taobao.shipments, pdd.shipments, ...more.map((p) => p.shipments)]) book.afterRecord = hook;
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') return done('killed');
      if (code === 0 && out.includes('done')) return done('done');
      fail(new Error(`child exited ${code} ${signal}: ${err}\n${out}`));
    });
  });
}

describe('SIGKILL between the shop\'s success and our record', () => {
  it(`${KILLS} kills; after restarts every shipment is confirmed exactly once with the right tracking number`, async () => {
    const r = rng(17);
    let kills = 0;
    for (let i = 0; i < KILLS; i++) {
      const outcome = await run(1 + Math.floor(r() * 4));
      if (outcome === 'killed') kills += 1;
      else break; // nothing left to send
    }
    expect(kills).toBeGreaterThan(0);
    expect(await run(null)).toBe('done');

    for (const [id, e] of expected) {
      const book = e.sim === 'taobao' ? taobao.shipments : e.sim === 'pdd' ? pdd.shipments : more.find((p) => p.kind === e.sim)!.shipments;
      const parcels = book.of(id);
      expect(parcels.map((p) => p.trackingNo), id).toEqual([e.trackingNo]);
    }
    const app = await openApp({ dataDir, log: createLogger(dataDir, { console: false }), channels: { autostart: false }, risk: { autostart: false }, shipping: { autostart: false }, sync: { autostart: false } });
    try {
      const rows = app.services.db.sqlite.prepare('SELECT state, confirmed_by AS by, count(*) AS n FROM shipment_confirmations GROUP BY state, confirmed_by').all() as { state: string; by: string; n: number }[];
      expect(rows.filter((x) => x.state !== 'confirmed')).toEqual([]);
      expect(rows.reduce((s, x) => s + x.n, 0)).toBe(expected.size);
      // Every kill left a parcel the shop had and we had not recorded: found on the resend.
      expect(rows.find((x) => x.by === 'found')?.n ?? 0).toBeGreaterThanOrEqual(kills);
    } finally {
      app.close();
    }
  }, 180_000);
});
