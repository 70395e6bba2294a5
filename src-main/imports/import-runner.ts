import type { StockSettle } from '../inventory/stock-service';
import { IMPORT_FIELDS } from '../../src-shared/contract/imports';
import type { ChannelKind } from '../../src-shared/orders';
import type { Actor, Database, WriteContext, WriteTx } from '../db';
import { immediate } from '../db/connection';
import { letWaitingWritersGo, shouldYieldLock } from '../db/write-turns';
import type { IngestPipeline } from '../ingest/pipeline';
import { cellText } from './cell-values';
import { CatalogWriter } from './catalog-writer';
import { recognise, type TemplateDef } from './builtin-templates';
import type { JobProgress, JobStore } from './job-store';
import { OrderAssembler, type Assembled, type SourceRow } from './order-assembler';
import { OrderWriter, pickChannel } from './order-writer';
import { mapRow, missingRequired, planColumns, type ColumnPlan, type RowReject } from './row-mapper';
import { FileError, headerRow, openSheet, type SheetRow } from './sheet-reader';
import type { TemplateStore } from './template-store';

export interface RunRequest {
  jobId: string;
  fileName: string;
  buf: Buffer;
  templateId: string | null;
  /** A mapping for this import only (not saved); instead of templateId. */
  once?: TemplateDef | null;
  channelId: string | null;
  allOrNothing: boolean;
  actor: Actor;
  call: string;
}

type Pending =
  | { type: 'write'; item: Assembled | { type: 'record'; row: SourceRow } }
  | { type: 'reject'; rows: SourceRow[]; reject: RowReject };

/**
 * Rows per write transaction. Each commit writes every index page its rows touched, and random
 * keys (order numbers, amounts, phones) touch a page per row per index: 5,000 rows a commit took a
 * 100 k-row import 10.1–11.5 s against 12.0–12.4 s at 1,000 (bench/imports.ts). The lock is not
 * held longer for anyone: once another thread waits for it, a batch commits within 50 ms
 * (`shouldYieldLock`), where a 1,000-row batch held it ~120 ms.
 */
export const IMPORT_BATCH_ROWS = 5000;

/** Runs one import job: read → recognise → map → validate → write in batches (or all at once, all-or-nothing). */
export class ImportRunner {
  private readonly orders: OrderWriter;
  private readonly catalog: CatalogWriter;

  constructor(
    private readonly db: Database,
    private readonly jobs: JobStore,
    private readonly templates: TemplateStore,
    private readonly pipeline: IngestPipeline,
    stockLedger: StockSettle | null = null,
  ) {
    this.orders = new OrderWriter(db, pipeline);
    this.catalog = new CatalogWriter(db.sqlite, stockLedger);
  }

  async run(req: RunRequest, cancelled: () => boolean): Promise<void> {
    const counts: JobProgress = { state: 'reading', rowsTotal: 0, rowsImported: 0, rowsUpdated: 0, rowsUnchanged: 0, rowsRejected: 0, progress: 0 };
    let waiting = 0;
    let wroteBatches = 0;
    try {
      const sheet = openSheet(req.fileName, req.buf);
      this.jobs.progress(req.jobId, counts);
      const rows = sheet.rows();
      const first = await headerRow(rows);
      if (!first) throw new FileError('文件是空的', 'the file is empty');
      const headers = first.cells.map((c) => cellText(c).trim());
      const template = req.once ?? (req.templateId ? this.templates.find(req.templateId) : recognise(headers, this.templates.saved()));
      if (!template) {
        throw new FileError(
          `无法识别表头（${headers.slice(0, 6).join('、')}…），请在“映射列”中把各列对应到字段并保存为模板`,
          `unrecognised header row (${headers.slice(0, 6).join(', ')}…): map the columns and save a template`,
        );
      }
      const plan = planColumns(template, headers);
      const missing = missingRequired(plan);
      if (missing.length) {
        const label = (k: string, lang: 'zh' | 'en') => IMPORT_FIELDS[template.kind].find((f) => f.key === k)?.[lang] ?? k;
        throw new FileError(
          `缺少必需的列：${missing.map((k) => label(k, 'zh')).join('、')}（模板“${template.name}”）`,
          `required columns missing: ${missing.map((k) => label(k, 'en')).join(', ')} (template "${template.name}")`,
        );
      }
      Object.assign(counts, { state: 'importing', kind: template.kind, templateId: template.id, templateName: template.name, headers });
      this.jobs.progress(req.jobId, counts);

      const ctx: WriteContext = { actor: req.actor, call: req.call, reason: `导入 ${req.fileName}` };
      // The shop the user chose (or the only one of the platform), looked up at the first write: a file
      // never lands in a shop nobody chose, and a file with nothing to write fails for that reason first.
      let channelId: string | null = null;
      const assembler = new OrderAssembler(template, plan.headerOf);
      const source = `file:${template.id}`;
      let pending: Pending[] = [];

      const flush = (final: boolean): boolean => {
        if (!pending.length) return true;
        const batch = pending;
        pending = [];
        let rest: Pending[] = [];
        const late: { rows: SourceRow[]; reject: RowReject }[] = [];
        try {
          this.db.writes.run(ctx, (tx) => {
            const heldSince = performance.now();
            // One import batch, one audit record per table for its new rows (updates keep their own).
            tx.auditInsertsAsBatch(`导入 ${req.fileName}（第 ${wroteBatches + 1} 批）`);
            const needsChannel = template.kind === 'orders' && batch.some((p) => p.type === 'write');
            if (needsChannel && !channelId) counts.channelId = channelId = pickChannel(this.db, (template.channelKind ?? 'pos') as ChannelKind, req.channelId);
            const ch = channelId;
            // The batch's new orders are reviewed and routed together once it is written (same transaction).
            this.pipeline.inPage(tx, () => {
              for (let i = 0; i < batch.length; i++) {
                // Another thread waits for the write lock (a shop's poll, a person's edit): commit what
                // is written and let it go first (all or nothing stays one transaction).
                if (i > 0 && !req.allOrNothing && shouldYieldLock(heldSince)) {
                  rest = batch.slice(i);
                  break;
                }
                const p = batch[i]!;
                if (p.type === 'reject') {
                  this.keepRejects(req.jobId, p.rows, p.reject);
                  continue;
                }
                const outcome = this.write(tx, template, plan, ch, p.item, req, source);
                if (outcome === 'waiting') waiting++;
                else if (typeof outcome === 'object') {
                  const rows = 'rows' in p.item ? p.item.rows : [p.item.row];
                  counts.rowsRejected += rows.length;
                  late.push({ rows, reject: outcome });
                  if (!req.allOrNothing) this.keepRejects(req.jobId, rows, outcome);
                } else bump(counts, outcome);
              }
            });
            // All or nothing: a row refused while writing (an unknown warehouse) rolls the whole file back.
            if (req.allOrNothing && late.length) throw new RolledBack();
            counts.progress = final && !rest.length ? 1 : sheet.progress();
            this.jobs.progress(req.jobId, counts);
          });
        } catch (e) {
          if (!(e instanceof RolledBack)) throw e;
          Object.assign(counts, { rowsImported: 0, rowsUpdated: 0, rowsUnchanged: 0 });
          pending = late.map((l) => ({ type: 'reject', rows: l.rows, reject: l.reject }));
          return false;
        }
        wroteBatches++;
        pending = rest;
        return true;
      };
      /** The rows still pending, batch after batch, letting waiting writers go in between. */
      const flushAll = async (): Promise<boolean> => {
        while (flush(true)) {
          if (!pending.length) return true;
          await letWaitingWritersGo();
        }
        return false;
      };

      const take = (out: Assembled[]) => {
        for (const a of out) {
          if (a.type === 'reject') {
            counts.rowsRejected += a.rows.length;
            pending.push({ type: 'reject', rows: a.rows, reject: a.reject });
          } else if (a.type === 'duplicate') counts.rowsUnchanged++;
          else pending.push({ type: 'write', item: a });
        }
      };

      for (let next: IteratorResult<SheetRow> = await rows.next(); !next.done; next = await rows.next()) {
        if (cancelled()) break;
        counts.rowsTotal++;
        const r = next.value;
        const { values, problems } = mapRow(plan, r.cells);
        const row: SourceRow = { rowNo: r.rowNo, cells: r.cells.map(cellText), values };
        if (problems.length) take(template.kind === 'orders' ? assembler.refuse(row, problems[0]!) : [{ type: 'reject', rows: [row], reject: problems[0]! }]);
        else if (template.kind === 'orders') take(assembler.push(row));
        else pending.push({ type: 'write', item: { type: 'record', row } });
        if (!req.allOrNothing && pending.length >= IMPORT_BATCH_ROWS) {
          flush(false);
          // Between batches: hear a cancel, and let a thread waiting for the write lock (the writer: a
          // shop's poll, a person's edit) have it before the next batch takes it back.
          await letWaitingWritersGo();
        } else if (req.allOrNothing && counts.rowsTotal % IMPORT_BATCH_ROWS === 0) this.jobs.progress(req.jobId, { ...counts, progress: sheet.progress() });
      }
      if (cancelled()) {
        if (!req.allOrNothing) flush(false);
        const kept = counts.rowsImported + counts.rowsUpdated;
        return this.jobs.finish(req.jobId, 'cancelled', req.allOrNothing || !kept
          ? { zh: '已取消，没有写入任何数据', en: 'cancelled; nothing was written' }
          : { zh: `已取消；取消前已导入的 ${kept} 个保留`, en: `cancelled; the ${kept} written before cancelling stay` });
      }
      take(assembler.finish());
      if (!counts.rowsTotal) throw new FileError('文件只有表头，没有数据行', 'the file has a header row but no data rows');

      if ((req.allOrNothing && counts.rowsRejected) || !(await flushAll())) {
        const rejects = pending.filter((p) => p.type === 'reject');
        pending = [];
        immediate(this.db.sqlite, () => {
          for (const p of rejects) this.keepRejects(req.jobId, p.rows, p.reject);
          this.jobs.progress(req.jobId, { ...counts, progress: 1 });
        });
        // Nothing was imported: a failure, whatever the reason (issue 15, item 8).
        return this.jobs.finish(req.jobId, 'failed', {
          zh: `全部或不导入：有 ${counts.rowsRejected} 行未通过校验，没有写入任何数据`,
          en: `all or nothing: ${counts.rowsRejected} rows failed validation, so nothing was written`,
        });
      }
      const note = waiting
        ? { zh: `${waiting} 个订单的宝贝明细已保存，导入对应的订单报表后自动补上`, en: `items of ${waiting} orders are kept and will be added when their order report is imported` }
        : null;
      if (!waiting && counts.rowsRejected && !(counts.rowsImported + counts.rowsUpdated + counts.rowsUnchanged)) {
        const n = counts.rowsTotal.toLocaleString('en-US');
        return this.jobs.finish(req.jobId, 'failed', {
          zh: `${n} 行中没有一行导入成功（${counts.rowsRejected.toLocaleString('en-US')} 行被拒），请查看被拒原因`,
          en: `none of the ${n} rows was imported (${counts.rowsRejected.toLocaleString('en-US')} refused): see the reasons`,
        });
      }
      this.jobs.finish(req.jobId, 'done', note);
    } catch (e) {
      const partial = wroteBatches && !req.allOrNothing;
      if (e instanceof FileError) {
        this.jobs.progress(req.jobId, { ...counts, state: counts.state });
        this.jobs.finish(req.jobId, 'failed', partial
          ? { zh: `${e.zh}（中断前已写入 ${counts.rowsImported + counts.rowsUpdated} 个）`, en: `${e.en} (${counts.rowsImported + counts.rowsUpdated} written before it stopped)` }
          : { zh: `${e.zh}，没有写入任何数据`, en: `${e.en}; nothing was written` });
        return;
      }
      this.jobs.finish(req.jobId, 'failed', { zh: `导入失败：${(e as Error).message}`, en: `import failed: ${(e as Error).message}` });
      throw e;
    }
  }

  /** Every row of a refusal, verbatim, with the reason in both languages. */
  private keepRejects(jobId: string, rows: SourceRow[], why: RowReject): void {
    for (const r of rows) this.jobs.reject(jobId, { rowNo: r.rowNo, field: why.field, value: why.value, zh: why.zh, en: why.en, cells: r.cells });
  }

  private write(tx: WriteTx, t: TemplateDef, plan: ColumnPlan, channelId: string | null, item: Assembled | { type: 'record'; row: SourceRow }, req: RunRequest, source: string) {
    const kind = (t.channelKind ?? 'pos') as ChannelKind;
    const raw = (rows: SourceRow[]) => JSON.stringify({ file: req.fileName, jobId: req.jobId, rows: rows.map((r) => ({ rowNo: r.rowNo, cells: r.cells })) });
    switch (item.type) {
      case 'order':
        return this.orders.writeOrder(tx, { id: channelId!, kind }, item.order, raw(item.rows), source, t.channelKind === 'taobao');
      case 'items':
        return this.orders.writeItems(tx, { id: channelId!, kind }, item.platformOrderId, item.lines, req.jobId, raw(item.rows), source);
      case 'record':
        return t.kind === 'skus' ? this.catalog.sku(tx, item.row.values, plan.headerOf) : this.catalog.stock(tx, item.row.values, plan.headerOf, `import:${req.jobId}`);
      default:
        throw new Error(`nothing to write for ${item.type}`);
    }
  }
}

class RolledBack extends Error {}

function bump(c: JobProgress, outcome: string): void {
  if (outcome === 'created') c.rowsImported++;
  else if (outcome === 'updated') c.rowsUpdated++;
  else c.rowsUnchanged++;
}
