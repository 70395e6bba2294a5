import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, launchBrowser, screenshot, signIn } from '../helpers/browser';
import { pdfText } from '../helpers/pdf-text';
import { startHost, type HostProcess } from '../helpers/host-process';
import { api, apiLogin } from '../helpers/orders-grid';
import { startTaobaoSim, type TaobaoSim } from '../sim/taobao';

let sim: TaobaoSim;
let host: HostProcess;
let browser: BrowserContext;
/** Trades waiting to ship at the shop, brought to 待发货 in OrderHub. */
let ready: string[] = [];
/** The warehouse they ship from, by name (the pick list's wave). */
let warehouseName = '';

beforeAll(async () => {
  sim = await startTaobaoSim({ seed: 31 });
  sim.store.generate(90, { from: Date.now() - 3 * 3600_000, to: Date.now() - 5 * 60_000, seed: 31 });
  // A demo workspace (its three warehouses, six demo shops) plus one shop on the simulator.
  host = await startHost(['--demo', '200']);
  browser = await launchBrowser();
  const owner = await apiLogin(host.url, 'owner');
  await api(host.url, owner, 'workspace.setCustomEndpoints', { enabled: true });
  const shop = await api(host.url, owner, 'channels.create', {
    kind: 'taobao', name: '发货测试天猫店', config: { ...sim.credentials, endpoint: sim.url, backfillFrom: Date.now() - 4 * 3600_000 },
  });
  for (let i = 0; i < 20; i++) {
    const polled = await api(host.url, owner, 'channels.pollNow', { id: shop.id });
    if (polled.windows <= 1) break;
  }
  const waiting = new Set(sim.store.all().filter((t) => t.status === 'WAIT_SELLER_SEND_GOODS').map((t) => t.id));
  const page = await api(host.url, owner, 'orders.page', { startRow: 0, endRow: 1000 });
  const mine = page.rows.filter((r) => waiting.has(r.platformOrderId) && r.status === 'pending_review').slice(0, 24);
  expect(mine.length).toBe(24);
  const wh = (await api(host.url, owner, 'routing.capacity', {})).rows[0]!.warehouseId;
  const ids = mine.map((r) => r.id);
  await api(host.url, owner, 'orders.transition', { ids, to: 'to_route' });
  await api(host.url, owner, 'orders.transition', { ids, to: 'to_ship', fields: { warehouseId: wh } });
  ready = mine.map((r) => r.platformOrderId);
  warehouseName = (await api(host.url, owner, 'shipping.floor', {})).warehouses.find((w) => w.id === wh)!.name;
  // One is held by hand (the customer called): the scanner must refuse it.
  await api(host.url, owner, 'orders.hold', { ids: [ids[23]!], reason: { code: 'buyer_request', params: { note: '客户来电暂缓发货' } } });
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await sim?.stop();
});

/** A keyboard wedge: fast keystrokes, then Enter. */
async function wedge(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 4 });
  await page.keyboard.press('Enter');
}

const tracking = (i: number) => (i % 4 === 3 ? `7${String(3_100_000_000_000 + i)}` : `SF${String(1_400_000_000_000 + i)}`);

/** The antd Popconfirm's OK, once it has opened. */
async function confirmPop(page: Page): Promise<void> {
  await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
}

describe('warehouse ships by scanning, in Chromium', () => {
  it('prints the wave\'s pick list: the PDF is captured with its orders, they move to 拣货中, and the wave is listed', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, host.url, 'warehouse');
    await page.getByTestId('warehouse-screen').waitFor();
    const count = async (k: string) => Number((await page.getByTestId(`wh-count-${k}`).locator('.ant-statistic-content-value').innerText()).replace(/,/g, ''));
    const pickingBefore = await count('picking');
    await page.keyboard.press('Alt+2');
    const panel = page.getByTestId('pick-panel');
    await panel.waitFor();
    await chooseOption(page, page.getByTestId('pick-warehouse'), warehouseName);
    await chooseOption(page, panel.locator('.ant-select').nth(1), '发货测试天猫店');
    await page.keyboard.press('Escape');
    // 24 ready, one of them held: the wave takes 23 and says so.
    await expect.poll(() => page.getByTestId('wave-preview').innerText(), { timeout: 15_000 }).toMatch(/^本波次 23 单/);
    await panel.getByText('另有 1 单被拦截，不在本波次').waitFor();
    await screenshot(page, 'shipping-pick-wave');

    const popup = browser.waitForEvent('page');
    await page.getByTestId('pick-print').click();
    await confirmPop(page);
    const viewer = await popup;
    expect(viewer.url()).toMatch(/^blob:/);
    await viewer.close();
    await page.getByTestId('pick-printed').getByText('已打印拣货单：23 单').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pick-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^拣货单-.+\.pdf$/);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await pdfText(pdf);
    for (const no of ready.slice(0, 23)) expect(text).toContain(no);
    expect(text).not.toContain(ready[23]!);
    await expect.poll(() => count('picking')).toBe(pickingBefore + 23);
    await expect.poll(() => page.getByTestId('waves').locator('tbody tr.ant-table-row').count()).toBe(1);
    await screenshot(page, 'shipping-pick-printed');

    // Packing slips for picked orders: scan one to tick it, print, and the PDF carries that order.
    await page.keyboard.press('Alt+3');
    await page.getByTestId('slip-scan').click();
    await wedge(page, ready[0]!);
    await expect.poll(() => page.getByTestId('slip-print').innerText()).toContain('1 单');
    const slipViewer = browser.waitForEvent('page');
    await page.getByTestId('slip-print').click();
    await (await slipViewer).close();
    const [slip] = await Promise.all([page.waitForEvent('download'), page.getByTestId('slip-download').click()]);
    expect(slip.suggestedFilename()).toBe(`发货单-${ready[0]}.pdf`);
    expect((await pdfText(readFileSync((await slip.path())!))).text).toContain(ready[0]!);
    await screenshot(page, 'shipping-packing-slip');
    // F2 from the pick-list tab: back to the scanner, the order no. takes the keys.
    await page.keyboard.press('F2');
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('data-testid'))).toBe('scan-order');
    await page.close();
  });

  it('scans 20 orders with a keyboard wedge, hears and reads refusals, and sees every shipment confirmed at the shop', async () => {
    const page = await browser.newPage();
    await signIn(page, host.url, 'warehouse');
    // The warehouse lands on its screen: counts and the scanner, focus in the order no.
    await page.getByTestId('warehouse-screen').waitFor();
    const count = async (k: string) => Number((await page.getByTestId(`wh-count-${k}`).locator('.ant-statistic-content-value').innerText()).replace(/,/g, ''));
    // Printed on the pick list above: 23 are 拣货中, the held one still 待拣货.
    await expect.poll(async () => (await count('toPick')) + (await count('picking'))).toBeGreaterThanOrEqual(24);
    const shippedBefore = await count('shippedToday');
    await screenshot(page, 'shipping-home');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('data-testid'))).toBe('scan-order');

    for (let i = 0; i < 20; i++) {
      await wedge(page, ready[i]!);
      await wedge(page, tracking(i));
      await expect.poll(() => page.getByTestId('scan-result').innerText()).toContain(`已发货：${ready[i]}`);
    }
    await page.getByTestId('scan-result').getByText('中通').first().waitFor().catch(() => undefined);

    // Refusals, each with a tone and the reason naming the value.
    await wedge(page, ready[0]!);
    await wedge(page, 'SF9999999999999');
    await page.getByTestId('scan-refusal').getByText(`订单 ${ready[0]} 已发货（单号 ${tracking(0)}）`).waitFor();
    expect(await page.getByTestId('scan-panel').getAttribute('data-sound')).toBe('refused');
    await wedge(page, ready[20]!);
    await wedge(page, tracking(1));
    await page.getByTestId('scan-refusal').getByText(`物流单号 ${tracking(1)} 已用于订单 ${ready[1]}`).waitFor();
    await wedge(page, ready[23]!);
    await wedge(page, 'SF1999999999999');
    await page.getByTestId('scan-refusal').getByText(`订单 ${ready[23]} 被拦截（人工挂起），不能发货`).waitFor();
    await screenshot(page, 'shipping-refused');

    // Every one confirmed at the shop, once, with its number; the screen says so.
    await expect.poll(() => sim.shipments.parcels.length, { timeout: 60_000 }).toBe(20);
    for (let i = 0; i < 20; i++) {
      expect(sim.shipments.of(ready[i]!).map((p) => [p.trackingNo, p.carrierCode])).toEqual([[tracking(i), i % 4 === 3 ? 'ZTO' : 'SF']]);
    }
    const recent = page.getByTestId('recent-shipments');
    await expect.poll(() => recent.locator('.ant-tag', { hasText: '已回传' }).count(), { timeout: 30_000 }).toBe(10);
    await expect.poll(() => count('shippedToday')).toBe(shippedBefore + 20);
    await screenshot(page, 'shipping-confirmed');
    await page.close();
  });

  it('bulk paste from Excel ships the rows it can and names the ones it refuses', async () => {
    const page = await browser.newPage();
    await signIn(page, host.url, 'warehouse');
    await page.getByTestId('warehouse-screen').waitFor();
    await page.getByTestId('bulk-open').click();
    await page.getByTestId('bulk-text').fill(`订单号\t物流单号\n${ready[20]}\tYT7000000000001\n${ready[21]}\tYT7000000000002\n${ready[0]}\tYT7000000000003\n`);
    await page.getByText('识别到 3 行').waitFor();
    await page.getByTestId('bulk-submit').click();
    await page.getByTestId('bulk-result').getByText('发货 2 单，拒绝 1 单').waitFor();
    await page.getByTestId('bulk-result').getByText(`订单 ${ready[0]} 已发货`).waitFor();
    await screenshot(page, 'shipping-bulk');
    await expect.poll(() => sim.shipments.parcels.length, { timeout: 60_000 }).toBe(22);
    await page.close();
  });

  it('hands the scanned parcels to the carrier by batch: 待交接 follows', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, host.url, 'warehouse');
    await page.getByTestId('warehouse-screen').waitFor();
    const count = async (k: string) => Number((await page.getByTestId(`wh-count-${k}`).locator('.ant-statistic-content-value').innerText()).replace(/,/g, ''));
    // 20 scanned + 2 from the bulk paste wait for their vans: 15 SF, 5 ZTO, 2 YTO. (The counts read 0 until the home answers: a loaded machine takes seconds.)
    await expect.poll(() => count('toHandOver'), { timeout: 15_000 }).toBe(22);
    await page.keyboard.press('Alt+4');
    await chooseOption(page, page.getByTestId('handover-carrier'), '顺丰');
    const rows = page.getByTestId('handover-parcels').locator('tbody tr.ant-table-row');
    await expect.poll(() => page.getByTestId('handover-submit').innerText()).toContain('15 个包裹');
    expect(await rows.count()).toBe(8); // one page of the 15
    await screenshot(page, 'shipping-handover');
    await page.getByTestId('handover-submit').click();
    await confirmPop(page);
    await page.getByTestId('handover-result').getByText('已交接 15 个包裹给顺丰').waitFor();
    await expect.poll(() => count('toHandOver')).toBe(7);
    await screenshot(page, 'shipping-handed-over');
    await page.close();
  });

  it('a shipment the shop refuses shows on the shop\'s health on the channels screen, in the shop\'s words', async () => {
    sim.shipments.refuse.set(ready[22]!, '买家已申请退款，暂停发货');
    const warehouse = await apiLogin(host.url, 'warehouse');
    expect(await api(host.url, warehouse, 'shipping.scan', { orderNo: ready[22]!, trackingNo: 'SF1500000000022' })).toMatchObject({ ok: true });
    const page = await browser.newPage();
    await signIn(page, host.url, 'owner');
    await page.goto(`${host.url}/#/channels`);
    const shop = page.locator('[data-testid^="health-"]', { hasText: '发货回传被平台拒绝' });
    await shop.getByTestId('confirm-refused').getByText('近 7 天 1 单发货回传被平台拒绝').waitFor({ timeout: 60_000 });
    await shop.getByTestId('confirm-last').getByText(`订单 ${ready[22]}（运单 SF1500000000022）：平台拒绝：买家已申请退款，暂停发货`).waitFor();
    await screenshot(page, 'channels-confirm-refused');
    expect(sim.shipments.of(ready[22]!)).toHaveLength(0);
    await page.close();
  });
});
