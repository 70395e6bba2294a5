import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { Cron } from 'croner';
import { uuidv7 } from '../kernel/ids';
import { folderImportActor } from '../../src-shared/actor-words';
import type { ImportSource } from '../../src-shared/contract/imports';
import { ApiError } from '../../src-shared/errors';
import { canonicalFolder, stillCanonical } from '../kernel/folders';
import type { Database } from '../db';
import type { Locale } from '../kernel/i18n';
import type { Logger } from '../log';
import { sha256, type ImportService } from './import-service';
import { checkFileSize, SHEET_LIMITS, type FileError } from './sheet-limits';

interface SourceRow {
  id: string; folder: string; schedule: string; templateId: string | null; channelId: string | null; enabled: number;
  lastRunAt: number | null; createdAt: number; createdBy: string | null;
}

const SPREADSHEET = /\.(xlsx|csv)$/i;
/** Excel's lock files (~$x.xlsx) and half-copied temp files are not imports. */
const TEMPORARY = /^(~\$|\.)|\.(tmp|part|crdownload)$/i;

/**
 * Folder sources: a folder scanned on a cron schedule or when files arrive. Each file content
 * (SHA-256) is imported once per source; files are only ever read, never moved or deleted.
 */
export class FolderSources {
  private readonly timers = new Map<string, Cron | FSWatcher>();
  private readonly scanning = new Map<string, Promise<string[]>>();
  private stopped = true;

  constructor(
    private readonly db: Database,
    private readonly imports: ImportService,
    private readonly log: Logger,
    private readonly zone: string,
  ) {}

  private rows(): SourceRow[] {
    return this.db.sqlite.prepare(
      `SELECT id, folder, schedule, template_id AS templateId, channel_id AS channelId, enabled, last_run_at AS lastRunAt,
        created_at AS createdAt, created_by AS createdBy FROM import_sources ORDER BY created_at`,
    ).all() as SourceRow[];
  }

  list(locale: Locale): ImportSource[] {
    const lastJob = this.db.sqlite.prepare('SELECT id FROM import_jobs WHERE source_id = ? ORDER BY created_at DESC, id DESC LIMIT 1').pluck();
    return this.rows().map((r) => {
      const id = lastJob.get(r.id) as string | undefined;
      const job = id ? this.imports.status(id, locale) : null;
      const t = r.templateId ? this.imports.templates.find(r.templateId) : null;
      return {
        id: r.id, folder: r.folder, schedule: r.schedule, templateId: r.templateId, templateName: t?.name ?? null, channelId: r.channelId,
        enabled: Boolean(r.enabled), lastRunAt: r.lastRunAt, createdAt: r.createdAt,
        lastJob: job && { jobId: job.jobId, state: job.state, fileName: job.fileName, message: job.message, rowsRejected: job.rowsRejected },
      };
    });
  }

  async save(say: (zh: string, en: string) => string, userId: string | null, input: {
    id?: string | undefined; folder: string; schedule: string; templateId?: string | undefined; channelId?: string | undefined; enabled: boolean;
  }, locale: Locale): Promise<ImportSource> {
    // Stored as the real folder (absolute, links resolved): what is stored is what is read.
    input = { ...input, folder: canonicalFolder(input.folder, say) };
    if (input.schedule !== 'on-arrival') {
      try {
        new Cron(input.schedule, { paused: true }).stop();
      } catch (e) {
        throw new ApiError('invalid_input', say(`计划“${input.schedule}”不是有效的 cron 表达式`, `"${input.schedule}" is not a valid cron expression: ${(e as Error).message}`), 'schedule');
      }
    }
    if (input.templateId && !this.imports.templates.find(input.templateId)) {
      throw new ApiError('invalid_input', say('模板不存在', 'no such template'), 'templateId');
    }
    const now = Date.now();
    const exists = input.id && this.db.sqlite.prepare('SELECT 1 FROM import_sources WHERE id = ?').get(input.id);
    const id = exists ? input.id! : uuidv7();
    const v = { id, folder: input.folder, schedule: input.schedule, templateId: input.templateId ?? null, channelId: input.channelId ?? null, enabled: input.enabled ? 1 : 0, now, userId };
    if (exists) {
      this.db.sqlite.prepare(
        'UPDATE import_sources SET folder = @folder, schedule = @schedule, template_id = @templateId, channel_id = @channelId, enabled = @enabled, updated_at = @now WHERE id = @id',
      ).run(v);
    } else {
      this.db.sqlite.prepare(
        `INSERT INTO import_sources (id, folder, schedule, template_id, channel_id, enabled, created_by, created_at, updated_at)
         VALUES (@id, @folder, @schedule, @templateId, @channelId, @enabled, @userId, @now, @now)`,
      ).run(v);
    }
    if (!this.stopped) await this.arm(id);
    return this.list(locale).find((s) => s.id === id)!;
  }

  async delete(id: string): Promise<boolean> {
    await this.disarm(id);
    return this.db.sqlite.prepare('DELETE FROM import_sources WHERE id = ?').run(id).changes > 0;
  }

  /** Every new or changed spreadsheet in the folder becomes a job; returns their ids. */
  scan(id: string): Promise<string[]> {
    const running = this.scanning.get(id);
    if (running) return running;
    const p = this.scanOnce(id).finally(() => this.scanning.delete(id));
    this.scanning.set(id, p);
    return p;
  }

  private async scanOnce(id: string): Promise<string[]> {
    const src = this.rows().find((r) => r.id === id);
    if (!src) return [];
    const now = Date.now();
    this.db.sqlite.prepare('UPDATE import_sources SET last_run_at = ? WHERE id = ?').run(now, id);
    const known = this.db.sqlite.prepare('SELECT 1 FROM import_source_files WHERE source_id = ? AND sha256 = ?').pluck();
    const remember = this.db.sqlite.prepare('INSERT INTO import_source_files (source_id, sha256, path, job_id, seen_at) VALUES (?, ?, ?, ?, ?)');
    const actor = { id: src.createdBy, name: folderImportActor(src.folder) };
    let names: string[];
    try {
      if (!stillCanonical(src.folder)) throw new Error('文件夹已不存在或已被换成链接，请老板重新指定 (the folder is gone or was replaced by a link)');
      names = (await readdir(src.folder)).filter((n) => SPREADSHEET.test(n) && !TEMPORARY.test(n)).sort();
    } catch (e) {
      // A vanished share must be visible: it is logged as a failed job on the source.
      const jobId = uuidv7();
      this.imports.jobs.create({ id: jobId, fileName: src.folder, sha256: '', templateId: src.templateId, channelId: src.channelId, allOrNothing: false, sourceId: id, createdBy: actor.id, createdByName: actor.name });
      this.imports.jobs.finish(jobId, 'failed', { zh: `无法读取文件夹：${(e as Error).message}`, en: `cannot read the folder: ${(e as Error).message}` });
      this.log.warn(`import source ${src.folder}: ${(e as Error).message}`);
      return [jobId];
    }
    const jobIds: string[] = [];
    for (const name of names) {
      const path = join(src.folder, name);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) continue;
      if (info.size > SHEET_LIMITS.fileBytes) {
        // Never read into memory; reported once per version of the file, like any refusal.
        const seen = `size:${info.size}:${info.mtimeMs}:${name}`;
        if (known.get(id, seen)) continue;
        const jobId = uuidv7();
        this.imports.jobs.create({ id: jobId, fileName: name, sha256: '', templateId: src.templateId, channelId: src.channelId, allOrNothing: false, sourceId: id, createdBy: actor.id, createdByName: actor.name });
        try {
          checkFileSize(info.size);
        } catch (e) {
          const err = e as FileError;
          this.imports.jobs.finish(jobId, 'failed', { zh: `${err.zh}，没有写入任何数据`, en: `${err.en}; nothing was written` });
        }
        remember.run(id, seen, path, jobId, now);
        jobIds.push(jobId);
        continue;
      }
      const buf = await readFile(path).catch(() => null);
      if (!buf) continue;
      const hash = sha256(buf);
      if (known.get(id, hash)) continue;
      const jobId = this.imports.start({
        fileName: name, buf, templateId: src.templateId, channelId: src.channelId, sourceId: id, actor, call: 'imports.source',
      });
      remember.run(id, hash, path, jobId, now);
      jobIds.push(jobId);
    }
    for (const j of jobIds) await this.imports.wait(j);
    return jobIds;
  }

  /** Arms every enabled source: cron timers and folder watchers. Folders are scanned once at start. */
  async start(): Promise<void> {
    this.stopped = false;
    for (const r of this.rows()) await this.arm(r.id);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const id of [...this.timers.keys()]) await this.disarm(id);
    await Promise.allSettled([...this.scanning.values()]);
  }

  private async arm(id: string): Promise<void> {
    await this.disarm(id);
    const src = this.rows().find((r) => r.id === id);
    if (!src?.enabled || this.stopped) return;
    const run = () => void this.scan(id).catch((e) => this.log.error(`import source ${src.folder} scan failed`, e));
    if (src.schedule === 'on-arrival') {
      const w = watch(src.folder, { depth: 0, ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 1500, pollInterval: 200 } });
      w.on('add', run).on('change', run).on('error', (e) => this.log.warn(`watching ${src.folder}: ${String(e)}`));
      this.timers.set(id, w);
      // Files written before the watcher is ready would be missed: wait for it, then scan what is there.
      await new Promise<void>((resolve) => w.once('ready', () => resolve()));
      run();
    } else {
      this.timers.set(id, new Cron(src.schedule, { timezone: this.zone, protect: true }, run));
    }
  }

  private async disarm(id: string): Promise<void> {
    const t = this.timers.get(id);
    this.timers.delete(id);
    if (t instanceof Cron) t.stop();
    else if (t) await t.close();
  }
}

/** The folder a source reads now (for the permission check on a change), or null for a new source. */
export function folderOf(db: Database, id: string | undefined): string | null {
  if (!id) return null;
  return (db.sqlite.prepare('SELECT folder FROM import_sources WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
}
