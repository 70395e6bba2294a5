import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * How much lower than the front and the readers a job worker runs (Linux nice, 0–19). At 4 a job
 * still gets about 40 % of what a normal thread gets: at 10 (about 10 %) a 20 k-row import on this
 * loaded shared machine did not finish in 3 minutes.
 */
export const JOB_NICE = 4;

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
