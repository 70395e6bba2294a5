import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db';
import { ManualClock } from '../kernel/clock';
import { ErpHealth } from './health';
import { ErpScheduler } from './scheduler';
import { DEFAULT_SCHEDULE, type ConnectionRecord } from './store';

const quiet = { info() {}, warn() {}, error() {} };
let dir: string;
let db: Database;
afterEach(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function setup(start: number) {
  dir = mkdtempSync(join(tmpdir(), 'orderhub-erp-sched-'));
  db = await openDatabase(join(dir, 'x.db'));
  const clock = new ManualClock(start);
  const health = new ErpHealth(db.sqlite);
  const calls: { what: string; at: number }[] = [];
  const conn: ConnectionRecord = {
    id: 'c1', name: 'K3', preset: 'k3wise', readOnly: false, schedule: DEFAULT_SCHEDULE, dsn: 'K3', connectionString: null, user: null, passwordSet: false, configuredHere: true,
  };
  const work = (what: string) => async () => void calls.push({ what, at: clock.now() });
  const s = new ErpScheduler(() => [conn], { push: work('push'), stockDelta: work('delta'), nightly: work('nightly') }, health, clock, 'Asia/Shanghai', quiet);
  const run = async (seconds: number) => {
    for (let i = 0; i < seconds; i++) {
      s.tick();
      await s.idle();
      clock.advance(1000);
    }
  };
  return { clock, health, calls, conn, run };
}

describe('the ERP schedule', () => {
  it('checks for pushes every 10 s, stock deltas every 5 min, the full pull nightly at 02:00 Beijing time', async () => {
    const t0 = Date.parse('2026-12-01T17:55:00Z'); // 01:55 in Beijing
    const { calls, run } = await setup(t0);
    await run(10 * 60 + 1);
    const of = (w: string) => calls.filter((c) => c.what === w).map((c) => (c.at - t0) / 1000);
    expect(of('push').slice(0, 4)).toEqual([0, 10, 20, 30]);
    expect(of('push')).toHaveLength(61);
    expect(of('nightly')).toEqual([300]); // 02:00
    expect(of('delta')).toEqual([600]); // the nightly full pull stands in for the delta due at 300
  });

  it('a lane in backoff waits for its next attempt; a read-only link never pushes', async () => {
    const t0 = Date.parse('2026-12-01T04:00:00Z');
    const { calls, health, conn, run, clock } = await setup(t0);
    const next = health.failed('c1', 'orders', t0, { code: 'erp_unreachable', params: { message: 'timeout', state: '08001' } }, 3, () => 1);
    expect(next - t0).toBe(5000);
    await run(30);
    const pushes = calls.filter((c) => c.what === 'push').map((c) => c.at - t0);
    expect(pushes[0]).toBeGreaterThanOrEqual(5000);
    conn.readOnly = true;
    const before = calls.length;
    clock.advance(60_000);
    await run(30);
    expect(calls.slice(before).filter((c) => c.what === 'push')).toEqual([]);
  });
});
