import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, launchBrowser, openedDialog, screenshot, signIn } from '../helpers/browser';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { startHost, type HostProcess } from '../helpers/host-process';
import { startDouyinSim, type DouyinSim } from '../sim/douyin';
import { startTaobaoSim, type TaobaoSim } from '../sim/taobao';

/**
 * Issue #15 items 11–13 in Chromium: 授权 for a direct platform (Douyin self-use) with one click,
 * the callback flow's browser step (Chromium follows the authorise URL to the simulator, which
 * redirects to the team cloud's callback), mapping an unknown status word, and demo shops that
 * look alive with tabs a merchant understands.
 */
let host: HostProcess;
let browser: BrowserContext;
let cloud: TestCloud;
let douyin: DouyinSim;
let taobao: TaobaoSim;

beforeAll(async () => {
  cloud = await startTestCloud('pglite');
  douyin = await startDouyinSim({ seed: 31 });
  douyin.store.generate(15, { from: Date.now() - 2 * 3600_000, to: Date.now() - 5 * 60_000, seed: 31 });
  taobao = await startTaobaoSim({ seed: 32 });
  const trades = taobao.store.generate(10, { from: Date.now() - 2 * 3600_000, to: Date.now() - 5 * 60_000, seed: 32 });
  trades[3]!.status = 'TRADE_GROUP_BUYING'; // a word the status dictionary does not know
  for (const l of trades[3]!.lines) l.status = 'TRADE_GROUP_BUYING';
  host = await startHost(['--demo', '300']);
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await douyin?.stop();
  await taobao?.stop();
  await cloud?.close();
});

async function api<T>(page: Page, name: string, input: unknown): Promise<T> {
  return page.evaluate(async ([n, i]) => {
    const token = sessionStorage.getItem('orderhub.token');
    const res = await fetch(`/api/${n}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(i) });
    const body = (await res.json()) as { data?: unknown; error?: { message: string } };
    if (body.error) throw new Error(`${n}: ${body.error.message}`);
    return body.data;
  }, [name, input] as const) as Promise<T>;
}

async function channelsPage(): Promise<Page> {
  const page = await browser.newPage();
  await signIn(page, host.url, 'owner');
  await page.goto(`${host.url}/#/channels`);
  await page.getByTestId('channels-table').waitFor();
  return page;
}

/** The text a person reads on the screen has no developer words (snake_case field keys, `credential`). */
async function noDeveloperWords(page: Page): Promise<void> {
  const text = await page.locator('.ant-layout-content').first().innerText();
  expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b|credential|undefined/);
}

describe('shops connect like a merchant expects', () => {
  it('demo shops look alive: running, last poll, reconciliation windows, tabs named 对账 / 待处理数据', async () => {
    const page = await channelsPage();
    const rows = page.getByTestId('channels-table').locator('tbody .ant-table-row');
    await expect.poll(() => rows.count()).toBe(6);
    await expect.poll(() => page.getByTestId('channel-demo').count()).toBe(6);
    await expect.poll(async () => (await page.getByTestId('channel-state').allTextContents()).every((s) => s === '正常')).toBe(true);
    const first = rows.first();
    // It has a last poll: the demo shops tick from the writer's start, a moment after the page may have read the list.
    await expect.poll(async () => {
      if (!(await first.innerText()).includes('从未')) return '';
      await page.reload();
      await rows.first().waitFor();
      return first.innerText();
    }, { timeout: 60_000, interval: 2000 }).not.toContain('从未');
    await first.locator('.ant-table-row-expand-icon').click();
    await page.getByRole('tab', { name: '对账' }).waitFor();
    await page.getByRole('tab', { name: /待处理数据/ }).waitFor();
    await page.getByRole('tab', { name: /未识别状态/ }).waitFor();
    await page.getByTestId('coverage-view').locator('[data-testid="coverage-cell-ok"]').first().waitFor();
    expect(await page.getByTestId('coverage-gap').count()).toBe(0);
    await noDeveloperWords(page);
    await screenshot(page, 'channels-demo-alive-1366');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'channels-demo-alive-1920');
    await page.close();
  });

  it('Douyin self-use: the form says where each value is found; 授权 is one click, no browser; the shop then polls', async () => {
    const page = await channelsPage();
    await api(page, 'workspace.setCustomEndpoints', { enabled: true });
    const { app_key, app_secret, shop_id } = douyin.credentials;
    const shop = await api<{ id: string }>(page, 'channels.create', { kind: 'douyin', name: '抖店自营店', config: { app_key, app_secret, shop_id, endpoint: douyin.url } });
    const health = page.getByTestId(`health-${shop.id}`);
    await health.waitFor();
    // Before 授权 the poller's attempt says what is missing, in words.
    await expect.poll(() => health.innerText(), { timeout: 30_000 }).toContain('尚未授权：授权令牌为空，请点击“授权”');

    await page.getByTestId(`health-${shop.id}`).locator('xpath=ancestor::tr').getByRole('button', { name: /编\s*辑/ }).click();
    const dialog = await openedDialog(page);
    await dialog.getByText('在 抖店开放平台 › 控制台 › 应用管理 › 应用信息 中').first().waitFor();
    const formText = await dialog.innerText();
    expect(formText).toContain('App Secret');
    expect(formText).toContain('店铺 ID');
    expect(await dialog.locator('#cred-access_token').getAttribute('placeholder')).toBe('授权后自动填写');
    expect(formText).not.toMatch(/app_key|app_secret|shop_id|access_token/);
    await screenshot(page, 'channels-auth-form-labels');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();

    await page.getByTestId(`authorize-${shop.id}`).click();
    await page.getByText(/授权成功：模拟抖音小店，令牌有效至 \d{4}-\d{2}-\d{2}/).waitFor();
    await expect.poll(() => health.innerText(), { timeout: 30_000 }).toMatch(/授权有效至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(douyin.oauth.tokenLog.map((t) => t.grant)).toEqual(['authorization_self']);
    await page.getByTestId(`health-${shop.id}`).locator('xpath=ancestor::tr').getByRole('button', { name: '立即拉取' }).click();
    await page.getByText(/拉取完成：获取 \d+/).first().waitFor({ timeout: 60_000 });
    await expect.poll(() => health.getByTestId('channel-state').textContent()).toBe('正常');
    await noDeveloperWords(page);
    await screenshot(page, 'channels-auth-direct-done');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'channels-auth-direct-done-1920');
    await page.close();
  });

  it('Taobao: 授权 opens the platform page; Chromium follows it to the simulator, which redirects to the team cloud; the token reaches this PC; an unknown status is then mapped', async () => {
    const page = await channelsPage();
    const ws = await cloud.newWorkspace('华东旗舰店团队');
    await api(page, 'sync.enroll', { url: cloud.url, code: ws.code, name: '前台电脑' });
    await api(page, 'workspace.setCustomEndpoints', { enabled: true });
    const shop = await api<{ id: string }>(page, 'channels.create', {
      kind: 'taobao', name: '天猫旗舰店', config: { app_key: taobao.credentials.app_key, app_secret: taobao.credentials.app_secret, endpoint: taobao.url },
    });
    const row = page.getByTestId(`health-${shop.id}`).locator('xpath=ancestor::tr');
    await row.waitFor();

    const popup = browser.waitForEvent('page');
    await page.getByTestId(`authorize-${shop.id}`).click();
    const platformTab = await popup;
    // The platform approves and sends the browser to the cloud's callback.
    await platformTab.getByText('授权已送达 OrderHub').waitFor({ timeout: 30_000 });
    expect(platformTab.url()).toContain(`${cloud.url}/v1/platform-auth/callback?code=`);
    await screenshot(platformTab, 'channels-auth-callback-page');
    await platformTab.close();

    const dialog = page.getByTestId('authorize-flow');
    await dialog.getByText('授权成功').waitFor({ timeout: 30_000 });
    await screenshot(page, 'channels-auth-callback-done');
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toMatch(/授权有效至/);
    expect(taobao.oauth.tokenLog.map((t) => t.grant)).toEqual(['authorization_code']);
    expect((await cloud.store.query('SELECT 1 FROM platform_auth_flows')).rows).toHaveLength(0);

    // The poller starts at once after 授权; 立即拉取 joins or follows it.
    await row.getByRole('button', { name: '立即拉取' }).click();
    await page.getByText(/拉取完成：获取 \d+/).first().waitFor({ timeout: 60_000 });
    await row.getByText('1 个平台状态未识别').waitFor({ timeout: 30_000 });
    await row.locator('.ant-table-row-expand-icon').click();
    await page.getByRole('tab', { name: /未识别状态/ }).click();
    await page.getByTestId('unmapped-list').getByText('TRADE_GROUP_BUYING').waitFor();
    await page.getByTestId('unmapped-list').getByRole('button', { name: '设置对应状态' }).click();
    const map = await openedDialog(page);
    await chooseOption(page, map.locator('.ant-select').filter({ has: page.locator('#map-standard') }), '平台已付款');
    await map.locator('#map-zh').fill('拼团中');
    await screenshot(page, 'channels-map-status');
    await map.getByRole('button', { name: /保存并重新处理/ }).click();
    await page.getByText('已保存：拼团中 → 平台已付款，重新处理 1 张订单').waitFor();
    await page.getByTestId('status-overrides').getByText('拼团中').waitFor();
    await expect.poll(() => row.innerText()).not.toContain('个平台状态未识别');
    await screenshot(page, 'channels-map-status-done');
    await page.close();
  });
});
