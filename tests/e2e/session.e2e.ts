import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';
import { startHost, type HostProcess } from '../helpers/host-process';
import { api, apiLogin, OrdersPage } from '../helpers/orders-grid';

/**
 * Issue #8 item 9: on a shared office PC, signing out (or a session that ends) returns to the
 * login screen at once with nothing of the last person's orders, customers or amounts left in
 * the page, and the next person starts at their own home. Two users, one browser profile.
 */
let host: HostProcess;
let browser: BrowserContext;

beforeAll(async () => {
  host = await startHost(['--demo', '300']);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

/** What the owner's grid showed: order numbers, receiver names, paid amounts (as rendered). */
async function ownersGrid(page: Page): Promise<string[]> {
  await page.goto(`${host.url}/#/orders`);
  const grid = new OrdersPage(page);
  await expect.poll(() => grid.total(), { timeout: 30_000 }).toBe(300);
  await expect.poll(async () => (await grid.column('platformOrderId')).filter(Boolean).length, { timeout: 30_000 }).toBeGreaterThan(5);
  const ids = (await grid.column('platformOrderId')).filter(Boolean).slice(0, 10);
  const names = (await grid.column('receiverName')).filter((n) => n.length >= 2).slice(0, 10);
  const amounts = (await grid.column('paidFen')).filter((a) => /\d+\.\d\d/.test(a)).slice(0, 10);
  expect(ids.length).toBeGreaterThan(5);
  expect(names.length).toBeGreaterThan(5);
  expect(amounts.length).toBeGreaterThan(5);
  return [...ids, ...names, ...amounts];
}

/** Everything the page holds in its DOM (text and attributes) and, after a full GC, in its JS heap. */
async function pageHolds(page: Page, needles: string[]): Promise<{ dom: string[]; heap: string[] }> {
  const html = await page.content();
  const cdp = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (e: { chunk: string }) => chunks.push(e.chunk));
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.detach();
  const snapshot = chunks.join('');
  // Strings sit in the snapshot as JSON; amounts like "1,234.50" are stored as digits too.
  const inHeap = (n: string) => snapshot.includes(JSON.stringify(n).slice(1, -1)) || (/\d/.test(n) && snapshot.includes(n.replace(/[,¥]/g, '')));
  return { dom: needles.filter((n) => html.includes(n)), heap: needles.filter((n) => n.length >= 4 && inHeap(n)) };
}

describe('sign-out on a shared PC', () => {
  it('signing out returns to the login screen at once and clears every order, customer and amount from the page', async () => {
    const page = await browser.newPage();
    await signIn(page, host.url, 'owner');
    const seen = await ownersGrid(page);
    await screenshot(page, 'session-owner-grid');

    const clicked = Date.now();
    await page.getByTestId('sign-out').click();
    await page.locator('#login-username').waitFor({ timeout: 2_000 });
    expect(Date.now() - clicked).toBeLessThan(2_000);
    expect(await page.locator('.ag-root').count()).toBe(0);
    expect(new URL(page.url()).hash).toBe('#/');
    expect(await page.evaluate(() => sessionStorage.getItem('orderhub.token'))).toBeNull();
    const held = await pageHolds(page, seen);
    expect(held.dom).toEqual([]);
    expect(held.heap).toEqual([]);
    await screenshot(page, 'session-signed-out');
    await page.close();
  });

  it('the next user on the same browser starts at their own home, not the last user\'s page', async () => {
    const page = await browser.newPage();
    await signIn(page, host.url, 'owner');
    await page.goto(`${host.url}/#/users`);
    // (At 1366×768 the navigation is folded: its 用户管理 label is hidden; the screen's button is not.)
    await page.getByRole('button', { name: /新建用户/ }).waitFor();
    await page.getByTestId('sign-out').click();
    await page.locator('#login-username').waitFor({ timeout: 2_000 });

    await page.locator('#login-username').fill('warehouse');
    await page.locator('#login-password').fill('orderhub-demo');
    await page.locator('button[type=submit]').click();
    await page.getByTestId('current-user').waitFor();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/warehouse'); // warehouse's first screen: counts and the scanner
    await page.getByTestId('warehouse-screen').waitFor();
    await page.goto(`${host.url}/#/orders`);
    await page.getByTestId('orders-grid').waitFor();
    expect(await page.locator('.ant-result-403').count()).toBe(0);
    expect(await page.locator('.ag-header-cell[col-id="paidFen"]').count()).toBe(0); // no amounts for warehouse
    await screenshot(page, 'session-next-user-home');
    await page.close();
  });
});

describe('a session that ends', () => {
  it('expiring returns to the login screen at that moment, even on an idle page', async () => {
    // The fake clock belongs to the whole browser context: this test gets a browser of its own.
    const own = await launchBrowser();
    const page = await own.newPage();
    await page.clock.install();
    await signIn(page, host.url, 'service');
    await page.goto(`${host.url}/#/orders`);
    await page.getByTestId('orders-grid').waitFor();
    await page.clock.fastForward('12:00:01');
    await page.locator('#login-username').waitFor({ timeout: 5_000 });
    expect(await page.locator('.ag-root').count()).toBe(0);
    await screenshot(page, 'session-expired');
    await own.close();
  });

  it('a session ended elsewhere (password reset by the owner) goes back to login when the tab is looked at again', async () => {
    const page = await browser.newPage();
    await signIn(page, host.url, 'ops');
    await page.goto(`${host.url}/#/orders`);
    await page.getByTestId('orders-grid').waitFor();
    const owner = await apiLogin(host.url, 'owner');
    const ops = (await api(host.url, owner, 'users.list', {})).find((u) => u.username === 'ops')!;
    await api(host.url, owner, 'users.update', { id: ops.id, password: 'reset-by-owner-1' });
    await page.evaluate('document.dispatchEvent(new Event("visibilitychange"))'); // the user comes back to the tab
    await page.locator('#login-username').waitFor({ timeout: 5_000 });
    expect(await page.locator('.ag-root').count()).toBe(0);
    await page.close();
  });
});
