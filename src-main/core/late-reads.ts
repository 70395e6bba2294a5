import type { CallRequest, CallResult } from './worlds';

/** How long a read that finished after its caller was told `timeout` waits to be picked up. */
export const LATE_READ_KEEP_MS = 15_000;

interface Late {
  answer: Promise<CallResult>;
  settledAt: number | null;
  token: string;
  /** `writeSeq` when the read was asked: a write of its session after that makes the answer stale. */
  askedAt: number;
}

/** Sessions' last writes are remembered this long: longer than any read runs before it is kept. */
const WRITES_KEEP_MS = 5 * 60_000;

/**
 * Reads that ran past their deadline, by session + call + input. The caller was told `timeout`
 * and the worker went on; the same request asked again (the client asks a timed-out read again,
 * a person presses refresh) joins that work or takes its answer instead of starting it over on
 * another reader. A finished answer serves once and only for LATE_READ_KEEP_MS: a later ask reads
 * afresh.
 */
export class LateReads {
  private readonly reads = new Map<string, Late>();
  /** Counts the sessions' finished writes; each session's last one (its number, when). */
  private writeSeq = 0;
  private readonly lastWrite = new Map<string, { seq: number; at: number }>();

  constructor(private readonly keepMs = LATE_READ_KEEP_MS) {}

  /** Where a read asked now stands against the sessions' writes (pass it to `keep`). */
  get asked(): number {
    return this.writeSeq;
  }

  /**
   * A write, job or other call that is not a read finished for this session. Its reads kept from
   * before are dropped: the next ask reads afresh and sees what the session just did. Without this
   * a folder source saved right after the sources list timed out was missing from the list that the
   * save's refresh got (it joined the read asked before the save), and nothing refreshed it again.
   */
  wrote(token: string): void {
    const now = Date.now();
    this.lastWrite.set(token, { seq: ++this.writeSeq, at: now });
    for (const [key, late] of this.reads) if (late.token === token) this.reads.delete(key);
    if (this.lastWrite.size > 256) for (const [t, w] of this.lastWrite) if (now - w.at > WRITES_KEEP_MS) this.lastWrite.delete(t);
  }

  private staleFor(token: string, askedAt: number): boolean {
    return (this.lastWrite.get(token)?.seq ?? 0) > askedAt;
  }

  /** The key of a request (null without a session: nobody to keep it for). */
  key(req: CallRequest): string | null {
    return req.token === null ? null : JSON.stringify([req.token, req.name, req.locale, req.input ?? null]);
  }

  /**
   * Keeps a read whose caller gave up at the deadline (`askedAt`: `asked` when it was asked), unless
   * its session wrote since: then its answer may not show that write, and nobody may take it.
   */
  keep(key: string, token: string, answer: Promise<CallResult>, askedAt: number): void {
    if (this.staleFor(token, askedAt)) return;
    const late: Late = { answer, settledAt: null, token, askedAt };
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
