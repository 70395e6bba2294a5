import type { z } from 'zod';
import type { Permission } from '../roles';

/**
 * Who may make a call:
 * - a Permission: an authenticated session whose role has it;
 * - 'authenticated': any signed-in user (auth.me, auth.logout);
 * - 'public': no session (login, first-run setup, health).
 */
export type Access = Permission | 'authenticated' | 'public';

/**
 * Where a call runs in the core (see src-main/README.md, "How a call travels"):
 * - 'read': a read-only worker, side by side with other reads, under a deadline;
 * - 'write': the one writer (the default: a call that does not say lands there safely);
 * - 'job': a job worker of its own (long work: exports, re-processing, verification).
 */
export type Runs = 'read' | 'write' | 'job';

export interface CallSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly access: Access;
  readonly summary: string;
  readonly runs?: Runs;
  /**
   * A read that cannot answer early with what is ready (a whole report) waits this long for its
   * answer instead of the front's read deadline; it still runs beside the writer, never behind it.
   */
  readonly deadlineMs?: number;
  /** Phantom: carries the output type to the client; never read at run time. */
  readonly output?: O;
}

/** Declares one call: `call<Output>()({ input, access, summary, runs? })`. */
export function call<O>() {
  return <I extends z.ZodType>(spec: { input: I; access: Access; summary: string; runs?: Runs; deadlineMs?: number }): CallSpec<I, O> => spec;
}

/** The wait of a report-like read (board, metrics, lists without a page of their own): the caller waits, the writer does not. */
export const REPORT_DEADLINE_MS = 30_000;

/** Where a call runs; 'write' when its spec does not say. */
export function runsOf(spec: { runs?: Runs }): Runs {
  return spec.runs ?? 'write';
}
