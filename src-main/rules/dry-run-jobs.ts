import { createWriteStream, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { uuidv7 } from '../kernel/ids';
import type { DryRunJob, DryRunSampleRow } from '../../src-shared/contract/rules';
import type { Rule } from '../../src-shared/rules';
import type { Sqlite } from '../db';
import { createCsvWriter, type TabularWriter } from '../exports/writers';
import type { Locale } from '../kernel/i18n';
import type { JobHost } from '../kernel/jobs';
import type { Logger } from '../log';
import { compile, type CompiledRuleSet } from './decide';
import { dryRunLoop, openReplayConnection, type DryRunRow } from './dry-run';
import { csvColumns, csvCells } from './dry-run-csv';

const SAMPLE = 200;
/** A dry run on a job worker tells the writer how far it got through this file, at most this often. */
const SNAPSHOT_MS = 250;

/** A dry run as plain data: it crosses to a job worker, which compiles the rules again from its own replica. */
export interface DryRunParams {
  id: string;
  version: number;
  rules?: Rule[] | undefined;
  from: number;
  to: number;
  locale: Locale;
}

interface Running {
  job: DryRunJob;
  cancel: boolean;
  abort: AbortController;
  done: Promise<void>;
  csvPath: string;
  csvRows: number;
  /** Runs on a job worker: its status is read from the snapshot it writes. */
  remote: boolean;
}

/** A dry run moved on (at most every 250 ms while it runs) or ended: the screen asks for its status then. */
export type DryRunProgress = (p: { jobId: string; state: DryRunJob['state']; progress: number }) => void;

type Deps = {
  sqlite: Sqlite; zone: string; dir: string; log: Logger; compiledAt: (version: number) => CompiledRuleSet;
  jobs?: JobHost | undefined;
  onProgress?: DryRunProgress | undefined;
};

const progressOf = (job: DryRunJob) => ({ jobId: job.id, state: job.state, progress: job.total ? Math.min(1, job.processed / job.total) : 0 });

/**
 * Dry-run jobs: each runs dryRunLoop on its own read-only connection — in a job worker when the
 * core has them (the writer's thread never evaluates a peak day), here otherwise — streaming
 * counts and the first results into its status (asked for by the screen) and every row into a
 * CSV file.
 */
export class DryRunJobs {
  private readonly jobs = new Map<string, Running>();

  constructor(private readonly deps: Deps) {}

  start(req: { version: number; rules?: Rule[] | undefined; from: number; to: number; locale: Locale }): string {
    const set = req.rules ? compile(req.version, req.rules) : this.deps.compiledAt(req.version); // refused here, before any job
    const id = uuidv7();
    mkdirSync(this.deps.dir, { recursive: true });
    const job = this.initialJob(id, set.version, req.from, req.to);
    const r: Running = { job, cancel: false, abort: new AbortController(), done: Promise.resolve(), csvPath: this.csvPath(id), csvRows: 0, remote: !!this.deps.jobs };
    this.jobs.set(id, r);
    const params: DryRunParams = { id, version: set.version, rules: req.rules, from: req.from, to: req.to, locale: req.locale };
    if (this.deps.jobs) {
      r.done = this.deps.jobs.run('dryRun', params, { key: `dry-run:${id}`, signal: r.abort.signal }).then(
        (res) => {
          const out = res as { job: DryRunJob; csvRows: number };
          r.job = out.job;
          r.csvRows = out.csvRows;
        },
        (e: unknown) => {
          this.deps.log.error(`dry run ${id} failed`, e);
          r.job = { ...(this.snapshot(id) ?? r.job), state: 'failed', error: e instanceof Error ? e.message : String(e), finishedAt: Date.now() };
        },
      ).finally(() => {
        r.remote = false;
        rmSync(this.snapshotPath(id), { force: true });
        this.deps.onProgress?.(progressOf(r.job)); // told by the writer once the final status is here
      });
    } else {
      let told = 0;
      r.done = this.run(params, job, set, () => r.cancel, (rows) => {
        r.csvRows = rows;
        if (Date.now() - told < SNAPSHOT_MS) return;
        told = Date.now();
        this.deps.onProgress?.(progressOf(job));
      }).then(() => this.deps.onProgress?.(progressOf(job)));
    }
    return id;
  }

  /** The job kind's body on a job worker: the same loop, its progress written where the writer reads it. */
  async runHere(p: DryRunParams, signal: AbortSignal): Promise<{ job: DryRunJob; csvRows: number }> {
    const set = p.rules ? compile(p.version, p.rules) : this.deps.compiledAt(p.version);
    const job = this.initialJob(p.id, set.version, p.from, p.to);
    let told = 0;
    const tell = (force: boolean) => {
      if (!force && Date.now() - told < SNAPSHOT_MS) return;
      told = Date.now();
      const file = this.snapshotPath(p.id);
      writeFileSync(`${file}.tmp`, JSON.stringify(job));
      renameSync(`${file}.tmp`, file);
      this.deps.onProgress?.(progressOf(job));
    };
    const csvRows = await this.run(p, job, set, () => signal.aborted, () => tell(false));
    return { job, csvRows };
  }

  private initialJob(id: string, version: number, from: number, to: number): DryRunJob {
    const warehouses = this.deps.sqlite.prepare('SELECT id, name FROM warehouses ORDER BY code').all() as { id: string; name: string }[];
    return {
      id, state: 'running', version, from, to, processed: 0, total: 0, startedAt: Date.now(),
      firstResultMs: null, finishedAt: null, counts: {}, sample: [], warehouses, error: null,
    };
  }

  private csvPath(id: string): string {
    return join(this.deps.dir, `${id}.csv`);
  }

  private snapshotPath(id: string): string {
    return join(this.deps.dir, `${id}.json`);
  }

  /** What a dry run on a job worker last wrote about itself. */
  private snapshot(id: string): DryRunJob | null {
    try {
      return JSON.parse(readFileSync(this.snapshotPath(id), 'utf8')) as DryRunJob;
    } catch {
      return null; // not written yet, or being replaced this instant
    }
  }

  /** The loop: `job` is updated in place after each batch; returns the CSV's row count. */
  private async run(p: DryRunParams, job: DryRunJob, set: CompiledRuleSet, isCancelled: () => boolean, onBatch: (csvRows: number) => void): Promise<number> {
    const names = new Map(job.warehouses.map((w) => [w.id, w.name]));
    // Its own read connection: the dry run never holds the writer.
    const read = openReplayConnection(this.deps.sqlite.name);
    const csv: TabularWriter = createCsvWriter(createWriteStream(this.csvPath(p.id)), { zone: this.deps.zone });
    csv.sheet('dry-run', csvColumns(p.locale));
    let csvRows = 0;
    let outcome: DryRunJob['state'] = 'failed';
    try {
      outcome = await dryRunLoop(read, this.deps.zone, set, { from: job.from, to: job.to }, {
        batchSize: 1000,
        isCancelled,
        onBatch: async (b) => {
          job.total = b.total;
          job.processed = b.processed;
          job.firstResultMs ??= Date.now() - job.startedAt;
          for (const row of b.rows) {
            const s = sampleRow(row, names);
            count(job.counts, s);
            if (s.fired.length && job.sample.length < SAMPLE) job.sample.push(s);
            await csv.row(csvCells(s, p.locale, names));
            csvRows++;
          }
          onBatch(csvRows);
        },
      });
    } catch (e) {
      outcome = 'failed';
      job.error = e instanceof Error ? e.message : String(e);
      this.deps.log.error(`dry run ${job.id} failed`, e);
    } finally {
      read.close();
      await csv.end().catch(() => {});
      // Done only once the CSV is complete on disk: a download right after "done" gets every row.
      job.finishedAt = Date.now();
      job.state = outcome;
    }
    return csvRows;
  }

  status(id: string): DryRunJob | null {
    const r = this.jobs.get(id);
    if (!r) return null;
    return r.remote ? (this.snapshot(id) ?? r.job) : r.job;
  }

  cancel(id: string): boolean {
    const r = this.jobs.get(id);
    if (!r || this.status(id)?.state !== 'running') return false;
    r.cancel = true;
    r.abort.abort();
    return true;
  }

  async wait(id: string): Promise<void> {
    await this.jobs.get(id)?.done;
  }

  csv(id: string): { content: Buffer; rows: number } | null {
    const r = this.jobs.get(id);
    if (!r || r.remote || r.job.state === 'running') return null;
    return { content: readFileSync(r.csvPath), rows: r.csvRows };
  }

  /** App shutdown: stop every running job and remove the files. */
  async closeAll(): Promise<void> {
    for (const r of this.jobs.values()) {
      r.cancel = true;
      r.abort.abort();
    }
    await Promise.all([...this.jobs.values()].map((r) => r.done.catch(() => undefined)));
    for (const r of this.jobs.values()) {
      rmSync(r.csvPath, { force: true });
      rmSync(this.snapshotPath(r.job.id), { force: true });
    }
  }
}

export function sampleRow(row: DryRunRow, names: Map<string, string>): DryRunSampleRow {
  const stages = row.route ? [row.review, row.route] : [row.review];
  return {
    orderId: row.orderId,
    platformOrderId: row.platformOrderId,
    paidAt: row.paidAt,
    fired: stages.flatMap((d) => d.fired.map((f) => ({ ruleId: f.ruleId, name: f.name, stage: f.stage, facts: f.facts }))),
    addTags: stages.flatMap((d) => d.addTags),
    urgency: row.review.urgency ?? row.route?.urgency ?? null,
    assignTo: row.review.assignTo?.userName ?? row.route?.assignTo?.userName ?? null,
    holds: stages.flatMap((d) => d.holds),
    warehouses: (row.route?.holds.length ? [] : row.route?.routes ?? []).map((r) => ({ warehouseId: r.warehouseId, warehouseName: names.get(r.warehouseId) ?? r.warehouseId, shipDay: r.shipDay })),
  };
}

/** Counts by action: the keys the screen puts into words. */
function count(counts: Record<string, number>, s: DryRunSampleRow): void {
  const keys = new Set<string>([s.fired.length ? 'fired' : 'none']);
  for (const t of s.addTags) keys.add(`tag:${t}`);
  if (s.urgency) keys.add(`urgency:${s.urgency}`);
  if (s.assignTo) keys.add(`assign:${s.assignTo}`);
  for (const h of s.holds) keys.add(h.code === 'review_hold' ? `hold:${String(h.params?.reason)}` : h.code);
  for (const w of s.warehouses) keys.add(`route:${w.warehouseId}`);
  for (const k of keys) counts[k] = (counts[k] ?? 0) + 1;
}
