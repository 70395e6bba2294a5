import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openedDialog, screenshot, signIn } from '../helpers/browser';
import { startHost, type HostProcess } from '../helpers/host-process';

/**
 * The database copies an update and a team join keep beside the database (5 GB each at 1 M orders):
 * the owner sees what they take and deletes the one no longer wanted, after a confirmation that
 * says it cannot be undone; other roles do not see the screen.
 */
let host: HostProcess;
let browser: BrowserContext;
const UPDATE_COPY = 'orderhub.db.backup-0025_orders_phone_idx-1764000000000';
const JOIN_COPY = 'orderhub.db.before-join-1764500000000';
beforeAll(async () => {
  host = await startHost(['--demo', '20']);
  writeFileSync(join(host.dataDir, UPDATE_COPY), Buffer.alloc(3 * 1024 * 1024));
  writeFileSync(join(host.dataDir, JOIN_COPY), Buffer.alloc(2 * 1024 * 1024));
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('本机备份副本, in Chromium', () => {
  it('the owner sees both copies with their sizes and deletes the team-join copy after confirming', async () => {
    const page = await browser.newPage();
    await signIn(page, host.url, 'owner');
    await page.getByRole('menuitem', { name: '本机备份副本' }).click();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).innerText()).toMatch(/加入团队前备份[\s\S]*2 MB[\s\S]*orderhub\.db\.before-join-1764500000000/);
    expect(await rows.nth(1).innerText()).toMatch(/升级前备份[\s\S]*3 MB[\s\S]*orderhub\.db\.backup-0025/);
    expect(await page.getByTestId('copies-summary').innerText()).toMatch(/^数据库 \d+ (KB|MB) · 备份副本共 5 MB · 磁盘剩余 /);
    await screenshot(page, 'local-copies');

    await rows.nth(0).getByRole('button', { name: /^删\s*除$/ }).click();
    const dialog = await openedDialog(page);
    expect(await dialog.innerText()).toMatch(/删除这份备份？[\s\S]*加入团队前备份（2025-11-30 18:53:20，2 MB）将从这台电脑上永久删除，无法恢复。[\s\S]*可能有这台电脑加入团队前自己的订单/);
    await screenshot(page, 'local-copies-confirm');
    await dialog.getByRole('button', { name: '永久删除' }).click();
    await page.getByText(`已删除 ${JOIN_COPY}，腾出 2 MB`).waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    expect(existsSync(join(host.dataDir, JOIN_COPY))).toBe(false);
    expect(existsSync(join(host.dataDir, UPDATE_COPY))).toBe(true);
  });

  it('cancelling keeps the copy; the ops lead has no such screen and the call is refused', async () => {
    const page = await browser.newPage();
    await signIn(page, host.url, 'owner');
    await page.goto(`${host.url}/#/local-copies`);
    const row = page.locator('.ant-table-tbody tr.ant-table-row').first();
    await row.getByRole('button', { name: /^删\s*除$/ }).click();
    await (await openedDialog(page)).getByRole('button', { name: /取\s*消/ }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect(existsSync(join(host.dataDir, UPDATE_COPY))).toBe(true);
    // Read afresh from the core: the copy is still listed.
    await page.reload();
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').first().innerText()).toContain(UPDATE_COPY);

    const ops = await browser.newPage();
    await signIn(ops, host.url, 'ops');
    await ops.getByRole('menuitem').first().waitFor();
    expect(await ops.getByRole('menuitem', { name: '本机备份副本' }).count()).toBe(0);
    const token = await ops.evaluate(() => sessionStorage.getItem('orderhub.token'));
    const res = await fetch(`${host.url}/api/workspace.deleteCopy`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ name: UPDATE_COPY }),
    });
    expect(res.status).toBe(403);
    expect(existsSync(join(host.dataDir, UPDATE_COPY))).toBe(true);
  });
});
