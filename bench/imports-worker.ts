/**
 * One measurement of bench/imports.ts in its own process, so each peak RSS (maxRSS) belongs
 * to exactly one run: `node --import tsx bench/imports-worker.ts parse|raw|import|upsert <file>`.
 * Prints one JSON line.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { openDatabase, SYSTEM_ACTOR } from '../src-main/db';
import { uuidv7 } from '../src-main/kernel/ids';
import { IMPORT_BATCH_ROWS } from '../src-main/imports/import-runner';
import { ImportService } from '../src-main/imports/import-service';
import { OrderWriter } from '../src-main/imports/order-writer';
import { cellText } from '../src-main/imports/cell-values';
import { openSheet } from '../src-main/imports/sheet-reader';
import { createLogger } from '../src-main/log';
import { IngestPipeline } from '../src-main/ingest/pipeline';
import { createOrderFlow } from '../src-main/orders/flow';

const [mode, file] = process.argv.slice(2) as ['parse' | 'raw' | 'import' | 'upsert', string];
const buf = readFileSync(file);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let rows = 0;
let detail: unknown = null;
if (mode === 'parse') {
  // The baseline: the same streaming reader, every row read, nothing mapped or written.
  for await (const r of openSheet(basename(file), buf).rows()) rows += r.cells.length ? 1 : 0;
  rows--; // the header
} else if (mode === 'raw') {
  // The floor under any import: the same reader, and each row straight into orders + one order line
  // with prepared statements, as many rows per transaction as the import writes. No mapping checks,
  // audit, search index, timeline or customer: what the import would cost if it only stored the rows.
  const dir = mkdtempSync(join(tmpdir(), 'orderhub-bench-raw-'));
  const db = await openDatabase(join(dir, 'orderhub.db'));
  const channelId = uuidv7();
  db.sqlite.prepare(`INSERT INTO channels (id, kind, name, config_json, paused, created_at, updated_at) VALUES (?, 'pdd', 'raw', '{}', 0, 0, 0)`).run(channelId);
  const order = db.sqlite.prepare(`INSERT INTO orders (id, channel_id, platform_order_id, status, platform_status, goods_fen, discount_fen, postage_fen,
    paid_fen, created_at, paid_at, platform_updated_at, ingested_at, modified_at) VALUES (?, ?, ?, 'pending_review', ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)`);
  const line = db.sqlite.prepare('INSERT INTO order_lines (id, order_id, line_no, sku_code, title, spec, qty, unit_price_fen, discount_fen, paid_fen) VALUES (?, ?, 1, ?, ?, ?, ?, ?, 0, ?)');
  const fen = (text: string) => Math.round(Number(text) * 100);
  const batch = db.sqlite.transaction((cells: string[][]) => {
    const now = Date.now();
    for (const c of cells) {
      const id = uuidv7();
      const at = Date.parse(`${c[0]!.replace(' ', 'T')}+08:00`);
      order.run(id, channelId, c[2], c[3], fen(c[4]!), fen(c[5]!), fen(c[9]!), at, at, at, now, now);
      line.run(uuidv7(), id, c[17] || null, c[1], c[15] || null, Number(c[11]), fen(c[4]!), fen(c[9]!));
    }
  });
  let header = true;
  let pending: string[][] = [];
  for await (const r of openSheet(basename(file), buf).rows()) {
    if (!r.cells.length) continue;
    if (header) { header = false; continue; }
    pending.push(r.cells.map((cell) => cellText(cell)));
    if (pending.length === IMPORT_BATCH_ROWS) { batch.immediate(pending); rows += pending.length; pending = []; }
  }
  batch.immediate(pending);
  rows += pending.length;
  db.close();
  rmSync(dir, { recursive: true, force: true });
} else if (mode === 'upsert') {
  // The shared ingestion path alone (pipeline checks + OrderUpserter): as many PDD-like orders, built in memory, 1000 per transaction.
  const n = Number(process.env.BENCH_ROWS);
  const dir = mkdtempSync(join(tmpdir(), 'orderhub-bench-upsert-'));
  const db = await openDatabase(join(dir, 'orderhub.db'));
  const writer = new OrderWriter(db, new IngestPipeline(db, createOrderFlow(db)));
  const channelId = uuidv7();
  db.writes.run({ actor: SYSTEM_ACTOR, call: 'bench' }, (tx) => tx.insert('channels', { id: channelId, kind: 'pdd', name: 'bench', createdAt: 0, updatedAt: 0 }));
  const started = performance.now();
  for (let i = 0; i < n; i += 1000) {
    db.writes.run({ actor: SYSTEM_ACTOR, call: 'bench' }, (tx) => {
      tx.auditInsertsAsBatch('bench'); // as the import runner writes a batch
      for (let k = i; k < Math.min(n, i + 1000); k++) {
        const at = Date.UTC(2026, 4, 1 + (k % 28), 2);
        writer.writeOrder(tx, { id: channelId, kind: 'pdd' }, {
          platformOrderId: `260501-${100000000000000 + k}`, platformStatus: '待发货', phase: 'paid', createdAt: at, paidAt: at,
          platformUpdatedAt: at, goodsFen: 1250, paidFen: 1250, postageFen: 0, discountFen: 0, platformDiscountFen: 0,
          buyer: { nick: null, phone: null }, address: {}, lines: [{ title: `商品 ${k % 997} 号`, skuCode: `SKU-${k % 2000}`, spec: '无规格', qty: 1, unitPriceFen: 1250, paidFen: 1250 }],
        }, JSON.stringify({ rowNo: k, cells: ['x'.repeat(120)] }), 'bench', false);
      }
    });
  }
  rows = n;
  detail = { state: 'done', imported: n, rejected: 0, message: null, setupMs: started - t0 };
  db.close();
  rmSync(dir, { recursive: true, force: true });
} else {
  const dir = mkdtempSync(join(tmpdir(), 'orderhub-bench-imports-'));
  const db = await openDatabase(join(dir, 'orderhub.db'));
  const imports = new ImportService(db, createLogger(dir, { console: false }), new IngestPipeline(db, createOrderFlow(db)));
  // An import goes into a shop the person picked (a new workspace has none): one Pinduoduo shop, as the file's.
  const channelId = uuidv7();
  db.writes.run({ actor: SYSTEM_ACTOR, call: 'bench' }, (tx) => tx.insert('channels', { id: channelId, kind: 'pdd', name: 'bench', createdAt: 0, updatedAt: 0 }));
  const started = performance.now();
  const jobId = imports.start({ fileName: basename(file), buf, actor: SYSTEM_ACTOR, call: 'bench', channelId });
  await imports.wait(jobId);
  const job = imports.status(jobId, 'zh-CN')!;
  rows = job.rowsTotal;
  detail = { state: job.state, imported: job.rowsImported, rejected: job.rowsRejected, message: job.message, setupMs: started - t0 };
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
const took = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ mode, rows, ms: took, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024, detail }));
