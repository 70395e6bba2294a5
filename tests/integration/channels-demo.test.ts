import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src-main/kernel/clock';
import { tempApp, type TempApp } from '../helpers/temp-app';

/**
 * Issue #15 item 13: demo shops look alive — realistic health, last poll and coverage — from the
 * demo orders themselves, and the poller never calls a platform for them.
 */
const DAY = 86_400_000;
let app: TempApp;
let clock: ManualClock;
let token: string;

beforeAll(async () => {
  clock = new ManualClock(Date.now());
  app = await tempApp({ demoOrders: 600, channels: { autostart: false, clock } });
  token = await app.login('owner');
}, 120_000);
afterAll(() => app?.dispose());

describe('demo shops', () => {
  it('are running, never polled against a platform, and after one tick read as healthy with a last poll and a next one', async () => {
    const before = await app.call('channels.list', {}, token);
    expect(before).toHaveLength(6);
    expect(before.every((c) => c.demo && !c.paused)).toBe(true);
    app.services.channels.poller.tick();
    expect(before.some((c) => app.services.channels.poller.isPolling(c.id))).toBe(false);

    app.services.channels.demo.tick();
    const now = clock.now();
    for (const c of await app.call('channels.list', {}, token)) {
      expect(c.health).toMatchObject({ state: 'active', lastSuccessAt: now, nextPollAt: now + 60_000, gaps: 0, backfill: null, lastError: null });
      expect(c.health.cursorAt).toBe(Math.floor((now - 60_000) / 60_000) * 60_000);
    }
  });

  it('coverage: seven days of windows whose counts are the shop’s own demo orders, no gaps', async () => {
    const shop = (await app.call('channels.list', {}, token))[0]!;
    const cov = await app.call('channels.coverage', { id: shop.id, from: clock.now() - 7 * DAY, to: clock.now() + 60_000 }, token);
    expect(cov.gaps).toBe(0);
    const windows = cov.days.flatMap((d) => d.windows);
    expect(windows.length).toBeGreaterThanOrEqual(7 * 48);
    expect(windows.every((w) => w.status === 'ok' && w.platformTotal === w.ordersSeen)).toBe(true);
    const first = Math.min(...windows.map((w) => w.windowFrom));
    const end = Math.max(...windows.map((w) => w.windowTo));
    const own = app.services.db.sqlite.prepare('SELECT count(*) FROM orders WHERE channel_id = ? AND platform_updated_at >= ? AND platform_updated_at < ?').pluck().get(shop.id, first, end) as number;
    expect(own).toBeGreaterThan(0);
    expect(windows.reduce((a, w) => a + w.ordersSeen, 0)).toBe(own);
    const fullDays = cov.days.filter((d) => d.windows.length >= 48);
    expect(fullDays.length).toBeGreaterThanOrEqual(6);
    for (const d of fullDays) expect(d.covered).toBe(1);
  });

  it('keeps polling on its interval; 立即拉取 reads the demo data, 测试连接 says it connects to no platform', async () => {
    const shop = (await app.call('channels.list', {}, token))[0]!;
    clock.advance(30_000);
    app.services.channels.demo.tick();
    expect((await app.call('channels.list', {}, token))[0]!.health.lastSuccessAt).toBe(shop.health.lastSuccessAt); // not due yet
    clock.advance(31_000);
    app.services.channels.demo.tick();
    expect((await app.call('channels.list', {}, token))[0]!.health.lastSuccessAt).toBe(clock.now());
    expect(await app.call('channels.pollNow', { id: shop.id }, token)).toMatchObject({ state: 'active' });
    expect(await app.call('channels.test', { id: shop.id }, token)).toEqual({ ok: false, error: '演示店铺的数据来自演示数据，不连接平台' });
  });

  it('polls while another connection keeps committing (an import on a job worker) without a busy error', async () => {
    // Another thread commits small transactions back to back for a while, as an import's batches do.
    const noise = new Worker(`
      const Database = require('better-sqlite3');
      const { workerData, parentPort } = require('node:worker_threads');
      const db = new Database(workerData.file);
      db.pragma('busy_timeout = 5000');
      db.exec('CREATE TABLE IF NOT EXISTS test_noise (n INTEGER)');
      const add = db.prepare('INSERT INTO test_noise (n) VALUES (?)');
      parentPort.postMessage('started');
      const end = Date.now() + 1500;
      let n = 0;
      try {
        while (Date.now() < end) add.run(n++);
        parentPort.postMessage(n);
      } catch (e) {
        parentPort.postMessage('failed: ' + e.message);
      }
      db.close();
    `, { eval: true, workerData: { file: join(app.dataDir, 'orderhub.db') } });
    const done = new Promise<number>((ok, fail) => {
      noise.on('message', (m) => (typeof m === 'number' ? ok(m) : String(m).startsWith('failed') && fail(new Error(String(m)))));
      noise.on('error', fail);
    });
    await new Promise((ok) => noise.once('message', ok));
    let ticks = 0;
    let finished = false;
    void done.then(() => (finished = true), () => (finished = true));
    while (!finished) {
      clock.advance(61_000); // every shop due: each tick reads its orders, then writes its windows
      app.services.channels.demo.tick();
      ticks++;
      // A tick every few ms, as the demo feed's timer would run them: ticks back to back would take
      // the write lock from the other thread every time (the starvation db/write-turns.ts is about).
      await new Promise((r) => setTimeout(r, 3));
    }
    expect(await done).toBeGreaterThan(100);
    expect(ticks).toBeGreaterThan(10);
    const now = clock.now();
    for (const c of await app.call('channels.list', {}, token)) expect(c.health.lastSuccessAt).toBeGreaterThan(now - 62_000);
  });
});
