import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, launchBrowser, screenshot, signIn } from '../helpers/browser';
import { startHost, type HostProcess } from '../helpers/host-process';
import { api, apiLogin } from '../helpers/orders-grid';

/**
 * The files people actually have, in Chromium at 1366×768 (issue 15, items 7–9): the ops lead
 * drops a home-made sheet with simple headers, finds every column guessed, creates the shop it
 * belongs to, and imports it once without saving a template; a file whose every row is refused
 * shows as failed.
 */
let host: HostProcess;
let browser: BrowserContext;

beforeAll(async () => {
  host = await startHost(['--demo', '200']);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

const HEADER = ['单号', '日期', '实付', '优惠', '状态', '收货人', '电话', '地址'];
const csv = (rows: string[][]) => Buffer.from('\uFEFF' + [HEADER, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8');

async function drop(page: Page, name: string, buffer: Buffer) {
  await page.getByTestId('import-dropzone').locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer });
}

async function finished(page: Page) {
  const job = page.getByTestId('import-job');
  await job.waitFor();
  await expect.poll(() => job.getAttribute('data-state'), { timeout: 30_000 }).toMatch(/done|failed|cancelled/);
  await page.waitForTimeout(400);
  return job;
}

describe('importing a home-made sheet once, in Chromium', () => {
  it('ops lead: simple headers guessed, a new shop named, imported once without a template', async () => {
    const page = await browser.newPage();
    await signIn(page, host.url, 'ops');
    await page.goto(`${host.url}/#/imports`);
    await drop(page, '门店销售.csv', csv([
      ['MD-0001', '2026/11/20', '90', '10', '已付款', '王五', '13800001234', '上海 上海市 徐汇区 漕溪北路 1号 200030'],
      ['MD-0002', '2026/11/21', '45.5', '', '完成', '赵六', '13900005678', '浙江省 杭州市 西湖区 文三路 8号'],
    ]));
    const panel = page.getByTestId('mapping-panel');
    await panel.waitFor();
    // Every column already has its field.
    for (const [h, label] of [['单号', '订单编号'], ['日期', '下单时间'], ['实付', '实付金额'], ['电话', '联系电话'], ['地址', '收货地址']] as const) {
      await expect.poll(() => page.getByTestId(`map-${h}`).first().innerText()).toContain(label);
    }
    // The ops lead may not save templates: only "import once" is offered.
    expect(await page.getByTestId('save-template').count()).toBe(0);
    await chooseOption(page, page.getByTestId('shop-select'), '新建店铺');
    await page.getByTestId('new-shop-name').fill('南京路门店');
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await screenshot(page, 'imports-once-mapping');
    await page.getByTestId('import-once').click();
    const job = await finished(page);
    expect(await job.getAttribute('data-state')).toBe('done');
    await expect.poll(() => job.locator('.ant-statistic').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/新增\s*2/)]));
    await screenshot(page, 'imports-once-done');

    const token = await apiLogin(host.url, 'owner');
    const found = await api(host.url, token, 'orders.page', { quick: 'MD-000', startRow: 0, endRow: 10 });
    expect(found.rows.map((r) => [r.platformOrderId, r.shopName, r.province, r.city]).sort()).toEqual([
      ['MD-0001', '南京路门店', '上海市', '上海市'], ['MD-0002', '南京路门店', '浙江省', '杭州市'],
    ]);
    expect((await api(host.url, token, 'imports.templates', {})).some((t) => !t.builtin)).toBe(false);
    await page.close();
  });

  it('a file whose every row is refused shows as failed, not green', async () => {
    const page = await browser.newPage();
    await signIn(page, host.url, 'ops');
    await page.goto(`${host.url}/#/imports`);
    await drop(page, '坏表.csv', csv([['MD-0003', '不是日期', '1', '', '', '', '', ''], ['MD-0004', '昨天', '2', '', '', '', '', '']]));
    await page.getByTestId('mapping-panel').waitFor();
    await chooseOption(page, page.getByTestId('shop-select'), '南京路门店');
    await page.getByTestId('import-once').click();
    const job = await finished(page);
    expect(await job.getAttribute('data-state')).toBe('failed');
    expect(await page.getByTestId('import-job-state').innerText()).toMatch(/失败/);
    expect(await page.getByTestId('import-job-message').innerText()).toContain('2 行中没有一行导入成功');
    await screenshot(page, 'imports-once-failed');
    await page.close();
  });

  it('a folder source\'s schedule is chosen, not typed: 每天 at a time, every N hours, when a file arrives', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const folder = mkdtempSync(join(tmpdir(), 'orderhub-e2e-schedule-'));
    const page = await browser.newPage();
    await signIn(page, host.url, 'owner');
    await page.goto(`${host.url}/#/imports`);
    await page.getByRole('tab', { name: '文件夹定时导入' }).click();
    await page.getByRole('button', { name: '添加文件夹' }).click();
    // The headless host runs in a browser: the folder is typed (the Electron window has the system picker instead).
    expect(await page.getByTestId('pick-folder').count()).toBe(0);
    await page.getByLabel('文件夹路径').fill(folder);
    const picker = page.getByTestId('schedule-picker');
    await picker.getByText('每隔').click();
    await chooseOption(page, page.getByTestId('schedule-hours'), '4');
    await page.waitForTimeout(300);
    await screenshot(page, 'imports-source-schedule');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    const row = page.locator('.ant-table-row', { hasText: folder });
    await row.getByText('每隔 4 小时').waitFor();
    const token = await apiLogin(host.url, 'owner');
    expect((await api(host.url, token, 'imports.sources', {})).find((s) => s.folder.endsWith(folder.split('/').pop()!))?.schedule).toBe('0 */4 * * *');

    await row.getByRole('button', { name: 'edit' }).click();
    await page.getByTestId('schedule-picker').getByText('文件到达时').click();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await row.getByText('文件到达时').waitFor();
    expect((await api(host.url, token, 'imports.sources', {})).find((s) => s.folder.endsWith(folder.split('/').pop()!))?.schedule).toBe('on-arrival');
    await screenshot(page, 'imports-source-list');
    await page.close();
  });
});
