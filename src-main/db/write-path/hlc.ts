import { MAX_CLOCK_SKEW_MS } from '../../../src-shared/sync/protocol';

/**
 * Hybrid logical clock: stamps that sort in causal order across PCs even when their wall
 * clocks disagree. Format `wwwwwwwwwwwwwww-ccccc-node` (wall ms, counter, node id), so
 * plain string comparison orders them.
 */
export class HybridClock {
  private wall = 0;
  private counter = 0;

  constructor(
    readonly nodeId: string,
    private readonly now: () => number = Date.now,
    /**
     * The bound on clock skew: a remote stamp more than this far ahead of our wall clock is
     * taken as if it were at the bound, so one PC with a wrong clock cannot drag every other
     * clock (and win every later conflict) by hours. The cloud applies the same bound.
     */
    readonly maxDriftMs = MAX_DRIFT_MS,
  ) {}

  /** Resume after the last stamp this node issued (persisted in `meta`). */
  restore(stamp: string | null): void {
    if (!stamp) return;
    const parsed = parseStamp(stamp);
    this.wall = parsed.wall;
    this.counter = parsed.counter;
  }

  tick(): string {
    const now = this.now();
    if (now > this.wall) {
      this.wall = now;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
    return formatStamp(this.wall, this.counter, this.nodeId);
  }

  /** Merge a stamp received from another node so our next stamp sorts after it. */
  receive(remote: string): string {
    const r = parseStamp(remote);
    const now = this.now();
    if (r.wall > now + this.maxDriftMs) r.wall = now + this.maxDriftMs;
    const wall = Math.max(now, this.wall, r.wall);
    if (wall === this.wall && wall === r.wall) this.counter = Math.max(this.counter, r.counter) + 1;
    else if (wall === this.wall) this.counter += 1;
    else if (wall === r.wall) this.counter = r.counter + 1;
    else this.counter = 0;
    this.wall = wall;
    return formatStamp(this.wall, this.counter, this.nodeId);
  }
}

/** How far ahead of the receiver's clock a stamp may be before it is held at the bound (shared with the cloud). */
export const MAX_DRIFT_MS = MAX_CLOCK_SKEW_MS;

export function formatStamp(wall: number, counter: number, node: string): string {
  return `${String(wall).padStart(15, '0')}-${String(counter).padStart(5, '0')}-${node}`;
}

export function parseStamp(stamp: string): { wall: number; counter: number; node: string } {
  const m = /^(\d{15})-(\d{5})-(.+)$/.exec(stamp);
  if (!m) throw new Error(`not a clock stamp: ${stamp}`);
  return { wall: Number(m[1]), counter: Number(m[2]), node: m[3]! };
}
