import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openedDialog, screenshot, signIn } from '../helpers/browser';
import { startHost, type HostProcess } from '../helpers/host-process';
import { api, apiLogin, apiRaw, OrdersPage, returningCustomerOrder } from '../helpers/orders-grid';

const DEMO_ORDERS = 3000;
const DAY = 86_400_000;
let host: HostProcess;
let browser: BrowserContext;

beforeAll(async () => {
  host = await startHost(['--demo', String(DEMO_ORDERS)]);
  browser = await launchBrowser();
  await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url });
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

async function signedIn(user: string): Promise<{ page: Page; grid: OrdersPage }> {
  const page = await browser.newPage();
  await page.goto(`${host.url}/#/`);
  await page.evaluate(() => {
    sessionStorage.clear();
    localStorage.clear();
  });
  await signIn(page, host.url, user);
  // The owner and the ops lead land on the risk board; everyone else on the orders.
  await page.goto(`${host.url}/#/orders`);
  const grid = new OrdersPage(page);
  await expect.poll(() => grid.total(), { timeout: 20_000 }).toBeGreaterThan(0);
  return { page, grid };
}

/** "2026-05-01" in Asia/Shanghai, `days` before now. */
const shanghaiDay = (daysAgo: number) => new Date(Date.now() + 8 * 3600_000 - daysAgo * DAY).toISOString().slice(0, 10);
const dayStart = (d: string) => Date.parse(`${d}T00:00:00+08:00`);
const yuan = (text: string) => Number(text.replace(/[¥,]/g, ''));

describe('orders workspace in Chromium', () => {
  it('service lands on the orders grid, finds an order by its number and reads its timeline', async () => {
    const { page, grid } = await signedIn('service');
    expect(page.url()).toContain('#/orders');
    expect(await grid.total()).toBe(DEMO_ORDERS);
    await screenshot(page, 'orders-service-landing');

    const token = await apiLogin(host.url, 'service');
    const { rows } = await api(host.url, token, 'orders.page', { startRow: 100, endRow: 101, sort: [{ colId: 'createdAt', sort: 'asc' }] });
    const target = rows[0]!;
    await grid.quickSearch(target.platformOrderId);
    await expect.poll(() => grid.column('platformOrderId')).toContain(target.platformOrderId);
    expect(await grid.total()).toBeLessThan(DEMO_ORDERS);

    const row = (await grid.column('platformOrderId')).indexOf(target.platformOrderId);
    await grid.cell(row, 'platformOrderId').click();
    await expect.poll(() => page.getByTestId('order-drawer-no').textContent()).toContain(target.platformOrderId);
    expect(page.url()).toContain(`#/orders/${target.id}`);
    const detail = await api(host.url, token, 'orders.get', { id: target.id });
    const timeline = page.getByTestId('order-timeline');
    await timeline.waitFor();
    expect(await timeline.locator('.ant-steps-item, .ant-timeline-item').count()).toBe(detail.events.length);
    expect(await timeline.textContent()).toContain('订单导入');
    expect(await timeline.textContent()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    await screenshot(page, 'orders-service-drawer');
    await timeline.scrollIntoViewIfNeeded();
    await screenshot(page, 'orders-service-timeline');

    // The deep link opens the same drawer on a fresh load.
    await page.goto('about:blank');
    await page.goto(`${host.url}/#/orders/${target.id}`);
    await expect.poll(() => page.getByTestId('order-drawer-no').textContent(), { timeout: 15_000 }).toContain(target.platformOrderId);

    // A returning customer: their other orders are listed, and a click opens one.
    const repeat = await returningCustomerOrder(host.url, token, 60);
    expect(repeat).not.toBeNull();
    await page.goto(`${host.url}/#/orders/${repeat!.id}`);
    const others = page.getByTestId('customer-orders');
    await others.getByText(repeat!.other, { exact: true }).click();
    await expect.poll(() => page.getByTestId('order-drawer-no').textContent()).toContain(repeat!.other);
    await page.close();
  });

  it('filters by channel, status and paid date, sorts by amount and scrolls to the last row', async () => {
    const { page, grid } = await signedIn('ops');
    const token = await apiLogin(host.url, 'ops');
    const from = shanghaiDay(90);
    const to = shanghaiDay(0);
    const statuses = { to_ship: '待发货', shipped: '已发货', completed: '已完成' };
    const expected = await api(host.url, token, 'orders.page', {
      startRow: 0,
      endRow: 1,
      filters: {
        channelKind: { type: 'set', values: ['taobao'] },
        status: { type: 'set', values: Object.keys(statuses) },
        paidAt: { type: 'date', from: dayStart(from), to: dayStart(to) + DAY },
      },
    });
    expect(expected.total).toBeGreaterThan(0);

    await grid.pick('channelKind', ['淘宝/天猫']);
    await grid.pick('status', Object.values(statuses));
    await grid.dateRange('paidAt', from, to);
    await expect.poll(() => grid.total()).toBe(expected.total);
    for (const s of await grid.column('status')) expect(s).toMatch(/^(待发货|已发货|已完成)/);
    for (const c of await grid.column('channelKind')) expect(c).toBe('淘宝/天猫');

    await grid.sortBy('paidFen'); // ascending
    await grid.sortBy('paidFen'); // descending
    await expect.poll(() => grid.header('paidFen').getAttribute('aria-sort')).toBe('descending');
    await expect.poll(async () => {
      const amounts = (await grid.column('paidFen')).filter(Boolean).map(yuan);
      return amounts.length > 5 && amounts.every((a, i) => i === 0 || amounts[i - 1]! >= a);
    }).toBe(true);
    await screenshot(page, 'orders-filtered-sorted');

    await grid.scrollToEnd(expected.total);
    const numbers = (await grid.column('rowNo')).map(Number);
    expect(Math.max(...numbers)).toBe(expected.total);
    await screenshot(page, 'orders-scrolled-to-end');
    await page.close();
  });

  it('a saved view survives a reload, and a shared one reaches colleagues', async () => {
    const { page, grid } = await signedIn('ops');
    const token = await apiLogin(host.url, 'ops');
    // How many demo orders are overdue (red) depends on the hour the demo is generated: make some.
    const oldest = await api(host.url, token, 'orders.page', { startRow: 0, endRow: 5, sort: [{ colId: 'createdAt', sort: 'asc' }] });
    await api(host.url, token, 'orders.setUrgency', { orderIds: oldest.rows.map((r) => r.id), urgency: 'red' });
    const red = await api(host.url, token, 'orders.page', { startRow: 0, endRow: 1, filters: { urgency: { type: 'set', values: ['red'] } } });
    expect(red.total).toBeGreaterThanOrEqual(5);

    await grid.pick('urgency', ['紧急']);
    await expect.poll(() => grid.total()).toBe(red.total);
    await grid.sortBy('paidAt');
    await (await grid.columnsMenu()).getByRole('checkbox', { name: '物流单号' }).uncheck();
    await page.keyboard.press('Escape');
    await expect.poll(() => grid.header('trackingNo').count()).toBe(0);

    await page.getByRole('button', { name: /保存视图/ }).click();
    const dialog = await openedDialog(page);
    await dialog.locator('#view-form_name').fill('紧急待跟进');
    await dialog.getByTestId('view-share').check();
    await screenshot(page, 'orders-save-view');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('视图“紧急待跟进”已保存').waitFor();

    await page.reload();
    await expect.poll(() => grid.total(), { timeout: 20_000 }).toBe(red.total);
    expect(await page.getByTestId('view-select').textContent()).toContain('紧急待跟进');
    expect(await grid.header('trackingNo').count()).toBe(0);
    await grid.revealColumn('paidAt');
    expect(await grid.header('paidAt').getAttribute('aria-sort')).toBe('ascending');
    expect(await page.getByTestId('active-filters').textContent()).toBe('已筛选：紧急度');
    await screenshot(page, 'orders-view-after-reload');

    // Back to the default view, then pick the saved one from the list.
    await page.getByTestId('view-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '默认视图' }).click();
    await expect.poll(() => grid.total()).toBe(DEMO_ORDERS);
    await page.getByTestId('view-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '紧急待跟进' }).click();
    await expect.poll(() => grid.total()).toBe(red.total);
    expect(await page.getByRole('button', { name: '删除当前视图' }).count()).toBe(1);
    await page.close();

    // Service sees the shared view but may not publish views.
    const other = await signedIn('service');
    await other.page.getByTestId('view-select').click();
    await other.page.locator('.ant-select-item-option').filter({ hasText: '紧急待跟进' }).click();
    await expect.poll(() => other.grid.total()).toBe(red.total);
    await other.page.getByRole('button', { name: /保存视图/ }).click();
    await other.page.getByRole('dialog').locator('#view-form_name').waitFor();
    expect(await other.page.getByTestId('view-share').count()).toBe(0);
    await other.page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
    // Nor delete a colleague's shared view.
    expect(await other.page.getByRole('button', { name: '删除当前视图' }).count()).toBe(0);
    await other.page.close();
  });

  it('Ctrl+C copies the two selected rows as tab-separated text with a header line', async () => {
    const { page, grid } = await signedIn('service');
    await grid.selectRows([0, 1]);
    await page.getByTestId('selection-bar').getByText('已选 2 单').waitFor();
    // Service may add notes but not change urgency or tags.
    const bulk = page.getByTestId('bulk-actions');
    expect(await bulk.getByRole('button', { name: /添加备注/ }).count()).toBe(1);
    expect(await bulk.getByRole('button', { name: /设置紧急度|标签/ }).count()).toBe(0);
    const orderNos = (await grid.column('platformOrderId')).slice(0, 2);
    const buyers = (await grid.column('buyerNick')).slice(0, 2);
    await grid.cell(0, 'buyerNick').click();
    await page.keyboard.press('Control+c');
    await page.getByText('已复制 2 行到剪贴板').waitFor();
    const text = await page.evaluate(() => (navigator as unknown as { clipboard: { readText(): Promise<string> } }).clipboard.readText());
    const lines = text.split('\r\n').map((l) => l.split('\t'));
    expect(lines).toHaveLength(3);
    // The working columns first (they fit 1366×768 unscrolled), the rest after.
    expect(lines[0]!.slice(0, 6)).toEqual(['订单号', '店铺', '状态', '买家', '金额', '付款时间']);
    expect(lines.slice(1).map((l) => l[0])).toEqual(orderNos);
    expect(lines.slice(1).map((l) => l[3])).toEqual(buyers);
    expect(lines[1]![lines[0]!.indexOf('金额')]).toMatch(/^¥[\d,]+\.\d{2}$/);
    await screenshot(page, 'orders-copied');

    // With nothing selected, Ctrl+C copies just the focused cell.
    await page.locator('.ag-row[row-index="0"] .ag-selection-checkbox input').first().uncheck();
    await page.locator('.ag-row[row-index="1"] .ag-selection-checkbox input').first().uncheck();
    await grid.cell(0, 'buyerNick').click();
    await page.keyboard.press('Control+c');
    await page.getByText('已复制单元格').waitFor();
    expect(await page.evaluate(() => (navigator as unknown as { clipboard: { readText(): Promise<string> } }).clipboard.readText())).toBe(buyers[0]);

    // Keyboard: arrows move the focus, Enter opens the focused row's order.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const third = (await grid.column('platformOrderId'))[2]!;
    await expect.poll(() => page.getByTestId('order-drawer-no').textContent()).toContain(third);
    await page.close();
  });

  it('exports the view as CSV with every matching row and formula-like remarks made inert', async () => {
    const { page, grid } = await signedIn('finance');
    const token = await apiLogin(host.url, 'finance');
    const risky = await api(host.url, token, 'orders.page', { startRow: 0, endRow: 5, filters: { buyerRemark: { type: 'text', op: 'startsWith', value: '=' } } });
    expect(risky.total).toBeGreaterThan(0);

    await (await grid.columnsMenu()).getByRole('checkbox', { name: '买家留言' }).check();
    await page.keyboard.press('Escape');
    await page.getByTestId('export-button').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('导出 CSV（Excel 可直接打开）').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(bytes, { bom: true, relax_column_count: false }) as string[][];
    const [header, ...rows] = records;
    expect(header).toEqual(expect.arrayContaining(['订单号', '渠道', '店铺', '状态', '金额(元)', '买家留言']));
    expect(rows.length).toBe(await grid.total());
    expect(rows.length).toBe(DEMO_ORDERS);

    const noCol = header!.indexOf('订单号');
    const remarkCol = header!.indexOf('买家留言');
    for (const o of risky.rows) {
      // Long numeric ids carry a trailing tab so Excel keeps every digit.
      const row = rows.find((r) => r[noCol]!.trim() === o.platformOrderId);
      expect(row?.[remarkCol]).toBe(`'${o.buyerRemark}`);
    }
    expect(rows.filter((r) => /^[=+\-@]/.test(r[remarkCol] ?? ''))).toEqual([]);
    await screenshot(page, 'orders-exported');

    // The same view as XLSX: a real workbook (zip) with a sensible name.
    await page.getByTestId('export-button').click();
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByText('导出 XLSX').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^订单导出-.*\.xlsx$/);
    expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString('latin1')).toBe('PK');
    await page.close();
  });

  it('ops applies urgency and a note to selected orders; the grid and the drawer show them', async () => {
    const { page, grid } = await signedIn('ops');
    await grid.quickSearch('');
    await grid.selectRows([2, 3]);
    const orderNos = (await grid.column('platformOrderId')).slice(2, 4);
    const bulk = page.getByTestId('bulk-actions');
    await bulk.getByRole('button', { name: /设置紧急度/ }).click();
    await page.locator('.ant-dropdown-menu-item').filter({ hasText: '紧急' }).click();
    await page.getByText('已更新 2 个订单').waitFor();
    await expect.poll(async () => (await grid.column('urgency')).slice(2, 4), { timeout: 10_000 }).toEqual(['紧急', '紧急']);

    await grid.selectRows([2, 3]);
    await page.getByTestId('bulk-actions').getByRole('button', { name: /添加备注/ }).click();
    await page.getByRole('dialog').locator('textarea').fill('客户来电催发货，已安排加急');
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('已为 2 个订单添加备注').waitFor();
    await grid.cell(2, 'platformOrderId').click();
    await expect.poll(() => page.getByTestId('order-drawer-no').textContent()).toContain(orderNos[0]);
    await expect.poll(() => page.getByTestId('order-notes').textContent()).toContain('客户来电催发货，已安排加急');
    // The drawer's own note box: the note appears with its author, and the timeline records it.
    const notes = page.getByTestId('order-notes');
    await notes.locator('textarea').fill('已联系快递加急派送');
    await notes.getByRole('button', { name: /添加备注/ }).click();
    await expect.poll(() => notes.textContent()).toContain('已联系快递加急派送');
    expect(await notes.textContent()).toContain('李主管');
    await expect.poll(() => page.getByTestId('order-timeline').textContent()).toContain('已联系快递加急派送');
    await notes.scrollIntoViewIfNeeded();
    await screenshot(page, 'orders-ops-note');

    // Tags: add one to the two orders; the tag column shows it after the refresh.
    await page.keyboard.press('Escape');
    await page.getByTestId('order-drawer-no').waitFor({ state: 'detached' });
    // Show a column that is hidden by default; the new tag rebuilds the pick lists, which must not undo it.
    await (await grid.columnsMenu()).getByRole('checkbox', { name: '买家留言' }).check();
    await page.keyboard.press('Escape');
    await grid.selectRows([2, 3]);
    await page.getByTestId('bulk-actions').getByRole('button', { name: /标签/ }).click();
    const tagDialog = page.getByRole('dialog');
    await tagDialog.locator('#bulk-tags_add').fill('电话回访');
    await tagDialog.locator('#bulk-tags_add').press('Enter');
    await tagDialog.locator('.ant-modal-title').click(); // closes the tag list that would cover the buttons
    await tagDialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('已更新 2 个订单').last().waitFor();
    await expect.poll(async () => (await grid.column('tags')).slice(2, 4).every((x) => x.includes('电话回访')), { timeout: 10_000 }).toBe(true);
    const tagFilter = await grid.openFilter('tags');
    await tagFilter.getByRole('checkbox', { name: '电话回访', exact: true }).waitFor(); // the pick lists were rebuilt
    await page.keyboard.press('Escape');
    await grid.revealColumn('buyerRemark');

    // Many orders at once asks first; cancelling changes nothing.
    await grid.selectRows(Array.from({ length: 21 }, (_, i) => i + 4));
    await page.getByTestId('selection-bar').getByText('已选 21 单').waitFor();
    const before = (await grid.column('urgency')).slice(4, 25);
    await page.getByTestId('bulk-actions').getByRole('button', { name: /设置紧急度/ }).click();
    await page.locator('.ant-dropdown-menu-item').filter({ hasText: '关注' }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.getByText('将对 21 个订单执行“设置紧急度”，确定继续？').waitFor();
    await page.waitForTimeout(400); // let the dialog finish opening for the picture
    await screenshot(page, 'orders-bulk-confirm');
    await confirm.getByRole('button', { name: /取\s*消/ }).click();
    await confirm.waitFor({ state: 'detached' });
    expect((await grid.column('urgency')).slice(4, 25)).toEqual(before);
    await page.close();
  });

  it('warehouse sees no bulk actions, export or amounts, and the API refuses them', async () => {
    const { page, grid } = await signedIn('warehouse');
    await grid.selectRows([0]);
    await page.getByTestId('selection-bar').waitFor();
    expect(await page.getByTestId('bulk-actions').count()).toBe(0);
    expect(await page.getByTestId('export-button').count()).toBe(0);
    expect(await grid.header('paidFen').count()).toBe(0);
    await screenshot(page, 'orders-warehouse');

    // The same screen in English: headers, toolbar and AG Grid's own words switch together,
    // and the filter set before the switch is still applied.
    await grid.pick('status', ['已完成']);
    await expect.poll(() => grid.total()).toBeLessThan(DEMO_ORDERS);
    const completed = await grid.total();
    await page.getByRole('button', { name: 'English' }).click();
    await grid.header('platformOrderId').getByText('Order no.').waitFor();
    await expect.poll(() => page.getByTestId('orders-total').textContent()).toBe(`${completed!.toLocaleString('en-US')} orders`);
    expect(await page.getByTestId('active-filters').textContent()).toBe('Filtered by:Status');
    expect(await page.getByTestId('selection-bar').count()).toBe(0);
    const dateFilter = await grid.openFilter('paidAt');
    await dateFilter.getByRole('button', { name: 'Apply' }).waitFor();
    await page.keyboard.press('Escape');
    await screenshot(page, 'orders-warehouse-en');
    await page.getByRole('button', { name: '中文' }).click().catch(() => undefined);

    const token = await apiLogin(host.url, 'warehouse');
    const { rows } = await api(host.url, token, 'orders.page', { startRow: 0, endRow: 1 });
    const ids = [rows[0]!.id];
    for (const [name, input] of [
      ['orders.setUrgency', { orderIds: ids, urgency: 'red' }],
      ['orders.addNote', { orderIds: ids, body: '越权备注' }],
      ['orders.tag', { orderIds: ids, add: ['越权'] }],
      ['orders.export', { format: 'csv' }],
    ] as const) {
      const r = await apiRaw(host.url, token, name, input);
      expect(r.status, name).toBe(403);
      expect(r.body.error?.code, name).toBe('forbidden');
    }
    const after = await api(host.url, token, 'orders.get', { id: ids[0]! });
    expect(after.notes.map((n) => n.body)).not.toContain('越权备注');
    await page.close();
  });
});
