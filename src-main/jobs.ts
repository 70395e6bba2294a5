import type { ImportJobParams } from './imports/import-service';
import { fillDemoOrders } from './demo/seed-workspace';
import type { DryRunParams } from './rules/dry-run-jobs';
import type { JobControl } from './kernel/jobs';
import type { AppServices } from './services';
import { PICK_PDF_JOB, type PickPdfParams } from './shipping/print/pick-render';

/** Each kind of background job a job worker runs: params (plain data) → result. */
export type JobKinds = Record<string, (params: never, control: JobControl) => Promise<unknown>>;

/** Orders per demo transaction in a job: short, so the writer waits milliseconds for the lock. */
const DEMO_BATCH = 500;

/**
 * The job kinds, like handlers.ts for calls: the composition root's one place that knows which
 * capability does what long work. Add the next kind with one line.
 */
export function buildJobKinds(s: AppServices): JobKinds {
  return {
    import: (p: ImportJobParams, c) => s.imports.runHere(p, c.signal),
    // A rule set replayed over a day or a month of orders (the writer keeps the job's status).
    dryRun: (p: DryRunParams, c) => s.rules.dryRuns.runHere(p, c.signal),
    // A shop's backfill (the writer's poller hands over long catch-ups).
    poll: (p: { channelId: string }, c) => s.channels.pollOnce(p.channelId, c.signal),
    // A pick list's PDF: the writer moved and recorded its orders; this worker reads them and draws the sheet.
    [PICK_PDF_JOB]: (p: PickPdfParams) => s.shipping.renderPickHere(p),
    demo: (p: { orders: number }, c) =>
      fillDemoOrders(s.db, s.flow.lifecycle, {
        orders: p.orders,
        batchSize: DEMO_BATCH,
        signal: c.signal,
        // Batches only move the count: the writer announces the end, however it came (seed-workspace's onSettled).
        onBatch: (done, total) => s.events.emit('jobs.progress', { jobId: 'demo', kind: 'demo', state: 'running', progress: total ? done / total : 1 }),
      }),
  };
}
