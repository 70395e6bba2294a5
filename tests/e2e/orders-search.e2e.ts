import { csv, TAOBAO_HEADER, taobaoRow } from '../helpers/import-fixtures';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';
import { startHost, type HostProcess } from '../helpers/host-process';
import { api, apiLogin, OrdersPage } from '../helpers/orders-grid';

/**
 * The grid's search in Chromium: a two-character receiver name and a four-character piece of
 * an address find their orders (trigram index; short names through its vocabulary). The host
 * runs with no time for counting, tiny count steps and a low "deep" row, so 1,500 orders
 * behave like millions: a count the index cannot answer comes back as an estimate, and the
 * grid shows it as 约 … and then the exact number.
 */
let host: HostProcess;
let browser: BrowserContext;
const ORDERS = [
  { id: '3700000000000000001', name: '李娜', address: '江苏省 苏州市 姑苏区 平江路88号', title: '桑蚕丝印花方巾' },
  { id: '3700000000000000002', name: '李娜娜', address: '浙江省 杭州市 西湖区 龙井路18号', title: '加绒连帽卫衣' },
  { id: '3700000000000000003', name: '欧阳娜', address: '上海市 上海市 徐汇区 平江路9号', title: '精梳棉中筒袜' },
];

beforeAll(async () => {
  host = await startHost(['--demo', '1500'], { env: { ORDERHUB_GRID_DEADLINE_MS: '0', ORDERHUB_GRID_COUNT_CHUNK_ROWS: '100', ORDERHUB_GRID_DEEP_ROW: '200' } });
  browser = await launchBrowser();
  // Three orders with full receiver names, imported as a Taobao 订单报表 file (the demo's names are masked).
  const token = await apiLogin(host.url, 'owner');
  const file = '\ufeff' + csv([TAOBAO_HEADER, ...ORDERS.map((o) => taobaoRow({
    id: o.id, goods: '99.00', postage: '0.00', paid: '99.00', status: '买家已付款，等待卖家发货', name: o.name, address: o.address,
    created: '2026-11-20 10:00:00', paidAt: '2026-11-20 10:01:00', title: o.title, qty: 1,
  }))]);
  const { jobId } = await api(host.url, token, 'imports.upload', { fileName: '订单报表.csv', contentBase64: Buffer.from(file, 'utf8').toString('base64') });
  for (let i = 0; (await api(host.url, token, 'imports.status', { jobId })).state !== 'done'; i++) {
    if (i > 300) throw new Error('the import did not finish');
    await new Promise((r) => setTimeout(r, 100));
  }
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

async function grid(): Promise<{ page: Page; grid: OrdersPage }> {
  const page = await browser.newPage();
  await signIn(page, host.url, 'service');
  const g = new OrdersPage(page);
  await expect.poll(() => g.total(), { timeout: 20_000 }).toBeGreaterThan(0);
  return { page, grid: g };
}

const numbers = (rows: string[]) => rows.filter(Boolean).sort();

describe('searching the orders grid in Chromium', () => {
  it('a two-character receiver name finds every order whose receiver has it', async () => {
    const { page, grid: g } = await grid();
    await g.quickSearch('李娜');
    await expect.poll(() => g.total(), { timeout: 15_000 }).toBe(2);
    await expect.poll(async () => numbers(await g.column('platformOrderId'))).toEqual([ORDERS[0]!.id, ORDERS[1]!.id]);
    expect(await g.column('receiverName')).toEqual(expect.arrayContaining(['李娜', '李娜娜']));
    await screenshot(page, 'orders-search-receiver');
    await page.close();
  });

  it('four characters of an address find the orders delivered there', async () => {
    const { page, grid: g } = await grid();
    await g.quickSearch('平江路8');
    await expect.poll(() => g.total(), { timeout: 15_000 }).toBe(1);
    await expect.poll(async () => numbers(await g.column('platformOrderId'))).toEqual([ORDERS[0]!.id]);
    await g.quickSearch('姑苏区平');
    await expect.poll(() => g.total(), { timeout: 15_000 }).toBe(1);
    await g.quickSearch('平江路');
    await expect.poll(() => g.total(), { timeout: 15_000 }).toBe(2);
    await screenshot(page, 'orders-search-address');
    await page.close();
  });

  it('a count still running at the deadline is shown as an estimate (约), then exact', async () => {
    const { page, grid: g } = await grid();
    // "Province contains 江": no index serves it, so it is counted row by row, in steps.
    const popup = await g.openFilter('province');
    await popup.locator('input:not([type="radio"]):not([type="checkbox"])').first().fill('江');
    await popup.getByRole('button', { name: /应\s*用/ }).click();
    const label = page.getByTestId('orders-total');
    await expect.poll(() => label.textContent(), { timeout: 15_000 }).toMatch(/^约 [\d,]+ 单/);
    expect(await label.getAttribute('data-exact')).toBe('false');
    await screenshot(page, 'orders-search-estimate');
    const token = await apiLogin(host.url, 'service');
    // The grid asks again on its own and replaces the estimate with the exact count.
    await expect.poll(() => label.textContent(), { timeout: 20_000 }).toMatch(/^共 [\d,]+ 单$/);
    // Another session may be served by another reader, whose count also finishes in the background.
    const ask = () => api(host.url, token, 'orders.page', { filters: { province: { type: 'text', op: 'contains', value: '江' } }, startRow: 0, endRow: 1 });
    let exact = await ask();
    await expect.poll(async () => (exact = await ask()).totalExact, { timeout: 20_000 }).toBe(true);
    expect(await g.total()).toBe(exact.total);
    await screenshot(page, 'orders-search-exact');
    await page.close();
  });
});
