import { getHeapStatistics } from 'node:v8';

/** One thread's memory as the bench and diagnostics read it (MB). RSS is the process's, not the thread's. */
export interface ThreadMemory {
  heapUsedMB: number;
  heapTotalMB: number;
  /** V8's committed physical memory for this isolate's heap. */
  heapPhysicalMB: number;
  externalMB: number;
  arrayBuffersMB: number;
}

const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;

export function threadMemory(): ThreadMemory {
  const m = process.memoryUsage();
  const h = getHeapStatistics();
  return { heapUsedMB: mb(m.heapUsed), heapTotalMB: mb(m.heapTotal), heapPhysicalMB: mb(h.total_physical_size), externalMB: mb(m.external), arrayBuffersMB: mb(m.arrayBuffers) };
}
