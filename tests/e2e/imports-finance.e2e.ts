import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previousMonth } from '../../src-main/finance/month';
import { launchBrowser, screenshot, signIn } from '../helpers/browser';
import { startHost, type HostProcess } from '../helpers/host-process';
import { api, apiLogin } from '../helpers/orders-grid';

let host: HostProcess;
let browser: BrowserContext;

beforeAll(async () => {
  host = await startHost(['--demo', '500']);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

/** Last month, mid-month, Beijing time: the finance screen's default month. */
const LAST_MONTH = previousMonth(Date.now(), 'Asia/Shanghai');
const at = (day: number, hms: string) => `${LAST_MONTH}-${String(day).padStart(2, '0')} ${hms}`;

const PDD_HEADERS = [
  '订单成交时间', '商品', '订单号', '订单状态', '商品总价(元)', '邮费(元)', '店铺优惠折扣(元)', '平台优惠折扣(元)', '多多支付立减金额(元)',
  '用户实付金额(元)', '商家实收金额(元)', '商品数量(件)', '发货时间', '确认收货时间', '商品id', '商品规格', '样式ID',
  '商家编码-规格维度', '商家编码-商品维度', '商家备注', '售后状态', '快递单号', '快递公司',
];
const pddId = (n: number) => `${LAST_MONTH.slice(2, 4)}${LAST_MONTH.slice(5, 7)}15-60719897434${String(2260 + n).padStart(4, '0')}`;

/** A Pinduoduo 商家后台 export as sellers download it (§8.2 headers), four good rows and one with a bad price. */
function pddCsv(): Buffer {
  const row = (n: number, total: string, paid: string) => [
    at(10 + n, '14:16:18'), `接考横幅 ${n}号`, pddId(n), '已收货', total, '0', '0', '0', '0', paid, paid, '1',
    at(10 + n, '18:00:00'), at(13 + n, '09:00:00'), '754299529443', '无规格', '', `SKU-PDD-${n}`, '', '', '无售后或售后取消', `YT${7000 + n}`, '申通快递',
  ];
  const rows = [PDD_HEADERS, row(1, '17.8', '17.8'), row(2, '25', '25'), row(3, '9.90', '9.90'), row(4, '三十元', '30'), row(5, '12.5', '12.5')];
  const csv = rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');
  return Buffer.from(`\uFEFF${csv}\r\n`, 'utf8');
}

const POS_HEADERS = ['小票号', '销售时间', '品名', '件数', '售价', '实收', '收银员'];
/** An offline shop's daily sheet no template knows. */
async function posXlsx(prefix: string, n: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('日报');
  ws.addRow(POS_HEADERS);
  for (let i = 1; i <= n; i++) ws.addRow([`${prefix}${1000 + i}`, at(5, `1${i % 10}:30:00`), `门店商品${i}`, i, '12.50', (12.5 * i).toFixed(2), '小李']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function dropFile(page: Page, name: string, mimeType: string, buffer: Buffer) {
  await page.getByTestId('import-dropzone').locator('input[type=file]').setInputFiles({ name, mimeType, buffer });
}

/**
 * Waits for the file to be recognised as `template`; if it is not, fails with what the imports
 * screen showed instead (an error, the mapping panel, a file still being read), so a rare failure
 * says why.
 */
async function recognised(page: Page, template: string) {
  try {
    await page.getByTestId('import-recognised').getByText(template).waitFor();
  } catch (e) {
    const shown = await page.getByTestId('content').innerText().catch(() => '(the page did not answer)');
    throw new Error(`the file was not recognised as ${template} — the screen showed:\n${shown.slice(0, 1500)}`, { cause: e });
  }
}

/**
 * The folder's row in the sources table. Failing, it says what the dialog showed (a field error,
 * a message) and whether the saved list, asked for afresh, has the folder (the save reached the
 * replica, the screen's read did not) — it failed once (a 30 s timeout) without saying which.
 */
async function sourceListed(page: Page, folder: string) {
  try {
    await page.locator('.ant-table-row', { hasText: folder }).waitFor();
  } catch (e) {
    const open = await page.locator('.ant-modal').isVisible().catch(() => false);
    const dialog = open ? `still open: ${(await page.locator('.ant-modal').innerText().catch(() => '')).slice(0, 500)}` : 'closed';
    const messages = await page.locator('.ant-message').innerText().catch(() => '(no message)');
    const listed = (await api(host.url, await apiLogin(host.url, 'owner'), 'imports.sources', {})) as { folder: string }[];
    throw new Error(`the folder source did not show in the table — the dialog ${dialog}; messages: ${messages}; ` +
      `imports.sources asked afresh ${listed.some((s) => s.folder === folder) ? 'lists' : 'does not list'} it`, { cause: e });
  }
}

async function waitJob(page: Page) {
  const job = page.getByTestId('import-job');
  await job.waitFor();
  await expect.poll(() => job.getAttribute('data-state'), { timeout: 30_000 }).toMatch(/done|failed|cancelled/);
  await page.waitForTimeout(400); // let the progress bar finish its animation before a screenshot
  return job;
}

async function pickField(page: Page, header: string, label: string) {
  await page.getByTestId(`map-${header}`).first().click(); // a scrolling table renders its header twice
  await page.keyboard.type(label);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first().click();
}

const navLabels = async (page: Page) =>
  (await page.locator('[aria-label="main navigation"] .ant-menu-title-content').allTextContents()).map((s) => s.trim());

describe('spreadsheets in and finance out, in Chromium', () => {
  it('imports a PDD export by drag-and-drop, shows the rejected row and downloads the reject report', async () => {
    const page = await browser.newPage();
    await signIn(page, host.url, 'owner');
    await page.goto(`${host.url}/#/imports`);
    await dropFile(page, 'pdd-orders.csv', 'text/csv', pddCsv());
    await recognised(page, '已识别为“拼多多 商家后台订单导出”模板');
    await screenshot(page, 'imports-pdd-recognised');
    await page.getByTestId('import-start').click();
    const job = await waitJob(page);
    expect(await job.getAttribute('data-state')).toBe('done');
    await expect.poll(() => job.locator('.ant-statistic').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringMatching(/新增\s*4/), expect.stringMatching(/拒收\s*1/)]),
    );
    const rejects = page.getByTestId('rejects-table');
    await rejects.getByText('三十元').first().waitFor();
    await screenshot(page, 'imports-pdd-rejects');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('reject-report').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    expect(header).toEqual(expect.arrayContaining(['订单号', '商品总价(元)']));
    expect(header.some((h) => h.includes('原因'))).toBe(true);
    expect(sheet.rowCount).toBe(2); // the header and the one bad row
    expect((sheet.getRow(2).values as unknown[]).map(String)).toContain(pddId(4));
    await page.close();
  });

  it('maps an unknown POS sheet, saves the template, and recognises the next POS file', async () => {
    const page = await browser.newPage();
    await signIn(page, host.url, 'owner');
    await page.goto(`${host.url}/#/imports`);
    await dropFile(page, 'pos-day1.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await posXlsx('POSA', 3));
    await page.getByTestId('mapping-panel').waitFor();
    await pickField(page, '小票号', '订单编号');
    await pickField(page, '销售时间', '下单时间');
    await pickField(page, '品名', '商品名称');
    await pickField(page, '件数', '数量');
    await pickField(page, '售价', '单价');
    await pickField(page, '实收', '实付金额');
    await page.getByPlaceholder('例如：门店日报').fill('门店日报');
    await screenshot(page, 'imports-pos-mapping');
    await page.getByTestId('save-template').click();
    let job = await waitJob(page);
    expect(await job.getAttribute('data-state')).toBe('done');
    await expect.poll(() => job.locator('.ant-statistic').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/新增\s*3/)]));

    await dropFile(page, 'pos-day2.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await posXlsx('POSB', 2));
    await recognised(page, '门店日报');
    await page.getByTestId('import-start').click();
    job = await waitJob(page);
    expect(await job.getAttribute('data-state')).toBe('done');
    await expect.poll(() => job.locator('.ant-statistic').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/新增\s*2/)]));
    await screenshot(page, 'imports-pos-recognised');

    await page.getByRole('tab', { name: '最近导入' }).click();
    await page.getByTestId('import-jobs').getByText('pos-day2.xlsx').waitFor();
    await screenshot(page, 'imports-jobs');

    // The owner points a folder source at a shared folder.
    const folder = mkdtempSync(join(tmpdir(), 'orderhub-e2e-pos-folder-'));
    await page.getByRole('tab', { name: '文件夹定时导入' }).click();
    await page.getByRole('button', { name: '添加文件夹' }).click();
    await page.getByLabel('文件夹路径').fill(folder);
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await sourceListed(page, folder);
    await page.waitForTimeout(300);
    await screenshot(page, 'imports-sources');
    await page.close();
  });

  it("finance exports last month's reconciliation and the CSV reads back", async () => {
    const page = await browser.newPage();
    await signIn(page, host.url, 'finance');
    await page.goto(`${host.url}/#/finance`);
    await page.getByTestId('finance-format').getByText('CSV').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('finance-export').click()]);
    expect(download.suggestedFilename()).toBe(`财务对账_${LAST_MONTH}_付款.csv`);
    await page.getByTestId('finance-export-result').waitFor();
    await screenshot(page, 'imports-finance-export');

    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const records = parse(text, { bom: true, relax_column_count: true }) as string[][];
    const titles = records.filter((r) => r.length === 1 && r[0]).map((r) => r[0]);
    expect(titles).toEqual([`汇总 ${LAST_MONTH}（按付款时间）`, `订单明细 ${LAST_MONTH}（按付款时间）`, `商品明细 ${LAST_MONTH}（按付款时间）`]);
    const orderHeader = records.findIndex((r) => r[0] === '店铺' && r.includes('订单编号'));
    const linesTitle = records.findIndex((r) => r[0]?.startsWith('商品明细'));
    const orderRows = records.slice(orderHeader + 1, linesTitle).filter((r) => r.length > 1);
    const idCol = records[orderHeader]!.indexOf('订单编号');
    const ids = orderRows.map((r) => r[idCol]!.trim());
    for (const n of [1, 2, 3, 5]) expect(ids).toContain(pddId(n)); // the imported PDD orders, paid last month
    const total = records.find((r) => r[0] === '合计')!;
    expect(Number(total[2])).toBe(orderRows.length);
    const resultText = await page.getByTestId('finance-export-result').innerText();
    expect(resultText).toContain(`${orderRows.length} 个订单`);

    // The monthly file into a folder: the owner chose the folder (finance may not pick one);
    // finance switches the schedule on and the next run shows.
    const folder = mkdtempSync(join(tmpdir(), 'orderhub-e2e-finance-folder-'));
    await api(host.url, await apiLogin(host.url, 'owner'), 'exports.financeScheduleSave', { enabled: false, folder, dayOfMonth: 3, hour: 6, basis: 'paid', format: 'xlsx', encoding: 'utf8bom' });
    await page.reload();
    await expect.poll(() => page.getByLabel('文件夹路径').inputValue()).toBe(folder);
    expect(await page.getByLabel('文件夹路径').isDisabled()).toBe(true);
    await page.getByLabel('启用').click();
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('下次执行：').waitFor();
    await screenshot(page, 'imports-finance-schedule');
    await page.close();
  });

  it('service has no import or finance entry and the API refuses the export', async () => {
    const page = await browser.newPage();
    await signIn(page, host.url, 'service');
    const labels = await navLabels(page);
    expect(labels).not.toContain('财务对账');
    expect(labels).not.toContain('表格导入');
    const result = await page.evaluate(async (month) => {
      const token = sessionStorage.getItem('orderhub.token');
      const res = await fetch('/api/exports.finance', {
        method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ month, basis: 'paid', format: 'csv' }),
      });
      return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
    }, LAST_MONTH);
    expect(result.status).toBe(403);
    expect(result.body.error?.code).toBe('forbidden');
    await page.goto(`${host.url}/#/finance`);
    await page.getByText('当前角色无权访问此页面').waitFor();
    await screenshot(page, 'imports-finance-service-refused');
    await page.close();
  });
});

