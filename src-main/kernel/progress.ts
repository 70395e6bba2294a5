/**
 * Counts for long work that runs inside one call (an export): the work
 * reports `done` (and `total` when known) under an id the caller chose, checks `cancelled`
 * between batches, and yields to the event loop so `jobs.progress` / `jobs.cancel` are answered
 * meanwhile. In memory: a count lives as long as its call. (Imports keep their own job rows; the first-run
 * demo fill its `meta.demo_fill` row, which setup.status reads and `jobs.progress` events announce.)
 */
export interface Progress {
  id: string;
  /** Who may read and cancel it: the user who started it; null for first-run work (no user yet). */
  owner: string | null;
  done: number;
  total: number | null;
  cancelled: boolean;
}

export class ProgressBoard {
  private readonly jobs = new Map<string, Progress>();

  start(id: string, owner: string | null, total: number | null = null): Progress {
    const p: Progress = { id, owner, done: 0, total, cancelled: false };
    this.jobs.set(id, p);
    return p;
  }

  get(id: string): Progress | null {
    return this.jobs.get(id) ?? null;
  }

  cancel(id: string): boolean {
    const p = this.jobs.get(id);
    if (p) p.cancelled = true;
    return !!p;
  }

  finish(id: string): void {
    this.jobs.delete(id);
  }
}

/** Lets other calls in (progress, cancel, the grid) between batches of a long call. */
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
