import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, launchBrowser, screenshot, signIn } from '../helpers/browser';
import { startHost, type HostProcess } from '../helpers/host-process';
import { startTaobaoSim, type TaobaoSim } from '../sim/taobao';

const ORDERS = 60;
let host: HostProcess;
let browser: BrowserContext;
let sim: TaobaoSim;
let badTid: string;
let slowSim: TaobaoSim;

beforeAll(async () => {
  sim = await startTaobaoSim({ seed: 21 });
  const made = sim.store.generate(ORDERS, { from: Date.now() - 3 * 3600_000, to: Date.now() - 5 * 60_000, seed: 21 });
  // One trade with a payment the connector cannot read: it must land in quarantine, verbatim.
  badTid = made[7]!.id;
  made[7]!.paymentFen = Number.NaN;
  // A second shop whose platform answers slowly: its three-day backfill is still running when we look.
  slowSim = await startTaobaoSim({ seed: 22 });
  slowSim.store.generate(300, { from: Date.now() - 3 * 86_400_000, to: Date.now() - 3600_000, seed: 22 });
  slowSim.misbehave('slow', { probability: 1, ms: 400 });
  host = await startHost(['--demo', '0']);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await sim?.stop();
  await slowSim?.stop();
});

async function api<T>(page: Page, name: string, input: unknown): Promise<T> {
  return page.evaluate(async ([n, i]) => {
    const token = sessionStorage.getItem('orderhub.token');
    const res = await fetch(`/api/${n}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(i) });
    return ((await res.json()) as { data: unknown }).data;
  }, [name, input] as const) as Promise<T>;
}

describe('channels in Chromium', () => {
  it('owner adds a Taobao shop pointing at the simulator, polls, and sees orders, health, coverage and the quarantined payload', async () => {
    const page = await browser.newPage();
    await signIn(page, host.url, 'owner');
    await page.goto(`${host.url}/#/channels`);
    // The simulator is not Taobao's official host: the owner allows custom endpoints first (asked to confirm).
    await page.getByTestId('custom-endpoints').getByRole('switch').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('已允许自定义接口地址').first().waitFor();
    // The switch shows the setting as read back after the save.
    await expect.poll(() => page.getByTestId('custom-endpoints').getByRole('switch').getAttribute('aria-checked'), { timeout: 15_000 }).toBe('true');
    await page.getByTestId('channel-add').click();
    const form = page.getByTestId('channel-form');
    await chooseOption(page, form.getByTestId('channel-kind'), '淘宝/天猫');
    await page.locator('#channel-name').fill('天猫旗舰店');
    await page.locator('#cred-app_key').fill(sim.credentials.app_key);
    await page.locator('#cred-app_secret').fill(sim.credentials.app_secret);
    await page.locator('#cred-session').fill(sim.credentials.session);
    await page.locator('#channel-endpoint').fill(sim.url);
    await screenshot(page, 'channels-add-shop');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('channels-table').getByText('天猫旗舰店').waitFor();

    // The secret never comes back: the list carries which secrets are set, not their values.
    const listed = await api<unknown[]>(page, 'channels.list', {});
    expect(JSON.stringify(listed)).not.toContain(sim.credentials.app_secret);
    expect(JSON.stringify(listed)).not.toContain(sim.credentials.session);

    await page.getByRole('button', { name: '立即拉取' }).click();
    await page.getByText(/拉取完成：获取 \d+，新增 \d+/).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('channel-state').first().textContent()).toBe('正常');
    await page.getByText(/1 条数据待处理/).waitFor();
    await screenshot(page, 'channels-health');

    // Coverage: days × windows, no gaps.
    await page.locator('.ant-table-row-expand-icon').first().click();
    await page.getByTestId('coverage-view').locator('[data-testid="coverage-cell-ok"]').first().waitFor();
    expect(await page.getByTestId('coverage-gap').count()).toBe(0);
    await screenshot(page, 'channels-coverage');

    // The quarantined payload with its reason, under a name a merchant reads.
    await page.getByRole('tab', { name: /待处理数据/ }).click();
    const q = page.getByTestId('quarantine-list');
    await q.getByText(badTid).waitFor();
    await expect.poll(() => q.locator('tbody').textContent()).toContain('payment');
    await screenshot(page, 'channels-quarantine');

    // The orders arrived: through the API, and in the orders grid.
    const pageData = await api<{ total: number }>(page, 'orders.page', { startRow: 0, endRow: 10 });
    expect(pageData.total).toBe(ORDERS - 1);
    await page.goto(`${host.url}/#/orders`);
    await page.getByText(`共 ${ORDERS - 1} 单`).waitFor({ timeout: 30_000 });
    await screenshot(page, 'channels-orders-grid');
    await page.close();
  });

  it('shows a progress indicator while a backfill runs, and pausing stops it', async () => {
    const page = await browser.newPage();
    await signIn(page, host.url, 'owner');
    await page.goto(`${host.url}/#/channels`);
    await api(page, 'workspace.setCustomEndpoints', { enabled: true });
    const shop = await api<{ id: string }>(page, 'channels.create', {
      kind: 'taobao', name: '慢速补拉店', config: { ...slowSim.credentials, endpoint: slowSim.url, backfillFrom: Date.now() - 3 * 86_400_000 },
    });
    const health = page.getByTestId(`health-${shop.id}`);
    await health.getByTestId('backfill-progress').waitFor({ timeout: 30_000 });
    await expect.poll(async () => Number(/(\d+)%/.exec((await health.getByTestId('backfill-progress').textContent()) ?? '')?.[1]), { timeout: 30_000 }).toBeGreaterThan(0);
    await screenshot(page, 'channels-backfill-progress');
    await api(page, 'channels.pause', { id: shop.id });
    await expect.poll(() => health.getByTestId('channel-state').textContent(), { timeout: 15_000 }).toBe('已暂停');
    // The running backfill stops between windows instead of carrying on.
    const polling = async () => (await api<{ id: string; health: { polling: boolean } }[]>(page, 'channels.list', {})).find((c) => c.id === shop.id)!.health.polling;
    await expect.poll(polling, { timeout: 15_000 }).toBe(false);
    await page.close();
  });
});
