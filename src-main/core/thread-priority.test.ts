import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { appRoot } from '../paths';
import { sourceWorkerEntry } from './worker-handle';

/** Nice value of one thread of this process (field 19 of /proc/self/task/<tid>/stat). */
const niceOf = (tid: number) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);

describe.runIf(process.platform === 'linux')('a job worker yields the CPU to the front', () => {
  it('lowers its own thread only: the process and its other threads keep their priority', async () => {
    const before = niceOf(process.pid);
    const module = pathToFileURL(join(appRoot(), 'src-main', 'core', 'thread-priority.ts')).href;
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads');
       const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
       // Kept alive until terminated: a thread that ended has no /proc entry left to read.
       setInterval(() => {}, 60_000);
       import(${JSON.stringify(module)}).then((m) => parentPort.postMessage({ tid, lowered: m.lowerThreadPriority(4) }));`,
      { eval: true, execArgv: sourceWorkerEntry().execArgv },
    );
    try {
      const { tid, lowered } = await new Promise<{ tid: number; lowered: boolean }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(lowered).toBe(true);
      expect(niceOf(tid)).toBe(4);
      expect(niceOf(process.pid)).toBe(before); // the main thread (the front, in the core)
    } finally {
      await worker.terminate();
    }
  });
});
