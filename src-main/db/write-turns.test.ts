import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { appRoot } from '../paths';
import { sourceWorkerEntry } from '../core/worker-handle';
import { immediate, openConnection } from './connection';
import { newWriteTurns, shareWriteTurns, shouldYieldLock, YIELD_AFTER_MS } from './write-turns';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/**
 * A job thread commits 20 ms transactions back to back for a while (as an import's batches do at
 * millions of orders) while this thread, the writer, writes now and then with a short busy timeout.
 */
async function writerBesideBusyJob(jobLetsWritersGo: boolean, write: 'transaction' | 'autocommit' = 'transaction'): Promise<{ failed: number; written: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'orderhub-turns-'));
  dirs.push(dir);
  const file = join(dir, 'turns.db');
  const c = openConnection(file);
  c.sqlite.exec('CREATE TABLE IF NOT EXISTS t (who TEXT)');
  c.sqlite.pragma('busy_timeout = 1000');
  const turns = newWriteTurns();
  shareWriteTurns(turns);
  const module = pathToFileURL(join(appRoot(), 'src-main', 'db', 'write-turns.ts')).href;
  const job = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const Database = require('better-sqlite3');
     import(${JSON.stringify(module)}).then(async (turns) => {
       turns.shareWriteTurns(workerData.turns);
       const db = new Database(workerData.file);
       db.pragma('busy_timeout = 5000');
       const add = db.prepare("INSERT INTO t (who) VALUES ('job')");
       parentPort.postMessage('started');
       const end = Date.now() + 2500;
       while (Date.now() < end) {
         db.exec('BEGIN IMMEDIATE');
         add.run();
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20); // a batch's work
         db.exec('COMMIT');
         // A job that never gives way starts its next batch at once: the lock is free for microseconds.
         if (workerData.letGo) await turns.letWaitingWritersGo();
       }
       db.close();
       parentPort.postMessage('done');
     });`,
    { eval: true, execArgv: sourceWorkerEntry().execArgv, workerData: { file, turns, letGo: jobLetsWritersGo } },
  );
  const said = (what: string) => new Promise<void>((ok, fail) => {
    job.on('message', (m) => m === what && ok());
    job.once('error', fail);
  });
  const done = said('done');
  await said('started');
  let failed = 0;
  let written = 0;
  for (let i = 0; i < 8; i++) {
    try {
      const add = c.sqlite.prepare("INSERT INTO t (who) VALUES ('writer')");
      if (write === 'transaction') immediate(c.sqlite, () => add.run());
      else add.run();
      written++;
    } catch (e) {
      if (!/database is locked/.test(String(e))) throw e;
      failed++;
    }
    await new Promise((r) => setTimeout(r, 30));
  }
  await done;
  await job.terminate();
  c.close();
  return { failed, written };
}

describe('turns at the write lock between the core\'s threads', () => {
  it('a job committing batch after batch starves the writer into "database is locked" unless it lets waiting writers go', async () => {
    const starved = await writerBesideBusyJob(false);
    expect(starved.failed).toBeGreaterThan(0); // what a shop's poll met beside a 5 M-order import
    const fair = await writerBesideBusyJob(true);
    expect(fair).toEqual({ failed: 0, written: 8 });
  });

  it('a write statement run on its own (no transaction) is counted as waiting too', async () => {
    expect(await writerBesideBusyJob(true, 'autocommit')).toEqual({ failed: 0, written: 8 });
  });

  it('a batch gives the lock up only when another thread waits and it has held the lock 50 ms (two jobs must not trade it order by order)', () => {
    const turns = newWriteTurns();
    shareWriteTurns(turns);
    const waiting = new Int32Array(turns);
    const now = performance.now();
    expect(shouldYieldLock(now - 10 * YIELD_AFTER_MS)).toBe(false); // nobody waits
    Atomics.store(waiting, 0, 1); // the writer, or another job, waits for the lock
    expect(shouldYieldLock(performance.now())).toBe(false); // just took it: keep writing
    expect(shouldYieldLock(now - YIELD_AFTER_MS - 1)).toBe(true);
    Atomics.store(waiting, 0, 0);
  });
});
