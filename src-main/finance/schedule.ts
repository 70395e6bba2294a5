import { constants, copyFileSync, linkSync, mkdtempSync, rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Cron } from 'croner';
import type { FinanceSchedule, FinanceScheduleView } from '../../src-shared/contract/finance';
import { financeScheduleInput } from '../../src-shared/contract/finance';
import { SYSTEM_ACTOR, type Database, type WriteContext } from '../db';
import { realClock, type Clock } from '../kernel/clock';
import { stillCanonical } from '../kernel/folders';
import { shareLikeUserFiles } from '../secrets/private-files';
import type { Logger } from '../log';
import type { FinanceExporter } from './exporter';
import { previousMonth } from './month';

const SETTING_ID = 'finance.exportSchedule';
const LAST_RUN_KEY = 'finance.exportSchedule.lastRun';
/** The folder is a path on this PC: it lives in local_settings, the rest of the schedule syncs. */
const FOLDER_KEY = 'finance.exportSchedule.folder';
type LastRun = NonNullable<FinanceScheduleView['lastRun']>;

/**
 * The optional monthly export: on the chosen day and hour (workspace zone) it writes the
 * previous month's file into a folder. The schedule is a synced setting, its folder a local one
 * (a path on this PC); how the last run went is local (meta) and shown on the finance screen, so a failure never goes unnoticed.
 * A PC that was off on the day catches up the next time the app starts.
 */
export class FinanceScheduler {
  private cron: Cron | null = null;
  private running: Promise<LastRun> | null = null;

  constructor(
    private readonly db: Database,
    private readonly exporter: FinanceExporter,
    private readonly zone: string,
    private readonly log: Logger,
    /** Decides the catch-up and which month a run is for (tests set the day; the timer itself runs on real time). */
    private readonly clock: Pick<Clock, 'now'> = realClock,
  ) {}

  get(): FinanceSchedule | null {
    const row = this.db.sqlite.prepare('SELECT value_json FROM settings WHERE id = ?').pluck().get(SETTING_ID) as string | undefined;
    if (!row) return null;
    const folder = this.db.sqlite.prepare('SELECT value_json FROM local_settings WHERE key = ?').pluck().get(FOLDER_KEY) as string | undefined;
    const parsed = financeScheduleInput.safeParse({ ...JSON.parse(row), folder: folder ? (JSON.parse(folder) as string) : '' });
    return parsed.success ? parsed.data : null;
  }

  view(): FinanceScheduleView {
    const raw = this.db.sqlite.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(LAST_RUN_KEY) as string | undefined;
    return { schedule: this.get(), nextRunAt: this.cron?.nextRun()?.getTime() ?? null, lastRun: raw ? (JSON.parse(raw) as LastRun) : null };
  }

  save(ctx: WriteContext, s: FinanceSchedule): FinanceScheduleView {
    const { folder, ...shared } = s;
    const valueJson = JSON.stringify(shared);
    const now = Date.now();
    this.db.writes.run(ctx, (tx) => {
      this.db.sqlite
        .prepare(`INSERT INTO local_settings (key, value_json, updated_at) VALUES (?, ?, ?)
          ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`)
        .run(FOLDER_KEY, JSON.stringify(folder), now);
      const exists = this.db.sqlite.prepare('SELECT 1 FROM settings WHERE id = ?').get(SETTING_ID);
      if (exists) tx.update('settings', SETTING_ID, { valueJson, updatedAt: now });
      else tx.insert('settings', { id: SETTING_ID, valueJson, updatedAt: now });
    });
    this.start();
    return this.view();
  }

  /** (Re)arms the timer from the stored schedule; call at start-up and after a change. */
  start(): void {
    this.stop();
    const s = this.get();
    if (!s?.enabled || !s.folder) return;
    this.cron = new Cron(`0 ${s.hour} ${s.dayOfMonth} * *`, { timezone: this.zone, protect: true, unref: true }, () => {
      void this.runNow(Date.now());
    });
    // Missed while the PC was off: this month's run time has passed and last month's file was never written.
    const now = this.clock.now();
    const due = this.cron.previousRuns(1, new Date(now))[0];
    const last = this.view().lastRun;
    if (due && previousMonth(due.getTime(), this.zone) === previousMonth(now, this.zone) && last?.month !== previousMonth(now, this.zone)) {
      void this.runNow(now);
    }
  }

  stop(): void {
    this.cron?.stop();
    this.cron = null;
  }

  /** Writes the previous month's file into the folder now; records how it went either way. */
  runNow(now = this.clock.now()): Promise<LastRun> {
    this.running ??= this.runOnce(now).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runOnce(now: number): Promise<LastRun> {
    const s = this.get();
    const month = previousMonth(now, this.zone);
    let result: LastRun;
    try {
      if (!s) throw new Error('没有设置定时导出 (no schedule set)');
      if (!stillCanonical(s.folder)) {
        throw new Error(`文件夹不存在、不可用或已被换成链接：${s.folder}，请老板重新指定 (folder missing, or replaced by a link since it was set)`);
      }
      const input = { month, basis: s.basis, format: s.format, encoding: s.encoding };
      // Written next to the target, then renamed: nobody opens a half-written file.
      const tmpDir = mkdtempSync(join(s.folder, '.orderhub-export-'));
      try {
        const written = await this.exporter.write(join(tmpDir, 'export.part'), input, 'zh-CN');
        const target = placeWithoutOverwriting(written.path, s.folder, written.fileName);
        shareLikeUserFiles(target);
        const ctx: WriteContext = { actor: SYSTEM_ACTOR, call: 'exports.financeSchedule', reason: 'monthly schedule' };
        this.exporter.audit(ctx, input, written, target);
        result = { at: now, month, ok: true, file: target, error: null };
      } finally {
        rmSync(tmpDir, { recursive: true, force: true });
      }
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      this.log.warn(`finance schedule failed for ${month}: ${error}`);
      result = { at: now, month, ok: false, file: null, error };
    }
    this.db.sqlite
      .prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`)
      .run(LAST_RUN_KEY, JSON.stringify(result));
    return result;
  }
}

/**
 * Puts the finished file into the folder under its name, or `name (2).xlsx`, `name (3).xlsx`, …
 * when that exists: a file already there (last run's, or somebody's own) is never replaced.
 * A hard link fails atomically if the name is taken; shares that cannot link get an exclusive copy.
 */
export function placeWithoutOverwriting(from: string, folder: string, fileName: string): string {
  const ext = extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  for (let n = 1; n < 1000; n++) {
    const target = join(folder, n === 1 ? fileName : `${stem} (${n})${ext}`);
    try {
      linkSync(from, target);
      return target;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      try {
        copyFileSync(from, target, constants.COPYFILE_EXCL);
        return target;
      } catch (e2) {
        if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw e2;
      }
    }
  }
  throw new Error(`文件夹里已有太多同名文件：${fileName} (too many files with this name)`);
}
