import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, launchBrowser, screenshot, signIn } from '../helpers/browser';
import { startHost, type HostProcess } from '../helpers/host-process';
import { api, apiLogin, OrdersPage } from '../helpers/orders-grid';

/**
 * The order's path in Chromium: the 审单 queue, 可合单 and 质检拦截, the state machine editor,
 * the manual order form, and the SLA clock and moves in the grid, drawer and selection bar.
 */
let host: HostProcess;
let browser: BrowserContext;
let ops: string;

beforeAll(async () => {
  host = await startHost(['--demo', '1500']);
  browser = await launchBrowser();
  ops = await apiLogin(host.url, 'ops');
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

let last: Page | null = null;
async function as(user: string, path: string): Promise<Page> {
  // One tab at a time: each open tab keeps its event stream, and a browser gives one host six connections.
  await last?.close();
  const page = (last = await browser.newPage());
  await page.goto(`${host.url}/#/`);
  await page.evaluate(() => { sessionStorage.clear(); localStorage.clear(); });
  await signIn(page, host.url, user);
  await page.goto(`${host.url}/#/${path}`);
  return page;
}

/** Picks an option of the antd Select inside `scope` by its words. */
async function choose(page: Page, testId: string, words: string): Promise<void> {
  await chooseOption(page, page.getByTestId(testId), words);
}

async function reason(page: Page, words: string, note?: string): Promise<void> {
  await choose(page, 'reason-select', words);
  if (note) await page.getByTestId('reason-note').fill(note);
}

const okButton = (page: Page) => page.locator('.ant-modal:visible .ant-btn-primary').last();

describe('the order path in Chromium', () => {
  it('ops works the 审单 queue: releases held orders with a reason (they move on) and approves one waiting without a hold', async () => {
    // Phone orders wait in review (no rules here); two are held by a reviewer for a risk check.
    const address = { receiverName: '吴**', receiverPhone: '13911112222', province: '江苏省', city: '南京市', district: '鼓楼区', detail: '中山路1号' };
    const made = [];
    for (let i = 0; i < 4; i++) made.push(await api(host.url, ops, 'orders.createManual', { source: 'phone', address: { ...address, detail: `中山路${i + 1}号` }, lines: [{ skuCode: 'GIFT-CARD', qty: i + 1, unitPriceFen: 990 }] }));
    await api(host.url, ops, 'orders.hold', { ids: [made[0]!.id, made[1]!.id], reason: { code: 'risk', params: { note: '同一地址多笔大额' } } });

    const page = await as('ops', 'review');
    await page.getByTestId('review-queue').waitFor();
    await page.locator('.ant-menu-item').filter({ hasText: '风险订单' }).click();
    await screenshot(page, 'lifecycle-review-queue');
    await page.locator('.ag-row[row-index="1"]').first().waitFor();
    expect(await page.locator('.ag-row[row-index="0"] [col-id="hold"]').first().textContent()).toBe('人工挂起：风险订单：同一地址多笔大额');
    await screenshot(page, 'lifecycle-review-queue');
    for (const i of [0, 1]) await page.locator(`.ag-row[row-index="${i}"] .ag-selection-checkbox input`).first().check();
    await page.getByTestId('queue-release').click();
    await reason(page, '已核实无误', '电话确认过');
    await screenshot(page, 'lifecycle-review-release-dialog');
    await okButton(page).click();
    await page.locator('.ant-message-success').last().waitFor();
    for (const o of made.slice(0, 2)) {
      const v = await api(host.url, ops, 'orders.lifecycle', { id: o.id });
      expect(v.holds[0]).toMatchObject({ releaseCode: 'checked_ok', releasedBy: 'ops', releaseParams: { note: '电话确认过' } });
      expect(v.status).toBe('to_route'); // the reviewer's release approved it
    }

    await page.locator('.ant-menu-item').filter({ hasText: '待审核（无挂起）' }).click();
    await page.locator('.ag-row').first().waitFor();
    const waiting = (await api(host.url, ops, 'orders.reviewQueue', { type: null, limit: 500 })).rows.map((r) => r.platformOrderId);
    expect(waiting).toContain(made[2]!.platformOrderId);
    const firstNo = (await page.locator('.ag-row[row-index="0"] [col-id="no"]').first().textContent())!.trim();
    await page.locator('.ag-row[row-index="0"] .ag-selection-checkbox input').first().check();
    await page.getByTestId('queue-approve').click();
    await reason(page, '已核实无误');
    await okButton(page).click();
    await page.locator('.ant-message-success').last().waitFor();
    const { rows: found } = await api(host.url, ops, 'orders.page', { quick: firstNo, startRow: 0, endRow: 5 });
    expect(found.find((r) => r.platformOrderId === firstNo)?.status).toBe('to_route');
    await screenshot(page, 'lifecycle-review-after');

    // The warehouse sees the queue, not the buttons that decide.
    const wh = await as('warehouse', 'review');
    await wh.getByTestId('review-queue').waitFor();
    expect(await wh.getByTestId('queue-release').count()).toBe(0);
  });

  it('warehouse freezes a food batch: the orders carrying it are held together, then released together', async () => {
    const { rows } = await api(host.url, ops, 'orders.page', { filters: { status: { type: 'set', values: ['to_ship', 'pending_review', 'to_route'] } }, startRow: 0, endRow: 300 });
    let batch: string | null = null;
    for (const r of rows) {
      const d = await api(host.url, ops, 'orders.get', { id: r.id });
      batch = d.lines.find((l) => l.batchNo)?.batchNo ?? null;
      if (batch) break;
    }
    expect(batch).toBeTruthy();
    const page = await as('warehouse', 'review');
    await page.getByRole('tab', { name: '质检拦截' }).click();
    await page.getByTestId('quality-batch').fill(batch!);
    await reason(page, '质量问题', '抽检发现胀袋');
    await page.getByTestId('quality-freeze').click();
    await page.locator('.ant-message-success').last().waitFor();
    const q = (await api(host.url, ops, 'quality.list', {})).holds.find((h) => h.batchNo === batch)!;
    expect(q.heldOrders).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('quality-list').textContent()).toContain(batch!);
    await screenshot(page, 'lifecycle-quality-frozen');
    const held = (await api(host.url, ops, 'quality.orders', { id: q.id })).orders.filter((o) => o.held);
    expect((await api(host.url, ops, 'orders.holds', { id: held[0]!.id })).open.some((h) => h.type === 'quality')).toBe(true);
    await page.getByTestId('quality-release').click();
    await okButton(page).click();
    // The freeze's success message may still be up: wait for the release itself (reads run beside the writer).
    await expect.poll(async () => (await api(host.url, ops, 'orders.holds', { id: held[0]!.id })).open.some((h) => h.type === 'quality'), { timeout: 15_000 }).toBe(false);
  });

  it('service takes a phone order on the keyboard-first form; it enters review like a shop order', async () => {
    const page = await as('service', 'manual-order');
    await page.getByTestId('manual-order').waitFor();
    await page.getByTestId('manual-nick').fill('李老板（湖州）');
    await page.getByTestId('manual-receiverName').fill('李明');
    await page.getByTestId('manual-receiverPhone').fill('13700001111');
    await page.getByTestId('manual-province').fill('浙江省');
    await page.getByTestId('manual-city').fill('湖州市');
    await page.getByTestId('manual-detail').fill('吴兴区凤凰路8号');
    const sku = page.getByTestId('manual-sku').locator('input');
    await sku.fill('NR02');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'NR02' }).first().waitFor();
    await sku.press('Enter');
    await sku.fill('GIFT-BAG');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'GIFT-BAG' }).first().waitFor();
    await sku.press('Enter');
    await page.getByRole('spinbutton', { name: /数量 NR02/ }).fill('3');
    await expect.poll(() => page.getByTestId('manual-total').textContent()).toMatch(/¥/);
    await screenshot(page, 'lifecycle-manual-form');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('manual-created').waitFor();
    const text = (await page.getByTestId('manual-created').textContent())!;
    const no = /SG\d{12}/.exec(text)![0];
    expect(text).toContain('待审核');
    await screenshot(page, 'lifecycle-manual-created');
    const { rows } = await api(host.url, ops, 'orders.page', { quick: no, startRow: 0, endRow: 5 });
    const d = await api(host.url, ops, 'orders.get', { id: rows[0]!.id });
    expect(d.lines.map((l) => [l.skuCode?.slice(0, 4), l.qty, l.gift])).toEqual([['NR02', 3, false], ['GIFT', 1, true]]);
    expect(d.lines[1]!.parentLineId).toBe(d.lines[0]!.id);
    expect(d.order).toMatchObject({ status: 'pending_review', receiverName: '李明', shopName: '手工订单' });
  });

  it('ops merges two orders of the same buyer and address from 可合单', async () => {
    const address = { receiverName: '周敏', receiverPhone: '13600002222', province: '浙江省', city: '宁波市', district: '鄞州区', detail: '天童南路1号' };
    const a = await api(host.url, ops, 'orders.createManual', { source: 'wechat', address, lines: [{ skuCode: 'GIFT-TEA', qty: 1, unitPriceFen: 500 }] });
    const b = await api(host.url, ops, 'orders.createManual', { source: 'wechat', address, lines: [{ skuCode: 'GIFT-CARD', qty: 2, unitPriceFen: 100 }] });
    const page = await as('ops', 'review');
    await page.getByRole('tab', { name: '可合单' }).click();
    const group = page.getByTestId('merge-group').filter({ hasText: a.platformOrderId });
    await group.waitFor();
    await screenshot(page, 'lifecycle-merge-candidates');
    await group.getByTestId('merge-group-button').click();
    await okButton(page).click();
    await page.locator('.ant-message-success').last().waitFor();
    expect((await api(host.url, ops, 'orders.lifecycle', { id: b.id })).status).toBe('merged');
    expect((await api(host.url, ops, 'orders.get', { id: a.id })).lines).toHaveLength(2);
  });

  it('the ops lead saves a new machine version with a tighter review SLA; a new order takes it, older ones keep theirs', async () => {
    const page = await as('ops', 'lifecycle');
    await page.getByTestId('machine-editor').waitFor();
    await screenshot(page, 'lifecycle-machine-editor');
    const hours = page.getByTestId('sla-pending_review').getByRole('spinbutton').first();
    await hours.fill('0.5');
    await page.getByTestId('sla-ship-add').click();
    await page.getByTestId('machine-note').fill('审单 30 分钟');
    await page.getByTestId('machine-save').click();
    await page.locator('.ant-message-success').last().waitFor();
    const got = await api(host.url, ops, 'lifecycle.get', {});
    expect(got.current).toMatchObject({ version: 2, note: '审单 30 分钟', savedBy: 'ops' });
    expect(got.current.definition.states.find((s) => s.status === 'pending_review')!.sla!.minutes).toBe(30);
    expect(got.current.definition.shipSla!.overrides).toHaveLength(1);
    await screenshot(page, 'lifecycle-machine-saved');
    const fresh = await api(host.url, ops, 'orders.createManual', { source: 'phone', address: { receiverName: '孙', receiverPhone: '13500003333', province: '上海市', detail: '南京西路1号' }, lines: [{ skuCode: 'GIFT-SOCK', qty: 1, unitPriceFen: 100 }] });
    const v = await api(host.url, ops, 'orders.lifecycle', { id: fresh.id });
    expect(v.machineVersion).toBe(2);
    expect(v.clock.stateDueAt! - v.statusAt!).toBe(30 * 60_000);
    // Customer service may not edit the machine: no menu entry.
    const service = await as('service', 'orders');
    expect(await service.locator('.ant-menu-item').filter({ hasText: '状态机' }).count()).toBe(0);
  });

  it('the grid shows each order’s SLA clock; the drawer shows both clocks and moves the order by its guards; the bulk bar cancels with a reason', async () => {
    const page = await as('ops', 'orders');
    const grid = new OrdersPage(page);
    await expect.poll(() => grid.total(), { timeout: 20_000 }).toBeGreaterThan(0);
    await grid.pick('status', ['待审核']);
    await expect.poll(async () => (await grid.column('slaDueAt')).filter(Boolean).length).toBeGreaterThan(0);
    expect((await grid.column('slaDueAt')).every((x) => /剩|超时/.test(x))).toBe(true);
    await screenshot(page, 'lifecycle-grid-sla');

    const id = (await api(host.url, ops, 'orders.reviewQueue', { type: null })).rows[0]!.id;
    await page.goto(`${host.url}/#/orders/${id}`);
    const flow = page.getByTestId('order-flow');
    await flow.waitFor();
    expect(await flow.getByTestId('sla-clock').count()).toBe(2);
    await screenshot(page, 'lifecycle-drawer-flow');
    await flow.getByTestId('move-to_route').click();
    await okButton(page).click();
    await expect.poll(() => flow.getByTestId('flow-status').textContent()).toBe('待分仓');
    await flow.getByTestId('move-to_ship').click();
    await choose(page, 'move-warehouse', '杭州主仓');
    await okButton(page).click();
    await expect.poll(() => flow.getByTestId('flow-status').textContent()).toBe('待发货');
    expect((await api(host.url, ops, 'orders.get', { id })).order.warehouseName).toContain('杭州');
    const timeline = await page.getByTestId('order-timeline').textContent();
    expect(timeline).toContain('人工操作');
    await screenshot(page, 'lifecycle-drawer-moved');

    // Bulk: two orders waiting for review, cancelled with one reason; the result says what happened.
    await page.goto(`${host.url}/#/orders`);
    await expect.poll(() => grid.total(), { timeout: 20_000 }).toBeGreaterThan(0);
    await grid.pick('status', ['待审核']);
    await page.locator('.ag-row[row-index="1"]').waitFor();
    // The numbers come from the selection itself: a pushed change may refresh the rows between the
    // two ticks or before the reading, so rows 0 and 1 need not be the orders that were ticked
    // (ticking again is a no-op for a row already ticked).
    const selected = page.locator('.ag-row-selected [col-id="platformOrderId"]');
    await expect.poll(async () => {
      await grid.selectRows([0, 1]);
      return selected.count();
    }, { timeout: 10_000 }).toBe(2);
    const nos = await selected.allTextContents();
    await page.getByTestId('bulk-moves').click();
    await page.locator('.ant-dropdown:visible .ant-dropdown-menu-item').filter({ hasText: '已取消' }).click();
    await reason(page, '买家要求', '买家电话取消');
    await screenshot(page, 'lifecycle-bulk-cancel');
    await okButton(page).click();
    await page.locator('.ant-message-success').last().waitFor();
    for (const no of nos) {
      const { rows } = await api(host.url, ops, 'orders.page', { quick: no!.trim(), startRow: 0, endRow: 3 });
      expect(rows.find((r) => r.platformOrderId === no!.trim())?.status).toBe('cancelled');
    }
  });
});
