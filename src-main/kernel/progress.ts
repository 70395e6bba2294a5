/**
 * Counts for long work that runs inside one call (an export), under an id the caller chose
 * (`track`): after each batch the work reports its rows and total, learns whether the person
 * cancelled, and yields to the event loop so `jobs.progress` / `jobs.cancel` are answered
 * meanwhile. In memory: a count lives as long as its call. (Imports keep their own job rows; the
 * first-run demo fill its `meta.demo_fill` row, which setup.status reads and `jobs.progress` events announce.)
 *
 * In the core a long call runs on a job worker while `jobs.progress` / `jobs.cancel` are answered
 * by the writer: the job worker's board relays its counts to the writer's board (`mirror`), and
 * the writer's answer carries the person's cancel back.
 *
 * The board where the work runs announces it (`jobs.progress` events: started, moved on at most
 * every ANNOUNCE_MS, ended), so a screen showing the counts asks for them when they moved instead
 * of polling; the board that only mirrors counts announces nothing (no event twice).
 */
/** At most one "moved on" announcement per job this often (an export's batches come every few ms). */
export const ANNOUNCE_MS = 250;

export type ProgressState = 'running' | 'done' | 'failed' | 'cancelled';
/** Where a board's announcements go (the app's event sink). */
export type ProgressAnnounce = (p: Progress, state: ProgressState) => void;

export interface Progress {
  id: string;
  /** What the work is, for the announcement ('export'). */
  kind: string;
  /** Who may read and cancel it: the user who started it; null for first-run work (no user yet). */
  owner: string | null;
  done: number;
  total: number | null;
  cancelled: boolean;
}

/** Where a job worker's counts go: the board that answers jobs.progress (the writer's). */
export interface ProgressRelay {
  /** Publishes the counts; resolves true when the person asked to stop. */
  report(p: Progress): Promise<boolean>;
  finish(id: string): void;
}

export class ProgressBoard {
  private readonly jobs = new Map<string, Progress>();
  /** When each running job was last announced (performance.now()). */
  private readonly announced = new Map<string, number>();

  constructor(private readonly relay?: ProgressRelay, private readonly announce?: ProgressAnnounce) {}

  /**
   * Runs a long call's work under the caller's id (none: the work runs without counts). The work
   * reports through `onRows` after each batch (rows so far, the total), which lets other calls in and
   * answers true when the person cancelled; its end is announced as done, failed or cancelled.
   */
  async track<T>(id: string | undefined, owner: string | null, kind: string, work: (onRows?: (rows: number, total: number) => Promise<boolean>) => Promise<T>): Promise<T> {
    if (!id) return work(undefined);
    const p = this.start(id, owner, kind);
    let ok = false;
    try {
      const answer = await work((rows, total) => {
        p.done = rows;
        p.total = total;
        return this.tick(p);
      });
      ok = true;
      return answer;
    } finally {
      this.finish(id, ok);
    }
  }

  private start(id: string, owner: string | null, kind: string): Progress {
    const p: Progress = { id, kind, owner, done: 0, total: null, cancelled: false };
    this.jobs.set(id, p);
    // Known to the answering board at once, so a cancel before the first batch is not lost.
    if (this.relay) void this.publish(p);
    this.tell(p, 'running');
    return p;
  }

  /** After a batch: lets other calls in, publishes the counts, answers whether the person cancelled. */
  private async tick(p: Progress): Promise<boolean> {
    await yieldToLoop();
    if (this.relay) await this.publish(p);
    if (performance.now() - (this.announced.get(p.id) ?? -Infinity) >= ANNOUNCE_MS) this.tell(p, 'running');
    return p.cancelled;
  }

  get(id: string): Progress | null {
    return this.jobs.get(id) ?? null;
  }

  cancel(id: string): boolean {
    const p = this.jobs.get(id);
    if (p) p.cancelled = true;
    return !!p;
  }

  /** The work ended (`ok`: it answered; otherwise it failed, or stopped when the person cancelled). */
  private finish(id: string, ok: boolean): void {
    const p = this.jobs.get(id);
    this.jobs.delete(id);
    this.relay?.finish(id);
    if (p) this.tell(p, p.cancelled ? 'cancelled' : ok ? 'done' : 'failed');
    this.announced.delete(id);
  }

  /** (The answering board) the job worker's work ended: its counts go. */
  forget(id: string): void {
    this.jobs.delete(id);
  }

  /**
   * (The answering board) counts relayed from a job worker; answers whether the person cancelled.
   * An id already held for someone else is not taken over: one user cannot read or stop another's job.
   */
  mirror(snapshot: Progress): boolean {
    const held = this.jobs.get(snapshot.id);
    if (held && held.owner !== snapshot.owner) return false;
    if (!held) {
      this.jobs.set(snapshot.id, { ...snapshot, cancelled: false });
      return false;
    }
    held.done = snapshot.done;
    held.total = snapshot.total;
    return held.cancelled;
  }

  private tell(p: Progress, state: ProgressState): void {
    if (!this.announce) return;
    this.announced.set(p.id, performance.now());
    this.announce(p, state);
  }

  private async publish(p: Progress): Promise<void> {
    // A relay that cannot answer (the writer restarting) never stops the work.
    const cancelled = await this.relay!.report({ ...p }).catch(() => false);
    if (cancelled) p.cancelled = true;
  }
}

/** Lets other calls in (progress, cancel, the grid) between batches of a long call. */
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
