import { execSync } from 'node:child_process';
import { topCall } from '../src-main/channels/taobao/connector';
import { PERSON } from '../tests/helpers/lifecycle-fixture';
import { order, shippingWorld } from '../tests/helpers/shipping-world';
import { startTaobaoSim, type TaobaoSim } from '../tests/sim/taobao';
import type { Bench } from './index';
import { ms, percentile, spread } from './stats';

const N = Number(process.env.BENCH_SHIP_CONFIRMS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

async function waitingSim(n: number, seed: number): Promise<{ sim: TaobaoSim; tids: string[] }> {
  const sim = await startTaobaoSim({ seed });
  sim.store.generate(n * 4, { from: Date.now() - 86_400_000, to: Date.now() - 60_000, seed });
  const tids = sim.store.all().filter((t) => t.status === 'WAIT_SELLER_SEND_GOODS').slice(0, n).map((t) => t.id);
  if (tids.length < n) throw new Error(`simulator made only ${tids.length} waiting trades`);
  return { sim, tids };
}

/**
 * 发货回传 of N shipments through the outbox sender (read the due rows, sign, send, record each
 * answer through the write path) vs the same N signed calls made directly to the simulator in a
 * loop (target: ours ≥ 50 % of the direct speed, i.e. time ratio ≤ 2×). Also prints the scan
 * latency of the N scans that queued them (order lookup, checks, move, stock, parcel, outbox).
 */
export const shippingConfirmBench: Bench = {
  name: 'shipping-confirm',
  what: `发货回传 of ${N} shipments vs direct simulator calls; scan latency`,
  async run() {
    console.log(execSync('uptime').toString().trim());
    const rounds: [number, number][] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // Baseline: the same requests straight to a fresh simulator.
      const direct = await waitingSim(N, 40 + r);
      const ctx = { endpoint: direct.sim.url, credentials: direct.sim.credentials, fetch, now: Date.now };
      const t0 = performance.now();
      for (const [i, tid] of direct.tids.entries()) await topCall(ctx, 'taobao.logistics.offline.send', { tid, out_sid: `SF${String(1e12 + i)}`, company_code: 'SF' });
      const baseline = performance.now() - t0;
      await direct.sim.stop();

      const { sim, tids } = await waitingSim(N, 40 + r);
      const w = await shippingWorld({ shipping: { autostart: false }, channels: { autostart: false } });
      const { store } = w.app.services.channels;
      store.endpoints.setCustomEndpoints(PERSON, true);
      const shop = store.create(PERSON, { kind: 'taobao', name: '基准店', config: { ...sim.credentials, endpoint: sim.url } });
      w.readyIn(shop, ...tids.map((tid) => order(tid)));
      const token = await w.app.login('warehouse');
      const scans: number[] = [];
      for (const [i, tid] of tids.entries()) {
        const s = performance.now();
        const res = await w.app.call('shipping.scan', { orderNo: tid, trackingNo: `SF${String(1e12 + i)}` }, token);
        scans.push(performance.now() - s);
        if (!res.ok) throw new Error(`scan refused: ${res.message}`);
      }
      const t1 = performance.now();
      while ((await w.app.services.shipping.sender.runOnce()) > 0);
      const ours = performance.now() - t1;
      if (sim.shipments.parcels.length !== N) throw new Error(`${sim.shipments.parcels.length} of ${N} confirmed`);
      console.log(`  round ${r + 1}: scan p50 ${ms(percentile(scans, 50))}, p99 ${ms(percentile(scans, 99))}, max ${ms(Math.max(...scans))} (${N} scans, ${w.count('SELECT count(*) FROM orders')} orders in the replica)`);
      rounds.push([ours, baseline]);
      w.dispose();
      await sim.stop();
    }
    spread(`发货回传 of ${N}: sender vs direct calls (time; ≤ 2.00× meets "≥ 50 % of the speed")`, rounds);
    console.log(execSync('uptime').toString().trim());
  },
};
