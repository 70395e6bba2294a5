/**
 * One host for bench/core.ts, in its own process: `node --import tsx bench/core-host.ts <mode> <dataDir>`.
 * mode `core`: today's core (front + worker threads) behind the HTTP host;
 * mode `single-loop`: the design before it — openApp and every call on the one loop that also
 * serves HTTP. Prints `listening <url>` when ready; stops on SIGTERM.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { openApp } from '../src-main/app';
import { inProcessCore } from '../src-main/core/core';
import { Front } from '../src-main/core/front';
import { startHttpHost } from '../src-main/host/http-server';
import { createLogger } from '../src-main/log';

const [mode, dataDir] = process.argv.slice(2) as ['core' | 'single-loop', string];
const log = createLogger(dataDir, { console: false });
const owner = { ownerPassword: 'bench-owner-password' };
const channels = { tickMs: 250 };

let close: () => Promise<void>;
let api;
if (mode === 'core') {
  const front = new Front({ dataDir, log, writer: { ...owner, channels } });
  await front.start();
  api = front;
  close = () => front.close();
} else {
  const app = await openApp({ dataDir, log, ...owner, channels });
  api = inProcessCore(app);
  close = async () => app.close();
}
// The front's own loop: how long callbacks waited (a blocked loop) and how busy it was.
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
const elu = performance.eventLoopUtilization();
// When the loop stalled over 100 ms (wall clock), to set beside the bench's slow pages and its upload.
const stalls: string[] = [];
let lastTick = Date.now();
setInterval(() => {
  const now = Date.now();
  if (now - lastTick > 120) {
    stalls.push(`${new Date(lastTick).toISOString()} +${now - lastTick - 20} ms`);
    // Also in the host's log, where the bench finds what else happened then.
    log.warn(`front loop stalled ${now - lastTick - 20} ms (from ${new Date(lastTick).toISOString()})`);
  }
  lastTick = now;
}, 20).unref();
const host = await startHttpHost({ api, version: 'bench', rendererDir: dataDir });
process.stdout.write(`listening ${host.url}\n`);
process.on('SIGTERM', () => {
  const busy = performance.eventLoopUtilization(elu).utilization;
  const q = (p: number) => (loopDelay.percentile(p) / 1e6).toFixed(0);
  process.stderr.write(`${mode} host loop: delay p50 ${q(50)} ms, p99 ${q(99)} ms, max ${(loopDelay.max / 1e6).toFixed(0)} ms; busy ${(busy * 100).toFixed(0)} % of the time\n`);
  if (stalls.length) process.stderr.write(`${mode} host loop stalls over 100 ms: ${stalls.slice(0, 8).join(', ')}${stalls.length > 8 ? ` … (${stalls.length})` : ''}\n`);
  void host.close().then(close).finally(() => process.exit(0));
});
