import type { CallRequest, CallResult } from './worlds';

/** How long a read that finished after its caller was told `timeout` waits to be picked up. */
export const LATE_READ_KEEP_MS = 15_000;

interface Late {
  answer: Promise<CallResult>;
  settledAt: number | null;
}

/**
 * Reads that ran past their deadline, by session + call + input. The caller was told `timeout`
 * and the worker went on; the same request asked again (the client asks a timed-out read again,
 * a person presses refresh) joins that work or takes its answer instead of starting it over on
 * another reader. A finished answer serves once and only for LATE_READ_KEEP_MS: a later ask reads
 * afresh.
 */
export class LateReads {
  private readonly reads = new Map<string, Late>();

  constructor(private readonly keepMs = LATE_READ_KEEP_MS) {}

  /** The key of a request (null without a session: nobody to keep it for). */
  key(req: CallRequest): string | null {
    return req.token === null ? null : JSON.stringify([req.token, req.name, req.locale, req.input ?? null]);
  }

  /** Keeps a read whose caller gave up at the deadline. */
  keep(key: string, answer: Promise<CallResult>): void {
    const late: Late = { answer, settledAt: null };
    this.reads.set(key, late);
    const forget = () => {
      late.settledAt = Date.now();
      setTimeout(() => this.reads.get(key) === late && this.reads.delete(key), this.keepMs).unref?.();
    };
    answer.then(forget, forget);
  }

  /** The kept read for this key: still running (join it) or finished (taken: it serves once). */
  take(key: string): Promise<CallResult> | null {
    const late = this.reads.get(key);
    if (!late) return null;
    if (late.settledAt === null) return late.answer;
    this.reads.delete(key);
    return Date.now() - late.settledAt <= this.keepMs ? late.answer : null;
  }

  /** A caller that joined a running read got its answer: it has served (a later ask reads afresh). */
  served(key: string, answer: Promise<CallResult>): void {
    if (this.reads.get(key)?.answer === answer) this.reads.delete(key);
  }

  get size(): number {
    return this.reads.size;
  }
}
