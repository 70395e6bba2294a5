import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * How much lower than the front and the readers a job worker runs (Linux nice, 0–19). Off (0) by
 * default: at 4 the 100 k bench's import took 58–173 s against 22–76 s for the single loop under
 * the same outside load, and /healthz showed no gain that stood out of the noise (p99 72–205 ms
 * against 87–225 ms without it); at 10 a 20 k-row import did not finish in 3 minutes. The hook
 * stays so a quiet machine can measure it (`Front` option `jobNice`).
 */
export const JOB_NICE = 0;

/**
 * Lowers this thread's CPU priority, so long jobs (an import, an export, the demo fill) yield the
 * CPU to the front and the readers when a second user asks for something. On a two-core machine an
 * import, a backfill and a heavy query otherwise share the CPU equally with the front, and /healthz
 * waited for its turn (max 250–900 ms). Linux only: there a thread has its own nice value
 * (setpriority on the thread's id); elsewhere the OS offers no per-thread control to Node, and
 * the thread keeps the process's priority. Says whether it was lowered.
 */
export function lowerThreadPriority(nice = JOB_NICE): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
