/**
 * Long work (an import, the demo workspace, ...) as a capability asks for it: a job kind and its
 * parameters (plain data: they cross to a job worker). In the core it runs in a job worker with
 * its own connection; in a single-process app it runs here. Aborting the signal asks the job to
 * stop at its next batch.
 */
export interface JobHost {
  run(kind: string, params: unknown, opts?: JobOptions): Promise<unknown>;
}

export interface JobOptions {
  /** Aborting asks the job to stop at its next batch. */
  signal?: AbortSignal;
  /** At most one job per key at a time: asking again while it runs joins it (one backfill per shop). */
  key?: string;
}

/** What a job kind gets besides its parameters. */
export interface JobControl {
  readonly signal: AbortSignal;
}

export type JobKind = (params: never, control: JobControl) => Promise<unknown>;
