import { execSync } from 'node:child_process';
import { PERSON } from '../tests/helpers/lifecycle-fixture';
import { order, shippingWorld } from '../tests/helpers/shipping-world';
import type { Bench } from './index';
import { BENCH_PLATFORMS, benchShop, type BenchPlatform } from './shipping-platforms';
import { ms, percentile, spread } from './stats';

const N = Number(process.env.BENCH_SHIP_CONFIRMS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PLATFORMS = (process.env.BENCH_SHIP_PLATFORMS ?? 'taobao,douyin').split(',').map((p) => p.trim()).filter(Boolean) as BenchPlatform[];

/**
 * 发货回传 of N shipments per platform through the outbox sender (read the due rows, sign, send,
 * record each answer through the write path) vs the same N signed requests made directly to the
 * platform's simulator in a loop (target: ours ≥ 50 % of the direct speed, i.e. time ratio ≤ 2×).
 * Also prints the scan latency of the N scans that queued them. BENCH_SHIP_PLATFORMS picks the
 * platforms (default taobao,douyin; any of taobao, pdd, douyin, jd, youzan, shopify).
 */
export const shippingConfirmBench: Bench = {
  name: 'shipping-confirm',
  what: `发货回传 of ${N} shipments (${PLATFORMS.join(', ')}) vs direct simulator calls; scan latency`,
  async run() {
    for (const p of PLATFORMS) if (!(BENCH_PLATFORMS as readonly string[]).includes(p)) throw new Error(`BENCH_SHIP_PLATFORMS: unknown platform "${p}" (one of ${BENCH_PLATFORMS.join(', ')})`);
    console.log(execSync('uptime').toString().trim());
    for (const kind of PLATFORMS) {
      const rounds: [number, number][] = [];
      for (let r = 0; r < ROUNDS; r++) {
        // Baseline: the same requests straight to a fresh simulator.
        const direct = await benchShop(kind, N, 40 + r);
        const ctx = { endpoint: direct.config.endpoint!, credentials: direct.config, fetch, now: Date.now };
        const t0 = performance.now();
        for (const [i, id] of direct.ids.entries()) await direct.direct(ctx, id, `SF${String(1e12 + i)}`);
        const baseline = performance.now() - t0;
        if (direct.shipments.parcels.length !== N) throw new Error(`${kind} baseline: ${direct.shipments.parcels.length} of ${N} recorded`);
        await direct.stop();

        const shop = await benchShop(kind, N, 40 + r);
        const w = await shippingWorld({ shipping: { autostart: false }, channels: { autostart: false } });
        const { store } = w.app.services.channels;
        store.endpoints.setCustomEndpoints(PERSON, true);
        const ch = store.create(PERSON, { kind, name: '基准店', config: shop.config });
        w.readyIn(ch, ...shop.ids.map((id) => order(id)));
        const token = await w.app.login('warehouse');
        const scans: number[] = [];
        for (const [i, id] of shop.ids.entries()) {
          const s = performance.now();
          const res = await w.app.call('shipping.scan', { orderNo: id, trackingNo: `SF${String(1e12 + i)}` }, token);
          scans.push(performance.now() - s);
          if (!res.ok) throw new Error(`scan refused: ${res.message}`);
        }
        const t1 = performance.now();
        while ((await w.app.services.shipping.sender.runOnce()) > 0);
        const ours = performance.now() - t1;
        if (shop.shipments.parcels.length !== N) throw new Error(`${kind}: ${shop.shipments.parcels.length} of ${N} confirmed`);
        console.log(`  ${kind} round ${r + 1}: sender ${ms(ours)}, direct ${ms(baseline)}; scan p50 ${ms(percentile(scans, 50))}, p99 ${ms(percentile(scans, 99))}, max ${ms(Math.max(...scans))}`);
        rounds.push([ours, baseline]);
        w.dispose();
        await shop.stop();
      }
      spread(`发货回传 ${kind} of ${N}: sender vs direct calls (time; ≤ 2.00× meets "≥ 50 % of the speed")`, rounds);
    }
    console.log(execSync('uptime').toString().trim());
  },
};
