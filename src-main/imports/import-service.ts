import type { StockSettle } from '../inventory/stock-service';
import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { uuidv7 } from '../kernel/ids';
import { neutralise } from '../exports/writers/neutralise';
import { type ImportJob, type ImportPreview } from '../../src-shared/contract/imports';
import type { Actor, Database } from '../db';
import { loadExcel } from '../exports/writers';
import type { IngestPipeline } from '../ingest/pipeline';
import type { Locale } from '../kernel/i18n';
import type { EventSink } from '../kernel/events';
import type { JobHost } from '../kernel/jobs';
import type { Logger } from '../log';
import { REASON_HEADER, recognise, type TemplateDef } from './builtin-templates';
import { guessChannelKind, suggest } from './header-guess';
import type { ChannelKind } from '../../src-shared/orders';
import { cellText } from './cell-values';
import { ImportRunner, type RunRequest } from './import-runner';
import { JobStore } from './job-store';
import { previewCell, SHEET_LIMITS } from './sheet-limits';
import { headerRow, openSheet } from './sheet-reader';
import { TemplateStore } from './template-store';

export interface StartRequest {
  fileName: string;
  buf: Buffer;
  templateId?: string | null | undefined;
  /** A mapping for this import only (TemplateStore.once). */
  once?: TemplateDef | null | undefined;
  channelId?: string | null | undefined;
  allOrNothing?: boolean | undefined;
  sourceId?: string | null | undefined;
  actor: Actor;
  call: string;
}

/** What crosses to a job worker to run one import (plain data; the file as bytes). */
export type ImportJobParams = Omit<RunRequest, 'buf'> & { buf: Uint8Array };

export interface ImportServiceOptions {
  /** Progress of each job as an event (jobs.progress). */
  events?: EventSink;
  /** Where the reading and writing run: a job worker in the core; here when absent. */
  jobs?: JobHost;
}

/** Import jobs: one at a time in the background, each with progress, cancel and its rejects. */
export class ImportService {
  readonly jobs: JobStore;
  readonly templates: TemplateStore;
  private readonly runner: ImportRunner;
  private queue: Promise<void> = Promise.resolve();
  private readonly running = new Map<string, { cancel: AbortController; done: Promise<void> }>();

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    /** The app's one ingestion path: imported orders meet the same state machine and hooks as polled ones. */
    pipeline: IngestPipeline,
    /** Stock rows settle the reservation ledger (src-main/inventory/). */
    stockLedger: StockSettle | null = null,
    private readonly opts: ImportServiceOptions = {},
  ) {
    const events = opts.events;
    this.jobs = new JobStore(db.sqlite, events ? (jobId, state, progress) => events.emit('jobs.progress', { jobId, kind: 'import', state, progress }) : undefined);
    this.templates = new TemplateStore(db);
    this.runner = new ImportRunner(db, this.jobs, this.templates, pipeline, stockLedger);
  }

  /** At start-up, by the one writer: jobs left running by a crash or an exit did not finish. */
  recoverInterrupted(): void {
    const interrupted = this.jobs.failInterrupted();
    if (interrupted) this.log.warn(`marked ${interrupted} interrupted import job(s) as failed`);
  }

  /** Runs one import here, on this connection (a job worker, or this process when there is none). */
  runHere(p: ImportJobParams, signal: AbortSignal): Promise<void> {
    const buf = Buffer.isBuffer(p.buf) ? p.buf : Buffer.from(p.buf.buffer, p.buf.byteOffset, p.buf.byteLength);
    return this.runner.run({ ...p, buf }, () => signal.aborted);
  }

  start(req: StartRequest): string {
    const jobId = uuidv7();
    this.jobs.create({
      id: jobId, fileName: req.fileName, sha256: sha256(req.buf), templateId: req.templateId ?? req.once?.id ?? null, channelId: req.channelId ?? null,
      allOrNothing: Boolean(req.allOrNothing), sourceId: req.sourceId ?? null, createdBy: req.actor.id, createdByName: req.actor.name,
    });
    const state = { cancel: new AbortController(), done: Promise.resolve() };
    state.done = this.queue = this.queue.then(async () => {
      const params: ImportJobParams = {
        jobId, fileName: req.fileName, buf: req.buf, templateId: req.templateId ?? null, once: req.once ?? null, channelId: req.channelId ?? null,
        allOrNothing: Boolean(req.allOrNothing), actor: req.actor, call: req.call,
      };
      try {
        if (this.opts.jobs) await this.opts.jobs.run('import', params, { signal: state.cancel.signal });
        else await this.runHere(params, state.cancel.signal);
      } catch (e) {
        this.log.error(`import ${jobId} (${req.fileName}) failed`, e);
        // The worker running it died (or never started): the job did not finish.
        if (this.jobs.isActive(jobId)) this.jobs.finish(jobId, 'failed', { zh: '导入被中断，请重新导入', en: 'the import was interrupted; import again' });
      } finally {
        this.running.delete(jobId);
      }
    });
    this.running.set(jobId, state);
    return jobId;
  }

  /** Resolves when the job has finished (tests, benchmarks, folder sources). */
  async wait(jobId: string): Promise<void> {
    await this.running.get(jobId)?.done;
  }

  /** Waits for every queued job (app shutdown). */
  async idle(): Promise<void> {
    await this.queue;
  }

  cancel(jobId: string): boolean {
    const r = this.running.get(jobId);
    if (!r) return false;
    r.cancel.abort();
    return true;
  }

  /** App shutdown: running jobs stop at the next row (written batches stay; all-or-nothing writes nothing). */
  cancelAll(): void {
    for (const r of this.running.values()) r.cancel.abort();
  }

  status(jobId: string, locale: Locale): ImportJob | null {
    return this.jobs.get(jobId, locale);
  }

  async preview(fileName: string, buf: Buffer): Promise<ImportPreview> {
    const sheet = openSheet(fileName, buf);
    const rows: string[][] = [];
    const it = sheet.rows();
    const header = await headerRow(it);
    if (!header) throw Object.assign(new Error('empty'), { empty: true });
    // Bounded whatever the file holds: so many rows and columns, each cell cut to a readable length.
    const headers = header.cells.slice(0, SHEET_LIMITS.previewColumns).map((c) => previewCell(cellText(c).trim()));
    let budget = SHEET_LIMITS.previewChars - headers.reduce((n, h) => n + h.length, 0);
    for await (const r of it) {
      const row = r.cells.slice(0, SHEET_LIMITS.previewColumns).map((c) => previewCell(cellText(c)));
      budget -= row.reduce((n, c) => n + c.length, 0);
      if (budget < 0) break;
      rows.push(row);
      if (rows.length >= SHEET_LIMITS.previewRows) break;
    }
    const t = recognise(headers, this.templates.saved());
    const channelKind = t && t.kind === 'orders' ? ((t.channelKind ?? 'pos') as ChannelKind) : t ? null : guessChannelKind(headers);
    const shops = this.db.sqlite.prepare('SELECT id, name, kind FROM channels ORDER BY created_at').all() as { id: string; name: string; kind: ChannelKind }[];
    return {
      fileName, format: sheet.format, encoding: sheet.encoding, headers, rows,
      template: t && { id: t.id, name: t.name, kind: t.kind, builtin: t.builtin },
      suggestedMapping: suggest(headers),
      channelKind,
      shops: shops.filter((x) => x.kind === channelKind).concat(shops.filter((x) => x.kind !== channelKind)),
    };
  }

  /** The rejected rows as xlsx: the file's header plus 原因, each row as it was, to fix and import again. */
  async rejectReport(jobId: string, locale: Locale): Promise<{ fileName: string; content: Buffer } | null> {
    const job = this.jobs.headers(jobId);
    if (!job) return null;
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const Excel = await loadExcel();
    const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
    const ws = wb.addWorksheet('被拒行', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow([...job.headers.map(neutralise), REASON_HEADER]).commit();
    const width = job.headers.length;
    for (const r of this.jobs.allRejects(jobId)) {
      const cells = JSON.parse(r.cells_json) as string[];
      const padded = Array.from({ length: Math.max(width, cells.length) }, (_, i) => cells[i] ?? '');
      // Cells go back as text, as read: ids keep every digit. Formula-like text gets the exports'
      // leading apostrophe, so Excel never runs it (not even when the cell is edited) and the
      // original stays readable after it; importing the fixed file again drops the apostrophe.
      ws.addRow([...padded.slice(0, width).map(neutralise), `第 ${r.row_no} 行：${locale === 'en' ? r.reason_en : r.reason_zh}`]).commit();
    }
    ws.commit();
    await wb.commit();
    const base = job.fileName.replace(/\.[^.]+$/, '');
    return { fileName: `${base}-被拒行.xlsx`, content: Buffer.concat(chunks) };
  }
}

export function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

