import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWallClock } from '../../src-shared/time';
import { presetRange } from '../../src-renderer/screens/orders/datePresets';
import { chooseOption, launchBrowser, screenshot, signIn } from '../helpers/browser';
import { startHost, type HostProcess } from '../helpers/host-process';
import { api, apiLogin, OrdersPage, returningCustomerOrder } from '../helpers/orders-grid';

/**
 * Finding and picking orders in Chromium at 1366×768 (issue 15, items 4–5): an order number's
 * end, numbers pasted one per line, a SKU code, "nothing found" saying where it looked; date
 * presets in the toolbar; "select all N matching" across pages (and Ctrl+A) with the count
 * confirmed before a bulk change; the items column.
 */
let host: HostProcess;
let browser: BrowserContext;
let token: string;

beforeAll(async () => {
  host = await startHost(['--demo', '300']);
  browser = await launchBrowser();
  token = await apiLogin(host.url, 'owner');
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

async function grid(user = 'ops'): Promise<{ page: Page; g: OrdersPage }> {
  const page = await browser.newPage();
  await signIn(page, host.url, user);
  await page.goto(`${host.url}/#/orders`); // the ops lead starts on the risk board
  const g = new OrdersPage(page);
  await expect.poll(() => g.total(), { timeout: 20_000 }).toBeGreaterThan(0);
  return { page, g };
}

/** A paste of several lines into the quick search box, as Ctrl+V from an Excel column delivers it. */
async function paste(page: Page, text: string) {
  await page.getByTestId('orders-quick').locator('input').focus();
  // Runs in the page (DOM types are not in the tests' Node config).
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    data.setData('text/plain', ${JSON.stringify(text)});
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  })()`);
}

describe('finding orders in Chromium', () => {
  it('the end of an order number, pasted numbers and a SKU code each find their orders', async () => {
    const { page, g } = await grid();
    const some = await api(host.url, token, 'orders.page', { startRow: 0, endRow: 5 });
    const no = some.rows[0]!.platformOrderId;
    await g.quickSearch(no.slice(-8));
    await expect.poll(async () => (await g.column('platformOrderId')).filter(Boolean)).toContain(no);
    const ends = await api(host.url, token, 'orders.page', { quick: no.slice(-8), startRow: 0, endRow: 100 });
    expect(await g.total()).toBe(ends.total);
    expect(ends.rows.every((r) => r.platformOrderId.endsWith(no.slice(-8)) || r.trackingNo?.startsWith(no.slice(-8)))).toBe(true);

    const three = some.rows.slice(1, 4).map((r) => r.platformOrderId);
    await paste(page, three.join('\r\n') + '\r\n');
    await expect.poll(() => g.total(), { timeout: 15_000 }).toBe(3);
    expect(await page.getByTestId('orders-quick-count').innerText()).toContain('3 个单号');
    expect((await g.column('platformOrderId')).filter(Boolean).sort()).toEqual([...three].sort());
    await screenshot(page, 'orders-find-pasted');

    const detail = await api(host.url, token, 'orders.get', { id: some.rows[4]!.id });
    const sku = detail.lines.find((l) => l.skuCode)?.skuCode;
    expect(sku).toBeTruthy();
    await g.quickSearch(sku!);
    await expect.poll(async () => (await g.column('platformOrderId')).filter(Boolean), { timeout: 15_000 }).toContain(some.rows[4]!.platformOrderId);
    await page.close();
  });

  it('nothing found says what was searched', async () => {
    const { page, g } = await grid();
    await g.quickSearch('ZX-NO-SUCH-9');
    await expect.poll(() => g.total(), { timeout: 15_000 }).toBe(0);
    const nothing = page.getByTestId('orders-nothing');
    await nothing.waitFor();
    const text = await nothing.innerText();
    expect(text).toContain('没有找到“ZX-NO-SUCH-9”');
    for (const place of ['订单号', '订单号结尾', '物流单号', 'SKU 编码', '买家昵称']) expect(text).toContain(place);
    expect(text).not.toMatch(/orderNo|sku\b|tracking/);
    await screenshot(page, 'orders-find-nothing');
    await page.close();
  });

  it('date presets in the toolbar filter by order date in Beijing days', async () => {
    const { page, g } = await grid();
    for (const [label, preset] of [['上月', 'lastMonth'], ['近 7 天', 'last7']] as const) {
      await chooseOption(page, page.getByTestId('date-preset'), label);
      const r = presetRange(preset, Date.now(), 'Asia/Shanghai');
      const from = parseWallClock(r.from)!;
      const to = parseWallClock(r.to)! + 86_400_000;
      const want = await api(host.url, token, 'orders.page', { filters: { createdAt: { type: 'date', from, to } }, startRow: 0, endRow: 1 });
      await expect.poll(() => g.total(), { timeout: 15_000 }).toBe(want.total);
    }
    await screenshot(page, 'orders-find-date-preset');
    await chooseOption(page, page.getByTestId('date-preset'), '全部');
    const all = await api(host.url, token, 'orders.page', { startRow: 0, endRow: 1 });
    await expect.poll(() => g.total(), { timeout: 15_000 }).toBe(all.total);
    await page.close();
  });

  it('select all N matching across pages, count confirmed, then the bulk change reaches every one', async () => {
    const { page, g } = await grid();
    const all = await api(host.url, token, 'orders.page', { filters: { urgency: { type: 'set', values: ['green'] } }, startRow: 0, endRow: 1 });
    expect(all.total).toBeGreaterThan(100); // more than one page of the grid's blocks
    await g.pick('urgency', ['正常']);
    await expect.poll(() => g.total(), { timeout: 15_000 }).toBe(all.total);
    await g.selectRows([0]);
    await page.getByTestId('select-all').click();
    await page.getByTestId('all-selected').getByText(`已选择全部 ${all.total.toLocaleString('en-US')} 单`).waitFor();
    await page.getByTestId('bulk-actions').getByRole('button', { name: /设置紧急度/ }).click();
    await page.locator('.ant-dropdown-menu-item').filter({ hasText: '关注' }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.getByText(`将对全部 ${all.total.toLocaleString('en-US')} 单执行“设置紧急度”，确定吗？`).waitFor();
    await page.waitForTimeout(400);
    await screenshot(page, 'orders-find-select-all-confirm');
    await confirm.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(async () => (await api(host.url, token, 'orders.page', { filters: { urgency: { type: 'set', values: ['green'] } }, startRow: 0, endRow: 1 })).total, { timeout: 15_000 }).toBe(0);

    // Ctrl+A in the grid selects every match too.
    await g.pick('urgency', ['关注']);
    await expect.poll(() => g.total(), { timeout: 15_000 }).toBeGreaterThan(0);
    await g.cell(0, 'urgency').click(); // the order no. cell would open the drawer
    await page.keyboard.press('Control+A');
    await page.getByTestId('all-selected').waitFor();
    await page.close();
  });

  it('the items column reads SKU × quantity for one line and N 件 for several', async () => {
    const { page, g } = await grid();
    const cells = (await g.column('items')).filter(Boolean);
    expect(cells.length).toBeGreaterThan(10);
    expect(cells.every((c) => /^.+ × \d+$|^\d+ 件$/.test(c))).toBe(true);
    const rows = (await api(host.url, token, 'orders.page', { startRow: 0, endRow: 30 })).rows;
    const single = rows.find((r) => r.items.lines === 1)!;
    const idx = (await g.column('platformOrderId')).indexOf(single.platformOrderId);
    expect((await g.column('items'))[idx]).toBe(`${single.items.first} × ${single.items.qty}`);
    await g.revealColumn('items');
    await screenshot(page, 'orders-find-items');
    await page.close();
  });

  it('in the drawer ↑/↓ move between orders, Backspace returns from a customer\'s other order, Esc returns to the row', async () => {
    // A customer with more than one order (opened at the end, then another of theirs from the drawer, then Backspace).
    const from = await returningCustomerOrder(host.url, token, 300);
    expect(from).not.toBeNull();
    const { page, g } = await grid('service');
    const drawerNo = () => page.getByTestId('order-drawer-no').innerText();
    const rows = (await g.column('platformOrderId')).filter(Boolean);
    await g.cell(1, 'platformOrderId').click();
    await expect.poll(drawerNo).toContain(rows[1]!);
    await page.keyboard.press('ArrowDown');
    await expect.poll(drawerNo).toContain(rows[2]!);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(drawerNo).toContain(rows[0]!);
    await page.keyboard.press('Escape');
    await page.getByTestId('order-drawer-no').waitFor({ state: 'detached' });
    // The keyboard is back on the row the drawer was about.
    // Asked by order number, not by position: a live change (the bulk edit above, a demo poll) may
    // move the row while the drawer closes.
    const focusedOrderNo = () => page.evaluate<string | null>(`(() => {
      const index = document.activeElement?.closest('.ag-row')?.getAttribute('row-index');
      return index == null ? null : document.querySelector('.ag-row[row-index="' + index + '"] [col-id="platformOrderId"]')?.textContent ?? null;
    })()`);
    await expect.poll(focusedOrderNo, { timeout: 5_000 }).toContain(rows[0]!);

    // Text put into the search box right after, without a key (pasted, dictated), is the person's:
    // the focus stays there (it was being put back on the row for 3 s after the drawer closed).
    const box = page.getByTestId('orders-quick').locator('input');
    await box.fill(from!.no);
    await page.waitForTimeout(400);
    expect(await page.evaluate<boolean>(`document.activeElement?.closest('[data-testid="orders-quick"]') != null`)).toBe(true);
    await box.press('Enter');
    await expect.poll(() => g.total(), { timeout: 15_000 }).toBe(1);
    await g.cell(0, 'platformOrderId').click();
    await expect.poll(drawerNo).toContain(from!.no);
    await page.getByTestId('order-drawer').getByText(from!.other).click();
    await expect.poll(drawerNo).toContain(from!.other);
    await screenshot(page, 'orders-find-drawer-other');
    await page.keyboard.press('Backspace');
    await expect.poll(drawerNo).toContain(from!.no);
    await page.close();
  });
});
