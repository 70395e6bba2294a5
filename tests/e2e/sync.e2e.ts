import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { startHost, type HostProcess } from '../helpers/host-process';

let cloud: TestCloud;
let host: HostProcess;
let browser: BrowserContext;

beforeAll(async () => {
  cloud = await startTestCloud('pglite');
  host = await startHost(['--demo', '200']);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await cloud?.close();
});

describe('team sync on screen, in Chromium', () => {
  it('the owner joins this PC to a team with a code; the header light, status and sync log show it; a code for the next PC', async () => {
    const ws = await cloud.newWorkspace('华南门店');
    const page = await browser.newPage();
    await signIn(page, host.url, 'owner');
    await expect.poll(() => page.getByTestId('sync-indicator').innerText()).toContain('单机使用');
    await page.getByTestId('sync-indicator').click();
    await page.getByLabel('云端地址').fill(cloud.url);
    await page.getByLabel('加入码').fill(ws.code);
    await page.getByLabel('本机名称').fill('前台电脑');
    await screenshot(page, 'sync-enroll-form');
    await page.getByRole('button', { name: '加入团队' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('已加入团队“华南门店”', { exact: true }).waitFor();
    await expect.poll(() => page.getByTestId('sync-indicator').innerText(), { timeout: 30_000 }).toContain('已同步');
    await expect.poll(() => page.getByTestId('sync-status').innerText(), { timeout: 30_000 }).toMatch(/待发送\s*0/);
    await page.getByTestId('sync-log').getByText('已发送').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('sync-log').getByText('加入团队').first().waitFor();
    await page.getByRole('button', { name: '生成加入码' }).click();
    await expect.poll(() => page.getByTestId('sync-code').innerText()).toMatch(/加入码：[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/);
    await screenshot(page, 'sync-screen-joined');
    // No developer words on the screen a person reads.
    const text = await page.locator('main, .ant-layout-content').first().innerText();
    expect(text).not.toMatch(/sync\.[a-z_]+|_at\b|undefined|null/);
    // The cloud has this PC's orders.
    expect((await cloud.rows(ws.workspaceId)).get('orders')?.size).toBe(200);
    await page.close();
  });

  it('the channels screen says which PC polls a shop and lets the owner choose', async () => {
    const page = await browser.newPage();
    await signIn(page, host.url, 'owner');
    await page.goto(`${host.url}/#/channels`);
    const row = page.locator('.ant-table-row').first();
    await row.waitFor();
    await row.locator('.ant-table-row-expand-icon, button[aria-label*="展开"]').first().click().catch(() => row.click());
    await page.getByRole('tab', { name: '拉单电脑' }).first().click();
    const panel = page.getByTestId('poller-panel').first();
    await panel.getByText('前台电脑（本机）').waitFor();
    await screenshot(page, 'sync-channel-poller');
    await panel.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存拉单电脑').waitFor();
    await page.close();
  });
});
