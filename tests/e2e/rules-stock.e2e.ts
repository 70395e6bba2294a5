import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';
import { startHost, type HostProcess } from '../helpers/host-process';
import { api, apiLogin } from '../helpers/orders-grid';

let host: HostProcess;
let browser: BrowserContext;
let owner: string;

beforeAll(async () => {
  host = await startHost(['--demo', '800']);
  browser = await launchBrowser();
  owner = await apiLogin(host.url, 'owner');
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

/** No developer words in zh-CN: no snake_case keys, no status codes, no raw field paths. */
async function noDeveloperWords(page: Page): Promise<void> {
  const text = await page.locator('main, .ant-layout-content').first().innerText();
  expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
  expect(text).not.toMatch(/customer\.|paidFen|review_hold|stock_short/);
}

async function fitsScreen(page: Page): Promise<void> {
  const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(1366);
}

describe('rules, routing and stock in Chromium', () => {
  it('an ops lead builds a review rule visually, saves it as a version and dry-runs it: progress, counts, sample, CSV', async () => {
    const page = await browser.newPage();
    await signIn(page, host.url, 'ops');
    await page.goto(`${host.url}/#/rules`);
    await page.getByTestId('rules-version').getByText('尚未保存规则').waitFor();

    await page.getByTestId('rule-add').click();
    await page.locator('.ant-drawer-title', { hasText: '新建规则' }).waitFor();
    await page.getByTestId('rule-name').fill('大额订单审核');
    const qb = page.getByTestId('condition-builder');
    await qb.getByRole('button', { name: '+ 条件' }).first().click();
    // Field: 实付金额（元）; operator: 大于; value 300 (yuan; stored as 30000 fen).
    await qb.locator('.rule-fields').first().click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '实付金额（元）' }).first().click();
    await qb.locator('.rule-operators').first().click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^大于$/ }).first().click();
    await qb.locator('.rule-value input').first().fill('300');
    await page.getByTestId('add-action').click();
    await page.getByTestId('action-0').locator('.ant-select').first().click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '挂起待审' }).click();
    await page.getByTestId('action-0').locator('.ant-select').nth(1).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '金额超过阈值' }).click();
    await screenshot(page, 'rules-editor');
    await page.getByTestId('rule-ok').click();
    const list = page.getByTestId('rule-list');
    await list.getByText('实付金额 > ¥300.00').waitFor();
    await list.getByText('挂起待审：金额超过阈值').waitFor();

    await page.getByTestId('rules-save').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByTestId('rules-version').getByText('当前生效：第 1 版').waitFor();
    const saved = await api(host.url, owner, 'rules.list', {});
    expect(saved.current!.rules[0]!.when).toEqual({ and: [{ '>': [{ var: 'paidFen' }, 30000] }] });

    await page.getByRole('tab', { name: '试运行' }).click();
    // The default period: the last 7 days up to today.
    await page.getByTestId('dry-run').click();
    const job = page.getByTestId('dry-job');
    await expect.poll(() => job.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    const counts = page.getByTestId('dry-counts');
    await counts.getByText(/挂起：金额超过阈值/).waitFor();
    const sample = page.getByTestId('dry-sample');
    await sample.getByText(/审单挂起：金额超过阈值，规则“大额订单审核”v1，依据：实付金额 ¥/).first().waitFor();
    await page.waitForTimeout(400);
    await screenshot(page, 'rules-dry-run');
    await noDeveloperWords(page);
    await fitsScreen(page);

    const download = page.waitForEvent('download');
    await page.getByTestId('dry-csv').click();
    const csv = readFileSync((await (await download).path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFF订单号,付款时间,触发的规则,依据,加标签,紧急度,指派给,挂起,发货仓,发货日');
    expect(csv).toContain('大额订单审核');
    await page.close();
  });

  it('stock: a count releases an order waiting for stock; reservations, reminders and reconciliation read in words', async () => {
    // An order sent to a warehouse that has none of its SKU waits for stock (a real re-route by hand).
    const page1 = await api(host.url, owner, 'orders.page', { startRow: 0, endRow: 50, sort: [{ colId: 'paidAt', sort: 'desc' }] });
    const facets = await api(host.url, owner, 'orders.facets', {});
    const [hz, nb] = facets.warehouses;
    let order: { id: string; no: string; sku: string } | null = null;
    for (const r of page1.rows) {
      const d = await api(host.url, owner, 'orders.get', { id: r.id });
      const sku = d.lines.find((l) => l.skuCode && !l.gift)?.skuCode;
      if (sku && d.lines.filter((l) => l.skuCode).length === 1) {
        order = { id: r.id, no: r.platformOrderId, sku };
        break;
      }
    }
    expect(order).not.toBeNull();
    await api(host.url, owner, 'stock.count', { skuCode: order!.sku, warehouseId: hz!.id, onHand: 0 });
    await api(host.url, owner, 'stock.count', { skuCode: order!.sku, warehouseId: nb!.id, onHand: 0 });
    const moved = await api(host.url, owner, 'routing.override', { orderId: order!.id, warehouseId: hz!.id, reason: '客户要求杭州发' });
    expect(moved.placed).toBe(false);

    const page = await browser.newPage();
    await signIn(page, host.url, 'ops');
    await page.goto(`${host.url}/#/routing`);
    await page.getByTestId('waits').getByText(order!.no).waitFor();
    await page.getByTestId(`capacity-${hz!.id}`).getByText(/截单时间 16:00/).waitFor();
    await screenshot(page, 'routing-capacity');
    await noDeveloperWords(page);
    await fitsScreen(page);

    await page.goto(`${host.url}/#/stock`);
    await page.getByTestId('stock-search').locator('input').fill(order!.sku);
    await page.keyboard.press('Enter');
    await page.getByTestId(`count-${order!.sku}-${hz!.id}`).click();
    await page.locator('.ant-modal #onHand').fill('5');
    await page.locator('.ant-modal').getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText(/已记录盘点：5 件，1 个缺货订单已按付款顺序放行/).waitFor();
    const row = page.getByTestId('stock-grid').locator('tr', { hasText: hz!.name });
    await expect.poll(async () => (await row.innerText()).replace(/\s+/g, ' ')).toMatch(new RegExp(`${order!.sku}.*${hz!.name} 5 \\d+ 0 \\d`));
    await screenshot(page, 'stock-grid');

    await row.getByRole('button', { name: '占用明细' }).click();
    const res = page.getByTestId('reservations');
    await res.getByText(order!.no).waitFor();
    await res.getByText('占用中').first().waitFor();
    await screenshot(page, 'stock-reservations');
    await page.keyboard.press('Escape');

    await api(host.url, owner, 'stock.setSafety', { skuCode: order!.sku, qty: 50 });
    await page.getByRole('tab', { name: '补货提醒' }).click();
    await page.getByTestId('reminders').getByText(order!.sku).waitFor();
    await screenshot(page, 'stock-reminders');
    await page.getByRole('tab', { name: '对账' }).click();
    await page.getByTestId('reconcile-ok').or(page.getByTestId('reconcile')).waitFor();
    await noDeveloperWords(page);
    await fitsScreen(page);

    // The order's timeline says, in words, which warehouse and why.
    const detail = await api(host.url, owner, 'orders.get', { id: order!.id });
    expect(detail.events.filter((e) => e.type === 'rules_applied').length).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it('customer service sees stock but not the rules; the rules call is refused', async () => {
    const page = await browser.newPage();
    await signIn(page, host.url, 'service');
    const nav = await page.locator('[aria-label="main navigation"] .ant-menu-title-content').allTextContents();
    expect(nav.map((s) => s.trim())).toEqual(expect.arrayContaining(['库存与占用', '分仓与产能']));
    expect(nav.map((s) => s.trim())).not.toContain('审单与分仓规则');
    const token = await apiLogin(host.url, 'service');
    const r = await fetch(`${host.url}/api/rules.save`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ rules: [], baseVersion: 1 }) });
    expect(r.status).toBe(403);
    await page.close();
  });
});
