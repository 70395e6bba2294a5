/**
 * Issue 11: "each scan answered ≤ 100 ms at 5 M orders (order-number lookup + checks)". A copy of
 * the 5 M-order grid replica gets what the warehouse floor has: stock counted at 杭州主仓 and a set
 * of 待发货 orders (the replica's own, spread over its last weeks) routed there by hand, with a
 * reservation per line. Then a warehouse user scans them one after the other through the whole
 * call (contract validation, the order-number lookup across shops, the checks, the write: the
 * order to 已发货, the parcel, the reservations released, on-hand lowered, 发货回传 queued),
 * and a few refusals (already shipped, unknown number) as a scanner would send them.
 * The baseline is the lookup alone by hand: the (shop, order no.) seek the call starts with.
 */
import { execSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../src-main/app';
import type { WriteContext } from '../src-main/db';
import { createLogger } from '../src-main/log';
import type { Bench } from './index';
import { benchDatabase } from './orders-dataset';
import { ms, percentile } from './stats';

const COUNT = Number(process.env.SCAN_BENCH_ORDERS ?? process.env.ORDERS_PAGE_BENCH_COUNT ?? 5_000_000);
const SCANS = Number(process.env.SCAN_BENCH_SCANS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WAREHOUSE = 'wh-hz';
const uptime = () => execSync('uptime').toString().trim();
const fmt = (xs: number[]) => `p50 ${ms(percentile(xs, 50))}, p95 ${ms(percentile(xs, 95))}, p99 ${ms(percentile(xs, 99))}, max ${ms(Math.max(...xs))} (${xs.length})`;

async function run(): Promise<void> {
  const source = await benchDatabase(COUNT, (s) => console.log(s));
  const file = source.sqlite.name;
  source.close();
  console.log(`load: ${uptime()}`);
  const all = { scans: [] as number[], refusals: [] as number[], lookup: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'orderhub-bench-scan-'));
    copyFileSync(file, join(dataDir, 'orderhub.db'));
    const app = await openApp({
      dataDir, log: createLogger(dataDir, { console: false }), ownerPassword: 'bench-owner-password',
      channels: { autostart: false }, shipping: { autostart: false }, risk: { autostart: false }, erp: { autostart: false }, sync: { autostart: false },
    });
    try {
      const { db, rules, flow } = app.services;
      const call = async (name: string, input: unknown, token: string | null) => {
        const t = performance.now();
        const res = await app.api.dispatch(name, input, token);
        return { ms: performance.now() - t, res };
      };
      /** A scan's answer: shipped, or refused with its reason (the call itself succeeds either way). */
      const scanned = (res: Awaited<ReturnType<typeof call>>['res']) => ('error' in res ? { ok: false, why: res.error.code } : (res.data as { ok: boolean; refusal?: { code: string } }));
      const owner = ((await call('auth.login', { username: 'owner', password: 'bench-owner-password' }, null)).res as { data: { token: string } }).data.token;
      await call('users.create', { username: 'floor', displayName: '仓库', role: 'warehouse', password: 'bench-password' }, owner);
      const floor = ((await call('auth.login', { username: 'floor', password: 'bench-password' }, null)).res as { data: { token: string } }).data.token;

      // The floor's state: counted stock for every SKU the chosen orders carry, and the orders routed to 杭州主仓.
      // Each round a fresh copy: other orders when the replica has enough, else the same ones again.
      const toShip = db.sqlite.prepare(`SELECT count(*) FROM orders WHERE status = 'to_ship'`).pluck().get() as number;
      const picked = db.sqlite
        .prepare(`SELECT id, platform_order_id AS no FROM orders WHERE status = 'to_ship' ORDER BY rowid DESC LIMIT ? OFFSET ?`)
        .all(SCANS, toShip >= SCANS * ROUNDS ? r * SCANS : 0) as { id: string; no: string }[];
      if (picked.length < SCANS) throw new Error(`only ${picked.length} 待发货 orders in the replica`);
      const skus = db.sqlite.prepare(`SELECT DISTINCT sku_code FROM order_lines WHERE sku_code IS NOT NULL`).pluck().all() as string[];
      const setup: WriteContext = { actor: { id: null, name: 'bench' }, call: 'bench.setup' };
      const now = Date.now();
      db.writes.run(setup, (tx) => rules.stock.applySnapshot(tx, skus.map((skuCode) => ({ skuCode, warehouseId: WAREHOUSE, onHand: 1_000_000 })), 'bench', now));
      for (const o of picked) {
        db.writes.run(setup, (tx) => {
          flow.lifecycle.transition(tx, { orderId: o.id, to: 'to_route', source: 'system', reason: { code: 'bench' } });
          rules.fulfilment.override(tx, o.id, WAREHOUSE, '基准测试分仓', { id: null, name: 'bench' });
        });
      }
      const reserved = db.sqlite.prepare(`SELECT count(DISTINCT order_id) FROM stock_reservations WHERE released_at IS NULL AND order_id IN (SELECT value FROM json_each(?))`).pluck().get(JSON.stringify(picked.map((o) => o.id))) as number;
      const ready = db.sqlite.prepare(`SELECT count(*) FROM orders WHERE status = 'to_ship' AND id IN (SELECT value FROM json_each(?))`).pluck().get(JSON.stringify(picked.map((o) => o.id))) as number;
      if (reserved !== picked.length || ready !== picked.length) throw new Error(`set-up: ${reserved} reserved, ${ready} 待发货 of ${picked.length}`);

      const lookup = db.sqlite.prepare(`SELECT o.id FROM channels c CROSS JOIN orders o ON o.channel_id = c.id AND o.platform_order_id = ? LIMIT 3`);
      const scans: number[] = [];
      const refusals: number[] = [];
      const lookups: number[] = [];
      for (const [i, o] of picked.entries()) {
        const t = performance.now();
        lookup.all(o.no);
        lookups.push(performance.now() - t);
        const s = await call('shipping.scan', { orderNo: o.no, trackingNo: `SF${String(1e12 + r * 1e6 + i)}`, warehouseId: WAREHOUSE }, floor);
        if (!scanned(s.res).ok) throw new Error(`scan of ${o.no} refused: ${JSON.stringify(s.res)}`);
        scans.push(s.ms);
        // A scanner's mistakes, every 10th scan: the same order again, and a number no shop has.
        if (i % 10 === 0) {
          for (const orderNo of [o.no, `9${o.no.slice(1)}`]) {
            const f = await call('shipping.scan', { orderNo, trackingNo: `YT${String(2e12 + r * 1e6 + i)}`, warehouseId: WAREHOUSE }, floor);
            if (scanned(f.res).ok || 'error' in f.res) throw new Error(`a wrong scan of ${orderNo}: ${JSON.stringify(f.res)}`);
            refusals.push(f.ms);
          }
        }
      }
      const shipped = db.sqlite.prepare(`SELECT count(*) FROM orders WHERE status = 'shipped' AND id IN (SELECT value FROM json_each(?))`).pluck().get(JSON.stringify(picked.map((o) => o.id))) as number;
      if (shipped !== picked.length) throw new Error(`${shipped} of ${picked.length} shipped`);
      console.log(`round ${r + 1}: scan → 已发货 ${fmt(scans)}; refusals ${fmt(refusals)}; the lookup alone by hand ${fmt(lookups)}`);
      all.scans.push(...scans);
      all.refusals.push(...refusals);
      all.lookup.push(...lookups);
    } finally {
      app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  console.log(`${COUNT.toLocaleString()} orders, ${ROUNDS} rounds: scan → 已发货 ${fmt(all.scans)} (target: each ≤ 100 ms); refused scans ${fmt(all.refusals)}`);
  console.log(`load: ${uptime()}`);
}

export const shippingScanBench: Bench = {
  name: 'shipping-scan',
  what: `scan to ship (order-number lookup + checks + the write) at ${COUNT.toLocaleString()} orders, each scan ≤ 100 ms`,
  run,
};
