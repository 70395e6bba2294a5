import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';
import { startHost, type HostProcess } from '../helpers/host-process';

/**
 * The first start after an update that migrates a large workspace (about a minute at 1 M orders):
 * the page opens at once and says the data is being updated, how far, and not to close the app;
 * then it goes on by itself to the screen the person left, still signed in.
 */
const EVENTS = 200_000;
let host: HostProcess | null = null;
let browser: BrowserContext | null = null;
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

/** A demo workspace with the owner signed in, its host then stopped: the tab stays, for the next start at the same address. */
async function ownerSignedInThenStopped(): Promise<{ dataDir: string; port: number; page: Page }> {
  await browser?.close();
  await host?.stop();
  host = await startHost(['--demo', '20']);
  const port = Number(new URL(host.url).port);
  browser = await launchBrowser();
  const page = await browser.newPage();
  await signIn(page, host.url, 'owner');
  await host.stop();
  return { dataDir: host.dataDir, port, page };
}

describe('an update that migrates the workspace, in Chromium', () => {
  it('shows 正在升级本地数据 with its progress while the core migrates, then the owner’s screen without signing in again', async () => {
    const { dataDir, port, page } = await ownerSignedInThenStopped();

    // A long timeline, and this version's last migration not applied yet: the update.
    const db = new Database(join(dataDir, 'orderhub.db'));
    const orderId = db.prepare('SELECT id FROM orders LIMIT 1').pluck().get() as string;
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO order_events (id, order_id, at, type, actor_name, detail_json) SELECT printf('ev-%07d', i), ?, i, 'note', '测试', '{"body":"到了"}' FROM n`,
    ).run(EVENTS, orderId);
    db.prepare(`DELETE FROM _migrations WHERE tag LIKE '0026%'`).run();
    db.close();

    // The same address as before, and the same tab, which keeps the owner's session: reopened. The
    // rebuild of 1 M orders' timeline takes about a minute; here the writer is held 8 s in it (fault
    // injection), whatever this machine's speed.
    host = await startHost(['--demo', '20'], { dataDir, port, fillDemo: false, env: { ORDERHUB_FAULTS: '1', ORDERHUB_FAULT_MIGRATE_MS: '8000' } });
    await page.reload();
    const starting = page.getByTestId('core-starting');
    await starting.waitFor({ timeout: 30_000 });
    expect(await starting.innerText()).toMatch(/^正在升级本地数据.*已用 \d+ 秒.*请不要关闭 OrderHub。$/);
    await page.getByText('OrderHub 正在启动').waitFor();
    await screenshot(page, 'update-migrating');

    await page.getByTestId('current-user').waitFor({ timeout: 120_000 });
    expect(await starting.count()).toBe(0);
    await screenshot(page, 'update-done');
  }, 300_000);

  it('an update the disk cannot hold: the page says why instead of a refused connection, and recovers by itself once the host starts with room', async () => {
    const { dataDir, port, page } = await ownerSignedInThenStopped();
    const db = new Database(join(dataDir, 'orderhub.db'));
    db.prepare(`DELETE FROM _migrations WHERE tag LIKE '0026%'`).run();
    db.close();

    // The disk "has 1 MB" (fault injection): the update refuses before it copies or changes anything.
    host = await startHost(['--demo', '20'], { dataDir, port, fillDemo: false, env: { ORDERHUB_FAULTS: '1', ORDERHUB_FAULT_FREE_DISK_BYTES: String(1024 * 1024) } });
    await page.reload();
    const why = page.getByTestId('core-cannot-open');
    await why.waitFor({ timeout: 60_000 });
    // In the page's language only (the log and Electron's error box keep both).
    expect(await why.innerText()).toMatch(/^OrderHub 无法打开工作区 .*：磁盘空间不足，无法升级本地数据：.*只剩 1 MB。请清理磁盘后重新打开 OrderHub；数据没有任何改动。$/);
    await page.getByText('OrderHub 未能启动', { exact: true }).waitFor();
    const health = (await (await fetch(`${host.url}/healthz`)).json()) as { core: { writer: string; failure?: string } };
    expect(health.core.writer).toBe('cannot_open');
    expect(health.core.failure).toMatch(/^磁盘空间不足/);
    await screenshot(page, 'update-no-room');

    // Room again, the host started at the same address: the same tab goes on, updated and still signed in.
    await host.stop();
    host = await startHost(['--demo', '20'], { dataDir, port, fillDemo: false });
    await page.getByTestId('current-user').waitFor({ timeout: 120_000 });
    expect(await why.count()).toBe(0);
  }, 300_000);
});
