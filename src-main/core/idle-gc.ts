import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A worker thread's full garbage collection once it has been idle for a while. A worker that has
 * just opened its world (or finished a burst of reads) keeps its start-up garbage: V8 only collects
 * when it allocates again, and an idle reader does not — four workers kept ~80 MB that way. One
 * collection when the thread goes quiet returns it, at a moment no call is waiting for this thread.
 */
export class IdleGc {
  private active = 0;
  private dirty = true;
  private timer: ReturnType<typeof setTimeout> | null = null;
  constructor(
    private readonly quietMs = 3000,
    private readonly collect: (() => void) | null = exposedGc(),
  ) {}

  /** Runs `work` counted as activity: the collection waits until nothing has run for `quietMs`. */
  async around<T>(work: () => Promise<T>): Promise<T> {
    this.active++;
    this.dirty = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    try {
      return await work();
    } finally {
      this.active--;
      this.schedule();
    }
  }

  schedule(): void {
    if (this.active || !this.dirty || !this.collect) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.active) return;
      this.dirty = false;
      this.collect!();
    }, this.quietMs);
    this.timer.unref?.();
  }
}

/** V8's gc(), exposed for this thread without a process-wide command-line flag. */
function exposedGc(): (() => void) | null {
  const own = (globalThis as { gc?: () => void }).gc;
  if (typeof own === 'function') return own;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}
