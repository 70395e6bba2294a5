import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db';
import { ErpHealth } from './health';
import { ErpJobs } from './jobs';
import { ErpFailure } from './odbc/session';

const quiet = { info() {}, warn() {}, error() {} };
let dir: string;
let db: Database;
afterEach(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The ERP screen has no polling timer: each job tells it when it starts, moves on and ends. */
describe('ERP jobs tell the screens', () => {
  it('a job\'s start, its progress at most twice a second, and its end (done or failed)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'orderhub-erp-jobs-'));
    db = await openDatabase(join(dir, 'x.db'));
    const told: { id: string; state: string; progress: number }[] = [];
    const jobs = new ErpJobs(db.sqlite, new ErpHealth(db.sqlite), quiet, (j) => told.push(j));

    await jobs.run('c1', 'stock', 'manual', async (job) => {
      for (let i = 1; i <= 12; i++) {
        job.progress(i * 100, 1200);
        await new Promise((r) => setTimeout(r, 110));
      }
      return { read: 1200 };
    });
    const first = told[0]!;
    expect(first).toMatchObject({ state: 'running', progress: 0 });
    expect(told.at(-1)).toEqual({ id: first.id, state: 'done', progress: 1 });
    const moving = told.slice(1, -1);
    expect(moving.length).toBeGreaterThanOrEqual(1);
    expect(moving.length).toBeLessThanOrEqual(3); // ~1.3 s of progress: not one event per report
    expect(moving.every((j) => j.id === first.id && j.state === 'running' && j.progress > 0 && j.progress <= 1)).toBe(true);

    told.length = 0;
    await expect(jobs.run('c1', 'orders', 'manual', async () => {
      throw new ErpFailure({ code: 'no_mapping', params: { kind: 'push_orders' } });
    })).rejects.toThrow();
    expect(told.map((j) => j.state)).toEqual(['running', 'failed']);
  });
});
