import { events, isEventName, mayReceive, type EventName } from '../../src-shared/contract';
import type { SessionFacts } from './worlds';

/** One open event stream (an SSE response, the Electron window): where to deliver, how to end it. */
export interface EventStream {
  deliver(name: EventName, payload: unknown): void;
  /** The session ended or expired, or the core is closing: the stream closes. */
  end(reason: 'session_ended' | 'closing'): void;
}

interface Subscriber {
  token: string;
  facts: SessionFacts;
  stream: EventStream;
}

/**
 * The front's event fan-out: each event goes to the streams whose session may receive it (the
 * contract names the permission). Sessions are checked when a stream opens, when the core says
 * sessions ended, and when the earliest one expires; a stream whose session is gone is ended.
 */
export class Subscribers {
  private readonly all = new Set<Subscriber>();
  private expiryTimer: ReturnType<typeof setTimeout> | null = null;
  private recheckTimer: ReturnType<typeof setTimeout> | null = null;

  /** `check` asks a worker which tokens still belong to live sessions (the front authenticates nothing). */
  constructor(private readonly check: (tokens: string[]) => Promise<(SessionFacts | null)[]>) {}

  get size(): number {
    return this.all.size;
  }

  add(token: string, facts: SessionFacts, stream: EventStream): () => void {
    const s: Subscriber = { token, facts, stream };
    this.all.add(s);
    this.armExpiry();
    return () => {
      this.all.delete(s);
      this.armExpiry();
    };
  }

  /** Delivers a worker's event, after checking it against the contract (a malformed one is dropped). */
  publish(name: string, payload: unknown): boolean {
    if (!isEventName(name)) return false;
    // Nobody may receive it: skip the check too (an import's batches emit while nobody listens).
    if (![...this.all].some((s) => mayReceive(name, s.facts.permissions))) return true;
    if (!events[name].payload.safeParse(payload).success) return false;
    for (const s of this.all) {
      if (!mayReceive(name, s.facts.permissions)) continue;
      try {
        s.stream.deliver(name, payload);
      } catch {
        this.all.delete(s);
      }
    }
    return true;
  }

  /** Sessions ended somewhere: check every stream again (coalesced: a burst of logouts is one check). */
  sessionsEnded(): void {
    if (this.recheckTimer) return;
    this.recheckTimer = setTimeout(() => {
      this.recheckTimer = null;
      void this.recheck();
    }, 20);
    this.recheckTimer.unref?.();
  }

  async recheck(): Promise<void> {
    const subs = [...this.all];
    if (!subs.length) return;
    let facts: (SessionFacts | null)[];
    try {
      facts = await this.check(subs.map((s) => s.token));
    } catch {
      return; // no reader to ask right now; the next signal or expiry checks again
    }
    subs.forEach((s, i) => {
      const f = facts[i];
      if (f) s.facts = f;
      else {
        this.all.delete(s);
        s.stream.end('session_ended');
      }
    });
    this.armExpiry();
  }

  endAll(): void {
    for (const s of this.all) s.stream.end('closing');
    this.all.clear();
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    if (this.recheckTimer) clearTimeout(this.recheckTimer);
  }

  private armExpiry(): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
    let first = Infinity;
    for (const s of this.all) first = Math.min(first, s.facts.expiresAt);
    if (first === Infinity) return;
    // Timers cap at ~24.8 days; sessions last hours.
    this.expiryTimer = setTimeout(() => void this.recheck(), Math.min(Math.max(0, first - Date.now()) + 50, 2 ** 31 - 1));
    this.expiryTimer.unref?.();
  }
}
