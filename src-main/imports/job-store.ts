import type { ImportJob, ImportJobState, ImportKind, ImportReject } from '../../src-shared/contract/imports';
import type { JobState } from '../../src-shared/contract';
import type { Sqlite } from '../db';
import type { Locale } from '../kernel/i18n';

/** Told after each progress or finish write (the jobs.progress event). */
export type JobNotify = (jobId: string, state: JobState, progress: number) => void;

const EVENT_STATE: Record<ImportJobState, JobState> = {
  queued: 'queued', reading: 'running', importing: 'running', done: 'done', failed: 'failed', cancelled: 'cancelled',
};

/** Job rows and rejected rows: local tables, written directly (they are not synced). */
export class JobStore {
  private readonly insertJob;
  private readonly updateCounts;
  private readonly finishJob;
  private readonly getJob;
  private readonly listJobs;
  private readonly insertReject;
  private readonly countRejects;
  private readonly pageRejects;
  private readonly deleteRejects;

  constructor(
    readonly sqlite: Sqlite,
    private readonly notify: JobNotify = () => {},
  ) {
    this.insertJob = sqlite.prepare(
      `INSERT INTO import_jobs (id, state, file_name, file_sha256, template_id, channel_id, all_or_nothing, source_id, created_at, created_by, created_by_name)
       VALUES (@id, 'queued', @fileName, @sha256, @templateId, @channelId, @allOrNothing, @sourceId, @createdAt, @createdBy, @createdByName)`,
    );
    this.updateCounts = sqlite.prepare(
      `UPDATE import_jobs SET state = @state, kind = COALESCE(@kind, kind), template_id = COALESCE(@templateId, template_id),
        template_name = COALESCE(@templateName, template_name), channel_id = COALESCE(@channelId, channel_id),
        headers_json = COALESCE(@headersJson, headers_json), rows_total = @rowsTotal, rows_imported = @rowsImported,
        rows_updated = @rowsUpdated, rows_unchanged = @rowsUnchanged, rows_rejected = @rowsRejected, progress = @progress
       WHERE id = @id`,
    );
    this.finishJob = sqlite.prepare(
      'UPDATE import_jobs SET state = ?, message_zh = ?, message_en = ?, finished_at = ?, progress = CASE WHEN ? THEN 1 ELSE progress END WHERE id = ?',
    );
    this.getJob = sqlite.prepare('SELECT * FROM import_jobs WHERE id = ?');
    this.listJobs = sqlite.prepare('SELECT * FROM import_jobs ORDER BY created_at DESC, id DESC LIMIT ?');
    this.insertReject = sqlite.prepare(
      'INSERT INTO import_rejects (job_id, row_no, field, value, reason_zh, reason_en, cells_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.countRejects = sqlite.prepare('SELECT COUNT(*) FROM import_rejects WHERE job_id = ?').pluck();
    this.pageRejects = sqlite.prepare('SELECT * FROM import_rejects WHERE job_id = ? ORDER BY row_no, id LIMIT ? OFFSET ?');
    this.deleteRejects = sqlite.prepare('DELETE FROM import_rejects WHERE job_id = ?');
  }

  create(j: { id: string; fileName: string; sha256: string; templateId: string | null; channelId: string | null; allOrNothing: boolean; sourceId: string | null; createdBy: string | null; createdByName: string | null }): void {
    this.insertJob.run({ ...j, allOrNothing: j.allOrNothing ? 1 : 0, createdAt: Date.now() });
  }

  progress(id: string, p: JobProgress): void {
    this.updateCounts.run({
      id, state: p.state, kind: p.kind ?? null, templateId: p.templateId ?? null, templateName: p.templateName ?? null,
      channelId: p.channelId ?? null, headersJson: p.headers ? JSON.stringify(p.headers) : null,
      rowsTotal: p.rowsTotal, rowsImported: p.rowsImported, rowsUpdated: p.rowsUpdated, rowsUnchanged: p.rowsUnchanged,
      rowsRejected: p.rowsRejected, progress: p.progress,
    });
    this.notify(id, EVENT_STATE[p.state], p.progress);
  }

  finish(id: string, state: Extract<ImportJobState, 'done' | 'failed' | 'cancelled'>, message: { zh: string; en: string } | null): void {
    this.finishJob.run(state, message?.zh ?? null, message?.en ?? null, Date.now(), state === 'done' ? 1 : 0, id);
    const row = this.getJob.get(id) as JobRow | undefined;
    this.notify(id, EVENT_STATE[state], row?.progress ?? 1);
  }

  reject(jobId: string, r: { rowNo: number; field: string | null; value: string | null; zh: string; en: string; cells: string[] }): void {
    this.insertReject.run(jobId, r.rowNo, r.field, r.value, r.zh, r.en, JSON.stringify(r.cells));
  }

  clearRejects(jobId: string): void {
    this.deleteRejects.run(jobId);
  }

  get(id: string, locale: Locale): ImportJob | null {
    const row = this.getJob.get(id) as JobRow | undefined;
    return row ? toJob(row, locale) : null;
  }

  headers(id: string): { fileName: string; headers: string[] } | null {
    const row = this.getJob.get(id) as JobRow | undefined;
    return row ? { fileName: row.file_name, headers: row.headers_json ? (JSON.parse(row.headers_json) as string[]) : [] } : null;
  }

  list(limit: number, locale: Locale): ImportJob[] {
    return (this.listJobs.all(limit) as JobRow[]).map((r) => toJob(r, locale));
  }

  rejects(jobId: string, offset: number, limit: number, locale: Locale): { rows: ImportReject[]; total: number } {
    const rows = (this.pageRejects.all(jobId, limit, offset) as RejectRow[]).map((r) => ({
      rowNo: r.row_no, field: r.field, value: r.value, reason: locale === 'en' ? r.reason_en : r.reason_zh,
      cells: JSON.parse(r.cells_json) as string[],
    }));
    return { rows, total: this.countRejects.get(jobId) as number };
  }

  /** Every reject of a job in row order, streamed (a report can be large). */
  *allRejects(jobId: string): Generator<RejectRow> {
    yield* this.sqlite.prepare('SELECT * FROM import_rejects WHERE job_id = ? ORDER BY row_no, id').iterate(jobId) as Iterable<RejectRow>;
  }

  isActive(id: string): boolean {
    const row = this.getJob.get(id) as JobRow | undefined;
    return !!row && (row.state === 'queued' || row.state === 'reading' || row.state === 'importing');
  }

  /** Jobs left queued or running by a crash or an app exit: they did not finish. */
  failInterrupted(): number {
    return this.sqlite.prepare(
      `UPDATE import_jobs SET state = 'failed', message_zh = '导入被中断（程序退出），请重新导入', message_en = 'interrupted (the app exited); import again', finished_at = ?
       WHERE state IN ('queued', 'reading', 'importing')`,
    ).run(Date.now()).changes;
  }
}

export interface JobProgress {
  state: ImportJobState;
  kind?: ImportKind | null;
  templateId?: string | null;
  templateName?: string | null;
  channelId?: string | null;
  headers?: string[] | null;
  rowsTotal: number;
  rowsImported: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rowsRejected: number;
  progress: number;
}

interface JobRow {
  id: string; state: ImportJobState; file_name: string; kind: ImportKind | null; template_id: string | null;
  template_name: string | null; channel_id: string | null; all_or_nothing: number; source_id: string | null;
  headers_json: string | null; rows_total: number; rows_imported: number; rows_updated: number; rows_unchanged: number;
  rows_rejected: number; progress: number; message_zh: string | null; message_en: string | null; created_at: number;
  finished_at: number | null; created_by_name: string | null;
}

export interface RejectRow {
  row_no: number; field: string | null; value: string | null; reason_zh: string; reason_en: string; cells_json: string;
}

function toJob(r: JobRow, locale: Locale): ImportJob {
  return {
    jobId: r.id, state: r.state, fileName: r.file_name, kind: r.kind, templateId: r.template_id, templateName: r.template_name,
    channelId: r.channel_id, allOrNothing: Boolean(r.all_or_nothing), sourceId: r.source_id, rowsTotal: r.rows_total,
    rowsImported: r.rows_imported, rowsUpdated: r.rows_updated, rowsUnchanged: r.rows_unchanged, rowsRejected: r.rows_rejected,
    progress: r.progress, message: locale === 'en' ? r.message_en : r.message_zh, createdAt: r.created_at,
    finishedAt: r.finished_at, createdBy: r.created_by_name,
  };
}
