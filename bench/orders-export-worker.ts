/**
 * One export measurement in a fresh process, so its peak RSS is its own:
 *   node --import tsx bench/orders-export-worker.ts <ours|api|baseline> <db file> <rows> [csv|xlsx]
 * Prints one JSON line: { ms, rows, bytes, maxRssMb, startRssMb, peakHeapMb, sqliteCacheMb }.
 */
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OrderQuery } from '../src-shared/contract';
import { openDatabase } from '../src-main/db';
import { exportOrdersToFile } from '../src-main/orders/export-file';
import { orderExportHandlers } from '../src-main/orders/export-handler';
import type { AppServices } from '../src-main/services';
import type { CallContext } from '../src-main/kernel/call';
import { DEFAULT_ZONE } from '../src-shared/time';

const [mode, file, rowsArg, formatArg] = process.argv.slice(2);
const want = Number(rowsArg);
const format = formatArg === 'xlsx' ? 'xlsx' : 'csv';
const db = await openDatabase(file!);
// The newest `want` orders: a date filter the grid would send, and a sort people use.
const from = db.sqlite.prepare('SELECT created_at FROM orders ORDER BY created_at DESC LIMIT 1 OFFSET ?').pluck().get(want - 1) as number;
const query: OrderQuery = { filters: { createdAt: { type: 'date', from } }, sort: [{ colId: 'paidAt', sort: 'desc' }] };
const dir = mkdtempSync(join(tmpdir(), 'orderhub-bench-export-'));
const startRssMb = process.memoryUsage.rss() / 2 ** 20;
// JS heap vs SQLite: RSS also holds SQLite's page cache (capped at 64 MiB by the connection's pragma).
let peakHeapMb = 0;
const sampler = setInterval(() => (peakHeapMb = Math.max(peakHeapMb, process.memoryUsage().heapUsed / 2 ** 20)), 20);
const t0 = performance.now();
let rows = 0;
let bytes = 0;

if (mode === 'ours') {
  const r = await exportOrdersToFile(db.sqlite, query, join(dir, `out.${format}`), { format, viewAmounts: true, lang: 'zh', zone: DEFAULT_ZONE });
  rows = r.rows;
  bytes = r.bytes;
} else if (mode === 'api') {
  const handler = orderExportHandlers({ db, workspace: { zone: DEFAULT_ZONE } } as unknown as AppServices)['orders.export'];
  const ctx = {
    call: 'orders.export', user: { id: 'bench', username: 'bench', permissions: ['orders.export', 'orders.viewAmounts'] }, token: null, locale: 'zh-CN',
    write: () => ({ actor: { id: 'bench', name: 'bench' }, call: 'orders.export', reason: 'benchmark' }), say: (zh: string) => zh,
  } as unknown as CallContext;
  const r = await handler({ ...query, filters: query.filters!, sort: query.sort!, format }, ctx);
  rows = r.rows;
  bytes = Buffer.byteLength(r.contentBase64, 'base64');
} else {
  // Baseline: the same rows in the same order through a bare SQLite pass, joined by commas.
  const out = join(dir, 'out.csv');
  const fd = openSync(out, 'w');
  let buf = '';
  for (const r of db.sqlite.prepare(
    `SELECT c.kind, c.name, o.platform_order_id, o.status, o.buyer_nick, o.receiver_name, o.province, o.city, o.paid_fen, o.paid_at,
       o.promised_ship_at, w.name, o.urgency, o.tags, o.tracking_no, o.buyer_remark
     FROM orders o JOIN channels c ON c.id = o.channel_id LEFT JOIN warehouses w ON w.id = o.warehouse_id
     WHERE o.created_at >= ? ORDER BY o.paid_at DESC, o.id DESC`,
  ).raw().iterate(from) as Iterable<unknown[]>) {
    buf += `${r.join(',')}\r\n`;
    rows++;
    if (buf.length > 65536) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
  bytes = statSync(out).size;
}
const ms = performance.now() - t0;
clearInterval(sampler);
peakHeapMb = Math.max(peakHeapMb, process.memoryUsage().heapUsed / 2 ** 20);
const sqliteCacheMb = (db.sqlite.pragma('cache_size', { simple: true }) as number) / -1024;
rmSync(dir, { recursive: true, force: true });
db.close();
process.stdout.write(`${JSON.stringify({ ms, rows, bytes, maxRssMb: process.resourceUsage().maxRSS / 1024, startRssMb, peakHeapMb, sqliteCacheMb })}\n`);
