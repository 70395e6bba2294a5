import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openedDialog, screenshot, signIn } from '../helpers/browser';
import { startHost, type HostProcess } from '../helpers/host-process';
import { api, apiLogin } from '../helpers/orders-grid';
import { pdfText } from '../helpers/pdf-text';

/**
 * 库位 on the warehouse screen (type a bin in the grid, paste rows from Excel, import a CSV; refused
 * rows shown with row, column and value) and a shop's packing-slip amounts on the channels screen,
 * in Chromium through the headless host.
 */
let host: HostProcess;
let browser: BrowserContext;
let warehouseId = '';
let skus: string[] = [];

beforeAll(async () => {
  host = await startHost(['--demo', '40']);
  browser = await launchBrowser();
  const owner = await apiLogin(host.url, 'owner');
  warehouseId = (await api(host.url, owner, 'shipping.floor', {})).warehouses[0]!.id;
  skus = (await api(host.url, owner, 'shipping.bins', { warehouseId })).map((r) => r.skuCode).sort();
  expect(skus.length).toBeGreaterThan(4);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

const binsNow = async () => {
  const t = await apiLogin(host.url, 'warehouse');
  return new Map((await api(host.url, t, 'shipping.bins', { warehouseId })).map((r) => [r.skuCode, r.bin]));
};

describe('库位 on the warehouse screen', () => {
  it('the warehouse types a bin into the grid with the keyboard, pastes rows from Excel and imports a CSV; refused rows stay with row, column and value', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, host.url, 'warehouse');
    await page.getByTestId('warehouse-screen').waitFor();
    await page.keyboard.press('Alt+5');
    const panel = page.getByTestId('bins-panel');
    await panel.waitFor();
    await expect.poll(() => page.getByTestId('bins-count').innerText(), { timeout: 15_000 }).toMatch(new RegExp(`共 ${skus.length} 个商品，${skus.length} 个未设库位`));
    await panel.getByText('未设库位').first().waitFor();

    // Keyboard: find a SKU, focus its bin cell, type, Enter saves.
    const first = skus[0]!;
    await page.getByTestId('bins-search').locator('input').fill(first);
    await page.getByTestId('bins-search').locator('input').press('Enter');
    const cell = page.locator(`.ag-row[row-id="${first}"] .ag-cell[col-id="bin"]`);
    await cell.click();
    await page.keyboard.type('A-01-01');
    await page.keyboard.press('Enter');
    await page.getByText('库位已保存').first().waitFor();
    await expect.poll(async () => (await binsNow()).get(first)).toBe('A-01-01');
    await expect.poll(() => cell.innerText()).toBe('A-01-01');
    await page.getByTestId('bins-search').locator('input').fill('');
    await page.getByTestId('bins-search').locator('input').press('Enter');

    // Paste from Excel: two good rows, an unknown SKU and a bin with a space.
    await page.getByTestId('bins-import-open').click();
    const dialog = await openedDialog(page);
    await dialog.getByTestId('bins-paste').fill(['SKU编码\t库位', `${skus[1]}\tB-02-01`, `${skus[2]}\tB-02-02`, 'NOPE-404\tC-1', `${skus[3]}\tD 4`].join('\n'));
    await dialog.getByTestId('bins-paste-save').click();
    const result = dialog.getByTestId('bins-result');
    await result.getByText('保存 2 个，未变 0 个，2 行未保存').waitFor();
    const rejected = dialog.getByTestId('bins-rejected');
    await rejected.getByText('商品资料里没有 SKU「NOPE-404」').waitFor();
    await rejected.getByText('库位「D 4」不对：最多 32 个字，不能有空格或换行').waitFor();
    expect(await rejected.locator('tbody tr.ant-table-row').first().innerText()).toMatch(/4\s+SKU 编码\s+NOPE-404/);
    // The refused rows stay in the box to fix; the saved ones left it.
    expect(await dialog.getByTestId('bins-paste').inputValue()).toBe(`NOPE-404\tC-1\n${skus[3]}\tD 4`);
    await screenshot(page, 'warehouse-bins-paste-refused');

    // A CSV file (GBK from Excel is fine too): its header picks the columns.
    const dir = mkdtempSync(join(tmpdir(), 'orderhub-bins-'));
    const csv = join(dir, '库位表.csv');
    writeFileSync(csv, `库位,商品编码\r\nE-05,${skus[4]}\r\n`);
    await dialog.getByTestId('bins-file').setInputFiles(csv);
    await result.getByText('保存 1 个，未变 0 个，0 行未保存').waitFor();
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();

    const bins = await binsNow();
    expect([bins.get(skus[1]!), bins.get(skus[2]!), bins.get(skus[3]!), bins.get(skus[4]!)]).toEqual(['B-02-01', 'B-02-02', null, 'E-05']);
    await expect.poll(() => page.getByTestId('bins-count').innerText()).toMatch(new RegExp(`${skus.length - 4} 个未设库位`));
    await panel.getByText('E-05').waitFor();
    await screenshot(page, 'warehouse-bins-grid');
    expect(await page.evaluate('document.documentElement.scrollHeight <= window.innerHeight')).toBe(true);
    await page.close();
  });

  it('finance cannot change bins (refused by the dispatcher)', async () => {
    const finance = await apiLogin(host.url, 'finance');
    const r = await fetch(`${host.url}/api/shipping.setBins`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${finance}` },
      body: JSON.stringify({ warehouseId, rows: [{ skuCode: skus[0], bin: 'Z-9' }] }),
    });
    expect(((await r.json()) as { error?: { code: string } }).error?.code).toBe('forbidden');
    expect((await binsNow()).get(skus[0]!)).toBe('A-01-01');
  });
});

describe('packing-slip amounts on the channels screen', () => {
  it('the ops lead switches a shop\'s packing slips to show amounts; the warehouse\'s next slip for that shop shows them', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, host.url, 'ops');
    await page.goto(`${host.url}/#/channels`);
    await page.getByTestId('channels-table').waitFor();
    await page.locator('.ant-table-row-expand-icon').first().click();
    await page.getByRole('tab', { name: '打印设置' }).click();
    const panel = page.getByTestId('printing-panel');
    await panel.waitFor();
    const sw = panel.getByTestId('packing-slip-amounts');
    expect(await sw.getAttribute('aria-checked')).toBe('false');
    await sw.click();
    await page.getByText('已保存：发货单显示金额').first().waitFor();
    await expect.poll(() => sw.getAttribute('aria-checked'), { timeout: 10_000 }).toBe('true');
    await screenshot(page, 'channels-printing-amounts');

    const ops = await apiLogin(host.url, 'ops');
    const shops = await api(host.url, ops, 'channels.list', {});
    const on = shops.filter((s) => s.printing.packingSlipAmounts);
    expect(on).toHaveLength(1);
    const audit = await api(host.url, ops, 'audit.list', { entity: 'channels', entityId: on[0]!.id, action: 'update', limit: 5 });
    expect(JSON.stringify(audit.rows[0])).toContain('packingSlipAmounts');
    // The warehouse's next packing slip of that shop prints amounts.
    const warehouse = await apiLogin(host.url, 'warehouse');
    const packable = (await api(host.url, warehouse, 'shipping.packable', { limit: 2000 })).filter((o) => o.shopName === on[0]!.name);
    if (packable.length) {
      const slip = await api(host.url, warehouse, 'shipping.packingSlip', { orderIds: [packable[0]!.id] });
      const { text } = await pdfText(Buffer.from(slip.contentBase64, 'base64'));
      expect(text).toContain('实付');
    }
    await page.close();
  });
});
