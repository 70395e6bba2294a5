import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { DryRunJob, DryRunSampleRow } from '../../src-shared/contract/rules';
import type { Rule } from '../../src-shared/rules';
import type { Sqlite } from '../db';
import { createCsvWriter, type TabularWriter } from '../exports/writers';
import type { Locale } from '../kernel/i18n';
import type { Logger } from '../log';
import { compile, type CompiledRuleSet } from './decide';
import { dryRunLoop, type DryRunRow } from './dry-run';
import { csvColumns, csvCells } from './dry-run-csv';

const SAMPLE = 200;

interface Running {
  job: DryRunJob;
  cancel: boolean;
  done: Promise<void>;
  csvPath: string;
  csvRows: number;
}

/**
 * Dry-run jobs: each runs dryRunLoop on its own read-only connection, streams counts and the
 * first results into its status (polled by the screen) and every row into a CSV file.
 */
export class DryRunJobs {
  private readonly jobs = new Map<string, Running>();

  constructor(
    private readonly deps: { sqlite: Sqlite; zone: string; dir: string; log: Logger; compiledAt: (version: number) => CompiledRuleSet },
  ) {}

  start(req: { version: number; rules?: Rule[] | undefined; from: number; to: number; locale: Locale }): string {
    const set = req.rules ? compile(req.version, req.rules) : this.deps.compiledAt(req.version);
    const id = uuidv7();
    mkdirSync(this.deps.dir, { recursive: true });
    const warehouses = this.deps.sqlite.prepare('SELECT id, name FROM warehouses ORDER BY code').all() as { id: string; name: string }[];
    const job: DryRunJob = {
      id, state: 'running', version: set.version, from: req.from, to: req.to, processed: 0, total: 0, startedAt: Date.now(),
      firstResultMs: null, finishedAt: null, counts: {}, sample: [], warehouses, error: null,
    };
    const r: Running = { job, cancel: false, done: Promise.resolve(), csvPath: join(this.deps.dir, `${id}.csv`), csvRows: 0 };
    this.jobs.set(id, r);
    r.done = this.run(r, set, req.locale);
    return id;
  }

  private async run(r: Running, set: CompiledRuleSet, locale: Locale): Promise<void> {
    const { job } = r;
    const names = new Map(job.warehouses.map((w) => [w.id, w.name]));
    // Its own read connection: the dry run never holds the writer, and moves into a worker as it is.
    const read = new Database(this.deps.sqlite.name, { readonly: true, fileMustExist: true });
    read.pragma('busy_timeout = 5000');
    const csv: TabularWriter = createCsvWriter(createWriteStream(r.csvPath), { zone: this.deps.zone });
    csv.sheet('dry-run', csvColumns(locale));
    let outcome: DryRunJob['state'] = 'failed';
    try {
      outcome = await dryRunLoop(read, this.deps.zone, set, { from: job.from, to: job.to }, {
        batchSize: 1000,
        isCancelled: () => r.cancel,
        onBatch: async (b) => {
          job.total = b.total;
          job.processed = b.processed;
          job.firstResultMs ??= Date.now() - job.startedAt;
          for (const row of b.rows) {
            const s = sampleRow(row, names);
            count(job.counts, s);
            if (s.fired.length && job.sample.length < SAMPLE) job.sample.push(s);
            await csv.row(csvCells(s, locale, names));
            r.csvRows++;
          }
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
  }

  status(id: string): DryRunJob | null {
    return this.jobs.get(id)?.job ?? null;
  }

  cancel(id: string): boolean {
    const r = this.jobs.get(id);
    if (!r || r.job.state !== 'running') return false;
    r.cancel = true;
    return true;
  }

  async wait(id: string): Promise<void> {
    await this.jobs.get(id)?.done;
  }

  csv(id: string): { content: Buffer; rows: number } | null {
    const r = this.jobs.get(id);
    if (!r || r.job.state === 'running') return null;
    return { content: readFileSync(r.csvPath), rows: r.csvRows };
  }

  /** App shutdown: stop every running job and remove the files. */
  async closeAll(): Promise<void> {
    for (const r of this.jobs.values()) r.cancel = true;
    await Promise.all([...this.jobs.values()].map((r) => r.done));
    for (const r of this.jobs.values()) rmSync(r.csvPath, { force: true });
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
