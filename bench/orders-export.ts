/**
 * Export of the orders view: 100 k rows to CSV (and XLSX) — time and peak RSS, each in its
 * own process — against a baseline in the same run (a bare SQLite pass writing comma-joined
 * lines). Memory must not grow with row count: 25 k and 100 k rows are compared. The API call
 * returns the file as base64 (the contract's shape), so it holds one file more; shown apart.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { demoDatabase } from './demo-dataset';
import type { Bench } from './index';
import { line } from './stats';

const ORDERS = Number(process.env.BENCH_DEMO_ORDERS ?? 100_000);
const HEAP_CAP_MB = 64;

interface Measure { ms: number; rows: number; bytes: number; maxRssMb: number; startRssMb: number; peakHeapMb: number; sqliteCacheMb: number }

function measure(mode: 'ours' | 'api' | 'baseline', file: string, rows: number, format = 'csv', nodeArgs: string[] = []): Measure {
  const out = execFileSync(process.execPath, [...nodeArgs, '--import', 'tsx', join(import.meta.dirname, 'orders-export-worker.ts'), mode, file, String(rows), format], {
    encoding: 'utf8', maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Measure;
}

const show = (label: string, m: Measure) =>
  console.log(`${label.padEnd(34)} ${m.rows.toLocaleString('en-US').padStart(8)} rows  ${(m.ms / 1000).toFixed(2)} s  ${(m.bytes / 2 ** 20).toFixed(1)} MB file  peak RSS ${m.maxRssMb.toFixed(0)} MB (at start ${m.startRssMb.toFixed(0)} MB, JS heap peak ${m.peakHeapMb.toFixed(0)} MB)`);

async function run(): Promise<void> {
  const file = await demoDatabase(ORDERS, console.log);
  const small = Math.round(ORDERS / 4);
  measure('ours', file, small); // warm the page cache for everyone
  const results = {
    oursSmall: measure('ours', file, small),
    oursFull: measure('ours', file, ORDERS),
    baseSmall: measure('baseline', file, small),
    baseFull: measure('baseline', file, ORDERS),
    xlsxFull: measure('ours', file, ORDERS, 'xlsx'),
    apiFull: measure('api', file, ORDERS),
    // The proof that nothing accumulates per row: the full export inside a small fixed JS heap.
    capped: measure('ours', file, ORDERS, 'csv', [`--max-old-space-size=${HEAP_CAP_MB}`]),
  };
  show('ours CSV (streamed to a file)', results.oursSmall);
  show('ours CSV (streamed to a file)', results.oursFull);
  show('ours XLSX (streamed to a file)', results.xlsxFull);
  show('orders.export API (CSV + base64)', results.apiFull);
  show(`ours CSV, JS heap capped at ${HEAP_CAP_MB} MB`, results.capped);
  show('baseline: bare SQLite pass', results.baseSmall);
  show('baseline: bare SQLite pass', results.baseFull);
  line(`CSV export of ${ORDERS.toLocaleString('en-US')} rows (time)`, results.oursFull.ms, results.baseFull.ms);
  const growth = (label: string, full: Measure, part: Measure) =>
    console.log(`${label.padEnd(48)} ${full.rows.toLocaleString('en-US')} rows ${full.maxRssMb.toFixed(0)} MB  ${part.rows.toLocaleString('en-US')} rows ${part.maxRssMb.toFixed(0)} MB  ratio ${(full.maxRssMb / part.maxRssMb).toFixed(2)}× for ${(full.rows / part.rows).toFixed(1)}× the rows`);
  growth('peak RSS, ours CSV', results.oursFull, results.oursSmall);
  growth('peak RSS, baseline', results.baseFull, results.baseSmall);
  console.log(`${'peak JS heap, ours CSV'.padEnd(48)} ${results.oursFull.peakHeapMb.toFixed(0)} MB vs ${results.oursSmall.peakHeapMb.toFixed(0)} MB (RSS also holds SQLite's page cache, capped at ${results.oursFull.sqliteCacheMb.toFixed(0)} MiB)`);
}

export const ordersExportBench: Bench = {
  name: 'orders-export',
  what: `orders view export: ${ORDERS.toLocaleString('en-US')} rows to CSV/XLSX, time and peak RSS (25 k vs 100 k rows)`,
  run,
};
