/**
 * One measurement of bench/imports.ts in its own process, so each peak RSS (maxRSS) belongs
 * to exactly one run: `node --import tsx bench/imports-worker.ts parse|import <file>`.
 * Prints one JSON line.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { openDatabase, SYSTEM_ACTOR } from '../src-main/db';
import { uuidv7 } from 'uuidv7';
import { ImportService } from '../src-main/imports/import-service';
import { OrderWriter } from '../src-main/imports/order-writer';
import { openSheet } from '../src-main/imports/sheet-reader';
import { createLogger } from '../src-main/log';
import { IngestPipeline } from '../src-main/ingest/pipeline';
import { createOrderFlow } from '../src-main/orders/flow';

const [mode, file] = process.argv.slice(2) as ['parse' | 'import' | 'upsert', string];
const buf = readFileSync(file);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let rows = 0;
let detail: unknown = null;
if (mode === 'parse') {
  // The baseline: the same streaming reader, every row read, nothing mapped or written.
  for await (const r of openSheet(basename(file), buf).rows()) rows += r.cells.length ? 1 : 0;
  rows--; // the header
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
