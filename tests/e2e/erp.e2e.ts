import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../src-main/app';
import { createLogger } from '../../src-main/log';
import { chooseOption, launchBrowser, screenshot, signIn } from '../helpers/browser';
import { erpItems, hubOrders, hubSetup, seedU8 } from '../helpers/erp-fixtures';
import { startHost, type HostProcess } from '../helpers/host-process';
import { odbcHome, type OdbcHome } from '../helpers/odbc';

/**
 * The ERP screen in Chromium against the built headless host, which reaches a U8-shaped SQLite
 * database through the real SQLite3 ODBC driver by a DSN: connect, test, map with preview, pull,
 * push, reconcile (and export), problems.
 */
let host: HostProcess;
let browser: BrowserContext;
let home: OdbcHome;
let erpDir: string;
let erpFile: string;
const WAREHOUSES = [{ code: '01', name: '成品库' }, { code: '02', name: '电商仓' }];

beforeAll(async () => {
  home = odbcHome();
  erpDir = mkdtempSync(join(tmpdir(), 'orderhub-e2e-u8-'));
  erpFile = join(erpDir, 'UFDATA_001_2026.db');
  seedU8(erpFile, erpItems(30), WAREHOUSES, (i, w) => 3 * i + w);
  home.addDsn('U8_E2E', { Driver: 'SQLite3', Database: erpFile, Timeout: 5000 });
  // The workspace: demo users, one shop, and orders at 待发货 (one too big for stock, one with an item U8 lacks, one without a code).
  const dataDir = mkdtempSync(join(tmpdir(), 'orderhub-e2e-'));
  const app = await openApp({ dataDir, demo: true, demoOrders: 0, log: createLogger(dataDir, { console: false }), erp: { autostart: false }, channels: { autostart: false } });
  const { channelId } = hubSetup(app.services.db, WAREHOUSES);
  hubOrders(app.services.db, channelId, [
    { lines: [{ sku: 'SKU000001', qty: 1, title: '五香牛肉干 1号' }, { sku: 'SKU000002', qty: 2 }], warehouseCode: '02', remark: '王喆 请尽快发货' },
    { lines: [{ sku: 'SKU000003', qty: 500 }], warehouseCode: '01' },
    { lines: [{ sku: 'NOT-IN-U8', qty: 1, title: '新品试吃装' }], warehouseCode: '01' },
    { lines: [{ sku: 'SKU000004', qty: 1 }, { sku: null, qty: 1, title: '赠品' }], warehouseCode: '01' },
  ]);
  app.close();
  host = await startHost(['--demo', '0'], { dataDir });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  home?.dispose();
  rmSync(erpDir, { recursive: true, force: true });
});

const erpCount = (sql: string) => {
  const db = new Database(erpFile, { fileMustExist: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
};
/** Words a person should never see in zh-CN: snake_case keys and call names. */
const developerWords = async (page: Page) => (await page.locator('main, .ant-layout-content').first().innerText()).match(/\b[a-z]+_[a-z_]+\b|erp\.[a-z]/g) ?? [];

describe('ERP screen in Chromium', () => {
  it('owner connects U8 by DSN, tests, previews the stock mapping, pulls, pushes, reconciles and exports', async () => {
    const page = await browser.newPage();
    await signIn(page, host.url, 'owner');
    await page.goto(`${host.url}/#/erp`);
    await page.getByText('还没有 ERP 连接').waitFor();

    // Connect.
    await page.getByTestId('erp-add').click();
    await page.locator('#erp-name').fill('用友 U8 001 账套');
    await chooseOption(page, page.getByTestId('erp-preset'), '用友 U8');
    await page.locator('#erp-dsn').fill('U8_E2E');
    await page.locator('#erp-password').fill('u8-secret');
    await screenshot(page, 'erp-connect');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('erp-health').waitFor();

    await page.getByTestId('erp-test').click();
    const result = page.getByTestId('erp-test-result');
    await result.getByText(/连接成功：SQLite/).waitFor();
    await result.getByText('中文往返正常（喆镕堃昇）').waitFor();
    expect(await result.innerText()).toContain('驱动 SQLite3');
    expect(await developerWords(page)).toEqual([]);
    await screenshot(page, 'erp-tested');

    // Map with preview: the U8 preset's stock SQL on real rows.
    await page.getByRole('tab', { name: '字段映射' }).click();
    await page.getByTestId('erp-mapping-sql').waitFor();
    expect(await page.getByTestId('erp-mapping-sql').inputValue()).toContain('CurrentStock');
    await page.getByTestId('erp-mapping-preview').click();
    const preview = page.getByTestId('erp-preview');
    await preview.getByText('预览：20 行').waitFor();
    expect(await preview.locator('.ant-tag', { hasText: '可用' }).count()).toBe(20);
    await screenshot(page, 'erp-mapping-preview');
    // A statement that writes is refused before it is saved.
    await page.getByTestId('erp-mapping-sql').fill('DELETE FROM CurrentStock');
    await page.getByTestId('erp-mapping-save').click();
    await page.getByText('读取只允许一条 SELECT 语句（发现“DELETE”）').waitFor();
    expect(erpCount('SELECT count(*) FROM CurrentStock')).toBe(120); // 30 items × 2 warehouses × 2 lots, untouched

    // Pull items, warehouses, stock.
    await page.getByRole('tab', { name: '状态与同步' }).click();
    await page.getByTestId('erp-pull-skus').click();
    await page.getByText(/物料档案同步完成：读取 30 行，新增 30/).waitFor();
    await page.getByTestId('erp-pull-warehouses').click();
    await page.getByText(/仓库同步完成/).waitFor();
    await page.getByTestId('erp-pull-stock').click();
    await page.getByText(/库存快照同步完成：读取 60 行，新增 60/).waitFor();

    // Push.
    // The host's scheduler also pushes (every 10 s by default): whichever comes first, each order lands once.
    await page.getByTestId('erp-push').click();
    await page.getByText(/推送完成：新增 \d 单/).waitFor();
    expect(erpCount('SELECT count(*) FROM hub_order')).toBe(3);
    expect(erpCount(`SELECT count(*) FROM hub_order WHERE remark = '王喆 请尽快发货'`)).toBe(1);
    await expect.poll(async () => (await page.getByTestId('erp-health').innerText()).includes('正常')).toBe(true);
    await screenshot(page, 'erp-synced');

    // Reconcile and export.
    await page.getByRole('tab', { name: '对账' }).click();
    await page.getByTestId('erp-reconcile-run').click();
    const diffs = page.getByTestId('erp-differences');
    await diffs.getByText('占用超过 ERP 结存').first().waitFor();
    expect(await diffs.innerText()).toContain('SKU000003');
    await screenshot(page, 'erp-reconcile');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('erp-reconcile-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^ERP对账-.*\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('差异,物料编码,仓库,外部单号,本系统,ERP');
    expect(csv).toContain('占用超过 ERP 结存,SKU000003,01');

    // Problems: the item U8 lacks, and the order kept aside with its reason.
    await page.getByRole('tab', { name: '问题清单' }).click();
    await page.getByTestId('erp-unknown-skus').getByText('NOT-IN-U8').waitFor();
    await page.getByTestId('erp-rejects').getByText('第 2 行没有商家编码').waitFor();
    expect(await developerWords(page)).toEqual([]);
    await screenshot(page, 'erp-problems');
    await page.close();
  });

  it('the finance role sees the link but cannot change or sync it', async () => {
    const page = await browser.newPage();
    await signIn(page, host.url, 'finance');
    await page.goto(`${host.url}/#/erp`);
    await page.getByTestId('erp-health').waitFor();
    expect(await page.getByTestId('erp-push').count()).toBe(0);
    expect(await page.getByTestId('erp-add').count()).toBe(0);
    await page.close();
  });
});
