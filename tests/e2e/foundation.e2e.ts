import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type HostProcess } from '../helpers/host-process';
import { chooseOption, launchBrowser, screenshot, signIn } from '../helpers/browser';

let host: HostProcess;
let browser: BrowserContext;

beforeAll(async () => {
  host = await startHost(['--demo', '0']);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

async function freshPage(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${host.url}/#/`);
  await page.evaluate(() => sessionStorage.clear());
  return page;
}

const navLabels = async (page: Page) =>
  (await page.locator('[aria-label="main navigation"] .ant-menu-title-content').allTextContents()).map((s) => s.trim());

describe('foundation in Chromium through the headless host', () => {
  it.each([
    { user: 'owner', sees: ['首页', '用户管理', '审计日志'] },
    { user: 'ops', sees: ['首页', '审计日志'], hidden: ['用户管理'] },
    { user: 'service', sees: ['首页'], hidden: ['用户管理', '审计日志'] },
    { user: 'warehouse', sees: ['首页'], hidden: ['用户管理', '审计日志'] },
    { user: 'finance', sees: ['首页', '审计日志'], hidden: ['用户管理'] },
  ])('$user signs in and sees only their navigation', async ({ user, sees, hidden }) => {
    const page = await freshPage();
    await signIn(page, host.url, user);
    await expect.poll(() => navLabels(page)).toEqual(expect.arrayContaining(sees));
    for (const h of hidden ?? []) expect(await navLabels(page)).not.toContain(h);
    await expect.poll(() => page.getByTestId('demo-banner').isVisible()).toBe(true);
    await screenshot(page, `login-${user}`);
    await page.close();
  });

  it('service is refused when forcing a forbidden call and a forbidden page', async () => {
    const page = await freshPage();
    await signIn(page, host.url, 'service');
    const result = await page.evaluate(async () => {
      const token = sessionStorage.getItem('orderhub.token');
      const res = await fetch('/api/users.list', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' });
      return { status: res.status, body: await res.json() };
    });
    expect(result.status).toBe(403);
    expect((result.body as { error: { code: string } }).error.code).toBe('forbidden');
    await page.goto(`${host.url}/#/users`);
    await page.getByText('当前角色无权访问此页面').waitFor();
    await screenshot(page, 'service-forbidden-users');
    await page.close();
  });

  it('a wrong password shows the error in Chinese', async () => {
    const page = await freshPage();
    await page.locator('#login-username').fill('finance');
    await page.locator('#login-password').fill('not-the-password');
    await page.locator('button[type=submit]').click();
    await page.getByRole('alert').getByText('用户名或密码错误').waitFor();
    await page.close();
  });

  it('owner creates a user and the audit viewer shows it; the chain verifies', async () => {
    const page = await freshPage();
    await signIn(page, host.url, 'owner');
    await page.goto(`${host.url}/#/users`);
    await page.getByRole('button', { name: /新建用户/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#user-form_username').fill('xiaoli');
    await dialog.locator('#user-form_displayName').fill('客服小李');
    await chooseOption(page, dialog.locator('.ant-select').filter({ has: page.locator('#user-form_role') }), '客服');
    await dialog.locator('#user-form_password').fill('xiaoli-pass-1');
    await screenshot(page, 'owner-create-user');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('cell', { name: 'xiaoli', exact: true }).waitFor();
    await screenshot(page, 'owner-users');

    await page.goto(`${host.url}/#/audit`);
    // The journal says it in words: who created whom.
    await page.getByTestId('audit-entry').filter({ hasText: '新建用户 客服小李' }).first().waitFor();
    // Searching by person keeps only what they did.
    await page.getByTestId('audit-search').locator('input').fill('finance');
    await page.getByTestId('audit-search').locator('input').press('Enter');
    await expect.poll(async () => (await page.getByTestId('audit-entry').allTextContents()).some((x) => x.includes('新建用户'))).toBe(false);
    await page.getByRole('button', { name: /校验哈希链/ }).click();
    await expect.poll(() => page.getByTestId('audit-verify-result').textContent()).toMatch(/哈希链完整/);
    await screenshot(page, 'owner-audit');
    await page.close();
  });
});
