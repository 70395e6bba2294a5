/**
 * Issue #15 items 3 and 14 in Chromium: the console fits an office PC (1366×768 and
 * 1920×1080: the working columns without scrolling sideways, the navigation collapsed on the
 * small screen, no page scrollbars or white frame, the grid keeps its height when the bulk bar
 * closes, home never overflows), and the first minutes (an empty workspace opens on its first
 * steps; the demo's promised "新建真实工作区" exists and leads to the owner set-up).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openedDialog, screenshot, signIn } from '../helpers/browser';
import { startHost, type HostProcess } from '../helpers/host-process';
import { OrdersPage } from '../helpers/orders-grid';

// page.evaluate bodies run in the browser; this file compiles without the DOM lib.
declare const document: any;
declare const window: any;

const WORKING_COLUMNS = ['platformOrderId', 'channelId', 'status', 'buyerNick', 'paidFen', 'paidAt', 'urgency'];
let demo: HostProcess;
let browser: BrowserContext;

beforeAll(async () => {
  demo = await startHost(['--demo', '600']);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

async function freshPage(url: string, size: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize(size);
  await page.goto(`${url}/#/`);
  await page.evaluate(() => { window.sessionStorage.clear(); window.localStorage.clear(); });
  return page;
}

/** The page itself never scrolls and has no frame: whatever scrolls does so inside the content. */
const pageFits = (page: Page) =>
  page.evaluate(() => {
    const d = document.documentElement;
    const sider = document.querySelector('.ant-layout-sider').getBoundingClientRect();
    return {
      sideways: d.scrollWidth > d.clientWidth, downwards: d.scrollHeight > d.clientHeight,
      frame: sider.left !== 0 || sider.top !== 0 || window.getComputedStyle(document.body).margin !== '0px',
    };
  });

const gridHeight = (page: Page) => page.evaluate(() => Math.round(document.querySelector('[data-testid="orders-grid"]').getBoundingClientRect().height));
const gridBottomGap = (page: Page) =>
  page.evaluate(() => Math.round(window.innerHeight - document.querySelector('[data-testid="orders-grid"]').getBoundingClientRect().bottom));

describe('fits an office PC', () => {
  it.each([
    { width: 1366, height: 768, sider: 56 },
    { width: 1920, height: 1080, sider: 184 },
  ])('at $width×$height the working columns show without scrolling sideways', async ({ width, height, sider }) => {
    const page = await freshPage(demo.url, { width, height });
    await signIn(page, demo.url, 'ops');
    await page.goto(`${demo.url}/#/orders`);
    const grid = new OrdersPage(page);
    await expect.poll(() => grid.total(), { timeout: 20_000 }).toBe(600);
    expect(await page.getByTestId('orders-total').textContent()).toBe('共 600 单');
    expect(Math.round((await page.locator('.ant-layout-sider').boundingBox())!.width)).toBe(sider);
    expect(await pageFits(page)).toEqual({ sideways: false, downwards: false, frame: false });

    // Every working column's header lies wholly inside the grid's visible width, unscrolled.
    // (A column scrolled out of view keeps its place off to the right, so its box tells.)
    const box = (await page.getByTestId('orders-grid').boundingBox())!;
    const scrollbar = 16;
    for (const col of WORKING_COLUMNS) {
      const h = (await grid.header(col).boundingBox())!;
      expect(h, col).not.toBeNull();
      expect(h.x + h.width, `${col} ends inside the grid`).toBeLessThanOrEqual(box.x + box.width - scrollbar);
    }
    expect(await page.evaluate(() => document.querySelector('.ag-body-horizontal-scroll-viewport')?.scrollLeft ?? 0)).toBe(0);
    // The grid reaches down to the window's edge (less the content padding).
    expect(await gridBottomGap(page)).toBeLessThanOrEqual(20);
    await screenshot(page, `office-orders-${width}x${height}`);

    // The bulk bar takes room while rows are chosen and gives it back when it closes.
    const before = await gridHeight(page);
    await grid.selectRows([0, 1]);
    await page.getByTestId('selection-bar').waitFor();
    expect(await gridHeight(page)).toBeLessThan(before);
    await screenshot(page, `office-orders-bulk-${width}x${height}`);
    await page.locator('.ag-row[row-index="0"] .ag-selection-checkbox input').first().uncheck();
    await page.locator('.ag-row[row-index="1"] .ag-selection-checkbox input').first().uncheck();
    await page.getByTestId('selection-bar').waitFor({ state: 'detached' });
    await expect.poll(() => gridHeight(page)).toBe(before);
    expect(await pageFits(page)).toEqual({ sideways: false, downwards: false, frame: false });

    // Home (every permission as a tag for the owner's widest case) never overflows sideways.
    await page.locator('[aria-label="main navigation"] .ant-menu-item').filter({ hasText: '首页' }).click();
    await page.getByText(/欢迎/).waitFor();
    const content = await page.evaluate(() => { const c = document.querySelector('[data-testid="content"]'); return { sw: c.scrollWidth, cw: c.clientWidth }; });
    expect(content.sw).toBeLessThanOrEqual(content.cw);
    expect(await pageFits(page)).toEqual({ sideways: false, downwards: false, frame: false });
    await screenshot(page, `office-home-${width}x${height}`);

    // The navigation folds and unfolds on request.
    await page.locator('.ant-layout-sider-trigger').click();
    await expect.poll(async () => Math.round((await page.locator('.ant-layout-sider').boundingBox())!.width)).toBe(sider === 56 ? 184 : 56);
    await page.close();
  });
});

describe('first minutes', () => {
  it('an empty workspace opens on its first steps, each leading to its screen', async () => {
    const empty = await startHost([], { env: { ORDERHUB_OWNER_PASSWORD: 'owner-pass-1' } });
    try {
      const page = await freshPage(empty.url, { width: 1366, height: 768 });
      await signIn(page, empty.url, 'owner', 'owner-pass-1');
      const steps = page.getByTestId('first-steps');
      await steps.waitFor();
      expect(await page.getByTestId('orders-screen').count()).toBe(0);
      for (const [key, label] of [['addShop', '添加店铺'], ['importSheet', '导入表格'], ['invite', '邀请同事']]) {
        expect(await page.getByTestId(`first-step-${key}`).textContent()).toContain(label);
      }
      expect(await pageFits(page)).toEqual({ sideways: false, downwards: false, frame: false });
      await screenshot(page, 'first-steps-owner-1366x768');
      await page.getByTestId('first-step-invite').getByRole('button').click();
      await expect.poll(() => page.url()).toContain('#/users');
      await page.close();
    } finally {
      await empty.stop();
    }
  });

  it('the demo owner leaves for a new real workspace from the menu and sets up its owner', async () => {
    const host = await startHost(['--demo', '0']);
    try {
      const page = await freshPage(host.url, { width: 1366, height: 768 });
      await signIn(page, host.url, 'owner');
      await page.getByTestId('demo-banner').waitFor();
      await page.locator('[aria-label="main navigation"] .ant-menu-item').filter({ hasText: '新建真实工作区' }).click();
      const dialog = await openedDialog(page);
      await screenshot(page, 'new-real-workspace-confirm');
      await dialog.getByRole('button', { name: /新建并前往/ }).click();
      await page.getByText('新工作区：创建老板账户').waitFor({ timeout: 60_000 });
      await screenshot(page, 'new-real-workspace-setup');
      await page.locator('#username').fill('laoban');
      await page.locator('#displayName').fill('王老板');
      await page.locator('#password').fill('real-owner-1');
      await page.locator('#confirm').fill('real-owner-1');
      await page.locator('button[type=submit]').click();
      await page.getByTestId('first-steps').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('demo-banner').count()).toBe(0);
      // The demo's accounts do not exist in the real workspace.
      const r = await fetch(`${host.url}/api/auth.login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'ops', password: 'orderhub-demo' }) });
      expect(r.status).toBe(401);
      await page.close();
    } finally {
      await host.stop();
    }
  });

  it('generating the first-run demo shows its count and can be stopped; the demo keeps what was made', async () => {
    const fresh = await startHost([]);
    try {
      const page = await freshPage(fresh.url, { width: 1366, height: 768 });
      await page.getByTestId('try-demo').click();
      // While the first orders are being made the orders screen says they are coming: the empty
      // workspace's checklist (添加店铺 / 导入表格 / 邀请同事) is for real workspaces and never shows.
      // (An empty workspace lands on the orders screen by itself: no navigation here, it would reload the page.)
      await page.getByTestId('demo-filling').waitFor({ timeout: 60_000 });
      const seen = { checklist: 0, waiting: 0, grid: 0 };
      // Until the screen has said something (orders coming, or the grid): never the checklist meanwhile.
      for (let i = 0; i < 600 && !seen.grid && !seen.waiting; i++) {
        const [checklist, waiting, grid] = await Promise.all(['first-steps', 'demo-first-orders', 'orders-screen'].map((id) => page.getByTestId(id).count()));
        seen.checklist += checklist!;
        seen.waiting += waiting!;
        seen.grid += grid!;
        if (waiting && seen.waiting === 1) await screenshot(page, 'first-run-demo-first-orders');
        await page.waitForTimeout(50);
      }
      expect(seen.checklist).toBe(0);
      expect(seen.grid + seen.waiting).toBeGreaterThan(0);
      // The demo opens at once and fills in behind, its count in the banner (the core's writer hands it to a job worker).
      const progress = page.getByTestId('demo-filling');
      await expect.poll(async () => (await progress.textContent().catch(() => '')) ?? '', { timeout: 60_000 }).toMatch(/正在生成演示订单：[1-9][\d,]* \/ 20,000/);
      await screenshot(page, 'first-run-demo-progress');
      await progress.getByTestId('demo-cancel').click();
      await progress.waitFor({ state: 'detached', timeout: 30_000 });
      await page.goto(`${fresh.url}/#/orders`);
      const grid = new OrdersPage(page);
      await expect.poll(() => grid.total(), { timeout: 20_000 }).toBeGreaterThan(0);
      expect(await grid.total()).toBeLessThan(20_000);
      await screenshot(page, 'first-run-demo-stopped');
      await page.close();
    } finally {
      await fresh.stop();
    }
  });
});
